# An invited visit need not have a date yet: no warning.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>
PREFIX visitstatus: <https://w3id.org/diplokg/vocab/visit-status/>

DELETE { visit:putin-2024 dk:startDate ?d ; dk:startEarliest ?e ; dk:startLatest ?l ;
                          dk:visitStatus ?s }
INSERT { visit:putin-2024 dk:visitStatus visitstatus:invited }
WHERE { visit:putin-2024 dk:startDate ?d ; dk:startEarliest ?e ; dk:startLatest ?l ;
                         dk:visitStatus ?s }
