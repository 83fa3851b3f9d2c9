# expect: dksh:Evidence-quote evidence:putin Violation
# An evidence node with no quote.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>

DELETE DATA { evidence:putin dk:quote "Russian President Vladimir Putin" }
