# expect: dksh:VisitRecommended_Shape visit:putin-2024 Warning
# A visit that took place with no start date: a warning.  It follows a visit with one, which
# must not make dksh:Visit-follows-earlier fire.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

DELETE WHERE { visit:putin-2024 dk:startDate ?d ; dk:startEarliest ?e ; dk:startLatest ?l }
