# expect: dksh:Clause-topic clause:treaty-2024-defence Violation
# A clause with two topics.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX clause: <https://w3id.org/diplokg/id/clause/>

INSERT DATA { clause:treaty-2024-defence dk:clauseTopic "military assistance" }
