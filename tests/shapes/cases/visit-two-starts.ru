# expect: dksh:Fact-start visit:putin-2024 Violation
# A visit with two start dates.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

INSERT DATA { visit:putin-2024 dk:startDate "2024-06-19"^^xsd:date }
