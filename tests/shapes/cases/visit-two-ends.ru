# expect: dksh:Fact-end visit:putin-2000 Violation
# A visit with two end dates.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

INSERT DATA { visit:putin-2000 dk:endDate "2000-07-21"^^xsd:date }
