# expect: dksh:Action-kind <https://w3id.org/diplokg/id/agreement/treaty-2024/action/ratification-north-korea> Violation
# An action kind that is not in the action-kind list.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX person: <https://w3id.org/diplokg/id/person/>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>
PREFIX clause: <https://w3id.org/diplokg/id/clause/>

DELETE DATA { <https://w3id.org/diplokg/id/agreement/treaty-2024/action/ratification-north-korea> dk:actionKind <https://w3id.org/diplokg/vocab/action-kind/ratification> } ;
INSERT DATA { <https://w3id.org/diplokg/id/agreement/treaty-2024/action/ratification-north-korea> dk:actionKind <https://w3id.org/diplokg/vocab/action-kind/rumour> }
