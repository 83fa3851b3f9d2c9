# expect: dksh:Visit-status visit:putin-2024 Violation
# A visit that both took place and was cancelled.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX visitstatus: <https://w3id.org/diplokg/vocab/visit-status/>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

INSERT DATA { visit:putin-2024 dk:visitStatus visitstatus:cancelled }
