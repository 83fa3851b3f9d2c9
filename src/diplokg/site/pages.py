"""What each page shows, as plain data for the templates: no markup is made here.

``Site`` turns the graph (diplokg.site.graph) into pages: a page per person, state,
organisation, place, visit, agreement and source, a page per pair of states that
visited each other, lists, the home page and the ontology's pages, each with the
pictures it shows (the ontology's pages come from diplokg.site.docs).  Every value is a
``Ref`` (diplokg.site.values), which the templates escape and link.

Sources and quotes: every fact and every part of one (an event, an office ...) shows
the sources it is taken from and the verbatim quotes of each.  Where several
declarations state a fact, its claims are shown field by field, each with its value,
source, the day it speaks of, its rank (the preferred value marked) and quotes; a
field whose claims conflict is marked, with the decision that settled it, if any.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import pairwise

from markupsafe import Markup

from diplokg.model import registry
from diplokg.namespaces import VOCAB
from diplokg.read.passages import Passage
from diplokg.site import svg
from diplokg.site.docs import OntologyPages, ontology_anchors
from diplokg.site.graph import Graph, Node, dk
from diplokg.site.ontology import Ontology, short_name
from diplokg.site.paths import anchor, external_url, root_of, safe_name
from diplokg.site.values import (
    Linker,
    Page,
    Picture,
    Ref,
    date_key,
    date_text,
    earliest,
    latest,
    middle_year,
    part_label,
    year_of,
)

TOOK_PLACE = VOCAB + "visit-status/took-place"
PREFERRED = dk("PreferredRank")
LATEST_VISITS = 15
NETWORK_STATES = 36  # the most-visiting states drawn in the whole graph's network
PARTNERS_DRAWN = 24  # partners drawn around one state
QUOTES_ON_SOURCE_PAGE = 400  # a source stating more facts lists them without quotes

SEARCHED = ("Person", "State", "Organisation", "Place", "Agreement", "Source")
KIND_WORDS = {"Person": "person", "State": "state", "Organisation": "organisation",
              "Place": "place", "Visit": "visit", "Agreement": "agreement",
              "Source": "source"}
LIST_PAGES = {"Person": ("list/people.html", "People"),
              "State": ("list/states.html", "States"),
              "Organisation": ("list/organisations.html", "Organisations"),
              "Place": ("list/places.html", "Places"),
              "Agreement": ("list/agreements.html", "Agreements"),
              "Source": ("list/sources.html", "Sources")}
RELATIONS = ("parent", "child", "grandparent", "grandchild", "sibling", "spouse")


# -- the site -------------------------------------------------------------------------------

class Site:
    """Every page and picture of the site, built from one graph."""

    def __init__(self, graph: Graph, base: str, ontology: Ontology,
                 texts: dict[str, str] | None = None):
        self.graph = graph
        self.texts = texts or {}  # source IRI -> its text, where the site was built from facts
        self.ontology = ontology
        self.ontology_anchors = ontology_anchors(ontology)
        self.ontology_terms = {t.iri: t for t in ontology.terms()}
        self.link = Linker(graph, base, self.ontology_anchors)
        self.decisions = self._decisions()
        self.decided: dict[str, list[tuple[str, Node]]] = defaultdict(list)  # fact -> decisions
        for (fact, path), found in sorted(self.decisions.items()):
            self.decided[fact] += [(path, decision) for decision in found]
        self.nested_fields = {kind.name: f.name for fact_kind in registry.KINDS
                              for f, kind in registry.nested_of(fact_kind)}
        self.origins = {v.iri: self._origins(v) for v in graph.of("Visit")}
        self.visits_in: dict[str, list[Node]] = defaultdict(list)
        self.visits_out: dict[str, list[Node]] = defaultdict(list)
        for visit in sorted(graph.of("Visit"), key=date_key):
            for destination in visit.iris(dk("destination")):
                self.visits_in[destination].append(visit)
            for origin in self.origins[visit.iri]:
                self.visits_out[origin].append(visit)
        self.pairs = self._pairs()
        self.statements = self._statements()
        self.located = self._located()
        self._rows: dict[str, dict] = {}

    # -- shared pieces ------------------------------------------------------------------

    def _origins(self, visit: Node) -> list[str]:
        """The states a visit was made for: its ``from:``, else the states its visitors'
        capacities represent (as the bundled query visits-from-state counts them)."""
        stated = visit.iris(dk("fromState"))
        if stated:
            return stated
        visitors = set(visit.iris(dk("visitor")))
        found = {state for capacity in self.graph.linked(visit, dk("capacity"))
                 if capacity.text(dk("agent")) in visitors
                 for state in capacity.iris(dk("represents"))}
        return sorted(found)

    def _pairs(self) -> dict[tuple[str, str], list[Node]]:
        pairs: dict[tuple[str, str], list[Node]] = defaultdict(list)
        for visit in sorted(self.graph.of("Visit"), key=date_key):
            for origin in self.origins[visit.iri]:
                for destination in visit.iris(dk("destination")):
                    if origin != destination and origin in self.link.paths \
                            and destination in self.link.paths:
                        pairs[tuple(sorted((origin, destination)))].append(visit)
        return dict(pairs)

    def pair_path(self, one: str, other: str) -> str:
        a, b = sorted((self.link.paths[one], self.link.paths[other]))
        name = f"{a.split('/')[1][:-5]}--{b.split('/')[1][:-5]}"
        return f"between/{name}.html"

    def _decisions(self) -> dict[tuple[str, str], list[Node]]:
        found: dict[tuple[str, str], list[Node]] = defaultdict(list)
        for decision in self.graph.of("Decision"):
            for fact in decision.iris(dk("decisionAbout")):
                found[(fact, decision.text(dk("decisionField")) or "")].append(decision)
        return found

    def concept(self, node: Node, prop: str) -> str:
        iri = node.text(dk(prop))
        return self.link.label(iri) if iri else ""

    def quotes(self, node: Node) -> list[dict]:
        """The node's sources, each with its quotes, by source name."""
        by_source: dict[str, list[str]] = defaultdict(list)
        for iri in node.iris(dk("source")):
            by_source.setdefault(iri, [])
        for evidence in self.graph.linked(node, dk("evidence")):
            quote = evidence.text(dk("quote"))
            for source in evidence.iris(dk("source")) or [""]:
                if quote and quote not in by_source[source]:
                    by_source[source].append(quote)
        rows = [{"source": self.link.ref(source) if source else Ref("no source named"),
                 "quotes": sorted(quotes)} for source, quotes in by_source.items()]
        return sorted(rows, key=lambda r: (r["source"].text.lower(), r["source"].href or ""))

    def claims(self, node: Node, fact: Node) -> list[dict]:
        """The node's claims, by field: the disputed fields first."""
        disputed = set(node.iris(dk("disputed")))
        by_field: dict[str, list[Node]] = defaultdict(list)
        for claim in self.graph.linked(node, dk("claim")):
            by_field[claim.text(dk("claimField")) or ""].append(claim)
        groups = []
        for name, claims in by_field.items():
            prop = next((c.text(dk("claimProperty")) for c in claims
                         if c.text(dk("claimProperty"))), "")
            rows = [self._claim_row(claim) for claim in claims]
            rows.sort(key=lambda r: (not r["preferred"], r["value"].text, r["as_of"],
                                     r["source"].text))
            path = self._field_path(node, fact, name)
            support = Counter(r["value"] for r in rows)
            groups.append({
                "field": name, "path": path,
                "anchor": "claims-" + safe_name("-".join(
                    "".join(ch if ch.isalnum() else " " for ch in path.lower()).split())),
                "values": [{"value": value, "sources": n,
                            "preferred": any(r["preferred"] for r in rows if r["value"] == value)}
                           for value, n in sorted(support.items(),
                                                  key=lambda kv: (-kv[1], kv[0].text))],
                "label": self.ontology_label(prop) or name,
                "disputed": prop in disputed,
                "agree": len({r["value"] for r in rows}) == 1,
                "claims": rows,
                "decisions": [self._decision(d) for d in self.decisions.get((fact.iri, path), [])],
            })
        groups.sort(key=lambda g: (not g["disputed"], not g["decisions"], g["field"]))
        return groups

    def _field_path(self, node: Node, fact: Node, name: str) -> str:
        """The field as decisions name it: ``start``, or ``events[arrival].start`` for a
        part of the fact."""
        if node.iri == fact.iri or not node.iri.startswith(fact.iri + "/"):
            return name
        segments = node.iri[len(fact.iri) + 1:].split("/")
        if len(segments) != 2:
            return name
        nested = self.nested_fields.get(segments[0], segments[0])
        return f"{nested}[{segments[1]}].{name}"

    def _claim_row(self, claim: Node) -> dict:
        value = claim.value(dk("claimedValue"))
        return {
            "value": self.link.value(value) if value is not None else Ref(""),
            "source": (self.link.ref(claim.text(dk("source")))
                       if claim.text(dk("source")) else Ref("")),
            "as_of": claim.text(dk("asOf")) or "",
            "preferred": claim.text(dk("rank")) == PREFERRED,
            "quotes": sorted({e.text(dk("quote")) or ""
                              for e in self.graph.linked(claim, dk("evidence"))} - {""}),
        }

    def _decision(self, decision: Node) -> dict:
        return {
            "anchor": safe_name(decision.iri.rsplit("/", 1)[-1]),
            "field": decision.text(dk("decisionField")) or "",
            "preferred": decision.texts(dk("preferredValue")),
            "set_aside": decision.texts(dk("setAsideValue")),
            "accepted": decision.texts(dk("acceptedValue")),
            "by": decision.text(dk("decidedBy")) or "",
            "why": decision.text(dk("reason")) or "",
            "date": decision.text(dk("decisionDate")) or "",
        }

    def ontology_label(self, iri: str) -> str:
        term = self.ontology_terms.get(iri)
        return term.label if term else ""

    def about(self, node: Node, fact: Node | None = None) -> dict:
        """Sources, quotes, notes and claims of a fact or of a part of one."""
        fact = fact or node
        return {"anchor": anchor(node.iri, fact.iri) if node is not fact else "",
                "quotes": self.quotes(node), "notes": node.texts(dk("note")),
                "claims": self.claims(node, fact),
                "decisions_elsewhere": self._other_decisions(node, fact)}

    def _other_decisions(self, node: Node, fact: Node) -> list[dict]:
        """Decisions about the fact that name no field with claims here (shown so that
        none is lost)."""
        if node is not fact:
            return []
        shown = {self._field_path(part, fact, claim.text(dk("claimField")) or "")
                 for part in [fact, *self._parts(fact)]
                 for claim in self.graph.linked(part, dk("claim"))}
        return [self._decision(d) for path, decision in self.decided.get(fact.iri, [])
                if path not in shown for d in [decision]]

    def _parts(self, fact: Node) -> list[Node]:
        parts = []
        for prop in ("holdsOffice", "subEvent", "capacity", "leg", "action", "clause"):
            parts.extend(self.graph.linked(fact, dk(prop)))
        return parts

    def visit_row(self, visit: Node) -> dict:
        row = self._rows.get(visit.iri)
        if row is None:
            status = visit.text(dk("visitStatus")) or ""
            row = self._rows[visit.iri] = {
                "visit": self.link.ref(visit.iri),
                "when": _span(date_text(visit), date_text(visit, "end")),
                "destination": self.link.refs(visit, "destination"),
                "origins": [self.link.ref(o) for o in self.origins[visit.iri]],
                "visitors": self.link.refs(visit, "visitor"),
                "hosts": self.link.refs(visit, "host"),
                "status": self.link.label(status) if status else "",
                "kind": self.concept(visit, "visitKind"),
                "done": status == TOOK_PLACE,
            }
        return row

    def visit_rows(self, visits: list[Node]) -> list[dict]:
        return [self.visit_row(v) for v in sorted(visits, key=date_key)]

    def page(self, path: str, template: str, title: str, **context) -> Page:
        return Page(path, template, title, {"root": root_of(path), "path": path,
                                            "title": title, **context})

    # -- every page -----------------------------------------------------------------------

    def tasks(self) -> list[tuple[str, tuple[str, ...]]]:
        """Every piece of work, as (method, arguments): each gives one or more pages and
        pictures, independently of the others, so that they can be shared out."""
        tasks: list[tuple[str, tuple[str, ...]]] = [("home", ()), ("lists", ())]
        for cls in ("Person", "State", "Organisation", "Place", "Visit", "Agreement",
                    "Source"):
            tasks += [(cls.lower(), (node.iri,)) for node in self.graph.of(cls)]
        tasks += [("between", pair) for pair in sorted(self.pairs,
                                                       key=lambda p: self.pair_path(*p))]
        return [*tasks, ("ontology_pages", ())]

    def run(self, task: tuple[str, tuple[str, ...]]) -> list[Page | Picture]:
        method, arguments = task
        if method in ("person", "state", "organisation", "place", "visit", "agreement",
                      "source"):
            made = getattr(self, method)(self.graph.node(arguments[0]))
        else:
            made = getattr(self, method)(*arguments)
        return [made] if isinstance(made, Page) else list(made)

    def pages(self) -> Iterator[Page | Picture]:
        for task in self.tasks():
            yield from self.run(task)

    def counts(self) -> list[tuple[str, int, str | None]]:
        names = (("person", "people", "Person"), ("state", "states", "State"),
                 ("organisation", "organisations", "Organisation"),
                 ("place", "places", "Place"), ("visit", "visits", "Visit"),
                 ("event of visits", "events of visits", "VisitEvent"),
                 ("agreement", "agreements", "Agreement"), ("source", "sources", "Source"),
                 ("claim", "claims", "Claim"), ("decision", "decisions", "Decision"))
        rows = [(one if len(self.graph.of(cls)) == 1 else many, len(self.graph.of(cls)),
                 "list/visits.html" if cls == "Visit" else LIST_PAGES.get(cls, (None,))[0])
                for one, many, cls in names]
        return [*rows, ("triple" if self.graph.triples == 1 else "triples",
                        self.graph.triples, None)]

    def home(self) -> Iterator[Page | Picture]:
        dated = [v for v in self.graph.of("Visit") if earliest(v)]
        latest_visits = sorted(dated, key=lambda v: (latest(v) or "", v.iri), reverse=True)
        network, arrows = self._network_picture("index.html")
        yield self.page("index.html", "home.html", "diplokg: the graph of visits and treaties",
                        counts=self.counts(),
                        latest=[self.visit_row(v) for v in latest_visits[:LATEST_VISITS]],
                        network=network, arrows=arrows)

    def _network_picture(self, page: str) -> tuple[Markup, list[dict]]:
        """The network of the whole graph, to set in ``page``, and its arrows as rows."""
        flows: Counter = Counter()
        for (a, b), visits in self.pairs.items():
            for visit in visits:
                if visit.text(dk("visitStatus")) != TOOK_PLACE:
                    continue
                for origin in self.origins[visit.iri]:
                    for destination in visit.iris(dk("destination")):
                        if {origin, destination} == {a, b}:
                            flows[(origin, destination)] += 1
        weight: Counter = Counter()
        for (origin, destination), n in flows.items():
            weight[origin] += n
            weight[destination] += n
        chosen = sorted(weight, key=lambda s: (-weight[s], s))[:NETWORK_STATES]
        edges = [self._network_edge(o, d, n, page) for (o, d), n in sorted(flows.items())
                 if o in chosen and d in chosen]
        total = sum(flows.values())
        desc = (f"{len(chosen)} states that made or received the most visits, of "
                f"{len(weight)} with visits between them; {len(edges)} arrows from the "
                f"visitors' state to the state visited, thicker for more visits; "
                f"{total} visits that took place in all.")
        picture = svg.network("Who visited whom", desc, self._vertices(chosen, page), edges)
        arrows = [{"origin": self.link.ref(e.origin), "destination": self.link.ref(e.destination),
                   "visits": e.count,
                   "between": Ref("year by year", self.pair_path(e.origin, e.destination))}
                  for e in edges]
        arrows.sort(key=lambda r: (-r["visits"], r["origin"].text, r["destination"].text))
        return picture, arrows

    def _vertices(self, states: Iterable[str], page: str) -> list[svg.Vertex]:
        """The states, each linked to its page but the one of ``page`` itself."""
        root = root_of(page)
        return sorted((svg.Vertex(s, self.link.label(s), None if self.link.paths[s] == page
                                  else root + self.link.paths[s]) for s in states),
                      key=lambda v: (v.label, v.id))

    def _network_edge(self, origin: str, destination: str, count: int, page: str) -> svg.Edge:
        return svg.Edge(origin, destination, count,
                        root_of(page) + self.pair_path(origin, destination))

    # -- lists ----------------------------------------------------------------------------

    def lists(self) -> Iterator[Page]:
        for cls, (path, title) in LIST_PAGES.items():
            rows = sorted(((node.label.lower(), self.link.ref(node.iri), node.aliases)
                           for node in self.graph.of(cls)), key=lambda r: (r[0], r[1].href))
            yield self.page(path, "list.html", title,
                            rows=[{"ref": ref, "aliases": aliases} for _, ref, aliases in rows])
        by_decade: dict[str, list[Node]] = defaultdict(list)
        for visit in self.graph.of("Visit"):
            year = year_of(visit)
            by_decade[f"{year // 10 * 10}s" if year is not None else "undated"].append(visit)
        decades = sorted(by_decade, key=lambda d: (d == "undated", d))
        yield self.page("list/visits.html", "visit_index.html", "Visits",
                        decades=[{"ref": Ref(d, f"list/visits-{d}.html"),
                                  "count": len(by_decade[d])} for d in decades])
        for decade in decades:
            yield self.page(f"list/visits-{decade}.html", "visit_list.html",
                            f"Visits, {decade}", rows=self.visit_rows(by_decade[decade]))

    # -- people -----------------------------------------------------------------------------

    def person(self, person: Node) -> Iterator[Page | Picture]:
        path = self.link.paths[person.iri]
        offices = sorted(self.graph.linked(person, dk("holdsOffice")), key=date_key)
        made = self.graph.pointing(dk("visitor"), person.iri)
        hosted = self.graph.pointing(dk("host"), person.iri)
        events = self.graph.pointing(dk("participant"), person.iri)
        picture_path = path[:-5] + ".timeline.svg"
        picture, alt = self._timeline(person, offices, made, hosted, picture_path)
        yield picture
        yield self.page(
            path, "person.html", person.label, fact=self._header(person),
            offices=[self._office(o, person) for o in offices],
            relatives=[(relation, self.link.refs(person, relation)) for relation in RELATIONS
                       if person.values(dk(relation))],
            made=[self._made_row(v, person) for v in sorted(made, key=date_key)],
            hosted=self.visit_rows(hosted),
            meetings=self._meetings(events, person),
            signed=self._agreement_rows(self.graph.pointing(dk("signatory"), person.iri)),
            timeline=picture_path, timeline_alt=alt, about=self.about(person))

    def _header(self, node: Node) -> dict:
        wikidata = node.text(dk("wikidata"))
        return {"name": node.label, "aliases": node.aliases,
                "kind": KIND_WORDS.get(node.cls, node.cls.lower()),
                "wikidata": self.link.ref(wikidata, short_name(wikidata)) if wikidata else None,
                "iri": node.iri}

    def _office(self, office: Node, person: Node) -> dict:
        return {"title": office.text(dk("officeTitle")) or "",
                "state": self.link.refs(office, "officeState"),
                "start": date_text(office), "end": date_text(office, "end"),
                "predecessor": self.link.refs(office, "predecessor"),
                "about": self.about(office, person)}

    def _capacity(self, visit: Node, person_iri: str) -> str:
        for capacity in self.graph.linked(visit, dk("capacity")):
            if capacity.text(dk("agent")) == person_iri:
                return self._capacity_text(capacity)
        return ""

    def _capacity_text(self, capacity: Node) -> str:
        title = capacity.text(dk("capacityTitle")) or ""
        if not title:
            office = self.graph.node(capacity.text(dk("heldOffice")))
            title = office.text(dk("officeTitle")) or "" if office else ""
        states = [self.link.label(s) for s in capacity.iris(dk("represents"))]
        words = title + (f", for {', '.join(states)}" if states else "")
        if capacity.text(dk("derived")) == "true":
            words += " (derived from dated offices)"
        return words

    def _made_row(self, visit: Node, person: Node) -> dict:
        return {**self.visit_row(visit), "capacity": self._capacity(visit, person.iri)}

    def _meetings(self, events: list[Node], person: Node) -> list[dict]:
        rows = []
        for event in events:
            owner = self.graph.node(self.link.owner(event.iri))
            when = date_text(event) or (date_text(owner) if owner else "")
            rows.append({
                "event": self.link.ref(event.iri),
                "visit": self.link.ref(owner.iri) if owner else Ref(""),
                "kind": self.concept(event, "eventKind"),
                "when": event.text(dk("startTime")) or when,
                "key": (earliest(event) or (earliest(owner) if owner else None) or "~",
                        event.iri),
                "place": self.link.refs(event, "place"),
                "others": [r for r in self.link.refs(event, "participant")
                           if r.href != self.link.paths.get(person.iri)],
            })
        return sorted(rows, key=lambda r: r["key"])

    def _timeline(self, person: Node, offices: list[Node], made: list[Node],
                  hosted: list[Node], path: str) -> tuple[Picture, str]:
        lanes = []
        for office in offices:
            start, end = middle_year(office), middle_year(office, "end")
            if start is not None:
                mark = svg.Mark(start, end, open=end is None)
                lanes.append(svg.Lane(office.text(dk("officeTitle")) or "office", (mark,)))
        for words, visits in (("visits made", made), ("visits hosted", hosted)):
            marks = tuple(svg.Mark(year, done=v.text(dk("visitStatus")) == TOOK_PLACE)
                          for v in visits if (year := middle_year(v)) is not None)
            lanes.append(svg.Lane(words, marks))
        dated = [v for v in [*made, *hosted] if earliest(v)]
        years = sorted(year_of(v) for v in dated)
        span = f", {years[0]} to {years[-1]}" if years else ""
        desc = (f"{len(made)} visits made and {len(hosted)} hosted{span}, as dots along the "
                f"years (filled: took place; hollow: planned, invited, cancelled or "
                f"postponed); {len(lanes) - 2} dated offices as bars. Undated visits are "
                f"not drawn: {len(made) + len(hosted) - len(dated)}.")
        title = f"Timeline of {person.label}"
        return Picture(path, svg.timeline(title, desc, lanes)), f"{title}: {desc}"

    def _agreement_rows(self, agreements: list[Node]) -> list[dict]:
        return [{"agreement": self.link.ref(a.iri), "kind": self.concept(a, "agreementKind"),
                 "status": self.concept(a, "agreementStatus"),
                 "signed": date_text(a, "signing") or a.text(dk("expectedSigningDate")) or "",
                 "parties": self.link.refs(a, "party")}
                for a in sorted(agreements, key=lambda a: date_key(a, "signing"))]

    # -- states -----------------------------------------------------------------------------

    def state(self, state: Node) -> Iterator[Page | Picture]:
        path = self.link.paths[state.iri]
        visits_in, visits_out = self.visits_in[state.iri], self.visits_out[state.iri]
        years_path = path[:-5] + ".years.svg"
        years, years_alt = self._years_picture(state, visits_in, visits_out, years_path)
        yield years
        partners = self._partners(state)
        unknown = [v for v in visits_in if not self.origins[v.iri]]
        yield self.page(
            path, "state.html", state.label, fact=self._header(state),
            iso=state.text(dk("isoCode")) or "",
            historical=state.text(dk("historical")) == "true",
            succeeds=self.link.refs(state, "succeeds"),
            succeeded_by=[self.link.ref(n.iri)
                          for n in self.graph.pointing(dk("succeeds"), state.iri)],
            capitals=[self.link.ref(n.iri)
                      for n in self.graph.pointing(dk("capitalOf"), state.iri)],
            leaders=self._leaders(state),
            counts={"in": len(visits_in), "out": len(visits_out)},
            latest_in=[self.visit_row(v) for v in _latest(visits_in)],
            latest_out=[self.visit_row(v) for v in _latest(visits_out)],
            unknown_origin=self.visit_rows(unknown),
            partners=partners,
            agreements=self._agreement_rows(self.graph.pointing(dk("party"), state.iri)),
            years=years_path, years_alt=years_alt, network=self._partner_network(state, path),
            about=self.about(state))

    def _leaders(self, state: Node) -> list[dict]:
        offices = sorted(self.graph.pointing(dk("officeState"), state.iri), key=date_key)
        rows = []
        for office in offices:
            if office.cls != "OfficeHolding":
                continue
            person = self.link.owner(office.iri)
            rows.append({"person": self.link.ref(person) if person else Ref(""),
                         "office": self.link.ref(office.iri),
                         "start": date_text(office), "end": date_text(office, "end")})
        return rows

    def _partners(self, state: Node) -> list[dict]:
        rows = []
        for (a, b), visits in self.pairs.items():
            if state.iri not in (a, b):
                continue
            other = b if a == state.iri else a
            going = sum(1 for v in visits if state.iri in self.origins[v.iri]
                        and other in v.iris(dk("destination")))
            rows.append({"iri": other, "state": self.link.ref(other), "out": going,
                         "in": len(visits) - going,
                         "between": Ref(f"{len(visits)}", self.pair_path(a, b))})
        return sorted(rows, key=lambda r: (-(r["in"] + r["out"]), r["state"].text))

    def _years_picture(self, state: Node, visits_in: list[Node], visits_out: list[Node],
                       path: str, title: str | None = None,
                       labels: tuple[str, str] = ("visits in", "visits out")
                       ) -> tuple[Picture, str]:
        counts_in = Counter(y for v in visits_in if _done(v) and (y := year_of(v)) is not None)
        counts_out = Counter(y for v in visits_out
                             if _done(v) and (y := year_of(v)) is not None)
        series = [svg.Series(labels[0], dict(counts_in), svg.BLUE),
                  svg.Series(labels[1], dict(counts_out), svg.ORANGE)]
        title = title or f"Visits to and from {state.label} by year"
        years = sorted({*counts_in, *counts_out})
        span = f" from {years[0]} to {years[-1]}" if years else ""
        busiest = max(years, key=lambda y: (counts_in[y] + counts_out[y], -y)) if years else None
        desc = (f"Visits that took place{span}, counted by the year they began: "
                f"{sum(counts_in.values())} {labels[0]}, {sum(counts_out.values())} "
                f"{labels[1]}" + (f"; the busiest year was {busiest}." if busiest else "."))
        return Picture(path, svg.year_bars(title, desc, series)), f"{title}: {desc}"

    def _partner_network(self, state: Node, page: str) -> Markup:
        """The state and its main partners, to set in its ``page``."""
        partners = self._partners(state)
        drawn = partners[:PARTNERS_DRAWN]
        edges = []
        for row in sorted(drawn, key=lambda r: r["iri"]):
            if row["out"]:
                edges.append(self._network_edge(state.iri, row["iri"], row["out"], page))
            if row["in"]:
                edges.append(self._network_edge(row["iri"], state.iri, row["in"], page))
        vertices = self._vertices({state.iri, *(row["iri"] for row in drawn)}, page)
        desc = (f"{state.label} in the middle and {len(drawn)} of the {len(partners)} states it "
                f"visited or was visited from (any status), most visits first; arrows from "
                f"the visitors' state to the state visited, thicker for more visits.")
        return svg.network(f"Who visited whom: {state.label}", desc, vertices, edges,
                           centre=state.iri)

    def between(self, one: str, other: str) -> Iterator[Page | Picture]:
        first, second = sorted((one, other), key=lambda i: (self.link.label(i), i))
        visits = self.pairs[tuple(sorted((one, other)))]
        path = self.pair_path(one, other)
        a, b = self.graph.node(first), self.graph.node(second)
        going = [v for v in visits if first in self.origins[v.iri]
                 and second in v.iris(dk("destination"))]
        coming = [v for v in visits if v not in going]
        picture_path = path[:-5] + ".svg"
        labels = (f"{a.label} to {b.label}", f"{b.label} to {a.label}")
        picture, alt = self._years_picture(a, going, coming, picture_path,
                                           f"Visits between {a.label} and {b.label} by year",
                                           labels)
        yield picture
        agreements = [ag for ag in self.graph.pointing(dk("party"), first)
                      if second in ag.iris(dk("party"))]
        yield self.page(path, "between.html", f"{a.label} and {b.label}",
                        one=self.link.ref(first), other=self.link.ref(second),
                        going=self.visit_rows(going), coming=self.visit_rows(coming),
                        labels=labels, agreements=self._agreement_rows(agreements),
                        picture=picture_path, picture_alt=alt)

    # -- organisations and places ------------------------------------------------------------

    def organisation(self, organisation: Node) -> Page:
        return self.page(
            self.link.paths[organisation.iri], "organisation.html", organisation.label,
            fact=self._header(organisation), acronym=organisation.text(dk("acronym")) or "",
            agreements=self._agreement_rows(
                self.graph.pointing(dk("party"), organisation.iri)),
            about=self.about(organisation))

    def place(self, place: Node) -> Page:
        here = self.graph.pointing(dk("place"), place.iri)
        visits = [n for n in here if n.cls == "Visit"]
        events = [n for n in here if n.cls == "VisitEvent"]
        stops = [n for n in here if n.cls == "Leg"]
        visit_of = {n.iri: self.graph.node(self.link.owner(n.iri)) for n in [*events, *stops]}
        extra = [v for v in visit_of.values() if v is not None and v not in visits]
        return self.page(
            self.link.paths[place.iri], "place.html", place.label, fact=self._header(place),
            kind=self.concept(place, "placeKind"),
            located_in=self.link.refs(place, "locatedIn"),
            contains=[self.link.ref(n.iri)
                      for n in self.graph.pointing(dk("locatedIn"), place.iri)
                      if n.cls == "Place"],
            capital_of=self.link.refs(place, "capitalOf"),
            visits=self.visit_rows(sorted({v.iri: v for v in [*visits, *extra]}.values(),
                                          key=date_key)),
            events=[{"event": self.link.ref(e.iri), "kind": self.concept(e, "eventKind"),
                     "when": e.text(dk("startTime")) or date_text(e)}
                    for e in sorted(events, key=date_key)],
            signed=self._agreement_rows(self.graph.pointing(dk("signedAt"), place.iri)),
            about=self.about(place))

    # -- visits -------------------------------------------------------------------------------

    def visit(self, visit: Node) -> Page:
        capacities = {c.text(dk("agent")): c for c in self.graph.linked(visit, dk("capacity"))}

        def people(prop: str) -> list[dict]:
            return [{"person": self.link.ref(iri),
                     "capacity": self._capacity_text(capacities[iri])
                     if iri in capacities else "",
                     "about": self.about(capacities[iri], visit) if iri in capacities else None}
                    for iri in sorted(visit.iris(dk(prop)), key=lambda i: self.link.label(i))]

        events = sorted(self.graph.linked(visit, dk("subEvent")), key=_event_order)
        legs = sorted(self.graph.linked(visit, dk("leg")),
                      key=lambda leg: (leg.text(dk("arrivalDate")) or "~", leg.iri))
        row = self.visit_row(visit)
        return self.page(
            self.link.paths[visit.iri], "visit.html", visit.label, fact=self._header(visit),
            row=row, end=date_text(visit, "end"), start=date_text(visit),
            duration=visit.text(dk("duration")) or "",
            travel=[self.link.label(i) for i in visit.iris(dk("travelMode"))],
            visitors=people("visitor"), hosts=people("host"),
            places=self.link.refs(visit, "place"),
            route=[{"place": self.link.refs(leg, "place"),
                    "arrive": leg.text(dk("arrivalDate")) or "",
                    "depart": leg.text(dk("departureDate")) or "",
                    "stopover": leg.text(dk("stopover")) == "true",
                    "about": self.about(leg, visit)} for leg in legs],
            events=[self._event(e, visit) for e in events],
            agreements=self._agreement_rows(self.graph.pointing(dk("signedDuring"), visit.iri)),
            follows=self.link.refs(visit, "follows"),
            followed_by=[self.link.ref(n.iri)
                         for n in self.graph.pointing(dk("follows"), visit.iri)],
            distinct=self.link.refs(visit, "distinctFrom"),
            about=self.about(visit))

    def _event(self, event: Node, visit: Node) -> dict:
        status = event.text(dk("eventStatus"))
        return {"name": part_label(event, self.graph), "anchor": anchor(event.iri, visit.iri),
                "kind": self.concept(event, "eventKind"),
                "when": _span(date_text(event), date_text(event, "end")),
                "time": event.text(dk("startTime")) or "",
                "duration": event.text(dk("duration")) or "",
                "status": self.link.label(status) if status else "",
                "place": self.link.refs(event, "place"),
                "participants": self.link.refs(event, "participant"),
                "signed": [self.link.ref(n.iri)
                           for n in self.graph.pointing(dk("signedAtEvent"), event.iri)],
                "about": self.about(event, visit)}

    # -- agreements ---------------------------------------------------------------------------

    def agreement(self, agreement: Node) -> Page:
        actions = sorted(self.graph.linked(agreement, dk("action")),
                         key=lambda a: date_key(a, "action"))
        by_party: dict[str, list[Node]] = defaultdict(list)
        for action in actions:
            for party in action.iris(dk("actionParty")) or [""]:
                by_party[party].append(action)
        life = [{"party": self.link.ref(party) if party else Ref("the agreement as a whole"),
                 "steps": [{"kind": self.concept(a, "actionKind"),
                            "date": date_text(a, "action"), "about": self.about(a, agreement)}
                           for a in steps]}
                for party, steps in sorted(by_party.items(),
                                           key=lambda kv: (kv[0] != "", self.link.label(kv[0])
                                                           if kv[0] else ""))]
        return self.page(
            self.link.paths[agreement.iri], "agreement.html", agreement.label,
            fact=self._header(agreement), kind=self.concept(agreement, "agreementKind"),
            status=self.concept(agreement, "agreementStatus"),
            signed=date_text(agreement, "signing"),
            expected=agreement.text(dk("expectedSigningDate")) or "",
            during=self.link.refs(agreement, "signedDuring"),
            at_event=self.link.refs(agreement, "signedAtEvent"),
            at_place=self.link.refs(agreement, "signedAt"),
            parties=self.link.refs(agreement, "party"),
            signatories=self.link.refs(agreement, "signatory"),
            life=life, chain=self._chain(agreement),
            clauses=[{"topic": c.text(dk("clauseTopic")) or "",
                      "included": c.text(dk("included")),
                      "about": self.about(c, agreement)}
                     for c in self.graph.linked(agreement, dk("clause"))],
            about=self.about(agreement))

    def _chain(self, agreement: Node) -> list[dict]:
        """Every "newer supersedes older" link of the chain through the agreement, oldest
        first (as the bundled query supersession-chain lists them)."""
        seen, todo, links = {agreement.iri}, [agreement], set()
        while todo:
            node = todo.pop()
            older = self.graph.linked(node, dk("supersedes"))
            newer = [n for n in self.graph.pointing(dk("supersedes"), node.iri)
                     if n.cls == "Agreement"]
            links.update((node.iri, o.iri) for o in older)
            links.update((n.iri, node.iri) for n in newer)
            for other in [*older, *newer]:
                if other.iri not in seen:
                    seen.add(other.iri)
                    todo.append(other)
        rows = []
        for newer, older in links:
            old, new = self.graph.node(older), self.graph.node(newer)
            rows.append({"older": self.link.ref(older), "older_date": date_text(old, "signing"),
                         "newer": self.link.ref(newer),
                         "newer_date": date_text(new, "signing")
                         or new.text(dk("expectedSigningDate")) or "",
                         "key": (date_key(old, "signing"), date_key(new, "signing"))})
        return sorted(rows, key=lambda r: r["key"])

    # -- sources --------------------------------------------------------------------------------

    def _statements(self) -> dict[str, dict[str, set[str]]]:
        """Source IRI -> the facts it states (their own node, a part of them, a claim or a
        quote names it) -> the quotes taken from it."""
        found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for node in self.graph.by_class_sorted():
            sources = node.iris(dk("source"))
            if not sources:
                continue
            owner = self.link.owner(node.iri)
            if owner is None:
                continue
            quote = node.text(dk("quote")) if node.cls == "Evidence" else None
            for source in sources:
                quotes = found[source][owner]
                if quote:
                    quotes.add(quote)
        return found

    def _located(self) -> dict[str, dict[Passage, set[str]]]:
        """Source IRI -> each place in its text that a quote stands in -> the facts with a
        page that quote it."""
        found: dict[str, dict[Passage, set[str]]] = defaultdict(lambda: defaultdict(set))
        for evidence in self.graph.of("Evidence"):
            place = self.graph.passages.get(evidence.iri)
            owner = self.link.owner(evidence.iri)
            if place is None or owner is None:
                continue
            for source in evidence.iris(dk("source")):
                found[source][place].add(owner)
        return found

    def in_context(self, source: Node) -> dict:
        """The source's located quotes, numbered in the order of the text, each with the
        facts quoting it; and where the site has the source's text, that text cut into
        runs at every quote's start and end, marked where a quote covers them."""
        places = sorted(self.located.get(source.iri, {}).items())
        quotes = [{"number": number, "start": place.start, "end": place.end,
                   "exact": place.exact, "prefix": place.prefix, "suffix": place.suffix,
                   "facts": sorted((self.link.ref(f) for f in facts),
                                   key=lambda r: (r.text.lower(), r.href or ""))}
                  for number, (place, facts) in enumerate(places, 1)]
        text = self.texts.get(source.iri)
        if text is None or any(text[q["start"]:q["end"]] != q["exact"] for q in quotes):
            return {"quotes": quotes, "runs": []}  # no text, or not the text of these quotes
        cuts = sorted({0, len(text), *(q["start"] for q in quotes), *(q["end"] for q in quotes)})
        runs = []
        for start, end in pairwise(cuts):
            runs.append({"text": text[start:end],
                         "marked": any(q["start"] <= start and end <= q["end"] for q in quotes),
                         "starts": [q["number"] for q in quotes if q["start"] == start],
                         "ends": [q["number"] for q in quotes if q["end"] == end]})
        return {"quotes": quotes, "runs": runs}

    def source(self, source: Node) -> Page:
        stated = self.statements.get(source.iri, {})
        with_quotes = len(stated) <= QUOTES_ON_SOURCE_PAGE
        groups: dict[str, list[dict]] = defaultdict(list)
        for iri, quotes in stated.items():
            node = self.graph.node(iri)
            groups[KIND_WORDS.get(node.cls, node.cls)].append(
                {"ref": self.link.ref(iri),
                 "quotes": sorted(quotes) if with_quotes else []})
        order = list(KIND_WORDS.values())
        url = source.text(dk("url"))
        return self.page(
            self.link.paths[source.iri], "source.html", source.label,
            fact=self._header(source),
            publisher=source.text(dk("publisher")) or "",
            original=source.text(dk("originalPublisher")) or "",
            authors=source.texts(dk("author")), contributors=source.texts(dk("contributor")),
            published=source.text(dk("publicationDate")) or "",
            language=source.text(dk("language")) or "",
            url=Ref(url, external_url(url), external=bool(external_url(url))) if url else None,
            text_path=source.text(dk("textPath")) or "",
            with_quotes=with_quotes, stated=len(stated), in_context=self.in_context(source),
            groups=[(kind, sorted(groups[kind], key=lambda r: (r["ref"].text.lower(),
                                                              r["ref"].href or "")))
                    for kind in sorted(groups, key=lambda k: (order.index(k)
                                                              if k in order else 99, k))],
            about=self.about(source))

    def ontology_pages(self) -> Iterator[Page | Picture]:
        yield from OntologyPages(self).pages()

    # -- search ---------------------------------------------------------------------------------

    def search_entries(self) -> list[dict]:
        entries = []
        for cls in SEARCHED:
            for node in self.graph.of(cls):
                entries.append({"name": node.label, "aliases": node.aliases,
                                "kind": KIND_WORDS[cls], "path": self.link.paths[node.iri]})
        return sorted(entries, key=lambda e: (e["name"].lower(), e["kind"], e["path"]))


# Where events of one day (or of no known time) stand: arrivals first, departures last.
_FIRST_EVENTS = (VOCAB + "event-kind/arrival",)
_LAST_EVENTS = (VOCAB + "event-kind/departure",)


def _event_order(event: Node) -> tuple:
    kind = event.text(dk("eventKind"))
    rank = 0 if kind in _FIRST_EVENTS else 2 if kind in _LAST_EVENTS else 1
    return (earliest(event) is None, earliest(event) or "", rank,
            event.text(dk("startTime")) or "~", event.iri)


def _span(start: str, end: str) -> str:
    return f"{start} to {end}" if start and end and start != end else start or (
        f"until {end}" if end else "")


def _done(visit: Node) -> bool:
    return visit.text(dk("visitStatus")) == TOOK_PLACE


def _latest(visits: list[Node], count: int = 10) -> list[Node]:
    """The ``count`` latest dated visits, newest first."""
    dated = sorted((v for v in visits if earliest(v)), key=date_key, reverse=True)
    return dated[:count]


