# expect: dksh:Evidence-quote evidence:russia Violation
# Two quotes in one evidence node; each quote is its own node.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>

INSERT DATA { evidence:russia dk:quote "Russian President" }
