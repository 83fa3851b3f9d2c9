# expect: dksh:Visit-duration visit:putin-2000 Violation
# A duration written as free text instead of xsd:duration.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

DELETE DATA { visit:putin-2000 dk:duration "P2D"^^xsd:duration } ;
INSERT DATA { visit:putin-2000 dk:duration "two days" }
