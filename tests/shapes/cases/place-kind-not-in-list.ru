# expect: dksh:Place-kind place:pyongyang Violation
# A place kind from another concept scheme.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX placekind: <https://w3id.org/diplokg/vocab/place-kind/>
PREFIX visitkind: <https://w3id.org/diplokg/vocab/visit-kind/>
PREFIX place: <https://w3id.org/diplokg/id/place/>

DELETE DATA { place:pyongyang dk:placeKind placekind:city } ;
INSERT DATA { place:pyongyang dk:placeKind visitkind:state }
