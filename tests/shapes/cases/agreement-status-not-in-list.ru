# expect: dksh:Agreement-status agreement:treaty-2000 Violation
# An agreement status from the visit-status scheme.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX visitstatus: <https://w3id.org/diplokg/vocab/visit-status/>
PREFIX agreementstatus: <https://w3id.org/diplokg/vocab/agreement-status/>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

DELETE DATA { agreement:treaty-2000 dk:agreementStatus agreementstatus:superseded } ;
INSERT DATA { agreement:treaty-2000 dk:agreementStatus visitstatus:took-place }
