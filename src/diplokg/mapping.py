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

from .facts import Fact, PartialDate
from .merge import Entity, Merged
from .namespaces import DK, OWL, RDF, RDFS, SKOS, WD, XSD, concept

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
        "aliases": (SKOS.altLabel, "text"),
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
        "aliases": (SKOS.altLabel, "text"),
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
    """Turns merged entities into triples; one per build."""

    def __init__(self, merged: Merged, base: str):
        self.base = base
        self.merged = merged
        self.origins: dict[URIRef, Origin] = {}

    def iri(self, fact_id: str) -> URIRef:
        return URIRef(f"{self.base}{self.merged.kind_of(fact_id)}/{fact_id}")

    def map_entity(self, entity: Entity) -> Iterator[Triple]:
        node = self.iri(entity.id)
        first = entity.first
        self.origins[node] = _origin(first, first.path, entity.data)
        yield node, RDF.type, CLASSES[entity.kind]
        yield from self._fields(node, entity.data, FIELDS[entity.kind])
        yield from self._fields(node, entity.data, COMMON_FIELDS)
        for other in entity.merged_ids:
            yield node, OWL.sameAs, URIRef(f"{self.base}{entity.kind}/{other}")
        if entity.kind == "source":
            return
        for source in entity.sources:
            yield node, DK.source, self.iri(source)
        evidence = list(entity.evidence)
        for relative in entity.data.get("relatives", []):
            yield node, RELATIONS[relative["relation"]], self.iri(relative["person"])
            evidence += relative["_evidence"]
        yield from self._evidence(node, evidence)
        yield from self._claims(node, entity)
        nested = {"offices": ("office", DK.OfficeHolding, DK.holdsOffice, self._office_segment),
                  "events": ("event", DK.VisitEvent, DK.subEvent, self._event_segment),
                  "clauses": ("clause", DK.Clause, DK.clause, self._clause_segment)}
        for key, (table, cls, link, segment) in nested.items():
            used: set[str] = set()
            for item in entity.data.get(key, []):
                child = URIRef(f"{node}/{table}/{segment(item, used)}")
                fact, index = item["_origin"]
                self.origins[child] = _origin(fact, fact.path + (key, index), item,
                                              prefix=f"{key}[{index}].")
                yield node, link, child
                yield child, RDF.type, cls
                for source in item["_sources"]:
                    yield child, DK.source, self.iri(source)
                yield from self._fields(child, item, FIELDS[table])
                yield from self._fields(child, item, COMMON_FIELDS)
                yield from self._evidence(child, item["_evidence"])

    def _claims(self, node: URIRef, entity: Entity) -> Iterator[Triple]:
        """Values the sources disagree on: each kept as a claim with its source."""
        table = {**FIELDS[entity.kind], **COMMON_FIELDS}
        for name, claims in sorted(entity.conflicts.items()):
            prop, kind = table[name]
            for number, claim in enumerate(claims, 1):
                node_of_claim = URIRef(f"{node}/claim/{name}-{number}")
                source = claim.fact.data["source"]
                yield node, DK.claim, node_of_claim
                yield node_of_claim, RDF.type, DK.Claim
                yield node_of_claim, DK.claimField, Literal(name)
                yield node_of_claim, DK.claimProperty, prop
                yield node_of_claim, DK.source, self.iri(source)
                for value in claim.value if isinstance(claim.value, list) else [claim.value]:
                    yield from self._value(node_of_claim, DK.claimedValue, kind, name, value)
                for quote in claim.fact.data.get("evidence", []):
                    yield node_of_claim, DK.evidence, _evidence_iri(node, quote, source)
            if kind == "date" and prop in DATE_BOUNDS:
                # the dates the sources allow between them, so queries by date still find it
                dates = [PartialDate.parse(c.value) for c in claims]
                earliest, latest = DATE_BOUNDS[prop]
                yield node, earliest, Literal(min(d.earliest for d in dates), datatype=XSD.date)
                yield node, latest, Literal(max(d.latest for d in dates), datatype=XSD.date)

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

    def _evidence(self, node: URIRef, evidence: list[tuple[str, str]]) -> Iterator[Triple]:
        for quote, source in dict.fromkeys(evidence):
            iri = _evidence_iri(node, quote, source)
            yield node, DK.evidence, iri
            yield iri, RDF.type, DK.Evidence
            yield iri, DK.quote, Literal(quote)
            yield iri, DK.source, self.iri(source)

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


def _evidence_iri(node: URIRef, quote: str, source: str) -> URIRef:
    """One evidence node per quote and source: two sources may quote the same words."""
    return URIRef(f"{node}/evidence/{_digest(source + chr(10) + quote)}")


def _origin(fact: Fact, path: tuple, data: dict, prefix: str = "") -> Origin:
    lines = {name: fact.line_of(path[len(fact.path):] + (name,)) for name in data
             if not name.startswith("_")}
    return Origin(fact.file, fact.line_of(path[len(fact.path):]), fact.label, prefix, lines)


def map_facts(merged: Merged, base: str, add: Callable[[Triple], None]) -> Mapper:
    """Map every merged entity, handing each triple to ``add``; return the mapper."""
    mapper = Mapper(merged, base)
    for entity in merged.entities.values():
        for triple in mapper.map_entity(entity):
            add(triple)
    return mapper
