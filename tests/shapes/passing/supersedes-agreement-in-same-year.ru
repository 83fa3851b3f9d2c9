# An agreement signed 2000-02-09 that supersedes one signed in 2000 (year only).
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

DELETE WHERE { agreement:treaty-2024 dk:signingDate ?d ; dk:signingEarliest ?e ; dk:signingLatest ?l } ;
INSERT DATA {
    agreement:treaty-2024 dk:signingDate "2000-02-09"^^xsd:date ;
        dk:signingEarliest "2000-02-09"^^xsd:date ; dk:signingLatest "2000-02-09"^^xsd:date .
}
