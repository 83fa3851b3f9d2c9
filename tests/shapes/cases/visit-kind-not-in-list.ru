# expect: dksh:Visit-kind visit:putin-2000 Violation
# A visit kind from the visit-status scheme.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX visitkind: <https://w3id.org/diplokg/vocab/visit-kind/>
PREFIX visitstatus: <https://w3id.org/diplokg/vocab/visit-status/>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

DELETE DATA { visit:putin-2000 dk:visitKind visitkind:official } ;
INSERT DATA { visit:putin-2000 dk:visitKind visitstatus:planned }
