# expect: dksh:Office-title office:putin-president Violation
# An office with no title.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX office: <https://w3id.org/diplokg/id/office/>

DELETE DATA { office:putin-president dk:officeTitle "President of Russia" }
