# expect: dksh:Fact-start visit:putin-2000 Violation
# xfail: pyshacl 0.40.1 sh:datatype does not report ill-formed xsd:gYearMonth literals; the shape is right
# A start month that does not exist, typed xsd:gYearMonth.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

DELETE DATA { visit:putin-2000 dk:startDate "2000-07-19"^^xsd:date } ;
INSERT DATA { visit:putin-2000 dk:startDate "2000-13"^^xsd:gYearMonth }
