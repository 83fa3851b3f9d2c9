# expect: dksh:Agreement-expected agreement:treaty-2024 Violation
# An agreement with two expected signing dates.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

INSERT DATA {
    agreement:treaty-2024 dk:expectedSigningDate "2024-06"^^xsd:gYearMonth , "2024"^^xsd:gYear .
}
