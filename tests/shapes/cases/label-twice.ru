# expect: dksh:Fact-label agreement:treaty-2024 Violation
# An agreement with two titles; other spellings belong under aliases.
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX agreement: <https://w3id.org/diplokg/id/agreement/>

INSERT DATA { agreement:treaty-2024 rdfs:label "Comprehensive Strategic Partnership Treaty" }
