# expect: dksh:Decision-by <https://w3id.org/diplokg/id/decision/treaty-2024-kind> Violation
# A decision that says not who made it.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>

DELETE DATA { <https://w3id.org/diplokg/id/decision/treaty-2024-kind> dk:decidedBy "A. Analyst" }
