# expect: dksh:TextPositionSelector-start evidence:putin-position Violation
# A position before the first character.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>

DELETE DATA { evidence:putin-position oa:start "0"^^xsd:integer } ;
INSERT DATA { evidence:putin-position oa:start "-3"^^xsd:integer }
