# expect: dksh:Evidence-text-source evidence:putin Violation
# A quote located in the text of a state, as well as in its source's.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>
PREFIX state: <https://w3id.org/diplokg/id/state/>

INSERT DATA { evidence:putin oa:hasSource state:russia }
