# Everything optional removed: hosts, places, kinds, travel modes, durations,
# Wikidata items, URL, relatives, predecessor, end dates, events, signatories,
# clauses, supersedes and follows, capacities, the visit's state of origin, routes,
# treaty actions and the visit and event of signing.
PREFIX dk: <https://w3id.org/diplokg/ontology#>

DELETE WHERE { ?s dk:host ?o } ;
DELETE WHERE { ?s dk:place ?o } ;
DELETE WHERE { ?s dk:visitKind ?o } ;
DELETE WHERE { ?s dk:travelMode ?o } ;
DELETE WHERE { ?s dk:duration ?o } ;
DELETE WHERE { ?s dk:wikidata ?o } ;
DELETE WHERE { ?s dk:url ?o } ;
DELETE WHERE { ?s dk:originalPublisher ?o } ;
DELETE WHERE { ?s dk:parent ?o } ;
DELETE WHERE { ?s dk:predecessor ?o } ;
DELETE WHERE { ?s dk:historical ?o } ;
DELETE WHERE { ?s dk:locatedIn ?o } ;
DELETE WHERE { ?s dk:capitalOf ?o } ;
DELETE WHERE { ?s dk:endDate ?d ; dk:endEarliest ?e ; dk:endLatest ?l } ;
DELETE WHERE { ?s dk:follows ?o } ;
DELETE WHERE { ?s dk:supersedes ?o } ;
DELETE WHERE { ?s dk:signatory ?o } ;
DELETE WHERE { ?s dk:signedAt ?o } ;
DELETE WHERE { ?s dk:subEvent ?event . ?event ?p ?o } ;
DELETE WHERE { ?s dk:clause ?clause . ?clause ?p ?o } ;
DELETE WHERE { ?s dk:capacity ?capacity . ?capacity ?p ?o } ;
DELETE WHERE { ?s dk:fromState ?o } ;
DELETE WHERE { ?s dk:leg ?leg . ?leg ?p ?o } ;
DELETE WHERE { ?s dk:action ?action . ?action ?p ?o } ;
DELETE WHERE { ?s dk:signedDuring ?o } ;
DELETE WHERE { ?s dk:signedAtEvent ?o }
