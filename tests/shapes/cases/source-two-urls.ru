# expect: dksh:Source-url source:cnn Violation
# A source with two URLs.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX source: <https://w3id.org/diplokg/id/source/>

INSERT DATA { source:cnn dk:url <https://example.org/mirror/putin-pyongyang> }
