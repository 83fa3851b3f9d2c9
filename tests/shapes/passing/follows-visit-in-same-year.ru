# A visit in 2000 (year only) that follows one on 2000-07-19: it may be later.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

DELETE WHERE {
    visit:putin-2024 dk:startDate ?sd ; dk:startEarliest ?se ; dk:startLatest ?sl ;
        dk:endDate ?ed ; dk:endEarliest ?ee ; dk:endLatest ?el .
} ;
INSERT DATA {
    visit:putin-2024 dk:startDate "2000"^^xsd:gYear ;
        dk:startEarliest "2000-01-01"^^xsd:date ; dk:startLatest "2000-12-31"^^xsd:date .
}
