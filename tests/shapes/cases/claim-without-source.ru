# expect: dksh:Evidence-source claim:putin-2000-kind-1 Violation
# A claim must say which source makes it.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX claim: <https://w3id.org/diplokg/id/claim/>
PREFIX source: <https://w3id.org/diplokg/id/source/>

DELETE DATA { claim:putin-2000-kind-1 dk:source source:cnn }
