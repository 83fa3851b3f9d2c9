"""Parameters that name facts, looked up in the data being queried.

A parameter of a kind of fact (person, visit ...) may be an id, a prefixed or full IRI,
or a name or alias as fact files write them, compared as fact files compare names
(``normalise_name``: case, accents and punctuation aside).  Before the query runs, each
is looked up once, with small SELECT queries on the same data (store or endpoint):

* an id or IRI of a node of the kind's class is that node; the id of a fact merged
  into another (``<canonical> owl:sameAs <merged-away>``) is the canonical node;
* else a name or alias (``rdfs:label``, ``skos:altLabel``) of one node of the class;
* else it is an error with the closest ids, and a name of several nodes is an error
  listing them: a parameter never silently matches nothing.

An ``iri`` parameter follows ``owl:sameAs`` the same way and must occur in the data.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib import Literal, URIRef

from diplokg.errors import QueryError, SerializationError
from diplokg.model import registry
from diplokg.names import normalise_name
from diplokg.namespaces import OWL, RDFS, SKOS
from diplokg.query.store import Node
from diplokg.rdf.serialize import Terms
from diplokg.safetext import printable

# Runs a SELECT on the data queried: its rows, each {variable: term}.
Select = Callable[[str], Iterable[dict[str, Node | None]]]


@dataclass(frozen=True)
class Reference:
    """A parameter value that names a node of the data, looked up by ``resolve``."""

    kind: str  # a kind of fact, or "iri"
    value: str  # as given
    iri: URIRef | None  # the node it names as an id or IRI; None: it can only be a name
    by_name: bool = False  # whether it may also be a name or alias (not an IRI)


def resolve(bindings: dict[str, Node | Reference], select: Select, base: str,
            query: str) -> dict[str, Node]:
    """The bindings with each Reference replaced by the node it names in the data."""
    return {name: _resolve(value, select, base, f"{query}: parameter {name}")
            if isinstance(value, Reference) else value for name, value in bindings.items()}


def _nt(term) -> str:
    try:
        return Terms({}).term(term)
    except SerializationError as error:
        raise QueryError(str(error)) from None


def _resolve(ref: Reference, select: Select, base: str, where: str) -> URIRef:
    given = f"{where}={printable(repr(ref.value))}"
    if ref.iri is not None:
        node = _by_iri(ref, select, given)
        if node is not None:
            return node
    if ref.kind == "iri":
        kind = next((k for k in registry.KINDS if ref.iri.startswith(f"{base}{k}/")), None)
        near = [] if kind is None else _near(ref.iri[len(f"{base}{kind}/"):],
                                             *_names(kind, select, base))
        raise QueryError(f"{given} is not in the data"
                         + _did_you_mean([n if n.startswith("<") else f"{kind}:{n}"
                                          for n in near]))
    names, ids = _names(ref.kind, select, base)
    wanted = normalise_name(ref.value) if ref.by_name else ""
    found = sorted(names.get(wanted, ())) if wanted else []
    if len(found) == 1:
        return found[0][1]
    if found:
        raise QueryError(f"{given} is a name of several {ref.kind}s: "
                         f"{', '.join(printable(i) for i, _ in found)}; "
                         "give the id of the one you mean")
    raise QueryError(f"{given} matches no {ref.kind} in the data, by id, IRI, name or alias"
                     + _did_you_mean(_near(ref.value, names, ids)))


def _by_iri(ref: Reference, select: Select, given: str) -> URIRef | None:
    """The node the IRI names, or the one it was merged into; None if neither exists."""
    iri, same = _nt(ref.iri), _nt(OWL.sameAs)
    if ref.kind == "iri":  # any node, property or class the data mentions
        text = (f"SELECT DISTINCT ?node WHERE {{ {{ ?node {same} {iri} }} UNION "
                f"{{ BIND({iri} AS ?node) FILTER EXISTS {{ {{ {iri} ?p ?o }} UNION "
                f"{{ ?s {iri} ?o }} UNION {{ ?s ?p {iri} }} }} }} }}")
    else:
        cls = _nt(registry.kind(ref.kind).cls)
        text = (f"SELECT DISTINCT ?node WHERE {{ {{ ?node {same} {iri} ; a {cls} }} UNION "
                f"{{ {iri} a {cls} BIND({iri} AS ?node) }} }}")
    nodes = sorted({row["node"] for row in select(text) if isinstance(row.get("node"), URIRef)})
    canonical = [node for node in nodes if node != ref.iri]
    if len(canonical) > 1:
        raise QueryError(f"{given} was merged into several nodes: "
                         f"{', '.join(printable(n) for n in canonical)}")
    return canonical[0] if canonical else ref.iri if nodes else None


Names = dict[str, set[tuple[str, URIRef]]]  # normalised name or id -> (id shown, node)


def _names(kind: str, select: Select, base: str) -> tuple[Names, Names]:
    """Every node of the kind's class by its normalised names, and by its normalised id
    (for suggestions only: an id is matched exactly, as in fact files)."""
    cls, label, alias = (_nt(t) for t in (registry.kind(kind).cls, RDFS.label, SKOS.altLabel))
    rows = select(f"SELECT ?node ?name WHERE {{ ?node a {cls} "
                  f"OPTIONAL {{ ?node {label}|{alias} ?name }} }}")
    prefix = f"{base}{kind}/"
    names: Names = defaultdict(set)
    ids: Names = defaultdict(set)
    for row in rows:
        node, name = row.get("node"), row.get("name")
        if not isinstance(node, URIRef):
            continue
        shown = node[len(prefix):] if node.startswith(prefix) else f"<{node}>"
        for found, text in ((ids, shown), (names, name if isinstance(name, Literal) else "")):
            key = normalise_name(str(text))
            if key:  # "!!!" is no name to match by
                found[key].add((shown, node))
    return names, ids


def _near(value: str, names: Names, ids: Names) -> list[str]:
    """The closest ids and names, as fact files suggest them, then those that contain
    every word of the value ("putin": vladimir-putin); as ids."""
    word = normalise_name(value)
    if not word:
        return []
    choices = {key: names.get(key, set()) | ids.get(key, set()) for key in {*names, *ids}}
    close = difflib.get_close_matches(word, sorted(choices), n=3, cutoff=0.6)
    close += [key for key in sorted(choices) if set(word.split()) <= set(key.split())]
    near = [shown for key in close for shown, _ in sorted(choices[key])]
    return list(dict.fromkeys(near))[:3]


def _did_you_mean(near: list[str]) -> str:
    return f"; did you mean {', '.join(printable(n) for n in near)}?" if near else ""
