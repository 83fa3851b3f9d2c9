"""Nested entries (events, offices, clauses, relatives) of one merged fact.

Each source lists the events of a visit as it saw them; the same arrival turns
up in many reports.  Entries are matched across declarations by their kind's
``same`` (an event: the same kind, overlapping dates, the same place and
compatible participants), never within one declaration (one report listing two
motorcades means two).  An entry that matches several others is kept apart and
listed in the merge report: nothing is merged on a guess.

Identity: an entry's IRI segment is its `id:` where one is given; else the one
the identity file pins to it (diplokg.build.identities); else the segment its
earliest declaration (by the day it speaks of, then source id) gives it on its
own: the kind ("arrival"), numbered -2, -3 only among that one declaration's own
entries of that kind.  So another source's entries cannot shift it, and with an
identity file nothing can; the segments other declarations gave the same entry
stay valid as owl:sameAs aliases.  An `id:` equal to another declaration's segment
names that entry: it is how a report says "this is that report's talks".
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from diplokg.digests import short_hash
from diplokg.merge.claims import Choice, Claim, choose, only
from diplokg.model import fields as F
from diplokg.model.kind import Kind
from diplokg.model.registry import fields_by_name
from diplokg.read.facts import Fact

# Makes the claim of one value: (declaration, path of the value, value, quotes) -> Claim
MakeClaim = Callable[[Fact, tuple, Any, tuple], Claim]


@dataclass
class Item:
    """A nested entry, merged from the declarations that give it."""

    data: dict[str, Any]  # preferred values
    evidence: list[tuple[str, str]]  # (quote, source id) from every declaration giving it
    sources: list[str]  # the sources that give it
    origin: tuple[Fact, int]  # its earliest declaration, and its index there
    segment: str = ""  # its IRI segment, "" for a link (a relative)
    aliases: list[str] = field(default_factory=list)  # segments other declarations gave it
    members: list[tuple[Fact, int]] = field(default_factory=list)
    claims: dict[str, list[Claim]] = field(default_factory=dict)
    choices: dict[str, Choice] = field(default_factory=dict)
    kept_apart: list[str] = field(default_factory=list)  # entries it also matched
    # (source, segment) of the declaration whose segment it took: the identity file's key
    holder: tuple[str, str] = ("", "")


def own_segments(kind: Kind, entries: list[dict]) -> list[str]:
    """The segments one declaration's entries get on their own: `id:` where given, else
    the kind's segment, numbered among that declaration's entries."""
    if kind.item_segment is None:
        return ["" for _ in entries]
    used = {e["id"] for e in entries if "id" in e}
    found = []
    for entry in entries:
        if "id" in entry:
            found.append(entry["id"])
            continue
        segment, candidate, n = kind.item_segment(entry), kind.item_segment(entry), 2
        while candidate in used:
            candidate, n = f"{segment}-{n}", n + 1
        used.add(candidate)
        found.append(candidate)
    return found


def _content(entry: dict) -> str:
    return json.dumps({k: v for k, v in entry.items() if k not in ("evidence", "note", "id")},
                      sort_keys=True, ensure_ascii=False)


def _matches(kind: Kind, a: dict, b: dict) -> bool:
    if "id" in a and "id" in b:
        return a["id"] == b["id"]
    if kind.same is None:
        return _content(a) == _content(b)
    return kind.same(a, b)


def merge_items(kind: Kind, name: str, declarations: list[Fact], make_claim: MakeClaim,
                decisions: dict[str, Any],
                pins: dict[str, tuple[str, str]] | None = None,
                within: Callable[[Any], set] | None = None) -> list[Item]:
    """The entries under ``name`` of every declaration, the same entry once.

    ``declarations`` come in the order that decides identity (earliest first);
    ``decisions`` maps a field as warnings name it ("events[arrival].start") to the
    decision about it; ``pins`` (from the identity file) maps a segment to the
    (source, own segment) of the entry it was first given to.
    """
    fields = fields_by_name(kind.name)
    clusters: list[list[tuple[Fact, int, str]]] = []
    kept_apart: dict[int, list[int]] = {}
    for fact in declarations:
        entries = fact.data.get(name, [])
        for index, (entry, own) in enumerate(zip(entries, own_segments(kind, entries),
                                                 strict=True)):
            named = _named(clusters, entry.get("id"), fact, name)
            if named is not None:  # an id names the entry that has it, or had it on its own
                clusters[named].append((fact, index, own))
                continue
            fits = [n for n, members in enumerate(clusters)
                    if all(f is not fact and _matches(kind, entry, f.data[name][i])
                           for f, i, _ in members)]
            if len(fits) == 1:
                clusters[fits[0]].append((fact, index, own))
                continue
            clusters.append([(fact, index, own)])
            if fits:
                kept_apart[len(clusters) - 1] = fits
    segments, holders = _segments(clusters, name, pins or {})
    items = []
    for number, members in enumerate(clusters):
        fact, index, _ = members[0]
        item = Item({}, [], [], (fact, index), segments[number],
                    members=[(f, i) for f, i, _ in members],
                    kept_apart=[segments[n] for n in kept_apart.get(number, [])],
                    holder=holders[number])
        item.aliases = sorted({own for _, _, own in members} - {item.segment} - set(segments))
        for f, i, _ in members:
            entry = f.data[name][i]
            source = f.data.get("source", f.id)
            item.evidence += [(quote, source) for quote in entry.get("evidence", [])]
            item.sources = list(dict.fromkeys([*item.sources, source]))
            if len(members) == 1:  # one declaration gives it: its values are its own
                item.data = {key: only(fields[key], value).value
                             for key, value in entry.items()
                             if fields[key].combination != F.PER_DECLARATION}
                continue
            for key, value in entry.items():
                if fields[key].combination != F.PER_DECLARATION:
                    claim = make_claim(f, (name, i, key), value, tuple(entry.get("evidence", ())))
                    item.claims.setdefault(key, []).append(claim)
        for key, claims in item.claims.items():
            label = f"{name}[{item.segment}].{key}" if item.segment else ""
            f = fields[key]
            item.choices[key] = choose(f, claims, decisions.get(label),
                                       within if f.type == F.REF else None)
            item.data[key] = item.choices[key].value
        if "id" in fact.data[name][index]:
            item.data["id"] = fact.data[name][index]["id"]
        items.append(item)
    return items


def _named(clusters: list[list[tuple[Fact, int, str]]], given: str | None, fact: Fact,
           name: str) -> int | None:
    """The cluster an explicit id names: one whose entry has that id, else one whose
    entry got it as its own segment (`id: talks` joins another report's `.../talks`)."""
    if given is None:
        return None
    for explicit in (True, False):
        for number, members in enumerate(clusters):
            if any(f is fact for f, _, _ in members):
                continue
            if any(("id" in f.data[name][i]) == explicit and own == given
                   for f, i, own in members):
                return number
    return None


def _source(fact: Fact) -> str:
    return fact.data.get("source", fact.id)


def _segments(clusters: list[list[tuple[Fact, int, str]]], name: str,
              pins: dict[str, tuple[str, str]]) -> tuple[list[str], list[tuple[str, str]]]:
    """One segment per cluster, and whose it is: a given id first, then the segments the
    identity file pins to an entry a cluster holds, else its earliest declaration's own."""
    found = [""] * len(clusters)
    holders = [("", "")] * len(clusters)
    used: set[str] = set()
    for number, members in enumerate(clusters):
        given = next((f.data[name][i]["id"] for f, i, _ in members if "id" in f.data[name][i]),
                     None)
        if given is not None:
            found[number], holders[number] = given, (_source(members[0][0]), given)
            used.add(given)
    held = {(_source(f), own): number for number, members in enumerate(clusters)
            for f, _, own in members}
    for segment, holder in sorted(pins.items()):
        number = held.get(tuple(holder))
        if number is not None and not found[number] and segment not in used:
            found[number], holders[number] = segment, tuple(holder)
            used.add(segment)
    for number, members in enumerate(clusters):
        fact, _, own = members[0]
        if found[number] or not own:
            continue
        candidate = own
        if candidate in used:  # another entry has it: tell them apart by the source
            candidate = f"{own}-{short_hash(_source(fact) + chr(10) + own)}"
        n = 2
        while candidate in used:
            candidate, n = f"{own}-{n}", n + 1
        found[number], holders[number] = candidate, (_source(fact), own)
        used.add(candidate)
    return found, holders
