# expect: dksh:Decision-decided <https://w3id.org/diplokg/id/decision/treaty-2024-kind> Violation
# A decision dated in words.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>

DELETE DATA { <https://w3id.org/diplokg/id/decision/treaty-2024-kind> dk:decisionDate "2026-12-02"^^xsd:date } ;
INSERT DATA { <https://w3id.org/diplokg/id/decision/treaty-2024-kind> dk:decisionDate "yesterday" }
