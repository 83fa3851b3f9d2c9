# expect: dksh:Office-title office:putin-president Violation
# An office with two titles.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX office: <https://w3id.org/diplokg/id/office/>

INSERT DATA { office:putin-president dk:officeTitle "Russian President" }
