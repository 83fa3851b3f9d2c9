# expect: dksh:Agreement-status agreement:treaty-2000 Violation
# An agreement with two statuses.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX agreementstatus: <https://w3id.org/diplokg/vocab/agreement-status/>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

INSERT DATA { agreement:treaty-2000 dk:agreementStatus agreementstatus:in-force }
