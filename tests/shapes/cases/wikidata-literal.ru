# expect: dksh:Fact-wikidata place:pyongyang Violation
# A Wikidata id as a string instead of an IRI.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX place: <https://w3id.org/diplokg/id/place/>

DELETE DATA { place:pyongyang dk:wikidata wd:Q18808 } ;
INSERT DATA { place:pyongyang dk:wikidata "Q18808" }
