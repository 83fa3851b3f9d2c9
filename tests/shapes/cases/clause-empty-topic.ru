# expect: dksh:Clause-topic clause:treaty-2024-defence Violation
# A clause with an empty topic.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX clause: <https://w3id.org/diplokg/id/clause/>

DELETE DATA { clause:treaty-2024-defence dk:clauseTopic "mutual military defence assistance" } ;
INSERT DATA { clause:treaty-2024-defence dk:clauseTopic "" }
