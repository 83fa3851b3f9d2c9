# An office that starts in December 2011 and ends on 1 December 2011.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX office: <https://w3id.org/diplokg/id/office/>

INSERT DATA {
    office:kim-jong-un-leader dk:endDate "2011-12-01"^^xsd:date ;
        dk:endEarliest "2011-12-01"^^xsd:date ; dk:endLatest "2011-12-01"^^xsd:date .
}
