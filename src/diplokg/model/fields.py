"""The building blocks of a kind definition: a field, and how to spell each type of field.

A field says everything every stage needs to know about one key of a fact:
the reader (its JSON Schema and whether it holds ids of other facts or dates),
the merge (how values from several declarations combine), the mapping (its
property and how a value becomes an RDF term) and the shapes (its SHACL rule and
the words of its message).  Nothing else in diplokg lists fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import URIRef

# Field types: what a value is in a fact file and what it becomes in RDF.
TEXT = "text"  # a string -> a plain literal
DATE = "date"  # 2000, 2000-06 or 2000-06-19 -> xsd:gYear, xsd:gYearMonth or xsd:date
REF = "ref"  # the id (or name) of another fact -> its IRI
CONCEPT = "concept"  # a value from a controlled list -> a SKOS concept
BOOLEAN = "boolean"  # true or false -> xsd:boolean
DURATION = "duration"  # P9D -> xsd:duration
IRI = "iri"  # an http(s) URL -> an IRI
WIKIDATA = "wikidata"  # Q7747 -> a Wikidata entity IRI
NESTED = "nested"  # a list of entries of another definition (offices, events ...)
RELATION = "relation"  # a controlled value that selects the property (a relative's relation)
EVIDENCE = "evidence"  # verbatim quotes -> evidence nodes
ID = "id"  # the fact's own id -> its IRI
ENTRY = "entry"  # the id of a nested entry of a fact another field names -> the entry's IRI
MOMENT = "moment"  # 2024-06-20T01:45+07:00 or ... Asia/Ho_Chi_Minh -> xsd:dateTime
# Types whose every value becomes one triple.
VALUE_TYPES = (TEXT, DATE, REF, CONCEPT, BOOLEAN, DURATION, IRI, WIKIDATA, ENTRY, MOMENT)

# How the values several declarations give for a field combine into one entity.
PER_DECLARATION = "per-declaration"  # kept with each declaration (id, source, evidence ...)
UNION = "union"  # lists are joined, repeats dropped
ALIAS = "alias"  # a different spelling becomes an alias
REFINE_DATE = "refine-date"  # a more precise compatible date wins; others conflict
SINGLE = "single"  # one value (a narrower concept refines a broader); others conflict
LIFE_CYCLE = "life-cycle"  # the latest dated value is current; earlier ones are history
ONE_MOMENT = "one-moment"  # moments by different clocks that name one instant agree
ITEMS = "items"  # nested entries: the same entry from several sources once
EACH = "each"  # every declaration's value is kept, with its source (notes)


@dataclass(frozen=True)
class Field:
    """One key of a fact file, and what every stage does with it."""

    name: str
    type: str
    prop: URIRef | None = None  # the property its values become (and its shape checks)
    direct: bool = True  # each value is one triple of ``prop``; else the mapper says how
    written: bool = True  # may be written in fact files; False: only the merge makes it
    many: bool = False  # a list of values
    required: bool = False
    refs: tuple[str, ...] = ()  # REF: the kinds its ids may name
    scheme: str = ""  # CONCEPT: the concept scheme, e.g. "visit-kind"
    values: tuple[str, ...] = ()  # CONCEPT and RELATION: the allowed values, in order
    # CONCEPT: (narrower, broader) pairs of the vocabulary's hierarchy: "treaty" refines
    # "agreement", so the two are no conflict (skos:broader in ontology/vocab.ttl)
    broader: tuple[tuple[str, str], ...] = ()
    # LIFE_CYCLE: the stages values move through, in order; values of one stage are peers
    stages: tuple[tuple[str, ...], ...] = ()
    relation_props: tuple[URIRef, ...] = ()  # RELATION: the property of each value
    item: str = ""  # NESTED: the nested definition
    # ENTRY: (the field of this entry that names a fact, the nested field of that fact
    # whose entry the value names), e.g. ("person", "offices")
    entry_of: tuple[str, str] = ("", "")
    bounds: tuple[URIRef, URIRef] | None = None  # DATE: derived earliest/latest day props
    description: str = ""  # for the JSON Schema
    hint: str = ""  # the fix the reader suggests for a malformed value (x-hint)
    schema: dict[str, Any] = field(default_factory=dict)  # more JSON Schema keywords
    combine: str = ""  # how declarations combine; default from the type and ``many``
    order: str = ""  # REF: the link orders facts ("follows"), so it must never lead back
    only_self: bool = False  # with order: only naming itself is wrong, not a longer cycle
    # The SHACL rule: a field with a message gets a generated property shape named
    # ``shape`` (default <Kind>-<field>); fields of several kinds may share one.
    message: str = ""
    fix: str = ""
    shape: str = ""

    @property
    def combination(self) -> str:
        if self.combine:
            return self.combine
        if self.stages:
            return LIFE_CYCLE
        if self.type == MOMENT:
            return ONE_MOMENT
        if self.type == NESTED:
            return ITEMS
        if self.many:
            return UNION
        return REFINE_DATE if self.type == DATE else SINGLE


def text(name: str, prop: URIRef | None, **options: Any) -> Field:
    return Field(name, TEXT, prop, **options)


def names(name: str, prop: URIRef | None, **options: Any) -> Field:
    """A list of strings: aliases, authors."""
    return Field(name, TEXT, prop, many=True, **options)


def date(name: str, prop: URIRef, **options: Any) -> Field:
    return Field(name, DATE, prop, **options)


def ref(name: str, prop: URIRef | None, *kinds: str, **options: Any) -> Field:
    return Field(name, REF, prop, refs=kinds, **options)


def refs(name: str, prop: URIRef, *kinds: str, **options: Any) -> Field:
    return Field(name, REF, prop, many=True, refs=kinds, **options)


def concept(name: str, prop: URIRef, scheme: str, values: tuple[str, ...],
            **options: Any) -> Field:
    return Field(name, CONCEPT, prop, scheme=scheme, values=values, **options)


def boolean(name: str, prop: URIRef, **options: Any) -> Field:
    return Field(name, BOOLEAN, prop, **options)


def nested(name: str, prop: URIRef, item: str, **options: Any) -> Field:
    return Field(name, NESTED, prop, many=True, item=item, **options)


def entry(name: str, prop: URIRef, via: str, nested_field: str, **options: Any) -> Field:
    """The id of an entry nested in the fact that field ``via`` names (one of a person's
    offices, by the IRI segment it has there)."""
    return Field(name, ENTRY, prop, entry_of=(via, nested_field), **options)
