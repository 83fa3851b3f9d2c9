# expect: dksh:Visit-hosts visit:putin-2024 Violation
# A host that is a state; the host state goes in dk:destination.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

INSERT DATA { visit:putin-2024 dk:host state:north-korea }
