# expect: dksh:Office-state office:putin-president Violation
# An office of two states.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX office: <https://w3id.org/diplokg/id/office/>
PREFIX state: <https://w3id.org/diplokg/id/state/>

INSERT DATA { office:putin-president dk:officeState state:north-korea }
