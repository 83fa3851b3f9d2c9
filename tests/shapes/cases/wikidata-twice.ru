# expect: dksh:Fact-wikidata state:russia Violation
# A state with two Wikidata items.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX state: <https://w3id.org/diplokg/id/state/>

INSERT DATA { state:russia dk:wikidata wd:Q2184 }
