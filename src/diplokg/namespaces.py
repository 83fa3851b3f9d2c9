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

# Controlled vocabularies: fact-file field -> concept scheme slug.  A value v of
# the field becomes the SKOS concept <VOCAB><scheme>/<v>.
SCHEMES = {
    "place_kind": "place-kind",
    "visit_kind": "visit-kind",
    "visit_status": "visit-status",
    "travel_mode": "travel-mode",
    "event_kind": "event-kind",
    "agreement_kind": "agreement-kind",
    "agreement_status": "agreement-status",
}
VOCABS = {scheme: Namespace(f"{VOCAB}{scheme}/") for scheme in SCHEMES.values()}


def concept(field: str, value: str):
    return VOCABS[SCHEMES[field]][value]


# Prefixes written into every output, in this order.
PREFIXES = {
    "dk": str(DK),
    **{slug.replace("-", ""): str(ns) for slug, ns in VOCABS.items()},
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
    "DCTERMS", "DEFAULT_BASE", "DK", "DKSH", "OA", "ONTOLOGY_IRI", "ORG", "OWL", "PREFIXES", "PROV",
    "RDF", "RDFS", "REPORT", "SCHEMA", "SCHEMES", "SH", "SKOS", "TIME", "VOCAB", "VOCABS", "WD",
    "XSD", "concept",
]
