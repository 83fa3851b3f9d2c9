# expect: dksh:Office-state office:kim-jong-un-leader Violation
# An office whose state is a city.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX office: <https://w3id.org/diplokg/id/office/>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX place: <https://w3id.org/diplokg/id/place/>

DELETE DATA { office:kim-jong-un-leader dk:officeState state:north-korea } ;
INSERT DATA { office:kim-jong-un-leader dk:officeState place:pyongyang }
