"""Every IRI diplokg writes is spelled here, and only here."""

from functools import cache

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD


class InternedNamespace(Namespace):
    """rdflib's Namespace, with each term made once.  rdflib makes a new URIRef at every
    ``DK.source``, and a build asks for the same few terms millions of times; one object
    per term also lets the build's dictionaries match keys by identity."""

    def term(self, name: str) -> URIRef:
        return _term(str(self), name if isinstance(name, str) else "")

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)
        self.__dict__[name] = term  # found as a plain attribute from now on
        return term


_ONE: dict[str, URIRef] = {}


def interned(iri: str) -> URIRef:
    """The one URIRef object of an ontology or vocabulary IRI, shared by the namespaces, the
    mapper and the compiled shapes: dictionaries then find keys by identity, without
    rdflib's slow equality.  Not for data IRIs, which are as many as the facts."""
    found = _ONE.get(iri)
    if found is None:
        found = _ONE[iri] = iri if type(iri) is URIRef else URIRef(iri)
    return found


@cache
def _term(namespace: str, name: str) -> URIRef:
    return interned(namespace + name)


DK = InternedNamespace("https://w3id.org/diplokg/ontology#")
ONTOLOGY_IRI = "https://w3id.org/diplokg/ontology"
VOCAB = "https://w3id.org/diplokg/vocab/"
DEFAULT_BASE = "https://w3id.org/diplokg/id/"
# Terms of validation reports: where a problem is in the fact files (file, line, fact ...).
REPORT = InternedNamespace("https://w3id.org/diplokg/report#")

SCHEMA = InternedNamespace("https://schema.org/")
WD = InternedNamespace("http://www.wikidata.org/entity/")
TIME = InternedNamespace("http://www.w3.org/2006/time#")
ORG = InternedNamespace("http://www.w3.org/ns/org#")
OA = InternedNamespace("http://www.w3.org/ns/oa#")
DCTERMS = InternedNamespace("http://purl.org/dc/terms/")
SH = InternedNamespace("http://www.w3.org/ns/shacl#")
DKSH = InternedNamespace("https://w3id.org/diplokg/shapes#")

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
    "WD", "XSD", "InternedNamespace", "interned",
]
