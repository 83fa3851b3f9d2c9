# expect: dksh:Visit-visitors visit:putin-2024 Violation
# A visitor that is a state; the state belongs nowhere in visitors.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX person: <https://w3id.org/diplokg/id/person/>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

DELETE DATA { visit:putin-2024 dk:visitor person:putin } ;
INSERT DATA { visit:putin-2024 dk:visitor state:russia }
