# expect: dksh:Visit-visitors visit:putin-2000 Violation
# A visit with no visitor.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX person: <https://w3id.org/diplokg/id/person/>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

DELETE DATA { visit:putin-2000 dk:visitor person:putin }
