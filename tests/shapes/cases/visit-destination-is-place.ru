# expect: dksh:Visit-destination visit:putin-2024 Violation
# A destination that is a city; cities go in dk:place.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX place: <https://w3id.org/diplokg/id/place/>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

DELETE DATA { visit:putin-2024 dk:destination state:north-korea } ;
INSERT DATA { visit:putin-2024 dk:destination place:pyongyang }
