# expect: dksh:StateRecommended-iso state:russia Warning
# A state with no ISO code: a warning.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX state: <https://w3id.org/diplokg/id/state/>

DELETE DATA { state:russia dk:isoCode "RU" }
