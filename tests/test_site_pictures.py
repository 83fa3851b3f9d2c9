"""The site's pictures: networks whose states and arrows are links, and a class diagram
whose labels cover no box and no other label.

SVGs are read back with xml.etree, and pages with the standard library's HTML parser:
neither is what draws them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from diplokg.site import svg
from diplokg.site.ontology import read_ontology

SVG = "{http://www.w3.org/2000/svg}"


def inline_network(page: str) -> ET.Element:
    """The network picture set in a page."""
    figure = page[page.index('<figure class="network">'):]
    return ET.fromstring(figure[figure.index("<svg"):figure.index("</svg>") + len("</svg>")])


def links(picture: ET.Element, kind: str) -> list[tuple[str, str]]:
    """(href, title) of each link of the given class."""
    return [(a.get("href"), a.find(f"{SVG}title").text)
            for a in picture.iter(f"{SVG}a") if a.get("class") == kind]


class Headings(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.h1, self.rows, self._where = "", [], None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "tr", "td"):
            self._where = tag
        if tag == "tr":
            self.rows.append([])
        if tag == "td":
            self.rows[-1].append("")

    def handle_endtag(self, tag):
        self._where = None if tag in ("h1", "td") else self._where

    def handle_data(self, data):
        if self._where == "h1":
            self.h1 += data
        elif self._where == "td":
            self.rows[-1][-1] += data


def target(site: Path, page: str, href: str) -> Headings:
    path = (site / page).parent / urlsplit(href).path
    assert not urlsplit(href).scheme and path.resolve().is_file(), (page, href)
    return Headings(path.read_text(encoding="utf-8"))


# -- networks -----------------------------------------------------------------------------

def test_the_home_network_links_each_state_to_its_page_and_each_arrow_to_its_pair(
        corpus_site):
    page = (corpus_site / "index.html").read_text(encoding="utf-8")
    picture = inline_network(page)
    assert picture.get("role") == "group"  # an "img" would hide its links
    assert picture.find(f"{SVG}title").text == "Who visited whom"
    assert "visits that took place" in picture.find(f"{SVG}desc").text
    states = links(picture, "state")
    assert {href for href, _ in states} >= {"state/russia.html", "state/north-korea.html"}
    for href, name in states:
        assert target(corpus_site, "index.html", href).h1.strip() == name
    arrows = links(picture, "arrow")
    assert ("between/north-korea--russia.html", "Russia to North Korea: 2 visits") in arrows
    drawn = set()
    for href, title in arrows:
        origin, destination, visits = re.fullmatch(r"(.+) to (.+): (\d+) visits?",
                                                   title).groups()
        heading = target(corpus_site, "index.html", href).h1
        assert origin in heading and destination in heading, (href, heading)
        drawn.add((origin, destination, visits))
    # the table beside the picture lists the same arrows
    after = page[page.index('<figure class="network">'):]
    table = {tuple(row[:3]) for row in Headings(after).rows if row}
    assert table == drawn


def test_a_state_network_links_its_partners_and_their_pairs_but_not_itself(corpus_site):
    page = (corpus_site / "state" / "north-korea.html").read_text(encoding="utf-8")
    picture = inline_network(page)
    assert dict(links(picture, "state")) == {"../state/russia.html": "Russia"}
    unlinked = [g.find(f"{SVG}title").text for g in picture.iter(f"{SVG}g")
                if g.get("class") == "state"]
    assert unlinked == ["North Korea"]  # the page's own state
    for href, _ in links(picture, "arrow"):
        assert href == "../between/north-korea--russia.html"
        assert "North Korea" in target(corpus_site, "state/north-korea.html", href).h1
    # the picture's ids are its own, apart from the page's
    assert {e.get("id") for e in picture.iter() if e.get("id")} == {
        "network-title", "network-desc", "network-arrow"}


def test_a_network_escapes_names_and_links():
    name = '<script>alert("x")</script> & "Co"'
    vertices = [svg.Vertex("a", name, 'state/a"b.html'), svg.Vertex("b", "B", "state/b.html"),
                svg.Vertex("c", "Unlinked")]
    edges = [svg.Edge("a", "b", 3, "between/a--b.html"), svg.Edge("b", "c", 1)]
    drawn = svg.network("T", "D", vertices, edges)
    assert "<script" not in drawn and "style=" not in drawn
    picture = ET.fromstring(str(drawn))
    assert links(picture, "state") == [('state/a"b.html', name), ("state/b.html", "B")]
    assert [t.text for t in picture.iter(f"{SVG}text")][0] == name[:21] + "…"
    assert links(picture, "arrow") == [("between/a--b.html", f"{name} to B: 3 visits")]
    # what has no page is drawn, not linked
    groups = [g for g in picture.iter(f"{SVG}g") if g.get("class") in ("state", "arrow")]
    assert [g.find(f"{SVG}title").text for g in groups] == ["B to Unlinked: 1 visit",
                                                            "Unlinked"]


# -- the class diagram --------------------------------------------------------------------

def extent(text: ET.Element) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a text as drawn: 0.6 of its font size a character,
    its size above the baseline and 0.3 of it below."""
    size = float(text.get("font-size"))
    width = 0.6 * size * len(text.text or "")
    x, y = float(text.get("x")), float(text.get("y"))
    left = {"start": x, "middle": x - width / 2, "end": x - width}[text.get("text-anchor",
                                                                          "start")]
    return left, y - size, left + width, y + 0.3 * size


def rectangle(rect: ET.Element) -> tuple[float, float, float, float]:
    x, y = float(rect.get("x")), float(rect.get("y"))
    return x, y, x + float(rect.get("width")), y + float(rect.get("height"))


def overlap(one, other) -> bool:
    return (one[0] < other[2] and other[0] < one[2]) and (one[1] < other[3] and other[1] < one[3])


def crowding(diagram: str) -> list[str]:
    """Every label that covers another, covers a class box, or leaves the picture."""
    root = ET.fromstring(diagram)
    frame = [float(n) for n in root.get("viewBox").split()]
    boxes = [(rectangle(r), r) for r in root.iter(f"{SVG}rect") if r.get("class") == "box"]
    labels = [(extent(t), t.text) for t in root.iter(f"{SVG}text") if t.get("class") == "label"]
    found = []
    for index, (where, text) in enumerate(labels):
        found += [f"{text!r} covers {other!r}" for there, other in labels[index + 1:]
                  if overlap(where, there)]
        found += [f"{text!r} covers a box at {there}" for there, _ in boxes
                  if overlap(where, there)]
        if not (frame[0] <= where[0] and where[2] <= frame[2] and frame[1] <= where[1]
                and where[3] <= frame[3]):
            found.append(f"{text!r} leaves the picture")
    return found


def labelled(diagram: str) -> list[str]:
    root = ET.fromstring(diagram)
    return sorted(name.strip(",") for t in root.iter(f"{SVG}text") if t.get("class") == "label"
                  for name in t.text.split())


def test_the_ontology_diagram_labels_cover_no_box_and_no_other_label(corpus_site):
    diagram = (corpus_site / "ontology" / "classes.svg").read_text(encoding="utf-8")
    assert crowding(diagram) == []
    # every object property from a class to a class is drawn, loops too
    ontology = read_ontology()
    classes = {c.iri for c in ontology.classes}
    expected = sorted(p.name for p in ontology.properties if p.kind == "object property"
                      for d in p.domain for r in p.range if d in classes and r in classes)
    assert len(expected) > 20 and "dk:parent" in expected
    assert labelled(diagram) == expected


def test_the_label_check_finds_labels_over_labels_boxes_and_the_edge():
    drawn = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100">'
             '<rect class="box" x="100" y="10" width="50" height="30"/>'
             '<text class="label" x="40" y="60" font-size="10" text-anchor="middle">dk:one</text>'
             '<text class="label" x="60" y="65" font-size="10" text-anchor="middle">dk:two</text>'
             '<text class="label" x="95" y="30" font-size="10">dk:three</text>'
             '<text class="label" x="290" y="90" font-size="10">dk:four</text>'
             '<text class="label" x="200" y="30" font-size="10">dk:five</text></svg>')
    assert crowding(drawn) == ["'dk:one' covers 'dk:two'", "'dk:three' covers a box at "
                               "(100.0, 10.0, 150.0, 40.0)", "'dk:four' leaves the picture"]


def test_labels_of_many_parallel_arrows_and_loops_find_room():
    boxes = [svg.Box(f"dk:C{i}", tuple(f"dk:field{j}" for j in range(i % 4)))
             for i in range(9)]
    links = [("dk:C0", f"dk:parallelProperty{i}", "dk:C1") for i in range(8)]
    links += [("dk:C1", f"dk:back{i}", "dk:C0") for i in range(3)]
    links += [("dk:C2", f"dk:loop{i}", "dk:C2") for i in range(9)]
    links += [(f"dk:C{i}", "dk:next", f"dk:C{i + 1}") for i in range(8)]
    links += [(f"dk:C{i}", "dk:far", f"dk:C{8 - i}") for i in range(4)]
    diagram = svg.class_diagram("T", "D", boxes, links)
    assert crowding(diagram) == []
    assert labelled(diagram) == sorted(p for _, p, _ in links)
    assert diagram == svg.class_diagram("T", "D", boxes, list(reversed(links)))
