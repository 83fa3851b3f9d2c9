# expect: dksh:Fact-start office:kim-jong-il-leader Violation
# An office start written as a plain number.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX office: <https://w3id.org/diplokg/id/office/>

DELETE DATA { office:kim-jong-il-leader dk:startDate "1994"^^xsd:gYear } ;
INSERT DATA { office:kim-jong-il-leader dk:startDate 1994 }
