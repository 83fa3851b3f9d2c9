# expect: dksh:Clause-included clause:treaty-2024-defence Violation
# included written as "yes" instead of a boolean.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX clause: <https://w3id.org/diplokg/id/clause/>

DELETE DATA { clause:treaty-2024-defence dk:included true } ;
INSERT DATA { clause:treaty-2024-defence dk:included "yes" }
