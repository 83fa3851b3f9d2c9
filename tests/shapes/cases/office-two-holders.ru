# expect: dksh:Office-holder office:kim-jong-il-leader Violation
# One office holding shared by two persons.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX person: <https://w3id.org/diplokg/id/person/>
PREFIX office: <https://w3id.org/diplokg/id/office/>

INSERT DATA { person:kim-jong-un dk:holdsOffice office:kim-jong-il-leader }
