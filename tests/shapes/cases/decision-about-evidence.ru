# expect: dksh:Decision-fact <https://w3id.org/diplokg/id/decision/treaty-2024-kind> Violation
# A decision about an evidence quote, not a fact.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>

DELETE DATA { <https://w3id.org/diplokg/id/decision/treaty-2024-kind> dk:decisionAbout <https://w3id.org/diplokg/id/agreement/treaty-2024> } ;
INSERT DATA { <https://w3id.org/diplokg/id/decision/treaty-2024-kind> dk:decisionAbout evidence:treaty-2024 }
