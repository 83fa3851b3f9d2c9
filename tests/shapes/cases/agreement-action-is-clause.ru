# expect: dksh:Agreement-actions agreement:treaty-2024 Violation
# An action that is a clause.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX person: <https://w3id.org/diplokg/id/person/>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>
PREFIX clause: <https://w3id.org/diplokg/id/clause/>

INSERT DATA { agreement:treaty-2024 dk:action clause:treaty-2024-defence }
