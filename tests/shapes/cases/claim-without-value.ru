# expect: dksh:Claim-value claim:putin-2000-kind-2 Violation
# A claim with no value.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX claim: <https://w3id.org/diplokg/id/claim/>
PREFIX visitkind: <https://w3id.org/diplokg/vocab/visit-kind/>

DELETE DATA { claim:putin-2000-kind-2 dk:claimedValue visitkind:state }
