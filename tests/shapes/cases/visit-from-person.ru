# expect: dksh:Visit-from visit:putin-2024 Violation
# A visit from a person.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX person: <https://w3id.org/diplokg/id/person/>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX office: <https://w3id.org/diplokg/id/office/>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

DELETE DATA { visit:putin-2024 dk:fromState state:russia } ;
INSERT DATA { visit:putin-2024 dk:fromState person:putin }
