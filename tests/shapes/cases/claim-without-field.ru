# expect: dksh:Claim-field claim:putin-2000-kind-1 Violation
# A claim that does not say which field it is about.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX claim: <https://w3id.org/diplokg/id/claim/>

DELETE DATA { claim:putin-2000-kind-1 dk:claimField "kind" }
