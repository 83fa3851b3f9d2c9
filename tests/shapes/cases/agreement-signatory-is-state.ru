# expect: dksh:Agreement-signatories agreement:treaty-2024 Violation
# A signatory that is a state; states go in dk:party.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

INSERT DATA { agreement:treaty-2024 dk:signatory state:russia }
