# expect: dksh:Capacity-office <https://w3id.org/diplokg/id/visit/putin-2024/capacity/putin> Violation
# A capacity whose office is a person.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX person: <https://w3id.org/diplokg/id/person/>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX office: <https://w3id.org/diplokg/id/office/>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

DELETE DATA { <https://w3id.org/diplokg/id/visit/putin-2024/capacity/putin> dk:heldOffice office:putin-president } ;
INSERT DATA { <https://w3id.org/diplokg/id/visit/putin-2024/capacity/putin> dk:heldOffice person:putin }
