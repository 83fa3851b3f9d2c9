# expect: dksh:Visit-route visit:putin-2024 Violation
# A leg that is a state.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX person: <https://w3id.org/diplokg/id/person/>
PREFIX state: <https://w3id.org/diplokg/id/state/>
PREFIX place: <https://w3id.org/diplokg/id/place/>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>
PREFIX event: <https://w3id.org/diplokg/id/event/>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

INSERT DATA { visit:putin-2024 dk:leg state:russia }
