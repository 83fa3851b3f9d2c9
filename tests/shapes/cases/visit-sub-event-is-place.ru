# expect: dksh:Visit-events visit:putin-2000 Violation
# A sub-event that is a place.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX place: <https://w3id.org/diplokg/id/place/>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

INSERT DATA { visit:putin-2000 dk:subEvent place:pyongyang }
