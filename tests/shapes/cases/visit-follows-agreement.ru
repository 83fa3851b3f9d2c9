# expect: dksh:Visit-follows visit:putin-2024 Violation
# A visit that follows an agreement.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

INSERT DATA { visit:putin-2024 dk:follows agreement:treaty-2000 }
