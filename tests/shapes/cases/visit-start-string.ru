# expect: dksh:Fact-start visit:putin-2000 Violation
# A start date typed xsd:string instead of xsd:gYear.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

DELETE DATA { visit:putin-2000 dk:startDate "2000-07-19"^^xsd:date } ;
INSERT DATA { visit:putin-2000 dk:startDate "2000"^^xsd:string }
