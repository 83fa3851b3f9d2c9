# expect: dksh:Evidence-quote evidence:putin Violation
# An empty quote.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>

DELETE DATA { evidence:putin dk:quote "Russian President Vladimir Putin" } ;
INSERT DATA { evidence:putin dk:quote "" }
