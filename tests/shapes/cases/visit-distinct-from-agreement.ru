# expect: dksh:Visit-distinct-from visit:putin-2024 Violation
# A visit said to be distinct from an agreement.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

INSERT DATA { visit:putin-2024 dk:distinctFrom agreement:treaty-2000 }
