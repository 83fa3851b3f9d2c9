# expect: dksh:Place-capital-of place:pyongyang Violation
# A city that is the capital of two states.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX place: <https://w3id.org/diplokg/id/place/>

INSERT DATA { place:pyongyang dk:capitalOf state:russia }
