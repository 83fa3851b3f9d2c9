# expect: dksh:Fact-end-after-start event:putin-2024-welcome Violation
# An event that ends the day before it starts.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX event: <https://w3id.org/diplokg/id/event/>

DELETE WHERE { event:putin-2024-welcome dk:endDate ?d ; dk:endEarliest ?e ; dk:endLatest ?l } ;
INSERT DATA {
    event:putin-2024-welcome dk:endDate "2024-06-18"^^xsd:date ;
        dk:endEarliest "2024-06-18"^^xsd:date ; dk:endLatest "2024-06-18"^^xsd:date .
}
