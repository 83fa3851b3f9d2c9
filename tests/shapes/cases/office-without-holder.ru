# expect: dksh:Office-holder office:kim-jong-il-leader Violation
# expect: dksh:PersonRecommended-offices person:kim-jong-il Warning
# An office nobody holds; its former holder is left without an office.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX person: <https://w3id.org/diplokg/id/person/>
PREFIX office: <https://w3id.org/diplokg/id/office/>

DELETE DATA { person:kim-jong-il dk:holdsOffice office:kim-jong-il-leader }
