# expect: dksh:Place-kind place:pyongyang Violation
# A place with no kind.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX placekind: <https://w3id.org/diplokg/vocab/place-kind/>
PREFIX place: <https://w3id.org/diplokg/id/place/>

DELETE DATA { place:pyongyang dk:placeKind placekind:city }
