# expect: dksh:Visit-status visit:putin-2024 Violation
# A visit status from the agreement-status scheme.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX visitstatus: <https://w3id.org/diplokg/vocab/visit-status/>
PREFIX agreementstatus: <https://w3id.org/diplokg/vocab/agreement-status/>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

DELETE DATA { visit:putin-2024 dk:visitStatus visitstatus:took-place } ;
INSERT DATA { visit:putin-2024 dk:visitStatus agreementstatus:signed }
