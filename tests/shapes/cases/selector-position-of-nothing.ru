# expect: dksh:TextPositionSelector-evidence evidence:loose-position Violation
# A position that no evidence quote has.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>
PREFIX state: <https://w3id.org/diplokg/id/state/>

INSERT DATA { evidence:loose-position a oa:TextPositionSelector ;
    oa:start "0"^^xsd:integer ; oa:end "1"^^xsd:integer }
