# expect: dksh:Event-kind event:putin-2024-welcome Violation
# An event kind that is not in the event-kind list.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX eventkind: <https://w3id.org/diplokg/vocab/event-kind/>
PREFIX event: <https://w3id.org/diplokg/id/event/>

DELETE DATA { event:putin-2024-welcome dk:eventKind eventkind:welcome-ceremony } ;
INSERT DATA { event:putin-2024-welcome dk:eventKind eventkind:parade }
