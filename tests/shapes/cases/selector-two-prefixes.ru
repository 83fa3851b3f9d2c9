# expect: dksh:TextQuoteSelector-prefix evidence:putin-text-quote Violation
# Two texts before one quote.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>
PREFIX state: <https://w3id.org/diplokg/id/state/>

INSERT DATA { evidence:putin-text-quote oa:prefix "As " , "When " }
