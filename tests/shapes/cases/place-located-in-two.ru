# expect: dksh:Place-located-in place:pyongyang Violation
# A place located in two states.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX place: <https://w3id.org/diplokg/id/place/>

INSERT DATA { place:pyongyang dk:locatedIn state:russia }
