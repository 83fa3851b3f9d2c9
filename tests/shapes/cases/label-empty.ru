# expect: dksh:Fact-label source:cnn Violation
# A source with an empty title.
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX source: <https://w3id.org/diplokg/id/source/>

DELETE DATA { source:cnn rdfs:label "Pyongyang welcomes Putin with fanfare" } ;
INSERT DATA { source:cnn rdfs:label "" }
