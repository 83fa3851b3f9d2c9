# expect: dksh:Evidence-source evidence:putin Violation
# One quote cannot come from two sources: each source's quote is its own evidence node.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX source: <https://w3id.org/diplokg/id/source/>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>

INSERT DATA {
    source:kcna a dk:Source ; rdfs:label "Putin arrives in Pyongyang" ; dk:publisher "KCNA" .
    evidence:putin dk:source source:kcna .
}
