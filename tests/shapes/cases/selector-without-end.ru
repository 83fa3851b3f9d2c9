# expect: dksh:TextPositionSelector-end evidence:putin-position Violation
# A position with no end.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>
PREFIX state: <https://w3id.org/diplokg/id/state/>

DELETE DATA { evidence:putin-position oa:end "32"^^xsd:integer }
