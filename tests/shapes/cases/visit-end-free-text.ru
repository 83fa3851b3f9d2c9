# expect: dksh:Fact-end visit:putin-2000 Violation
# An end date written as free text.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

DELETE DATA { visit:putin-2000 dk:endDate "2000-07-20"^^xsd:date } ;
INSERT DATA { visit:putin-2000 dk:endDate "20 July 2000" }
