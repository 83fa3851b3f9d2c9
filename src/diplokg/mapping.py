"""Map checked facts to RDF triples under the diplokg ontology.

Pure and deterministic: the same facts and base IRI give the same triples, and
every node is an IRI built from fact ids (no blank nodes), so IRIs are stable
across runs and machines.  Each file is mapped on its own; the only thing shared
is the id -> kind index needed to spell the IRI of a referenced fact.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from .facts import Fact, FactFile, FactSet, PartialDate
from .namespaces import DK, RDF, RDFS, SKOS, WD, XSD, concept

Triple = tuple[URIRef, URIRef, URIRef | Literal]

CLASSES = {
    "source": DK.Source,
    "person": DK.Person,
    "state": DK.State,
    "place": DK.Place,
    "visit": DK.Visit,
    "agreement": DK.Agreement,
}
DATATYPE_OF_PRECISION = {"year": XSD.gYear, "month": XSD.gYearMonth, "day": XSD.date}

# fact-file field -> (property, kind of value): "ref" is the id of another fact,
# "text" a plain string, "date" a partial date, "concept:<field>" a controlled value.
FIELDS: dict[str, dict[str, tuple[URIRef, str]]] = {
    "source": {
        "title": (RDFS.label, "text"),
        "publisher": (DK.publisher, "text"),
        "original_publisher": (DK.originalPublisher, "text"),
        "authors": (DK.author, "text"),
        "contributors": (DK.contributor, "text"),
        "url": (DK.url, "iri"),
        "published": (DK.publicationDate, "date"),
        "language": (DK.language, "text"),
        "text": (DK.textPath, "text"),
    },
    "person": {
        "name": (RDFS.label, "text"),
        "aliases": (SKOS.altLabel, "text"),
    },
    "state": {
        "name": (RDFS.label, "text"),
        "aliases": (SKOS.altLabel, "text"),
        "iso": (DK.isoCode, "text"),
        "historical": (DK.historical, "boolean"),
        "succeeds": (DK.succeeds, "ref"),
    },
    "place": {
        "name": (RDFS.label, "text"),
        "aliases": (SKOS.altLabel, "text"),
        "kind": (DK.placeKind, "concept:place_kind"),
        "located_in": (DK.locatedIn, "ref"),
        "capital_of": (DK.capitalOf, "ref"),
    },
    "visit": {
        "title": (RDFS.label, "text"),
        "visitors": (DK.visitor, "ref"),
        "hosts": (DK.host, "ref"),
        "destination": (DK.destination, "ref"),
        "places": (DK.place, "ref"),
        "start": (DK.startDate, "date"),
        "end": (DK.endDate, "date"),
        "kind": (DK.visitKind, "concept:visit_kind"),
        "status": (DK.visitStatus, "concept:visit_status"),
        "follows": (DK.follows, "ref"),
        "travel_mode": (DK.travelMode, "concept:travel_mode"),
        "duration": (DK.duration, "duration"),
    },
    "agreement": {
        "title": (RDFS.label, "text"),
        "kind": (DK.agreementKind, "concept:agreement_kind"),
        "status": (DK.agreementStatus, "concept:agreement_status"),
        "parties": (DK.party, "ref"),
        "signatories": (DK.signatory, "ref"),
        "signed": (DK.signingDate, "date"),
        "expected": (DK.expectedSigningDate, "date"),
        "signed_at": (DK.signedAt, "ref"),
        "supersedes": (DK.supersedes, "ref"),
    },
    "office": {
        "title": (DK.officeTitle, "text"),
        "state": (DK.officeState, "ref"),
        "start": (DK.startDate, "date"),
        "end": (DK.endDate, "date"),
        "predecessor": (DK.predecessor, "ref"),
    },
    "event": {
        "kind": (DK.eventKind, "concept:event_kind"),
        "title": (RDFS.label, "text"),
        "participants": (DK.participant, "ref"),
        "place": (DK.place, "ref"),
        "start": (DK.startDate, "date"),
        "end": (DK.endDate, "date"),
    },
    "clause": {
        "topic": (DK.clauseTopic, "text"),
        "included": (DK.included, "boolean"),
    },
}
COMMON_FIELDS = {
    "wikidata": (DK.wikidata, "wikidata"),
    "note": (DK.note, "text"),
}
# Derived earliest/latest days of a date, so partial dates compare by what they can mean.
DATE_BOUNDS = {
    DK.startDate: (DK.startEarliest, DK.startLatest),
    DK.endDate: (DK.endEarliest, DK.endLatest),
    DK.signingDate: (DK.signingEarliest, DK.signingLatest),
}
RELATIONS = {"parent": DK.parent, "child": DK.child, "grandparent": DK.grandparent,
             "grandchild": DK.grandchild, "sibling": DK.sibling, "spouse": DK.spouse}

# Which fact-file field a property came from, for reports about a graph.
FIELD_OF_PROPERTY = {prop: name for table in (*FIELDS.values(), COMMON_FIELDS)
                     for name, (prop, _) in table.items()}


@dataclass(frozen=True)
class Origin:
    """Where the fact behind a node was written, and the line of each of its fields."""

    file: str
    line: int
    fact: str  # e.g. "visit putin-2024-north-korea"
    prefix: str = ""  # for a nested entry, e.g. "offices[0]."
    field_lines: dict[str, int] = field(default_factory=dict)

    def field(self, name: str) -> tuple[str, int]:
        """The full field name and its line, for a field of this node."""
        return self.prefix + name, self.field_lines.get(name, self.line)


def slug(text: str) -> str:
    """A readable IRI segment: ASCII letters and digits joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


class Mapper:
    """Turns facts into triples; one per build, shared by all files."""

    def __init__(self, fact_set: FactSet, base: str):
        self.base = base
        self.kind_of = {fact_id: fact.kind for fact_id, fact in fact_set.by_id.items()}
        self.origins: dict[URIRef, Origin] = {}

    def iri(self, fact_id: str) -> URIRef:
        return URIRef(f"{self.base}{self.kind_of[fact_id]}/{fact_id}")

    def map_file(self, fact_file: FactFile) -> Iterator[Triple]:
        for fact, path in zip(fact_file.facts, fact_file.fact_paths(), strict=True):
            yield from self.map_fact(fact, fact_file, path)

    def map_fact(self, fact: Fact, fact_file: FactFile, path: tuple) -> Iterator[Triple]:
        node = self.iri(fact.id)
        self.origins[node] = self._origin(fact, fact_file, path, fact.data)
        yield node, RDF.type, CLASSES[fact.kind]
        yield from self._fields(node, fact.data, FIELDS[fact.kind])
        yield from self._fields(node, fact.data, COMMON_FIELDS)
        if fact.kind == "source":
            return
        source = self.iri(fact.data["source"])
        yield node, DK.source, source
        quotes = list(fact.data["evidence"])
        for relative in fact.data.get("relatives", []):
            yield node, RELATIONS[relative["relation"]], self.iri(relative["person"])
            quotes += relative.get("evidence", [])
        yield from self._evidence(node, source, quotes)
        nested = {"offices": ("office", DK.OfficeHolding, DK.holdsOffice, self._office_segment),
                  "events": ("event", DK.VisitEvent, DK.subEvent, self._event_segment),
                  "clauses": ("clause", DK.Clause, DK.clause, self._clause_segment)}
        for key, (table, cls, link, segment) in nested.items():
            used: set[str] = set()
            for index, item in enumerate(fact.data.get(key, [])):
                child = URIRef(f"{node}/{table}/{segment(item, used)}")
                self.origins[child] = self._origin(fact, fact_file, path + (key, index), item,
                                                   prefix=f"{key}[{index}].")
                yield node, link, child
                yield child, RDF.type, cls
                yield child, DK.source, source
                yield from self._fields(child, item, FIELDS[table])
                yield from self._fields(child, item, COMMON_FIELDS)
                yield from self._evidence(child, source, item.get("evidence", []))

    @staticmethod
    def _origin(fact: Fact, fact_file: FactFile, path: tuple, data: dict,
                prefix: str = "") -> Origin:
        lines = {name: fact_file.line_of(path + (name,)) for name in data}
        return Origin(fact.file, fact_file.line_of(path), fact.label, prefix, lines)

    def _fields(self, node: URIRef, data: dict, table: dict) -> Iterator[Triple]:
        for name, (prop, kind) in table.items():
            values = data.get(name)
            if values is None:
                continue
            for value in values if isinstance(values, list) else [values]:
                yield from self._value(node, prop, kind, name, value)

    def _value(self, node, prop, kind, name, value) -> Iterator[Triple]:
        if kind == "ref":
            yield node, prop, self.iri(value)
        elif kind == "text":
            yield node, prop, Literal(value)
        elif kind == "boolean":
            yield node, prop, Literal("true" if value else "false", datatype=XSD.boolean)
        elif kind == "iri":
            yield node, prop, URIRef(value)
        elif kind == "wikidata":
            yield node, prop, WD[value]
        elif kind == "duration":
            yield node, prop, Literal(value, datatype=XSD.duration)
        elif kind == "date":
            date = PartialDate.parse(value)
            yield node, prop, Literal(date.text, datatype=DATATYPE_OF_PRECISION[date.precision])
            if prop in DATE_BOUNDS:
                earliest, latest = DATE_BOUNDS[prop]
                yield node, earliest, Literal(date.earliest, datatype=XSD.date)
                yield node, latest, Literal(date.latest, datatype=XSD.date)
        elif kind.startswith("concept:"):
            yield node, prop, concept(kind.removeprefix("concept:"), value)
        else:  # pragma: no cover - the tables above are fixed
            raise AssertionError(f"no mapping for {kind} ({name})")

    def _evidence(self, node: URIRef, source: URIRef, quotes: list[str]) -> Iterator[Triple]:
        for quote in quotes:
            evidence = URIRef(f"{node}/evidence/{_digest(quote)}")
            yield node, DK.evidence, evidence
            yield evidence, RDF.type, DK.Evidence
            yield evidence, DK.quote, Literal(quote)
            yield evidence, DK.source, source

    @staticmethod
    def _unique(segment: str, used: set[str]) -> str:
        candidate, n = segment, 2
        while candidate in used:
            candidate, n = f"{segment}-{n}", n + 1
        used.add(candidate)
        return candidate

    def _office_segment(self, office: dict, used: set[str]) -> str:
        parts = [office["state"], slug(office["title"]) or _digest(office["title"])]
        if "start" in office:
            parts.append(office["start"])
        return self._unique("-".join(parts), used)

    def _event_segment(self, event: dict, used: set[str]) -> str:
        return self._unique(event["kind"], used)

    def _clause_segment(self, clause: dict, used: set[str]) -> str:
        return self._unique(slug(clause["topic"]) or _digest(clause["topic"]), used)


def map_facts(fact_set: FactSet, base: str, add: Callable[[Triple], None]) -> Mapper:
    """Map every file of ``fact_set``, handing each triple to ``add``; return the mapper."""
    mapper = Mapper(fact_set, base)
    for fact_file in fact_set.files:
        for triple in mapper.map_file(fact_file):
            add(triple)
    return mapper
