# expect: dksh:Person-offices person:putin Violation
# An office that is a state, not an office holding.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX person: <https://w3id.org/diplokg/id/person/>
PREFIX state: <https://w3id.org/diplokg/id/state/>

INSERT DATA { person:putin dk:holdsOffice state:russia }
