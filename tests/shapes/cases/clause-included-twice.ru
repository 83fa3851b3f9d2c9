# expect: dksh:Clause-included clause:treaty-2000-intervention Violation
# A clause both included and not.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX clause: <https://w3id.org/diplokg/id/clause/>

INSERT DATA { clause:treaty-2000-intervention dk:included true }
