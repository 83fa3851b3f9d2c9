# Agreements with no signing dates: nothing to compare, so no result.
PREFIX dk: <https://w3id.org/diplokg/ontology#>

DELETE WHERE { ?agreement dk:signingDate ?d ; dk:signingEarliest ?e ; dk:signingLatest ?l }
