# expect: dksh:Place-capital-of place:pyongyang Violation
# A capital of a place rather than a state.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX place: <https://w3id.org/diplokg/id/place/>

DELETE DATA { place:pyongyang dk:capitalOf state:north-korea } ;
INSERT DATA { place:pyongyang dk:capitalOf place:pyongyang }
