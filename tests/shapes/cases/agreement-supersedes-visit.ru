# expect: dksh:Agreement-supersedes agreement:treaty-2024 Violation
# An agreement that supersedes a visit.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

INSERT DATA { agreement:treaty-2024 dk:supersedes visit:putin-2000 }
