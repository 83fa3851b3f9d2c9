# expect: dksh:Agreement-kind agreement:treaty-2024 Violation
# An agreement with two kinds.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX agreementkind: <https://w3id.org/diplokg/vocab/agreement-kind/>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

INSERT DATA { agreement:treaty-2024 dk:agreementKind agreementkind:agreement }
