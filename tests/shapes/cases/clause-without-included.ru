# expect: dksh:Clause-included clause:treaty-2000-intervention Violation
# A clause that does not say whether it is included.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX clause: <https://w3id.org/diplokg/id/clause/>

DELETE DATA { clause:treaty-2000-intervention dk:included false }
