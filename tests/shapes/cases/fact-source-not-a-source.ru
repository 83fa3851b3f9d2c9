# expect: dksh:Evidence-source evidence:putin Violation
# An evidence quote whose source is a state, not a declared source.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX source: <https://w3id.org/diplokg/id/source/>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>
PREFIX state: <https://w3id.org/diplokg/id/state/>

DELETE DATA { evidence:putin dk:source source:cnn } ;
INSERT DATA { evidence:putin dk:source state:russia }
