# expect: dksh:Office-holder office:putin-president Violation
# expect: dksh:PersonRecommended-offices person:putin Warning
# An office held by a state instead of a person.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX person: <https://w3id.org/diplokg/id/person/>
PREFIX office: <https://w3id.org/diplokg/id/office/>
PREFIX state: <https://w3id.org/diplokg/id/state/>

DELETE DATA { person:putin dk:holdsOffice office:putin-president } ;
INSERT DATA { state:russia dk:holdsOffice office:putin-president }
