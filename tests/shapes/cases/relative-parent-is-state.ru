# expect: dksh:Person-relatives person:kim-jong-un Violation
# A parent that is a state.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX person: <https://w3id.org/diplokg/id/person/>
PREFIX state: <https://w3id.org/diplokg/id/state/>

DELETE DATA { person:kim-jong-un dk:parent person:kim-jong-il } ;
INSERT DATA { person:kim-jong-un dk:parent state:north-korea }
