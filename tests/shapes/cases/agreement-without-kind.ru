# expect: dksh:Agreement-kind agreement:treaty-2024 Violation
# An agreement with no kind.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX agreementkind: <https://w3id.org/diplokg/vocab/agreement-kind/>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

DELETE DATA { agreement:treaty-2024 dk:agreementKind agreementkind:treaty }
