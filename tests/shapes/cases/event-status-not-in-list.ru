# expect: dksh:Event-status event:putin-2024-welcome Violation
# An event status that is not in the event-status list.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX eventstatus: <https://w3id.org/diplokg/vocab/event-status/>
PREFIX event: <https://w3id.org/diplokg/id/event/>

INSERT DATA { event:putin-2024-welcome dk:eventStatus eventstatus:rumoured }
