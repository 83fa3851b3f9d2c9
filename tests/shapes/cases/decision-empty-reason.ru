# expect: dksh:Decision-why <https://w3id.org/diplokg/id/decision/treaty-2024-kind> Violation
# A decision with an empty reason.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>

DELETE DATA { <https://w3id.org/diplokg/id/decision/treaty-2024-kind> dk:reason "The text calls itself a treaty." } ;
INSERT DATA { <https://w3id.org/diplokg/id/decision/treaty-2024-kind> dk:reason "" }
