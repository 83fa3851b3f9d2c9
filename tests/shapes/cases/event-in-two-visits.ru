# expect: dksh:Event-visit event:putin-2024-welcome Violation
# An event that belongs to two visits.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>
PREFIX event: <https://w3id.org/diplokg/id/event/>

INSERT DATA { visit:putin-2000 dk:subEvent event:putin-2024-welcome }
