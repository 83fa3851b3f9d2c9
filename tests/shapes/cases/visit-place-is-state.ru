# expect: dksh:Visit-places visit:putin-2000 Violation
# A visit place that is a state; the state goes in dk:destination.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX place: <https://w3id.org/diplokg/id/place/>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

DELETE DATA { visit:putin-2000 dk:place place:pyongyang } ;
INSERT DATA { visit:putin-2000 dk:place state:north-korea }
