# expect: dksh:TextPositionSelector-start evidence:putin-position Violation
# A start that is text, not a character offset.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>
PREFIX state: <https://w3id.org/diplokg/id/state/>

DELETE DATA { evidence:putin-position oa:start "0"^^xsd:integer } ;
INSERT DATA { evidence:putin-position oa:start "0" }
