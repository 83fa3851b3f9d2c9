# A visit in the year 2000 that ends in March 2000: the dates overlap, so it
# does not end before it starts.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

DELETE WHERE {
    visit:putin-2000 dk:startDate ?sd ; dk:startEarliest ?se ; dk:startLatest ?sl ;
        dk:endDate ?ed ; dk:endEarliest ?ee ; dk:endLatest ?el .
} ;
INSERT DATA {
    visit:putin-2000 dk:startDate "2000"^^xsd:gYear ;
        dk:startEarliest "2000-01-01"^^xsd:date ; dk:startLatest "2000-12-31"^^xsd:date ;
        dk:endDate "2000-03"^^xsd:gYearMonth ;
        dk:endEarliest "2000-03-01"^^xsd:date ; dk:endLatest "2000-03-31"^^xsd:date .
}
