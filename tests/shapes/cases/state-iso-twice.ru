# expect: dksh:State-iso state:russia Violation
# A state with two ISO codes.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX state: <https://w3id.org/diplokg/id/state/>

INSERT DATA { state:russia dk:isoCode "SU" }
