# expect: dksh:Source-url source:cnn Violation
# A URL given as a string, not an IRI.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX source: <https://w3id.org/diplokg/id/source/>

DELETE DATA { source:cnn dk:url <https://example.org/news/putin-pyongyang> } ;
INSERT DATA { source:cnn dk:url "https://example.org/news/putin-pyongyang" }
