"""The ontology and vocabulary as the site documents them, read from the shipped files.

The documentation comes from ``ontology/diplokg.ttl`` and ``ontology/vocab.ttl`` as
diplokg ships them, not from the data (a graph carries only the labels of the concepts
it uses): every class, property, concept scheme and concept, with its label,
definition, the examples the files give, and its alignments (sub-class and
sub-property of, SKOS matches to schema.org, PROV-O, Wikidata, CAMEO ...).  The
examples from the data are counted by the page builder over the graph it reads.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from diplokg import resources
from diplokg.namespaces import DK, OWL, RDF, RDFS, SKOS, VOCAB
from diplokg.rdf.parsing import ox_source

# Known namespaces, to show an alignment's IRI as a short name.
PREFIXES = (
    ("dk:", str(DK)),
    ("schema:", "https://schema.org/"),
    ("schema:", "http://schema.org/"),
    ("prov:", "http://www.w3.org/ns/prov#"),
    ("time:", "http://www.w3.org/2006/time#"),
    ("org:", "http://www.w3.org/ns/org#"),
    ("oa:", "http://www.w3.org/ns/oa#"),
    ("skos:", str(SKOS)),
    ("owl:", str(OWL)),
    ("rdfs:", str(RDFS)),
    ("rdf:", str(RDF)),
    ("xsd:", "http://www.w3.org/2001/XMLSchema#"),
    ("dcterms:", "http://purl.org/dc/terms/"),
    ("wd:", "http://www.wikidata.org/entity/"),
    ("wdt:", "http://www.wikidata.org/prop/direct/"),
    ("wikibase:", "http://wikiba.se/ontology#"),
)

# How a term is aligned with others, in the order they are listed.
ALIGNMENTS = (
    (str(RDFS.subClassOf), "subclass of"),
    (str(RDFS.subPropertyOf), "subproperty of"),
    (str(OWL.equivalentClass), "equivalent to"),
    (str(OWL.equivalentProperty), "equivalent to"),
    (str(OWL.inverseOf), "inverse of"),
    (str(SKOS.exactMatch), "exact match"),
    (str(SKOS.closeMatch), "close match"),
    (str(SKOS.broadMatch), "broader match"),
    (str(SKOS.narrowMatch), "narrower match"),
    (str(SKOS.relatedMatch), "related match"),
    (str(SKOS.broader), "broader"),
)


def short_name(iri: str) -> str:
    for prefix, namespace in PREFIXES:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return prefix + iri[len(namespace):]
    if iri.startswith(VOCAB):
        return iri[len(VOCAB):]
    return iri


@dataclass
class Term:
    """One documented term: a class, a property, a concept scheme or a concept."""

    iri: str
    kind: str  # class, object property, datatype property, scheme, concept, individual
    label: str = ""
    definition: str = ""
    examples: list[str] = field(default_factory=list)
    alignments: list[tuple[str, str]] = field(default_factory=list)  # (relation, IRI)
    domain: list[str] = field(default_factory=list)
    range: list[str] = field(default_factory=list)
    scheme: str = ""
    notation: str = ""

    @property
    def name(self) -> str:
        return short_name(self.iri)


@dataclass
class Ontology:
    classes: list[Term]
    properties: list[Term]
    schemes: list[Term]
    concepts: dict[str, list[Term]]  # scheme IRI -> its concepts
    individuals: list[Term]
    store: ox.Store

    def terms(self) -> list[Term]:
        return [*self.classes, *self.properties, *self.individuals, *self.schemes,
                *(c for scheme in self.schemes for c in self.concepts.get(scheme.iri, []))]


def load_store() -> ox.Store:
    store = ox.Store()
    for path in resources.ontology_files():
        store.load(**ox_source(path))
    return store


_KINDS = (
    (str(OWL.Class), "class"),
    (str(OWL.ObjectProperty), "object property"),
    (str(OWL.DatatypeProperty), "datatype property"),
    (str(SKOS.ConceptScheme), "scheme"),
    (str(SKOS.Concept), "concept"),
    (str(OWL.NamedIndividual), "individual"),
)


def read_ontology() -> Ontology:
    store = load_store()
    props: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for subject, prop, value in store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }"):
        if isinstance(subject, ox.NamedNode):
            props[subject.value][prop.value].append(value)
    terms: dict[str, Term] = {}
    for iri, values in sorted(props.items()):
        types = {t.value for t in values.get(str(RDF.type), [])}
        kind = next((name for cls, name in _KINDS if cls in types), None)
        if kind is None or not (iri.startswith(str(DK)) or iri.startswith(VOCAB)):
            continue
        terms[iri] = _term(iri, kind, values)
    classes = [t for t in terms.values() if t.kind == "class"]
    properties = [t for t in terms.values() if t.kind.endswith("property")]
    schemes = [t for t in terms.values() if t.kind == "scheme"]
    individuals = [t for t in terms.values() if t.kind == "individual"]
    concepts: dict[str, list[Term]] = defaultdict(list)
    for term in terms.values():
        if term.kind == "concept":
            concepts[term.scheme].append(term)
    for members in concepts.values():
        members.sort(key=lambda t: (t.notation, t.iri))
    return Ontology(sorted(classes, key=lambda t: t.name.lower()),
                    sorted(properties, key=lambda t: t.name.lower()),
                    sorted(schemes, key=lambda t: t.label.lower()), dict(concepts),
                    individuals, store)


def _first(values: dict[str, list], prop) -> str:
    found = sorted(v.value for v in values.get(str(prop), []))
    return found[0] if found else ""


def _term(iri: str, kind: str, values: dict[str, list]) -> Term:
    alignments = [(words, value.value) for prop, words in ALIGNMENTS
                  for value in sorted(values.get(prop, []), key=lambda v: v.value)
                  if isinstance(value, ox.NamedNode)]
    return Term(
        iri=iri, kind=kind,
        label=_first(values, SKOS.prefLabel) or _first(values, RDFS.label),
        definition=_first(values, SKOS.definition),
        examples=sorted(v.value for v in values.get(str(SKOS.example), [])),
        alignments=alignments,
        domain=sorted(v.value for v in values.get(str(RDFS.domain), [])
                      if isinstance(v, ox.NamedNode)),
        range=sorted(v.value for v in values.get(str(RDFS.range), [])
                     if isinstance(v, ox.NamedNode)),
        scheme=_first(values, SKOS.inScheme),
        notation=_first(values, SKOS.notation),
    )
