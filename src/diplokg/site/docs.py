"""The ontology's pages: every class, property, concept scheme and concept, as diplokg
ships them (diplokg.site.ontology), with how often the graph uses each and links to the
first facts that do, and a diagram of the classes and their properties.

Terms are anchors on four pages (``ontology/classes.html#class-visit``,
``ontology/properties.html#term-visitor``, ``ontology/vocabulary.html#concept-visit-
kind-state`` ...), so that values on other pages (a visit's kind) link to their
definition.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pyoxigraph as ox

from diplokg.namespaces import VOCAB
from diplokg.site import svg
from diplokg.site.graph import dk
from diplokg.site.ontology import Ontology, short_name
from diplokg.site.ontology import Term as OntologyTerm
from diplokg.site.paths import external_url, safe_name
from diplokg.site.values import Page, Picture, Ref

if TYPE_CHECKING:
    from diplokg.site.pages import Site

EXAMPLES = 3  # examples from the data for each term


class OntologyPages:
    """The ontology's pages of one site."""

    def __init__(self, site: Site):
        self.site = site
        self.graph = site.graph
        self.link = site.link
        self.ontology = site.ontology
        self.ontology_anchors = site.ontology_anchors

    def page(self, path: str, template: str, title: str, **context) -> Page:
        return self.site.page(path, template, title, **context)

    def pages(self) -> Iterator[Page | Picture]:
        usage = self._usage()
        classes = [self._term(t, usage) for t in self.ontology.classes]
        properties = [self._term(t, usage) for t in self.ontology.properties]
        individuals = [self._term(t, usage) for t in self.ontology.individuals]
        schemes = [{"term": self._term(s, usage),
                    "concepts": [self._term(c, usage)
                                 for c in self.ontology.concepts.get(s.iri, [])]}
                   for s in self.ontology.schemes]
        picture, alt = self._class_picture()
        yield picture
        common = {"classes": classes, "properties": properties, "schemes": schemes,
                  "individuals": individuals}
        yield self.page("ontology/index.html", "ontology_index.html",
                        "The ontology and vocabulary", diagram="ontology/classes.svg",
                        diagram_alt=alt, **common)
        yield self.page("ontology/classes.html", "ontology_classes.html", "Classes", **common)
        yield self.page("ontology/properties.html", "ontology_properties.html", "Properties",
                        **common)
        yield self.page("ontology/vocabulary.html", "ontology_vocabulary.html",
                        "Vocabulary: concept schemes and concepts", **common)

    def _usage(self) -> dict[str, tuple[int, list[str]]]:
        """How often each class, property and concept is used in the data, with the
        facts of the first few uses (in IRI order)."""
        counts: Counter = Counter()
        examples: dict[str, list[str]] = defaultdict(list)

        def use(term: str, subject: str) -> None:
            counts[term] += 1
            found = examples[term]
            if len(found) < EXAMPLES:
                owner = self.link.owner(subject)
                if owner and owner not in found:
                    found.append(owner)

        for node in self.graph.by_class_sorted():
            use(dk(node.cls), node.iri)
            for prop, values in node.props.items():
                for value in values:
                    use(prop, node.iri)
                    if isinstance(value, ox.NamedNode) and value.value.startswith(VOCAB):
                        use(value.value, node.iri)
        return {term: (n, examples[term]) for term, n in counts.items()}

    def _term(self, term: OntologyTerm, usage: dict) -> dict:
        count, examples = usage.get(term.iri, (0, []))
        return {"name": term.name, "anchor": self.ontology_anchors.get(term.iri, "#")
                .split("#", 1)[1], "iri": term.iri, "label": term.label,
                "kind": term.kind, "definition": term.definition, "examples": term.examples,
                "notation": term.notation,
                "alignments": [(words, self._aligned(iri)) for words, iri in term.alignments],
                "domain": [self._aligned(i) for i in term.domain],
                "range": [self._aligned(i) for i in term.range],
                "used": count, "in_data": [self.link.ref(e) for e in examples]}

    def _aligned(self, iri: str) -> Ref:
        if iri in self.ontology_anchors:
            return Ref(short_name(iri), self.ontology_anchors[iri])
        url = external_url(iri)
        return Ref(short_name(iri), url, external=bool(url))

    def _class_picture(self) -> tuple[Picture, str]:
        datatype = defaultdict(list)
        links = []
        for prop in self.ontology.properties:
            for domain in prop.domain or [""]:
                if prop.kind == "datatype property" and domain:
                    datatype[domain].append(prop.name)
                elif prop.kind == "object property":
                    for target in prop.range:
                        if domain and target.startswith(dk("")):
                            links.append((domain, prop.name, target))
        boxes = [svg.Box(c.name, tuple(sorted(datatype.get(c.iri, []))))
                 for c in self.ontology.classes]
        names = {c.iri: c.name for c in self.ontology.classes}
        links = [(names[d], p, names[r]) for d, p, r in links if d in names and r in names]
        desc = (f"{len(boxes)} classes as boxes, each listing the datatype properties whose "
                f"domain it is; {len(links)} object properties as arrows from their domain "
                f"to their range. The classes page lists the same in words.")
        title = "Classes and properties of the diplokg ontology"
        return (Picture("ontology/classes.svg", svg.class_diagram(title, desc, boxes, links)),
                f"{title}: {desc}")


def ontology_anchors(ontology: Ontology) -> dict[str, str]:
    """IRI of each term -> its place in the ontology's pages."""
    found = {}
    for term in ontology.classes:
        found[term.iri] = f"ontology/classes.html#{_term_anchor('class', term.iri)}"
    for term in [*ontology.properties, *ontology.individuals]:
        found[term.iri] = f"ontology/properties.html#{_term_anchor('term', term.iri)}"
    for scheme in ontology.schemes:
        found[scheme.iri] = f"ontology/vocabulary.html#{_term_anchor('scheme', scheme.iri)}"
        for concept in ontology.concepts.get(scheme.iri, []):
            found[concept.iri] = \
                f"ontology/vocabulary.html#{_term_anchor('concept', concept.iri)}"
    return found


def _term_anchor(kind: str, iri: str) -> str:
    tail = iri.rsplit("#", 1)[-1] if "#" in iri else iri[len(VOCAB):] if iri.startswith(
        VOCAB) else iri
    segment = "-".join(part for part in tail.lower().replace("_", "-").split("/") if part)
    return f"{kind}-{safe_name(segment)}"
