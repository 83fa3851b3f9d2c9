# expect: dksh:State-succeeds state:russia Violation
# A state that succeeds a city.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX place: <https://w3id.org/diplokg/id/place/>

INSERT DATA { state:russia dk:succeeds place:pyongyang }
