# expect: dksh:Visit-kind visit:putin-2000 Violation
# A visit with two kinds.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX visitkind: <https://w3id.org/diplokg/vocab/visit-kind/>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

INSERT DATA { visit:putin-2000 dk:visitKind visitkind:working }
