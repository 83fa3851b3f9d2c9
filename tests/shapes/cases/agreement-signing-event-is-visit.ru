# expect: dksh:Agreement-signing-event agreement:treaty-2024 Violation
# An agreement signed at a visit, as if an event.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX person: <https://w3id.org/diplokg/id/person/>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX place: <https://w3id.org/diplokg/id/place/>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>
PREFIX event: <https://w3id.org/diplokg/id/event/>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

DELETE DATA { agreement:treaty-2024 dk:signedAtEvent event:putin-2024-welcome } ;
INSERT DATA { agreement:treaty-2024 dk:signedAtEvent visit:putin-2024 }
