"""Every IRI diplokg writes is spelled here, and only here."""

from rdflib import Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

DK = Namespace("https://w3id.org/diplokg/ontology#")
ONTOLOGY_IRI = "https://w3id.org/diplokg/ontology"
VOCAB = "https://w3id.org/diplokg/vocab/"
DEFAULT_BASE = "https://w3id.org/diplokg/id/"
# Terms of validation reports: where a problem is in the fact files (file, line, fact ...).
REPORT = Namespace("https://w3id.org/diplokg/report#")

SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
TIME = Namespace("http://www.w3.org/2006/time#")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
SH = Namespace("http://www.w3.org/ns/shacl#")
DKSH = Namespace("https://w3id.org/diplokg/shapes#")

# Prefixes written into every output after dk: and the concept schemes' prefixes (which
# diplokg.model.registry.prefixes puts together with the data prefixes), in this order.
STANDARD_PREFIXES = {
    "oa": str(OA),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SCHEMA),
    "skos": str(SKOS),
    "wd": str(WD),
    "xsd": str(XSD),
}

__all__ = [
    "DCTERMS", "DEFAULT_BASE", "DK", "DKSH", "Namespace", "OA", "ONTOLOGY_IRI", "ORG", "OWL",
    "PROV", "RDF", "RDFS", "REPORT", "SCHEMA", "SH", "SKOS", "STANDARD_PREFIXES", "TIME", "VOCAB",
    "WD", "XSD",
]
