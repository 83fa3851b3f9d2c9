# expect: dksh:Source-published source:cnn Violation
# A publication date written as free text.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX source: <https://w3id.org/diplokg/id/source/>

DELETE DATA { source:cnn dk:publicationDate "2024-06"^^xsd:gYearMonth } ;
INSERT DATA { source:cnn dk:publicationDate "June 2024" }
