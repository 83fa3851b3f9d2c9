# expect: dksh:Fact-label place:pyongyang Violation
# A place with no name.
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX place: <https://w3id.org/diplokg/id/place/>

DELETE DATA { place:pyongyang rdfs:label "Pyongyang" }
