# expect: dksh:Agreement-parties agreement:treaty-2024 Violation
# A party that is a person; persons who signed go in dk:signatory.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX person: <https://w3id.org/diplokg/id/person/>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

DELETE DATA { agreement:treaty-2024 dk:party state:russia } ;
INSERT DATA { agreement:treaty-2024 dk:party person:putin }
