# expect: dksh:PersonRecommended-offices person:putin Warning
# A person with no office at all: a warning, not a violation.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX person: <https://w3id.org/diplokg/id/person/>

DELETE WHERE { person:putin dk:holdsOffice ?office . ?office ?p ?o } ;
# and the capacity that names the office
DELETE WHERE { ?capacity dk:heldOffice ?held }
