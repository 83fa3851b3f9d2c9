# expect: dksh:Visit-destination visit:putin-2000 Violation
# A visit with no destination.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

DELETE DATA { visit:putin-2000 dk:destination state:north-korea }
