# expect: dksh:Agreement-signed agreement:treaty-2024 Violation
# A signing date typed xsd:string.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

DELETE DATA { agreement:treaty-2024 dk:signingDate "2024-06-19"^^xsd:date } ;
INSERT DATA { agreement:treaty-2024 dk:signingDate "2024-06-19"^^xsd:string }
