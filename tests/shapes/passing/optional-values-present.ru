# Optional values the valid graph lacks: a historical state that another succeeds,
# a place inside a place, other relatives, an expected agreement, a Wikidata item.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX placekind: <https://w3id.org/diplokg/vocab/place-kind/>
PREFIX source: <https://w3id.org/diplokg/id/source/>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>
PREFIX person: <https://w3id.org/diplokg/id/person/>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX place: <https://w3id.org/diplokg/id/place/>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

INSERT DATA {
    evidence:soviet-union a dk:Evidence ; dk:quote "as the Soviet Union collapsed" ;
        dk:source source:cnn .
    state:soviet-union a dk:State ; rdfs:label "Soviet Union" ; dk:isoCode "SU" ;
        dk:historical true ; dk:wikidata wd:Q15180 ;
        dk:source source:cnn ; dk:evidence evidence:soviet-union .
    state:russia dk:succeeds state:soviet-union .
    place:kim-il-sung-square a dk:Place ; rdfs:label "Kim Il Sung Square" ;
        dk:placeKind placekind:square ; dk:locatedIn place:pyongyang ;
        dk:source source:cnn ; dk:evidence evidence:pyongyang .
    visit:putin-2024 dk:place place:kim-il-sung-square .
    person:kim-jong-il dk:child person:kim-jong-un .
    person:kim-jong-un dk:sibling person:kim-jong-il ; dk:grandparent person:kim-jong-il ;
        dk:spouse person:kim-jong-il .
    agreement:treaty-2024 dk:expectedSigningDate "2024"^^xsd:gYear .
    agreement:treaty-2000 dk:expectedSigningDate "2000-02"^^xsd:gYearMonth .
}
