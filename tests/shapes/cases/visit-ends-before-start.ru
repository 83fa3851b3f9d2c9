# expect: dksh:Fact-end-after-start visit:putin-2024 Violation
# A visit that starts in June 2024 and ends in May 2024.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

DELETE WHERE { visit:putin-2024 dk:endDate ?d ; dk:endEarliest ?e ; dk:endLatest ?l } ;
INSERT DATA {
    visit:putin-2024 dk:endDate "2024-05"^^xsd:gYearMonth ;
        dk:endEarliest "2024-05-01"^^xsd:date ; dk:endLatest "2024-05-31"^^xsd:date .
}
