# expect: dksh:Visit-duration visit:putin-2000 Violation
# xfail: pyshacl 0.40.1 sh:datatype does not report ill-formed xsd:duration literals; the shape is right
# A duration in weeks: ISO 8601 has P2W, but xsd:duration has no weeks.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

DELETE DATA { visit:putin-2000 dk:duration "P2D"^^xsd:duration } ;
INSERT DATA { visit:putin-2000 dk:duration "P2W"^^xsd:duration }
