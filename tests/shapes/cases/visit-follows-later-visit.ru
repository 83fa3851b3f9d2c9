# expect: dksh:Visit-follows-earlier visit:putin-2000 Violation
# dk:follows the wrong way round: the 2000 visit follows the 2024 one.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

DELETE DATA { visit:putin-2024 dk:follows visit:putin-2000 } ;
INSERT DATA { visit:putin-2000 dk:follows visit:putin-2024 }
