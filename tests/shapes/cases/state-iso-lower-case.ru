# expect: dksh:State-iso state:north-korea Violation
# An ISO code in lower case.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX state: <https://w3id.org/diplokg/id/state/>

DELETE DATA { state:north-korea dk:isoCode "KP" } ;
INSERT DATA { state:north-korea dk:isoCode "kp" }
