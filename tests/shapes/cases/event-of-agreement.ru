# expect: dksh:Event-visit event:putin-2024-welcome Violation
# An event that belongs to an agreement instead of a visit.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>
PREFIX event: <https://w3id.org/diplokg/id/event/>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

DELETE DATA { visit:putin-2024 dk:subEvent event:putin-2024-welcome } ;
INSERT DATA { agreement:treaty-2024 dk:subEvent event:putin-2024-welcome }
