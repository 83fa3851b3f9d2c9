# expect: dksh:State-historical state:north-korea Violation
# historical written as "yes" instead of a boolean.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX state: <https://w3id.org/diplokg/id/state/>

DELETE DATA { state:north-korea dk:historical false } ;
INSERT DATA { state:north-korea dk:historical "yes" }
