"""Every kind of fact, in the order fact files and outputs list them, and the tables the
stages read, all derived from the kind definitions in diplokg.model.kinds.

Adding a kind is adding a module there and one line to ``KINDS`` below.
"""

from __future__ import annotations

from functools import cache

from rdflib import URIRef

from diplokg.model.fields import (
    CONCEPT,
    DATE,
    IRI,
    MOMENT,
    NESTED,
    REF,
    RELATION,
    VALUE_TYPES,
    Field,
)
from diplokg.model.kind import Kind
from diplokg.model.kinds.agreement import ACTION, AGREEMENT, CLAUSE
from diplokg.model.kinds.decision import DECISION
from diplokg.model.kinds.organisation import ORGANISATION
from diplokg.model.kinds.person import OFFICE, PERSON, RELATIVE
from diplokg.model.kinds.place import PLACE
from diplokg.model.kinds.source import SOURCE
from diplokg.model.kinds.state import STATE
from diplokg.model.kinds.visit import CAPACITY, EVENT, LEG, VISIT
from diplokg.namespaces import (
    DEFAULT_BASE,
    DK,
    STANDARD_PREFIXES,
    VOCAB,
    InternedNamespace,
    Namespace,
)

# Kinds of facts, in section order, and the kinds of entries nested in them.
KINDS: dict[str, Kind] = {k.name: k for k in (SOURCE, PERSON, STATE, ORGANISATION, PLACE,
                                                  VISIT, AGREEMENT, DECISION)}
NESTED_KINDS: dict[str, Kind] = {k.name: k for k in (OFFICE, RELATIVE, LEG, EVENT, CAPACITY,
                                                         ACTION, CLAUSE)}


_revision = 0


def revision() -> int:
    """Changes whenever a kind is registered or removed, for caches of what follows."""
    return _revision


def register(kind: Kind, *nested: Kind) -> None:
    """Add a kind (and the kinds nested in it) at run time, as a plug-in would."""
    KINDS[kind.name] = kind
    for item in nested:
        NESTED_KINDS[item.name] = item
    _clear()


def unregister(name: str, *nested: str) -> None:
    KINDS.pop(name, None)
    for item in nested:
        NESTED_KINDS.pop(item, None)
    _clear()


def _clear() -> None:
    global _revision
    _revision += 1
    for function in (sections, reference_fields, date_fields, moment_fields, iri_fields,
                     nested_fields,
                     schemes, field_of_property, date_bounds, fields_by_name, value_fields,
                     nested_of):
        function.cache_clear()


def kind(name: str) -> Kind:
    """A kind of fact or of nested entry, by name."""
    return KINDS.get(name) or NESTED_KINDS[name]


def all_kinds() -> list[Kind]:
    """Each kind of fact followed by the kinds nested in it (the JSON Schema's order)."""
    found = []
    for fact_kind in KINDS.values():
        found.append(fact_kind)
        for f in fact_kind.fields:
            if f.type == NESTED:
                found.append(NESTED_KINDS[f.item])
    return found


def fields_of(name: str) -> tuple[Field, ...]:
    return kind(name).fields


# Per-kind views that the merge and the mapping read for every entity, computed once.

@cache
def fields_by_name(name: str) -> dict[str, Field]:
    return {f.name: f for f in fields_of(name)}


@cache
def value_fields(name: str) -> tuple[Field, ...]:
    """Fields whose every value is one triple of their property."""
    return tuple(f for f in fields_of(name) if f.direct and f.prop is not None
                 and f.type in VALUE_TYPES)


@cache
def nested_of(name: str) -> tuple[tuple[Field, Kind], ...]:
    """(field, the kind of its entries) for each nested list of a kind."""
    return tuple((f, NESTED_KINDS[f.item]) for f in fields_of(name) if f.type == NESTED)


@cache
def sections() -> dict[str, str]:
    """Top-level list of fact files -> the kind of fact it holds."""
    return {k.section: k.name for k in KINDS.values()}


@cache
def reference_fields(name: str) -> tuple[str, ...]:
    """Fields of a kind holding ids of other facts; "a.b" looks into the nested list a.

    `source` and `same_as` are left out: every fact has them, and callers add them.
    """
    found = []
    for f in fields_of(name):
        if f.type == REF and f.name not in ("source", "same_as"):
            found.append(f.name)
        elif f.type == NESTED:
            found += [f"{f.name}.{inner.name}" for inner in NESTED_KINDS[f.item].fields
                      if inner.type == REF]
    return tuple(found)


def _field_names(matches) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f.name for k in all_kinds() for f in k.fields if matches(f)))


@cache
def date_fields() -> tuple[str, ...]:
    return _field_names(lambda f: f.type == DATE)


@cache
def moment_fields() -> tuple[str, ...]:
    return _field_names(lambda f: f.type == MOMENT)


@cache
def iri_fields() -> tuple[str, ...]:
    return _field_names(lambda f: f.type == IRI)


@cache
def nested_fields() -> tuple[str, ...]:
    return _field_names(lambda f: f.type == NESTED)


@cache
def schemes() -> dict[str, tuple[str, ...]]:
    """Concept scheme slug -> its values, in the order the definitions give them."""
    return {f.scheme: f.values for k in all_kinds() for f in k.fields if f.type == CONCEPT}


@cache
def vocab(scheme: str) -> Namespace:
    return InternedNamespace(f"{VOCAB}{scheme}/")


def concept_iri(scheme: str, value: str) -> URIRef:
    return vocab(scheme)[value]


def vocab_prefixes() -> dict[str, str]:
    """Prefixes of the concept schemes: visitkind: for visit-kind, and so on."""
    return {scheme.replace("-", ""): str(vocab(scheme)) for scheme in schemes()}


def data_prefixes(base: str) -> dict[str, str]:
    """Prefixes for the IRIs diplokg mints: person: <base/person/> and so on."""
    return {name: f"{base}{name}/" for name in sorted(KINDS)}


def project_prefixes() -> dict[str, str]:
    """dk:, the concept schemes' prefixes and the standard ones, in the order outputs list
    them; the data prefixes follow (``prefixes``)."""
    return {"dk": str(DK), **vocab_prefixes(), **STANDARD_PREFIXES}


def prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """Every prefix an output uses: the project's, then the data prefixes for ``base``."""
    return {**project_prefixes(), **data_prefixes(base)}


@cache
def field_of_property() -> dict[URIRef, str]:
    """Which fact-file field a property came from, for reports about a graph."""
    found: dict[URIRef, str] = {}
    for k in all_kinds():
        for f in k.fields:
            if f.prop is not None and f.direct and f.type not in (NESTED, RELATION):
                found[f.prop] = f.name
    return found


@cache
def date_bounds() -> dict[URIRef, tuple[URIRef, URIRef]]:
    """Date property -> the properties of its derived earliest and latest days."""
    return {f.prop: f.bounds for k in all_kinds() for f in k.fields if f.bounds}


def ordered_links() -> list[tuple[str, str, str | None, Field]]:
    """(kind, field, field inside its nested entries or None, the linking field) of every
    link that orders facts and so must never lead back to where it starts."""
    found = []
    for k in KINDS.values():
        for f in k.fields:
            if f.order:
                found.append((k.name, f.name, None, f))
            elif f.type == NESTED:
                found += [(k.name, f.name, inner.name, inner)
                          for inner in NESTED_KINDS[f.item].fields if inner.order]
    return found


def relation_of(field: Field) -> dict[str, URIRef]:
    assert field.type == RELATION
    return dict(zip(field.values, field.relation_props, strict=True))
