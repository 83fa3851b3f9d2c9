# expect: dksh:Agreement-signed agreement:treaty-2000 Violation
# An agreement with two signing dates.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

INSERT DATA { agreement:treaty-2000 dk:signingDate "2000-02-09"^^xsd:date }
