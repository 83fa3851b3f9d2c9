# expect: dksh:Visit-destination visit:putin-2024 Violation
# A visit with two destinations.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

INSERT DATA { visit:putin-2024 dk:destination state:russia }
