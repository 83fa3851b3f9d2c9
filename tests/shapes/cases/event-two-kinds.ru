# expect: dksh:Event-kind event:putin-2024-welcome Violation
# An event with two kinds.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX eventkind: <https://w3id.org/diplokg/vocab/event-kind/>
PREFIX event: <https://w3id.org/diplokg/id/event/>

INSERT DATA { event:putin-2024-welcome dk:eventKind eventkind:talks }
