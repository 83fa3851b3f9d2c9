# expect: dksh:Visit-capacities visit:putin-2024 Violation
# A capacity that is a state.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX person: <https://w3id.org/diplokg/id/person/>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX office: <https://w3id.org/diplokg/id/office/>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

INSERT DATA { visit:putin-2024 dk:capacity state:russia }
