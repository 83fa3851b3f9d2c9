# expect: dksh:Fact-end-after-start office:putin-president Violation
# An office that ends (1999) before it starts (2000-05-07).
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX office: <https://w3id.org/diplokg/id/office/>

DELETE WHERE { office:putin-president dk:endDate ?d ; dk:endEarliest ?e ; dk:endLatest ?l } ;
INSERT DATA {
    office:putin-president dk:endDate "1999"^^xsd:gYear ;
        dk:endEarliest "1999-01-01"^^xsd:date ; dk:endLatest "1999-12-31"^^xsd:date .
}
