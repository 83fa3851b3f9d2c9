# expect: dksh:Decision-field <https://w3id.org/diplokg/id/decision/treaty-2024-kind> Violation
# A decision about two fields.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>

INSERT DATA { <https://w3id.org/diplokg/id/decision/treaty-2024-kind> dk:decisionField "status" }
