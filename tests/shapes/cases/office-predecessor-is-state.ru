# expect: dksh:Office-predecessor office:kim-jong-un-leader Violation
# A predecessor that is a state.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX person: <https://w3id.org/diplokg/id/person/>
PREFIX office: <https://w3id.org/diplokg/id/office/>
PREFIX state: <https://w3id.org/diplokg/id/state/>

DELETE DATA { office:kim-jong-un-leader dk:predecessor person:kim-jong-il } ;
INSERT DATA { office:kim-jong-un-leader dk:predecessor state:north-korea }
