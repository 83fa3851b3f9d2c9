# expect: dksh:Agreement-signed-at agreement:treaty-2024 Violation
# An agreement signed at a state rather than a place.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX place: <https://w3id.org/diplokg/id/place/>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

DELETE DATA { agreement:treaty-2024 dk:signedAt place:pyongyang } ;
INSERT DATA { agreement:treaty-2024 dk:signedAt state:north-korea }
