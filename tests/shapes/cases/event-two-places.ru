# expect: dksh:Event-place event:putin-2024-welcome Violation
# An event at two places.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX placekind: <https://w3id.org/diplokg/vocab/place-kind/>
PREFIX source: <https://w3id.org/diplokg/id/source/>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>
PREFIX place: <https://w3id.org/diplokg/id/place/>
PREFIX event: <https://w3id.org/diplokg/id/event/>

INSERT DATA {
    place:kim-il-sung-square a dk:Place ; rdfs:label "Kim Il Sung Square" ;
        dk:placeKind placekind:square ; dk:locatedIn place:pyongyang ;
        dk:source source:cnn ; dk:evidence evidence:pyongyang .
    event:putin-2024-welcome dk:place place:kim-il-sung-square .
}
