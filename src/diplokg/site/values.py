"""The values pages show: Refs, the pages and pictures themselves, dates, and links.

A value is a ``Ref``: its text, and where it may be linked, the site path of its page
(or of the page it is part of, with an anchor) or an http(s) URL out of the site; the
templates escape every text and build every link from a Ref (diplokg.site.render).
``Linker`` makes the Refs of IRIs and literals.  Dates are read as the graph writes
them: the plain property as stated (``2000``, ``2000-06``, ``2000-06-19``) and its
``...Earliest`` and ``...Latest`` days, which order and place them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from diplokg.namespaces import XSD
from diplokg.site.graph import Graph, Node, Term, dk
from diplokg.site.ontology import short_name
from diplokg.site.paths import FOLDERS, anchor, external_url, page_path


@dataclass(frozen=True)
class Ref:
    """A value as shown: ``href`` is a path from the site's root, or with ``external``
    an http(s) URL; None where there is nothing to link."""

    text: str
    href: str | None = None
    external: bool = False


@dataclass
class Page:
    path: str
    template: str
    title: str
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Picture:
    path: str
    svg: str


# -- dates ------------------------------------------------------------------------------

DATE_PROPS = {
    "start": ("startDate", "startEarliest", "startLatest"),
    "end": ("endDate", "endEarliest", "endLatest"),
    "signing": ("signingDate", "signingEarliest", "signingLatest"),
    "action": ("actionDate", "actionEarliest", "actionLatest"),
}


def date_text(node: Node, which: str = "start") -> str:
    plain, _, _ = DATE_PROPS[which]
    return node.text(dk(plain)) or ""


def earliest(node: Node, which: str = "start") -> str | None:
    """The first day a date can mean (``2000`` is 2000-01-01), as ISO text."""
    plain, first, _ = DATE_PROPS[which]
    found = node.text(dk(first))
    if found:
        return found
    text = node.text(dk(plain))
    if not text or len(text) < 4 or not text[:4].isdigit():
        return None
    return (text[:10] + "-01-01"[len(text[:10]) - 4:]) if len(text) < 10 else text[:10]


def latest(node: Node, which: str = "start") -> str | None:
    _, _, last = DATE_PROPS[which]
    return node.text(dk(last)) or earliest(node, which)


def date_key(node: Node, which: str = "start") -> tuple:
    """Dated first, oldest first, then by IRI: the order of every list of dated things."""
    first = earliest(node, which)
    return (first is None, first or "", latest(node, which) or "", node.iri)


def year_of(node: Node, which: str = "start") -> int | None:
    first = earliest(node, which)
    return int(first[:4]) if first and first[:4].isdigit() else None


def fractional_year(day: str | None) -> float | None:
    """2000-07-02 -> about 2000.5, for placing a mark on a timeline."""
    if not day or not day[:4].isdigit():
        return None
    year = int(day[:4])
    try:
        month, dom = int(day[5:7]), int(day[8:10])
    except ValueError:
        return float(year)
    return year + ((month - 1) * 30.5 + dom - 1) / 366


def middle_year(node: Node, which: str = "start") -> float | None:
    first, last = fractional_year(earliest(node, which)), fractional_year(latest(node, which))
    if first is None:
        return None
    return first if last is None else (first + last) / 2


# -- values -------------------------------------------------------------------------------

_BOOLEAN = str(XSD.boolean)


class Linker:
    """Refs for IRIs and literals: pages of facts, anchors of their parts, concepts and
    ontology terms in the ontology's pages, and http(s) IRIs out of the site."""

    def __init__(self, graph: Graph, base: str, ontology_anchors: dict[str, str]):
        self.graph = graph
        self.base = base
        self.paths: dict[str, str] = {}
        for cls, folder in FOLDERS.items():
            for node in graph.of(cls):
                self.paths[node.iri] = page_path(node.iri, folder, base)
        self.ontology_anchors = ontology_anchors

    def path(self, iri: str) -> str | None:
        return self.paths.get(iri)

    def owner(self, iri: str) -> str | None:
        """The fact with a page that ``iri`` is part of (an event of a visit, a claim of
        an office of a person ...), or ``iri`` itself if it has a page."""
        candidate = iri
        for _ in range(6):
            if candidate in self.paths:
                return candidate
            if candidate.count("/") < 4:
                return None
            candidate = candidate.rsplit("/", 2)[0]
        return None

    def label(self, iri: str) -> str:
        node = self.graph.node(iri)
        if node is not None:
            return part_label(node, self.graph)
        concept = self.graph.concepts.get(iri)
        if concept:
            return concept
        return short_name(iri)

    def ref(self, iri: str, text: str | None = None) -> Ref:
        text = text if text is not None else self.label(iri)
        path = self.paths.get(iri)
        if path:
            return Ref(text, path)
        owner = self.owner(iri)
        if owner:
            return Ref(text, f"{self.paths[owner]}#{anchor(iri, owner)}")
        if iri in self.ontology_anchors:
            return Ref(text, self.ontology_anchors[iri])
        url = external_url(iri)
        return Ref(text, url, external=True) if url else Ref(text)

    def value(self, term: Term) -> Ref:
        if isinstance(term, ox.NamedNode):
            return self.ref(term.value)
        if isinstance(term, ox.Literal) and term.datatype.value == _BOOLEAN:
            return Ref("yes" if term.value in ("true", "1") else "no")
        return Ref(term.value)

    def refs(self, node: Node, prop: str) -> list[Ref]:
        found = [self.value(term) for term in node.values(dk(prop))]
        return sorted(found, key=lambda r: (r.text.lower(), r.href or ""))


_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def part_label(node: Node, graph: Graph) -> str:
    """What to call a node: its label, or for parts without one, what they are."""
    if node.text(_LABEL):
        return node.label
    if node.cls == "OfficeHolding":
        return node.text(dk("officeTitle")) or "office"
    if node.cls == "Capacity":
        agent = graph.node(node.text(dk("agent")))
        return agent.label if agent else "capacity"
    if node.cls == "Leg":
        place = graph.node(node.text(dk("place")))
        return f"stop at {place.label}" if place else "stop"
    if node.cls == "TreatyAction":
        kind = graph.concepts.get(node.text(dk("actionKind")) or "", "action")
        return f"{kind} {date_text(node, 'action')}".strip()
    if node.cls == "Clause":
        return node.text(dk("clauseTopic")) or "clause"
    if node.cls == "Evidence":
        return "quote"
    return node.label
