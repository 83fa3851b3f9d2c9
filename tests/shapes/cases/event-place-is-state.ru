# expect: dksh:Event-place event:putin-2024-welcome Violation
# An event place that is a state.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX place: <https://w3id.org/diplokg/id/place/>
PREFIX event: <https://w3id.org/diplokg/id/event/>

DELETE DATA { event:putin-2024-welcome dk:place place:pyongyang } ;
INSERT DATA { event:putin-2024-welcome dk:place state:north-korea }
