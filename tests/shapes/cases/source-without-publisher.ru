# expect: dksh:Source-publisher source:cnn Violation
# A source with no publisher.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX source: <https://w3id.org/diplokg/id/source/>

DELETE DATA { source:cnn dk:publisher "The Zimbabwe Mail" }
