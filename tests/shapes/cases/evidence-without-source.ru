# expect: dksh:Evidence-source evidence:visit-2000 Violation
# An evidence quote with no source.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX source: <https://w3id.org/diplokg/id/source/>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>

DELETE DATA { evidence:visit-2000 dk:source source:cnn }
