# expect: dksh:Fact-wikidata person:putin Violation
# A Wikidata page URL instead of the entity IRI.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX person: <https://w3id.org/diplokg/id/person/>

DELETE DATA { person:putin dk:wikidata wd:Q7747 } ;
INSERT DATA { person:putin dk:wikidata <https://www.wikidata.org/wiki/Q7747> }
