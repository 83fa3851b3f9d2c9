# expect: dksh:Agreement-supersedes-earlier agreement:treaty-2000 Violation
# dk:supersedes the wrong way round: the 2000 treaty supersedes the 2024 one.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

DELETE DATA { agreement:treaty-2024 dk:supersedes agreement:treaty-2000 } ;
INSERT DATA { agreement:treaty-2000 dk:supersedes agreement:treaty-2024 }
