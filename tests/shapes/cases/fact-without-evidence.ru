# expect: dksh:Fact-evidence visit:putin-2000 Violation
# A visit with no evidence quote.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

DELETE DATA { visit:putin-2000 dk:evidence evidence:visit-2000 }
