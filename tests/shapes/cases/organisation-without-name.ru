# expect: dksh:Fact-label <https://w3id.org/diplokg/id/organisation/european-union> Violation
# An organisation with no name.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX person: <https://w3id.org/diplokg/id/person/>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>
PREFIX clause: <https://w3id.org/diplokg/id/clause/>

DELETE DATA { <https://w3id.org/diplokg/id/organisation/european-union> rdfs:label "European Union" }
