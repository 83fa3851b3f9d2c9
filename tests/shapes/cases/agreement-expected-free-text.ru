# expect: dksh:Agreement-expected agreement:treaty-2024 Violation
# An expected signing date written as free text.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

INSERT DATA { agreement:treaty-2024 dk:expectedSigningDate "soon" }
