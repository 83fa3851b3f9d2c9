# A state taken from two sources (facts merged from several files have several).
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX source: <https://w3id.org/diplokg/id/source/>
PREFIX state: <https://w3id.org/diplokg/id/state/>

INSERT DATA {
    source:kcna a dk:Source ; rdfs:label "Putin arrives in Pyongyang" ; dk:publisher "KCNA" .
    state:russia dk:source source:kcna .
}
