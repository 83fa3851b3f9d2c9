# expect: dksh:Agreement-signed-during agreement:treaty-2024 Violation
# An agreement signed during an event, not a visit.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX person: <https://w3id.org/diplokg/id/person/>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX place: <https://w3id.org/diplokg/id/place/>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>
PREFIX event: <https://w3id.org/diplokg/id/event/>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

DELETE DATA { agreement:treaty-2024 dk:signedDuring visit:putin-2024 } ;
INSERT DATA { agreement:treaty-2024 dk:signedDuring event:putin-2024-welcome }
