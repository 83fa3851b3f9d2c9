# expect: dksh:Visit-travel-mode visit:putin-2000 Violation
# A visit with two travel modes.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX travelmode: <https://w3id.org/diplokg/vocab/travel-mode/>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

INSERT DATA { visit:putin-2000 dk:travelMode travelmode:rail }
