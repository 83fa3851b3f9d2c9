# expect: dksh:Place-located-in place:pyongyang Violation
# A place located in a person.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX person: <https://w3id.org/diplokg/id/person/>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX place: <https://w3id.org/diplokg/id/place/>

DELETE DATA { place:pyongyang dk:locatedIn state:north-korea } ;
INSERT DATA { place:pyongyang dk:locatedIn person:kim-jong-un }
