# expect: dksh:Evidence-selector evidence:putin Violation
# A selector that is another evidence quote.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>
PREFIX state: <https://w3id.org/diplokg/id/state/>

INSERT DATA { evidence:putin oa:hasSelector evidence:russia }
