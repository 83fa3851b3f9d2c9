# expect: dksh:Office-state office:kim-jong-un-leader Violation
# An office with no state.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX office: <https://w3id.org/diplokg/id/office/>
PREFIX state: <https://w3id.org/diplokg/id/state/>

DELETE DATA { office:kim-jong-un-leader dk:officeState state:north-korea }
