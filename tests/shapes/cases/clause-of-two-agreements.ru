# expect: dksh:Clause-agreement clause:treaty-2024-defence Violation
# A clause shared by two agreements.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>
PREFIX clause: <https://w3id.org/diplokg/id/clause/>

INSERT DATA { agreement:treaty-2000 dk:clause clause:treaty-2024-defence }
