# expect: dksh:TextQuoteSelector-exact evidence:putin-text-quote Violation
# A quote in context without its words.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>
PREFIX state: <https://w3id.org/diplokg/id/state/>

DELETE DATA { evidence:putin-text-quote oa:exact "Russian President Vladimir Putin" }
