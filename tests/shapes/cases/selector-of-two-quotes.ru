# expect: dksh:TextQuoteSelector-evidence evidence:putin-text-quote Violation
# One quote in context shared by two evidence quotes.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>
PREFIX state: <https://w3id.org/diplokg/id/state/>

INSERT DATA { evidence:russia oa:hasSelector evidence:putin-text-quote }
