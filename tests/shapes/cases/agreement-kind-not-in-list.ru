# expect: dksh:Agreement-kind agreement:treaty-2024 Violation
# An agreement kind from the agreement-status scheme.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX agreementkind: <https://w3id.org/diplokg/vocab/agreement-kind/>
PREFIX agreementstatus: <https://w3id.org/diplokg/vocab/agreement-status/>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

DELETE DATA { agreement:treaty-2024 dk:agreementKind agreementkind:treaty } ;
INSERT DATA { agreement:treaty-2024 dk:agreementKind agreementstatus:signed }
