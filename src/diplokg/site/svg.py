"""Pictures of the graph as SVG, drawn when the site is built: no script, no web font.

Every picture is built as an element tree (xml.etree), which escapes every text and
attribute, so a name from the data cannot become markup; it has a <title> and a <desc>
saying what it shows, and is shown by an <img> whose alt text says the same.  Colours
are presentation attributes, not style attributes, which the site's Content-Security-
Policy would block.  Numbers are rounded to one decimal, and everything drawn is in a
sorted order, so the same data give the same bytes.

* ``timeline``: lanes of marks along years (a person's offices as spans, visits made
  and hosted as dots);
* ``year_bars``: bars per year for one or two series (visits in and out of a state);
* ``network``: who visited whom, states on a circle (or around one state), arrows from
  the visitors' state to the destination, thicker for more visits;
* ``class_diagram``: the ontology's classes as boxes and its object properties as
  arrows from domain to range.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass

FONT = "sans-serif"
INK = "#1a1a1a"
GRID = "#c8c8c8"
# Marks and bars: each has at least 3:1 contrast with white (WCAG for graphics).
BLUE = "#1f5fa8"
ORANGE = "#a84f00"
GREY = "#6b6b6b"
GREEN = "#2b7a3d"


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _element(parent: ET.Element, tag: str, **attributes) -> ET.Element:
    element = ET.SubElement(parent, tag)
    for name, value in attributes.items():
        if value is None:
            continue
        key = name.rstrip("_").replace("_", "-")
        element.set(key, _n(value) if isinstance(value, float | int) and not
                    isinstance(value, bool) else str(value))
    return element


def _text(parent: ET.Element, x: float, y: float, content: str, size: int = 12,
          anchor: str = "start", **attributes) -> ET.Element:
    element = _element(parent, "text", x=x, y=y, font_size=size, font_family=FONT,
                       fill=INK, text_anchor=anchor, **attributes)
    element.text = content
    return element


def _document(width: float, height: float, title: str, desc: str) -> ET.Element:
    root = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg",
                              "viewBox": f"0 0 {_n(width)} {_n(height)}",
                              "width": _n(width), "height": _n(height),
                              "role": "img", "aria-labelledby": "title desc"})
    _element(root, "title", id="title").text = title
    _element(root, "desc", id="desc").text = desc
    _element(root, "rect", x=0, y=0, width=width, height=height, fill="#ffffff")
    return root


def _serialise(root: ET.Element) -> str:
    return ET.tostring(root, encoding="unicode") + "\n"


def _shorten(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _tick_step(span: float) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50):
        if span / step <= 12:
            return step
    return 100


def _arrow(root: ET.Element) -> None:
    """The arrowhead of every arrow: one size whatever the line's width."""
    defs = _element(root, "defs")
    marker = _element(defs, "marker", id="arrow", viewBox="0 0 10 10", refX=10, refY=5,
                      markerWidth=8, markerHeight=8, markerUnits="userSpaceOnUse",
                      orient="auto-start-reverse")
    _element(marker, "path", d="M 0 0 L 10 5 L 0 10 z", fill=GREY)


# -- timeline ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Mark:
    """A point (``until`` None) or a span along the years; ``open`` spans run on to the
    end of the axis; ``done`` marks are filled, others hollow."""

    at: float
    until: float | None = None
    done: bool = True
    open: bool = False


@dataclass(frozen=True)
class Lane:
    label: str
    marks: tuple[Mark, ...]


def _rows(xs: list[float], gap: float = 7.0, most: int = 5) -> list[int]:
    """A row for each x (sorted), so that dots closer than ``gap`` stack up; past
    ``most`` rows, a dot goes into the row that has been free longest."""
    ends: list[float] = []  # the last x drawn in each row
    rows = []
    for x in xs:
        free = [i for i, end in enumerate(ends) if x - end >= gap]
        if free:
            row = free[0]
        elif len(ends) < most:
            ends.append(x)
            row = len(ends) - 1
        else:
            row = min(range(most), key=lambda i: ends[i])
        ends[row] = x
        rows.append(row)
    return rows


def timeline(title: str, desc: str, lanes: list[Lane]) -> str:
    marks = [m for lane in lanes for m in lane.marks]
    low = math.floor(min((m.at for m in marks), default=2000))
    high = math.ceil(max((max(m.at, m.until or m.at) for m in marks), default=low + 1))
    high = max(high, low + 1)
    left, right, top = 150, 20, 20
    width = 760
    scale = (width - left - right) / (high - low)

    def x_of(year: float) -> float:
        return left + (year - low) * scale

    layout = []
    y = top + 10
    for lane in lanes:
        points = sorted((m for m in lane.marks if m.until is None and not m.open),
                        key=lambda m: (m.at, not m.done))
        spans = sorted((m for m in lane.marks if m.until is not None or m.open),
                       key=lambda m: (m.at, m.until or high))
        rows = _rows([x_of(m.at) for m in points])
        height = 14 * (max(rows, default=0) + 1) + 12 * len(spans) + 14
        layout.append((lane, y, points, rows, spans, height))
        y += height
    axis_y = y + 6
    root = _document(width, axis_y + 34, title, desc)
    step = _tick_step(high - low)
    for year in range(low - low % step + (step if low % step else 0), high + 1, step):
        _element(root, "line", x1=x_of(year), y1=top, x2=x_of(year), y2=axis_y, stroke=GRID)
        _text(root, x_of(year), axis_y + 16, str(year), size=11, anchor="middle")
    _element(root, "line", x1=left, y1=axis_y, x2=width - right, y2=axis_y, stroke=INK)
    for lane, lane_y, points, rows, spans, height in layout:
        _text(root, left - 8, lane_y + 12, _shorten(lane.label, 22), anchor="end")
        span_y = lane_y + 6
        for mark in spans:
            end = high if mark.open or mark.until is None else mark.until
            _element(root, "rect", x=x_of(mark.at), y=span_y, height=8,
                     width=max(2.0, x_of(end) - x_of(mark.at)), fill=GREEN, rx=2)
            span_y += 12
        dot_top = span_y + 6
        for mark, row in zip(points, rows, strict=True):
            _element(root, "circle", cx=x_of(mark.at), cy=dot_top + 14 * row, r=4.5,
                     fill=BLUE if mark.done else "#ffffff", stroke=BLUE, stroke_width=1.5)
        _element(root, "line", x1=left, y1=lane_y + height - 2, x2=width - right,
                 y2=lane_y + height - 2, stroke=GRID, stroke_dasharray="2 3")
    return _serialise(root)


# -- bars by year ------------------------------------------------------------------------

@dataclass(frozen=True)
class Series:
    label: str
    counts: dict[int, int]
    colour: str


def year_bars(title: str, desc: str, series: list[Series]) -> str:
    years = sorted({year for s in series for year in s.counts})
    low, high = (years[0], years[-1]) if years else (2000, 2000)
    peak = max((n for s in series for n in s.counts.values()), default=1)
    left, right, top, bottom = 44, 16, 34, 30
    slot = max(6.0, min(40.0, 700 / (high - low + 1)))
    width = left + right + slot * (high - low + 1)
    plot = 180
    root = _document(width, top + plot + bottom, title, desc)
    bar = (slot - 2) / max(1, len(series))

    def y_of(count: float) -> float:
        return top + plot - plot * count / peak

    step = max(1, _nice(peak / 4))
    for value in range(0, peak + 1, step):
        _element(root, "line", x1=left, y1=y_of(value), x2=width - right, y2=y_of(value),
                 stroke=GRID)
        _text(root, left - 6, y_of(value) + 4, str(value), size=11, anchor="end")
    for index, one in enumerate(series):
        for year, count in sorted(one.counts.items()):
            x = left + (year - low) * slot + 1 + index * bar
            _element(root, "rect", x=x, y=y_of(count), width=max(1.0, bar - 0.5),
                     height=top + plot - y_of(count), fill=one.colour)
        _element(root, "rect", x=left + 150 * index, y=8, width=12, height=12, fill=one.colour)
        _text(root, left + 150 * index + 18, 19, one.label)
    year_step = _tick_step((high - low + 1) / max(1.0, (width - left) / 420))
    for year in range(low, high + 1):
        if year % year_step == 0 or low == high:
            x = left + (year - low + 0.5) * slot
            _text(root, x, top + plot + 18, str(year), size=11, anchor="middle")
    _element(root, "line", x1=left, y1=top + plot, x2=width - right, y2=top + plot, stroke=INK)
    return _serialise(root)


def _nice(value: float) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if step >= value:
            return step
    return int(value)


# -- who visited whom --------------------------------------------------------------------

@dataclass(frozen=True)
class Edge:
    origin: str  # node id
    destination: str
    count: int


def network(title: str, desc: str, nodes: list[tuple[str, str]], edges: list[Edge],
            centre: str | None = None) -> str:
    """``nodes`` are (id, label); with ``centre`` that node is drawn in the middle."""
    size, margin = 480, 130
    width = size + 2 * margin
    root = _document(width, width, title, desc)
    _arrow(root)
    middle = width / 2
    ring = [n for n in nodes if n[0] != centre]
    where: dict[str, tuple[float, float, float]] = {}
    for index, (node_id, _) in enumerate(ring):
        angle = 2 * math.pi * index / max(1, len(ring)) - math.pi / 2
        where[node_id] = (middle + size / 2 * math.cos(angle),
                          middle + size / 2 * math.sin(angle), angle)
    if centre is not None:
        where[centre] = (middle, middle, 0.0)
    peak = max((e.count for e in edges), default=1)
    for edge in sorted(edges, key=lambda e: (e.count, e.origin, e.destination)):
        if edge.origin not in where or edge.destination not in where:
            continue
        (x1, y1, _), (x2, y2, _) = where[edge.origin], where[edge.destination]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        # stop short of the node, and bend a little so that A->B and B->A are apart
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        sx, sy, ex, ey = x1 + ux * 8, y1 + uy * 8, x2 - ux * 9, y2 - uy * 9
        bend = min(40.0, length * 0.12)
        cx, cy = (sx + ex) / 2 - uy * bend, (sy + ey) / 2 + ux * bend
        thickness = 0.8 + 3.2 * math.log1p(edge.count) / math.log1p(peak)
        _element(root, "path", d=f"M {_n(sx)} {_n(sy)} Q {_n(cx)} {_n(cy)} {_n(ex)} {_n(ey)}",
                 fill="none", stroke=GREY, stroke_width=thickness, stroke_opacity=0.75,
                 marker_end="url(#arrow)")
    for node_id, label in nodes:
        x, y, angle = where[node_id]
        is_centre = node_id == centre
        _element(root, "circle", cx=x, cy=y, r=9 if is_centre else 6, fill=BLUE)
        if is_centre:
            _text(root, x, y - 16, _shorten(label), size=14, anchor="middle",
                  font_weight="bold")
            continue
        cos = math.cos(angle)
        anchor = "start" if cos > 0.2 else "end" if cos < -0.2 else "middle"
        lx = x + 12 * cos
        ly = y + 12 * math.sin(angle) + 4
        _text(root, lx, ly, _shorten(label, 22), size=11, anchor=anchor)
    return _serialise(root)


# -- the ontology ------------------------------------------------------------------------

@dataclass(frozen=True)
class Box:
    name: str
    fields: tuple[str, ...]


def class_diagram(title: str, desc: str, boxes: list[Box],
                  links: list[tuple[str, str, str]]) -> str:
    """``boxes`` in a grid of four columns; ``links`` are (domain, property, range)."""
    columns, box_width, gap_x, gap_y, line = 4, 200, 70, 60, 14
    heights = [28 + line * len(b.fields) for b in boxes]
    rows = math.ceil(len(boxes) / columns)
    row_heights = [max(heights[r * columns:(r + 1) * columns], default=0) for r in range(rows)]
    width = columns * box_width + (columns + 1) * gap_x
    height = sum(row_heights) + (rows + 1) * gap_y
    root = _document(width, height, title, desc)
    _arrow(root)
    place: dict[str, tuple[float, float, float]] = {}
    y = gap_y
    for r in range(rows):
        for c, box in enumerate(boxes[r * columns:(r + 1) * columns]):
            x = gap_x + c * (box_width + gap_x)
            place[box.name] = (x, y, 28 + line * len(box.fields))
        y += row_heights[r] + gap_y
    for domain, prop, target in sorted(links):
        if domain not in place or target not in place:
            continue
        x1, y1, h1 = place[domain]
        x2, y2, h2 = place[target]
        start = (x1 + box_width / 2, y1 + h1 / 2)
        end = (x2 + box_width / 2, y2 + h2 / 2)
        if domain == target:
            continue
        sx, sy = _edge_of_box(start, end, box_width, h1)
        ex, ey = _edge_of_box(end, start, box_width, h2)
        _element(root, "line", x1=sx, y1=sy, x2=ex, y2=ey, stroke=GREY, stroke_width=1.2,
                 marker_end="url(#arrow)")
        _text(root, (sx + ex) / 2, (sy + ey) / 2 - 3, prop, size=10, anchor="middle")
    for box in boxes:
        x, y, h = place[box.name]
        _element(root, "rect", x=x, y=y, width=box_width, height=h, fill="#f4f7fb",
                 stroke=BLUE, rx=4)
        _text(root, x + box_width / 2, y + 18, box.name, size=13, anchor="middle",
              font_weight="bold")
        for index, name in enumerate(box.fields):
            _text(root, x + 8, y + 28 + line * (index + 1) - 3, _shorten(name, 30), size=10)
    return _serialise(root)


def _edge_of_box(centre: tuple[float, float], towards: tuple[float, float], width: float,
                 height: float) -> tuple[float, float]:
    """Where the line from a box's centre towards a point leaves the box."""
    dx, dy = towards[0] - centre[0], towards[1] - centre[1]
    if dx == 0 and dy == 0:
        return centre
    scale = min(width / 2 / abs(dx) if dx else math.inf, height / 2 / abs(dy) if dy else math.inf)
    return centre[0] + dx * scale, centre[1] + dy * scale
