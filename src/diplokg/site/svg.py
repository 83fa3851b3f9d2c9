"""Pictures of the graph as SVG, drawn when the site is built: no script, no web font.

Every picture is built as an element tree (xml.etree), which escapes every text and
attribute, so a name from the data cannot become markup; it has a <title> and a <desc>
saying what it shows, and is shown by an <img> whose alt text says the same, except the
network: its states and arrows are links, which work only in the page's own HTML, so it
is set there (as Markup, with ids of its own).  Colours are presentation attributes, not
style attributes, which the site's Content-Security-Policy would block, and there is no
script.  Numbers are rounded to one decimal, and everything drawn is in a sorted order,
so the same data give the same bytes.

* ``timeline``: lanes of marks along years (a person's offices as spans, visits made
  and hosted as dots);
* ``year_bars``: bars per year for one or two series (visits in and out of a state);
* ``network``: who visited whom, states on a circle (or around one state), arrows from
  the visitors' state to the destination, thicker for more visits, each state a link to
  its page and each arrow to the page of its pair;
* ``class_diagram``: the ontology's classes as boxes and its object properties as
  arrows from domain to range, their labels where they cover no box and no other label.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from markupsafe import Markup

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


def _document(width: float, height: float, title: str, desc: str, ident: str = "",
              role: str = "img") -> ET.Element:
    """The picture's root, with its title and description; ``ident`` starts its ids.  A
    picture with links is a ``group`` (an ``img`` hides what is in it)."""
    root = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg",
                              "viewBox": f"0 0 {_n(width)} {_n(height)}",
                              "width": _n(width), "height": _n(height), "role": role})
    if role == "img":
        root.set("aria-labelledby", f"{ident}title {ident}desc")
    else:
        root.set("aria-labelledby", f"{ident}title")
        root.set("aria-describedby", f"{ident}desc")
    _element(root, "title", id=f"{ident}title").text = title
    _element(root, "desc", id=f"{ident}desc").text = desc
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


def _arrow(root: ET.Element, ident: str = "") -> None:
    """The arrowhead of every arrow: one size whatever the line's width."""
    defs = _element(root, "defs")
    marker = _element(defs, "marker", id=f"{ident}arrow", viewBox="0 0 10 10", refX=10, refY=5,
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
class Vertex:
    """A state in a network: ``href`` is its page, relative to the page the network is in."""

    id: str
    label: str
    href: str | None = None


@dataclass(frozen=True)
class Edge:
    """``count`` visits from ``origin`` to ``destination``; ``href`` is the page of the pair."""

    origin: str  # vertex id
    destination: str
    count: int
    href: str | None = None


NETWORK_ID = "network-"  # the network is set in its page: its ids must not be the page's


def network(title: str, desc: str, vertices: list[Vertex], edges: list[Edge],
            centre: str | None = None) -> Markup:
    """Who visited whom, for setting in a page's HTML (an <img> would make its links dead):
    each state a link to its page, each arrow a link to the page of its pair; with
    ``centre`` that vertex is drawn in the middle."""
    size, margin = 480, 130
    width = size + 2 * margin
    root = _document(width, width, title, desc, ident=NETWORK_ID, role="group")
    _arrow(root, NETWORK_ID)
    middle = width / 2
    ring = [v for v in vertices if v.id != centre]
    where: dict[str, tuple[float, float, float]] = {}
    for index, vertex in enumerate(ring):
        angle = 2 * math.pi * index / max(1, len(ring)) - math.pi / 2
        where[vertex.id] = (middle + size / 2 * math.cos(angle),
                            middle + size / 2 * math.sin(angle), angle)
    if centre is not None:
        where[centre] = (middle, middle, 0.0)
    labels = {v.id: v.label for v in vertices}
    peak = max((e.count for e in edges), default=1)
    for edge in sorted(edges, key=lambda e: (e.count, e.origin, e.destination)):
        if edge.origin not in where or edge.destination not in where:
            continue
        (x1, y1, _), (x2, y2, _) = where[edge.origin], where[edge.destination]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        # stop short of the vertex, and bend a little so that A->B and B->A are apart
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        sx, sy, ex, ey = x1 + ux * 8, y1 + uy * 8, x2 - ux * 9, y2 - uy * 9
        bend = min(40.0, length * 0.12)
        cx, cy = (sx + ex) / 2 - uy * bend, (sy + ey) / 2 + ux * bend
        thickness = 0.8 + 3.2 * math.log1p(edge.count) / math.log1p(peak)
        curve = f"M {_n(sx)} {_n(sy)} Q {_n(cx)} {_n(cy)} {_n(ex)} {_n(ey)}"
        link = _link(root, edge.href, "arrow")
        visits = "visit" if edge.count == 1 else "visits"
        _element(link, "title").text = (f"{labels[edge.origin]} to {labels[edge.destination]}"
                                        f": {edge.count} {visits}")
        _element(link, "path", d=curve, fill="none", stroke=GREY, stroke_width=thickness,
                 stroke_opacity=0.75, marker_end=f"url(#{NETWORK_ID}arrow)", class_="line")
        if edge.href is not None:  # a wider, unseen stroke: a thin arrow is hard to hit
            _element(link, "path", d=curve, fill="none", stroke="#ffffff", stroke_opacity=0,
                     stroke_width=12, pointer_events="stroke")
    for vertex in vertices:
        x, y, angle = where[vertex.id]
        is_centre = vertex.id == centre
        link = _link(root, vertex.href, "state")
        _element(link, "title").text = vertex.label
        _element(link, "circle", cx=x, cy=y, r=9 if is_centre else 6, fill=BLUE)
        if is_centre:
            _text(link, x, y - 16, _shorten(vertex.label), size=14, anchor="middle",
                  font_weight="bold")
            continue
        cos = math.cos(angle)
        anchor = "start" if cos > 0.2 else "end" if cos < -0.2 else "middle"
        lx = x + 12 * cos
        ly = y + 12 * math.sin(angle) + 4
        _text(link, lx, ly, _shorten(vertex.label, 22), size=11, anchor=anchor)
    # xml.etree escaped every text and attribute: the markup is safe to set in a page
    return Markup(ET.tostring(root, encoding="unicode"))


def _link(parent: ET.Element, href: str | None, kind: str) -> ET.Element:
    """A link of the given class around what is drawn next, or a plain group without href."""
    return _element(parent, "a" if href is not None else "g", href=href, class_=kind)


# -- the ontology ------------------------------------------------------------------------

@dataclass(frozen=True)
class Box:
    name: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Rect:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.left + self.right) / 2, (self.top + self.bottom) / 2

    def meets(self, other: Rect, gap: float = 0.0) -> bool:
        """Whether the two overlap, or come closer than ``gap``."""
        return (self.left < other.right + gap and other.left < self.right + gap
                and self.top < other.bottom + gap and other.top < self.bottom + gap)

    def holds(self, other: Rect) -> bool:
        return (self.left <= other.left and other.right <= self.right
                and self.top <= other.top and other.bottom <= self.bottom)


COLUMNS, BOX_WIDTH, GAP_X, GAP_Y, LINE = 4, 200, 80, 70, 14
LABEL_SIZE = 10
CROSSING = 10_000  # what an arrow through a box costs a layout, against its length


def class_diagram(title: str, desc: str, boxes: list[Box],
                  links: list[tuple[str, str, str]]) -> str:
    """``boxes`` in a grid of four columns, placed so that arrows cross few boxes;
    ``links`` are (domain, property, range), a loop where the two are one class.  Each
    property's label is set at a free spot along its arrow (or beside its loop), so that
    no label covers another or a box."""
    names = {box.name for box in boxes}
    links = sorted((d, p, r) for d, p, r in links if d in names and r in names)
    place = _arrange(boxes, [(d, r) for d, _, r in links if d != r])
    width = COLUMNS * BOX_WIDTH + (COLUMNS + 1) * GAP_X
    height = max(rect.bottom for rect in place.values()) + GAP_Y if place else GAP_Y
    labels = _Labels(list(place.values()), Rect(0, 0, width, height))
    arrows: list[tuple[str, tuple[float, float], tuple[float, float]]] = []  # (label, from, to)
    loops: dict[str, list[str]] = {}
    parallel: dict[frozenset, list[tuple[str, str, str]]] = {}
    for link in links:
        if link[0] == link[2]:
            loops.setdefault(link[0], []).append(link[1])
        else:
            parallel.setdefault(frozenset((link[0], link[2])), []).append(link)
    for group in parallel.values():
        one, other = sorted((group[0][0], group[0][2]))
        (ax, ay), (bx, by) = place[one].centre, place[other].centre
        length = math.sqrt((bx - ax) ** 2 + (by - ay) ** 2) or 1.0
        nx, ny = -(by - ay) / length, (bx - ax) / length  # the same side whichever way
        for index, (domain, prop, target) in enumerate(group):
            shift = 8 * (index - (len(group) - 1) / 2)  # parallel arrows side by side
            (sx, sy), (tx, ty) = place[domain].centre, place[target].centre
            start, end = (sx + nx * shift, sy + ny * shift), (tx + nx * shift, ty + ny * shift)
            arrows.append((prop, _leave(place[domain], start, end),
                           _leave(place[target], end, start)))
    root = _document(width, height, title, desc)
    _arrow(root)
    drawn = []  # (a label's lines, where they go, the point of the arrow they name)
    # labels with the least room go first: loops, then the shortest arrows
    for name, props in sorted(loops.items()):
        rect = place[name]
        top, right = rect.top, rect.right
        _element(root, "path", d=f"M {_n(right - 40)} {_n(top)} C {_n(right - 40)} "
                 f"{_n(top - 40)} {_n(right + 40)} {_n(top + 10)} {_n(right)} {_n(top + 10)}",
                 fill="none", stroke=GREY, stroke_width=1.2, marker_end="url(#arrow)")
        label = _wrap(props)
        apex = (right + 2, top - 16)
        drawn.append((label, labels.beside(label, apex), apex))
    for prop, start, end in sorted(arrows, key=lambda a: (_length(a[1], a[2]), a)):
        _element(root, "line", x1=start[0], y1=start[1], x2=end[0], y2=end[1], stroke=GREY,
                 stroke_width=1.2, marker_end="url(#arrow)")
        drawn.append(([prop], labels.along([prop], start, end), _middle(start, end)))
    for box in boxes:
        rect = place[box.name]
        _element(root, "rect", x=rect.left, y=rect.top, width=BOX_WIDTH,
                 height=rect.bottom - rect.top, fill="#f4f7fb", stroke=BLUE, rx=4,
                 class_="box")
        _text(root, rect.left + BOX_WIDTH / 2, rect.top + 18, box.name, size=13,
              anchor="middle", font_weight="bold")
        for index, name in enumerate(box.fields):
            _text(root, rect.left + 8, rect.top + 28 + LINE * (index + 1) - 3,
                  _shorten(name, 30), size=10)
    for label, (x, y), anchor in drawn:
        if _length((x, y), anchor) > 24:  # far from its arrow: a leader says whose it is
            _element(root, "line", x1=x, y1=y, x2=anchor[0], y2=anchor[1], stroke=GREY,
                     stroke_width=0.8, stroke_dasharray="2 2")
        for index, line in enumerate(label):
            # a white halo keeps the label legible where another arrow passes under it
            _text(root, x, y + LEAD * index + 0.35 * LABEL_SIZE, line, size=LABEL_SIZE,
                  anchor="middle", stroke="#ffffff", stroke_width=3, paint_order="stroke",
                  class_="label")
    if labels.bottom > height:
        root.set("viewBox", f"0 0 {_n(width)} {_n(labels.bottom)}")
        root.set("height", _n(labels.bottom))
        root.find("rect").set("height", _n(labels.bottom))
    return _serialise(root)


def _box_height(box: Box) -> int:
    return 28 + LINE * len(box.fields)


def _grid(boxes: list[Box], order: list[int | None]) -> dict[str, Rect]:
    """Each box's rectangle when the cells of the grid, row by row, hold ``order``."""
    place = {}
    y = GAP_Y
    for first in range(0, len(order), COLUMNS):
        row = order[first:first + COLUMNS]
        for column, index in enumerate(row):
            if index is not None:
                x = GAP_X + column * (BOX_WIDTH + GAP_X)
                place[boxes[index].name] = Rect(x, y, x + BOX_WIDTH, y + _box_height(boxes[index]))
        y += max((_box_height(boxes[i]) for i in row if i is not None), default=0) + GAP_Y
    return place


def _cost(place: dict[str, Rect], pairs: list[tuple[str, str]]) -> float:
    cost = 0.0
    for one, other in pairs:
        start, end = place[one].centre, place[other].centre
        cost += _length(start, end)
        low_x, high_x = sorted((start[0], end[0]))
        low_y, high_y = sorted((start[1], end[1]))
        for name, rect in place.items():
            if rect.right + 6 < low_x or rect.left - 6 > high_x or rect.bottom + 6 < low_y \
                    or rect.top - 6 > high_y or name in (one, other):
                continue  # cheap tests first: the layout is tried many times
            if _crosses(start, end, rect, 6):
                cost += CROSSING
    return cost


def _arrange(boxes: list[Box], pairs: list[tuple[str, str]]) -> dict[str, Rect]:
    """The boxes in the grid, two swapped at a time for as long as that makes the arrows
    (``pairs`` of box names) cross fewer boxes or run shorter: trials in a fixed order,
    so the same boxes always land in the same cells."""
    cells = math.ceil(len(boxes) / COLUMNS) * COLUMNS
    order: list[int | None] = [*range(len(boxes)), *[None] * (cells - len(boxes))]
    best = _cost(_grid(boxes, order), pairs)
    better = True
    while better:
        better = False
        for i in range(cells):
            for j in range(i + 1, cells):
                if order[i] is None and order[j] is None:
                    continue
                order[i], order[j] = order[j], order[i]
                cost = _cost(_grid(boxes, order), pairs)
                if cost < best:
                    best, better = cost, True
                else:
                    order[i], order[j] = order[j], order[i]
    return _grid(boxes, order)


class _Labels:
    """Labels (one or more lines, centred on one x) set one by one where they cover no
    box and no other label and stay in the picture; the last resort is a new line below
    the picture (``bottom`` grows)."""

    def __init__(self, boxes: list[Rect], frame: Rect):
        self.boxes = boxes
        self.frame = Rect(frame.left + 2, frame.top + 2, frame.right - 2, frame.bottom - 2)
        self.placed: list[Rect] = []
        self.bottom = frame.bottom

    def along(self, lines: list[str], start: tuple[float, float], end: tuple[float, float]
              ) -> tuple[float, float]:
        """On the arrow near its middle, else a little off it or further along."""
        length = _length(start, end) or 1.0
        nx, ny = -(end[1] - start[1]) / length, (end[0] - start[0]) / length
        tries = sorted(((step, shift) for step in range(-4, 5) for shift in range(-6, 7)),
                       key=lambda s: (abs(s[0]) * 2 + abs(s[1]), -s[0], -s[1]))
        for step, shift in tries:
            along = 0.5 + step / 10
            x = start[0] + (end[0] - start[0]) * along + nx * shift * 6
            y = start[1] + (end[1] - start[1]) * along + ny * shift * 6
            if self._take(lines, x, y):
                return x, y
        return self._nearest(lines, _middle(start, end))

    def beside(self, lines: list[str], point: tuple[float, float]) -> tuple[float, float]:
        """Right or left of a point, as close to it as there is room."""
        half = max(_label_width(line) for line in lines) / 2
        for dy in sorted(range(-48, 49, 6), key=lambda d: (abs(d), d)):
            for dx in (half + 2, -half - 2):
                if self._take(lines, point[0] + dx, point[1] + dy):
                    return point[0] + dx, point[1] + dy
        return self._nearest(lines, point)

    def _nearest(self, lines: list[str], point: tuple[float, float]) -> tuple[float, float]:
        """The free spot nearest to ``point`` on rings around it, else below the picture."""
        x, y = point
        for ring in range(2, math.ceil((self.frame.right + self.frame.bottom) / 6)):
            for a in range(-ring, ring + 1):
                for dx, dy in ((a, -ring), (a, ring), (-ring, a), (ring, a)):
                    if self._take(lines, x + dx * 6, y + dy * 6):
                        return x + dx * 6, y + dy * 6
        x, y = self.frame.right / 2, self.bottom + LABEL_SIZE
        self.placed += _block(lines, x, y)
        self.bottom += LEAD * len(lines) + LABEL_SIZE
        return x, y

    def _take(self, lines: list[str], x: float, y: float) -> bool:
        rects = _block(lines, x, y)
        for rect in rects:
            if not self.frame.holds(rect) or any(rect.meets(box, 3) for box in self.boxes) \
                    or any(rect.meets(other, 2) for other in self.placed):
                return False
        self.placed += rects
        return True


LEAD = 14  # from one line of a label to the next


def _label_width(text: str) -> float:
    return 0.6 * LABEL_SIZE * len(text)


def _block(lines: list[str], x: float, y: float) -> list[Rect]:
    """Where the lines of a label centred on x, the first on y, are drawn, at most: 0.6 of
    the size a character; the size above a baseline at y + 0.35 of it, and as much again
    below it (descenders)."""
    return [Rect(x - _label_width(line) / 2, y + LEAD * index - 0.65 * LABEL_SIZE,
                 x + _label_width(line) / 2, y + LEAD * index + 0.7 * LABEL_SIZE)
            for index, line in enumerate(lines)]


def _wrap(words: list[str], width: int = 32) -> list[str]:
    """``words`` joined by commas into lines of at most ``width`` characters (or one word)."""
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + len(word) + 2 <= width:
            lines[-1] += ", " + word
        else:
            lines.append(word)
    return [line + ("," if index < len(lines) - 1 else "") for index, line in enumerate(lines)]


def _length(start: tuple[float, float], end: tuple[float, float]) -> float:
    return math.sqrt((end[0] - start[0]) ** 2 + (end[1] - start[1]) ** 2)


def _middle(start: tuple[float, float], end: tuple[float, float]) -> tuple[float, float]:
    return (start[0] + end[0]) / 2, (start[1] + end[1]) / 2


def _crosses(start: tuple[float, float], end: tuple[float, float], rect: Rect,
             gap: float) -> bool:
    """Whether the segment passes through the rectangle grown by ``gap`` (Liang-Barsky)."""
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in ((-dx, x1 - rect.left + gap), (dx, rect.right + gap - x1),
                 (-dy, y1 - rect.top + gap), (dy, rect.bottom + gap - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def _leave(rect: Rect, inside: tuple[float, float], towards: tuple[float, float]
           ) -> tuple[float, float]:
    """Where the segment from a point in ``rect`` towards another leaves ``rect``."""
    dx, dy = towards[0] - inside[0], towards[1] - inside[1]
    scale = min((rect.right - inside[0]) / dx if dx > 0 else
                (rect.left - inside[0]) / dx if dx < 0 else math.inf,
                (rect.bottom - inside[1]) / dy if dy > 0 else
                (rect.top - inside[1]) / dy if dy < 0 else math.inf)
    if scale == math.inf:
        return inside
    return inside[0] + dx * scale, inside[1] + dy * scale
