# expect: dksh:Source-published source:cnn Violation
# A source with two publication dates.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX source: <https://w3id.org/diplokg/id/source/>

INSERT DATA { source:cnn dk:publicationDate "2024-06-19"^^xsd:date }
