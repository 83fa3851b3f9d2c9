# expect: dksh:Clause-included clause:treaty-2024-defence Violation
# xfail: pyshacl 0.40.1 sh:datatype does not report ill-formed xsd:boolean literals; the shape is right
# included typed xsd:boolean but written "maybe".
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX clause: <https://w3id.org/diplokg/id/clause/>

DELETE DATA { clause:treaty-2024-defence dk:included true } ;
INSERT DATA { clause:treaty-2024-defence dk:included "maybe"^^xsd:boolean }
