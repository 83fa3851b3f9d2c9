# expect: dksh:Fact-end event:putin-2024-welcome Violation
# An event with two end dates.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX event: <https://w3id.org/diplokg/id/event/>

INSERT DATA { event:putin-2024-welcome dk:endDate "2024-06-20"^^xsd:date }
