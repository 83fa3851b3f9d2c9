# expect: dksh:Fact-source person:putin Violation
# A person with no source.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX source: <https://w3id.org/diplokg/id/source/>
PREFIX person: <https://w3id.org/diplokg/id/person/>

DELETE DATA { person:putin dk:source source:cnn }
