# expect: dksh:Visit-travel-mode visit:putin-2000 Violation
# A travel mode that is not in the travel-mode list.
PREFIX dk: <https://w3id.org/diplokg/ontology#>
PREFIX travelmode: <https://w3id.org/diplokg/vocab/travel-mode/>
PREFIX visit: <https://w3id.org/diplokg/id/visit/>

DELETE DATA { visit:putin-2000 dk:travelMode travelmode:air } ;
INSERT DATA { visit:putin-2000 dk:travelMode travelmode:helicopter }
