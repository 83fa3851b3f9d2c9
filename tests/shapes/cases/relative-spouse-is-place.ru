# expect: dksh:Person-relatives person:putin Violation
# A spouse that is a place.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX person: <https://w3id.org/diplokg/id/person/>
PREFIX place: <https://w3id.org/diplokg/id/place/>

INSERT DATA { person:putin dk:spouse place:pyongyang }
