# expect: dksh:Event-visit event:putin-2024-welcome Violation
# An event that belongs to no visit.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>
PREFIX event: <https://w3id.org/diplokg/id/event/>

DELETE DATA { visit:putin-2024 dk:subEvent event:putin-2024-welcome }
