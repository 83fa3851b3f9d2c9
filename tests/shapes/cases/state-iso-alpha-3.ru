# expect: dksh:State-iso state:north-korea Violation
# A three-letter ISO code instead of the two-letter one.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX state: <https://w3id.org/diplokg/id/state/>

DELETE DATA { state:north-korea dk:isoCode "KP" } ;
INSERT DATA { state:north-korea dk:isoCode "PRK" }
