# expect: dksh:Source-publisher source:cnn Violation
# A source with two publishers; the original one goes in dk:originalPublisher.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX source: <https://w3id.org/diplokg/id/source/>

INSERT DATA { source:cnn dk:publisher "CNN" }
