# expect: dksh:Event-at event:putin-2024-welcome Violation
# A moment written as a plain string.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX event: <https://w3id.org/diplokg/id/event/>

DELETE DATA { event:putin-2024-welcome dk:startTime "2024-06-19T10:00:00+09:00"^^xsd:dateTime } ;
INSERT DATA { event:putin-2024-welcome dk:startTime "ten o'clock" }
