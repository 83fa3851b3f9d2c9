# expect: dksh:Fact-label person:putin Violation
# A name written as a language-tagged string instead of a plain string.
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX person: <https://w3id.org/diplokg/id/person/>

DELETE DATA { person:putin rdfs:label "Vladimir Putin" } ;
INSERT DATA { person:putin rdfs:label "Vladimir Putin"@en }
