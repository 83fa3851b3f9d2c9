# expect: dksh:Fact-source agreement:treaty-2000 Violation
# expect: dksh:Fact-evidence agreement:treaty-2000 Violation
# An agreement with neither source nor evidence: both are reported.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

DELETE WHERE { agreement:treaty-2000 dk:source ?source ; dk:evidence ?evidence }
