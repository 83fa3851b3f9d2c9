# expect: dksh:Agreement-clauses agreement:treaty-2024 Violation
# A clause that is an evidence quote.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

INSERT DATA { agreement:treaty-2024 dk:clause evidence:treaty-2024 }
