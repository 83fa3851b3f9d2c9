# expect: dksh:State-historical state:north-korea Violation
# A state both historical and not.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX state: <https://w3id.org/diplokg/id/state/>

INSERT DATA { state:north-korea dk:historical true }
