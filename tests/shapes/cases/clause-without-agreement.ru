# expect: dksh:Clause-agreement clause:treaty-2000-intervention Violation
# A clause of no agreement.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>
PREFIX clause: <https://w3id.org/diplokg/id/clause/>

DELETE DATA { agreement:treaty-2000 dk:clause clause:treaty-2000-intervention }
