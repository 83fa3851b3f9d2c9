# expect: dksh:Fact-evidence place:pyongyang Violation
# A place whose evidence is the source itself, not a quote.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX source: <https://w3id.org/diplokg/id/source/>
PREFIX evidence: <https://w3id.org/diplokg/id/evidence/>
PREFIX place: <https://w3id.org/diplokg/id/place/>

DELETE DATA { place:pyongyang dk:evidence evidence:pyongyang } ;
INSERT DATA { place:pyongyang dk:evidence source:cnn }
