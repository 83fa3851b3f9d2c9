# expect: dksh:Event-participants event:putin-2024-welcome Violation
# A participant that is a state.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX event: <https://w3id.org/diplokg/id/event/>

INSERT DATA { event:putin-2024-welcome dk:participant state:north-korea }
