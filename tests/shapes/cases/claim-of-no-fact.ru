# expect: dksh:Claim-fact claim:putin-2000-kind-2 Violation
# A claim no fact makes.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX claim: <https://w3id.org/diplokg/id/claim/>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

DELETE DATA { visit:putin-2000 dk:claim claim:putin-2000-kind-2 }
