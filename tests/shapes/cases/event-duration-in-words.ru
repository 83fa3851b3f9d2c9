# expect: dksh:Event-duration event:putin-2024-welcome Violation
# An event lasting two hours in words.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX person: <https://w3id.org/diplokg/id/person/>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX place: <https://w3id.org/diplokg/id/place/>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>
PREFIX event: <https://w3id.org/diplokg/id/event/>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

INSERT DATA { event:putin-2024-welcome dk:duration "two hours" }
