"""Map checked facts to RDF triples under the diplokg ontology.

Pure and deterministic: the same facts and base IRI give the same triples, and
every node is an IRI built from fact ids (no blank nodes), so IRIs are stable
across runs and machines.  Each file is mapped on its own; the only thing shared
is the id -> kind index needed to spell the IRI of a referenced fact.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from rdflib import Literal, URIRef

from diplokg.digests import short_hash
from diplokg.merge.claims import Choice, Claim, preferred
from diplokg.merge.entities import Entity, Merged
from diplokg.model import fields as F
from diplokg.model import registry, times
from diplokg.model.dates import PartialDate
from diplokg.model.fields import Field
from diplokg.model.kind import Kind
from diplokg.namespaces import DK, OA, OWL, RDF, WD, XSD, interned
from diplokg.read.facts import Fact
from diplokg.read.passages import SourceText, normalise_text

Triple = tuple[URIRef, URIRef, URIRef | Literal]
# rdflib's closed namespaces make a new term at every access: these are asked for per triple
TYPE, SAME_AS = interned(RDF.type), interned(OWL.sameAs)
BOOLEAN, DATE, DATE_TIME, DURATION, INTEGER = map(interned, (
    XSD.boolean, XSD.date, XSD.dateTime, XSD.duration, XSD.integer))
DATATYPE_OF_PRECISION = {"year": interned(XSD.gYear), "month": interned(XSD.gYearMonth),
                         "day": DATE}


def field_of_property(prop: URIRef) -> str | None:
    """Which fact-file field a property came from, for reports about a graph."""
    return registry.field_of_property().get(prop)


class Origin:
    """Where the fact behind a node was written, and the line of each of its fields.

    Lines are looked up in the declaration only when a report asks for one: a build
    makes an Origin for every node and reports on few.
    """

    __slots__ = ("file", "fact", "prefix", "_declaration", "_path", "_line")

    def __init__(self, file: str, line: int, fact: str, prefix: str = "",
                 declaration: Fact | None = None, path: tuple = ()):
        self.file = file
        self.fact = fact  # e.g. "visit putin-2024-north-korea"
        self.prefix = prefix  # for a nested entry, e.g. "offices[0]."
        self._declaration = declaration
        self._path = path  # of the node, inside the declaration
        self._line = line

    @property
    def line(self) -> int:
        if self._declaration is None:
            return self._line
        return self._declaration.line_of(self._path)

    def field(self, name: str) -> tuple[str, int]:
        """The full field name and its line, for a field of this node."""
        if self._declaration is None:
            return self.prefix + name, self._line
        return self.prefix + name, self._declaration.line_of(self._path + (name,))


class Mapper:
    """Turns merged entities into triples; one per build."""

    def __init__(self, merged: Merged, base: str,
                 texts: dict[str, SourceText] | None = None):
        self.base = base
        self.merged = merged
        # the texts of sources that name one (read.facts.FactSet.texts), by the id of the
        # source's entity: of a source declared under several ids, the first id's text
        self.texts: dict[str, SourceText] = {}
        for source, text in sorted((texts or {}).items()):
            if source in merged.canonical:
                self.texts.setdefault(merged.canonical[source], text)
        self.origins: dict[URIRef, Origin] = {}
        self._iris: dict[str, URIRef] = {}
        self._typed: dict[tuple[str, URIRef], Literal] = {}

    def iri(self, fact_id: str) -> URIRef:
        found = self._iris.get(fact_id)
        if found is None:  # one object per fact: every reference shares it
            found = self._iris[fact_id] = URIRef(
                f"{self.base}{self.merged.kind_of(fact_id)}/{fact_id}")
        return found

    def typed(self, text: str, datatype: URIRef) -> Literal:
        """A typed literal; dates, booleans and offsets recur, and making one costs."""
        key = (text, datatype)
        found = self._typed.get(key)
        if found is None:
            if len(self._typed) > 200_000:  # a cache, not a copy of the graph
                self._typed.clear()
            found = self._typed[key] = Literal(text, datatype=datatype)
        return found

    def map_entity(self, entity: Entity) -> Iterator[Triple]:
        kind = registry.kind(entity.kind)
        node = self.iri(entity.id)
        first = entity.first
        self.origins[node] = _origin(first, first.path)
        yield node, TYPE, kind.cls
        yield from self._fields(node, entity.data, kind)
        for other in entity.merged_ids:
            yield node, SAME_AS, URIRef(f"{self.base}{entity.kind}/{other}")
        if not kind.common:  # a source: it is the provenance, it has none
            return
        for source in entity.sources:
            yield node, DK.source, self.iri(source)
        evidence = list(entity.evidence)
        nested = registry.nested_of(kind.name)
        for f, item_kind in nested:
            if item_kind.item_segment is None:  # a link, such as a relative: no node
                for item in entity.data.get(f.name, []):
                    yield node, *self._link(item_kind, item.data)
                    evidence += item.evidence
        yield from self._evidence(node, evidence)
        if len(entity.declarations) > 1:
            yield from self._claims(node, entity.claims, entity.choices, kind)
        for f, item_kind in nested:
            if item_kind.item_segment is None:
                continue
            for item in entity.data.get(f.name, []):
                child = URIRef(f"{node}/{item_kind.name}/{item.segment}")
                fact, index = item.origin
                self.origins[child] = _origin(fact, fact.path + (f.name, index),
                                              prefix=f"{f.name}[{index}].")
                yield node, f.prop, child
                yield child, TYPE, item_kind.cls
                for alias in item.aliases:  # the IRI another declaration gave it on its own
                    yield child, SAME_AS, URIRef(f"{node}/{item_kind.name}/{alias}")
                for source in item.sources:
                    yield child, DK.source, self.iri(source)
                yield from self._fields(child, item.data, item_kind)
                yield from self._evidence(child, item.evidence)
                if len(item.members) > 1:
                    yield from self._claims(child, item.claims, item.choices, item_kind)

    def _link(self, item_kind: Kind, data: dict) -> tuple[URIRef, URIRef]:
        """(property, object) of a nested entry that is a link: its relation names the
        property, its reference the object."""
        relation = next(f for f in item_kind.fields if f.type == F.RELATION)
        target = next(f for f in item_kind.fields if f.type == F.REF)
        return registry.relation_of(relation)[data[relation.name]], self.iri(data[target.name])

    def _claims(self, node: URIRef, claims: dict[str, list[Claim]],
                choices: dict[str, Choice], kind: Kind) -> Iterator[Triple]:
        """Every value each declaration gives, as a claim with its source, the day it speaks
        of and its rank: preferred if it states the preferred value, else normal."""
        for name, found in sorted(claims.items()):
            f = kind.field(name)
            if f.prop is None:
                continue
            if choices[name].conflict:
                yield node, DK.disputed, f.prop
            for claim in found:
                said = json.dumps(claim.value, sort_keys=True, ensure_ascii=False)
                claim_node = URIRef(f"{node}/claim/{name}-"
                                    f"{short_hash(claim.source + chr(10) + said)}")
                yield node, DK.claim, claim_node
                yield claim_node, TYPE, DK.Claim
                yield claim_node, DK.claimField, Literal(name)
                yield claim_node, DK.claimProperty, f.prop
                yield claim_node, DK.source, self.iri(claim.source)
                for value in claim.value if isinstance(claim.value, list) else [claim.value]:
                    yield from self._value(claim_node, DK.claimedValue, f, value)
                if claim.date:
                    date = PartialDate.parse(claim.date)
                    yield claim_node, DK.asOf, self.typed(
                        date.text, DATATYPE_OF_PRECISION[date.precision])
                rank = DK.PreferredRank if preferred(claim, choices[name]) else DK.NormalRank
                yield claim_node, DK.rank, rank
                for quote in claim.quotes:
                    yield claim_node, DK.evidence, _evidence_iri(node, quote, claim.source)

    def _fields(self, node: URIRef, data: dict, kind: Kind) -> Iterator[Triple]:
        for f in registry.value_fields(kind.name):
            values = data.get(f.name)
            if values is None:
                continue
            for value in values if isinstance(values, list) else [values]:
                yield from self._value(node, f.prop, f, value, data)
        if data.get("_derived"):  # made by the merge from other facts, not stated
            yield node, DK.derived, self.typed("true", BOOLEAN)

    def _value(self, node: URIRef, prop: URIRef, f: Field, value,
               data: dict | None = None) -> Iterator[Triple]:
        if f.type == F.REF:
            yield node, prop, self.iri(value)
        elif f.type == F.ENTRY:
            yield node, prop, self._entry_iri(f, value, data or {})
        elif f.type == F.MOMENT:
            yield node, prop, self.typed(times.literal_text(value), DATE_TIME)
        elif f.type == F.TEXT:
            yield node, prop, Literal(value)
        elif f.type == F.BOOLEAN:
            yield node, prop, self.typed("true" if value else "false", BOOLEAN)
        elif f.type == F.IRI:
            yield node, prop, URIRef(value)
        elif f.type == F.WIKIDATA:
            yield node, prop, WD[value]
        elif f.type == F.DURATION:
            yield node, prop, self.typed(value, DURATION)
        elif f.type == F.DATE:
            date = PartialDate.parse(value)
            yield node, prop, self.typed(date.text, DATATYPE_OF_PRECISION[date.precision])
            if f.bounds and prop == f.prop:  # a claimed value has no bounds of its own
                earliest, latest = f.bounds
                yield node, earliest, self.typed(date.earliest, DATE)
                yield node, latest, self.typed(date.latest, DATE)
        elif f.type == F.CONCEPT:
            yield node, prop, registry.concept_iri(f.scheme, value)
        else:  # pragma: no cover - registry.value_fields lists what reaches here
            raise AssertionError(f"no mapping for {f.type} ({f.name})")

    def _entry_iri(self, f: Field, value: str, data: dict) -> URIRef | Literal:
        """The IRI of the entry ``value`` names in the fact that ``data``'s field names (a
        claim, which has no such field, keeps the id as written)."""
        via, nested_field = f.entry_of
        if via not in data:
            return Literal(value)
        owner = registry.kind(self.merged.kind_of(data[via]))
        item = registry.kind(owner.field(nested_field).item)
        return URIRef(f"{self.iri(data[via])}/{item.name}/{value}")

    def _evidence(self, node: URIRef, evidence: list[tuple[str, str]]) -> Iterator[Triple]:
        for quote, source in dict.fromkeys(evidence):
            iri = _evidence_iri(node, quote, source)
            yield node, DK.evidence, iri
            yield iri, TYPE, DK.Evidence
            yield iri, DK.quote, Literal(quote)
            yield iri, DK.source, self.iri(source)
            text = self.texts.get(source)
            if text is not None:
                yield from self._passage(iri, self.iri(source), text, quote)

    def _passage(self, evidence: URIRef, source: URIRef, text: SourceText, quote: str
                 ) -> Iterator[Triple]:
        """Where the quote stands in the source's text, as Web Annotation selectors: the
        evidence is the part of the source they select (diplokg.read.passages)."""
        passage = text.locate(normalise_text(quote))
        if passage is None:  # the reader found it; a merged source's text may be another
            return
        position, words = URIRef(f"{evidence}/position"), URIRef(f"{evidence}/text-quote")
        yield evidence, OA.hasSource, source
        yield evidence, OA.hasSelector, position
        yield evidence, OA.hasSelector, words
        yield position, TYPE, OA.TextPositionSelector
        # xsd:integer, not the derived xsd:nonNegativeInteger: stores such as Oxigraph keep
        # derived integer types as xsd:integer, and the graph must read back as it was written
        yield position, OA.start, self.typed(str(passage.start), INTEGER)
        yield position, OA.end, self.typed(str(passage.end), INTEGER)
        yield words, TYPE, OA.TextQuoteSelector
        yield words, OA.exact, Literal(passage.exact)
        if passage.prefix:
            yield words, OA.prefix, Literal(passage.prefix)
        if passage.suffix:
            yield words, OA.suffix, Literal(passage.suffix)


def _evidence_iri(node: URIRef, quote: str, source: str) -> URIRef:
    """One evidence node per quote and source: two sources may quote the same words."""
    return URIRef(f"{node}/evidence/{short_hash(source + chr(10) + quote)}")


def _origin(fact: Fact, path: tuple, prefix: str = "") -> Origin:
    return Origin(fact.file, 0, fact.label, prefix, fact, path[len(fact.path):])


def map_facts(merged: Merged, base: str, add: Callable[[Triple], None]) -> Mapper:
    """Map every merged entity, handing each triple to ``add``; return the mapper."""
    mapper = Mapper(merged, base)
    for entity in merged.entities.values():
        for triple in mapper.map_entity(entity):
            add(triple)
    return mapper
