# expect: dksh:AgreementRecommended-parties agreement:treaty-2000 Warning
# An agreement that names no party: a warning.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

DELETE WHERE { agreement:treaty-2000 dk:party ?state }
