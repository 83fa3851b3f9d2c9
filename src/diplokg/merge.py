"""Make one entity of everything the fact files say about one thing.

A graph grows one article at a time, so the same leader, state or visit turns
up in many files, from many sources, in many spellings.  This stage

- resolves references: by id, or by a name or alias of a person, state or place
  (compared without case, accents or punctuation); an unknown or ambiguous name
  is an error with suggestions, never a guess;
- groups declarations of one thing: the same id in several files, ids linked by
  `same_as`, and visits recognised as the same (see ``same_visit``);
- merges each group into one entity: lists are joined, names that differ become
  aliases, and values that disagree are kept as conflicting claims, each with
  its source, rather than one overwriting the other.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .errors import FactProblems
from .facts import REFERENCE_FIELDS, Fact, FactSet, PartialDate, closest
from .report import WARNING, Problem

NAMED_KINDS = ("person", "state", "place")
PER_DECLARATION = ("id", "source", "evidence", "same_as", "note")
NAME_FIELDS = ("name", "title")  # a different spelling is an alias, not a conflict
NESTED = ("offices", "relatives", "events", "clauses")
DATES = ("published", "start", "end", "signed", "expected")


@dataclass(frozen=True)
class Claim:
    """A value one declaration gives for a field that other declarations contradict."""

    value: Any
    fact: Fact


@dataclass
class Entity:
    """One thing, merged from all its declarations."""

    kind: str
    id: str
    data: dict[str, Any]  # merged values; references are canonical ids
    declarations: list[Fact]  # in file order
    evidence: list[tuple[str, str]]  # (quote, source id) from every declaration
    conflicts: dict[str, list[Claim]] = field(default_factory=dict)
    merged_ids: list[str] = field(default_factory=list)  # other ids that name this entity
    references: list[str] = field(default_factory=list)  # entities this one refers to

    @property
    def first(self) -> Fact:
        return self.declarations[0]

    @property
    def label(self) -> str:
        return f"{self.kind} {self.id}"

    def fingerprint(self) -> str:
        """A hash of what the entity says: its triples and findings depend on nothing else
        but the lines of its declaring file, which the build cache keys separately."""
        return hashlib.sha256(json.dumps(
            [self.kind, self.id, self.merged_ids, _plain(self.data), self.evidence,
             {k: [(_plain(c.value), c.fact.file) for c in v]
              for k, v in self.conflicts.items()},
             [(f.file, f.path) for f in self.declarations]],
            sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(f.data["source"] for f in self.declarations
                                  if self.kind != "source"))


@dataclass
class Merged:
    entities: dict[str, Entity]
    canonical: dict[str, str]  # every declared id -> the id of its entity
    resolved_names: list[tuple[Fact, str, str, str]]  # (fact, field, name written, id)

    def kind_of(self, fact_id: str) -> str:
        return self.entities[self.canonical[fact_id]].kind

    def report(self) -> dict:
        """What was merged, from where, and what conflicts: for people and scripts."""
        def place(fact: Fact, name: str = "") -> dict:
            return {"file": fact.file, "line": fact.line_of(name) if name else fact.line,
                    "source": fact.data.get("source", fact.id)}

        merged = [{"id": e.id, "kind": e.kind, "merged_ids": e.merged_ids,
                   "declarations": [{"id": f.id, **place(f)} for f in e.declarations]}
                  for e in self.entities.values() if len(e.declarations) > 1]
        names = [{"name": name, "id": target, "fact": fact.label, "field": field_name,
                  **place(fact)} for fact, field_name, name, target in self.resolved_names]
        conflicts = [{"id": e.id, "kind": e.kind, "field": name,
                      "claims": [{"value": c.value, **place(c.fact, name)} for c in claims]}
                     for e in self.entities.values()
                     for name, claims in sorted(e.conflicts.items())]
        return {"merged": merged, "resolved_names": names, "conflicts": conflicts}

    def summary(self) -> str:
        report = self.report()
        return (f"merged {len(report['merged'])} fact(s) declared more than once, resolved "
                f"{len(report['resolved_names'])} name(s), kept {len(report['conflicts'])} "
                "conflict(s)")

    def problems(self, iri: Callable[[str], str] = lambda entity_id: "") -> list[Problem]:
        """Conflicts, as warnings a person can act on; cycles, as violations.

        ``iri`` spells an entity's IRI from its id, for the problems' focus nodes.
        """
        found = cycle_problems(self.entities, iri)
        for entity in self.entities.values():
            for name, claims in sorted(entity.conflicts.items()):
                said = "; ".join(f"{_show(c.value)} ({c.fact.data.get('source', c.fact.id)}, "
                                 f"{c.fact.file}:{c.fact.line_of(name)})" for c in claims)
                found.append(Problem(
                    entity.first.file, entity.first.line_of(name), entity.label, name,
                    f"sources disagree: {said}",
                    "both claims are kept with their sources; correct the one that is wrong, "
                    "or leave them if the sources really disagree", severity=WARNING,
                    code="conflict", focus=iri(entity.id)))
        return found


# Links that must never lead back to where they start: (kind, field, inner key, words).
# A relative's "parent" or "grandparent" is an ancestor, a "child" or "grandchild" a
# descendant; both are folded into one "ancestor" order.
ORDERED_LINKS = (
    ("visit", "follows", None, "follows"),
    ("agreement", "supersedes", None, "supersedes"),
    ("place", "located_in", None, "is located in"),
    ("state", "succeeds", None, "succeeds"),
    ("person", "offices", "predecessor", "succeeds in office"),
    ("person", "relatives", "person", "descends from"),
)
_ANCESTOR, _DESCENDANT = ("parent", "grandparent"), ("child", "grandchild")


def _links(entity: Entity, field_name: str, inner: str | None) -> Iterator[str]:
    """The ids one entity's field points at, in the direction of the order."""
    value = entity.data.get(field_name)
    if inner is None:
        yield from (value if isinstance(value, list) else [value] if value else [])
        return
    for item in value or []:
        if field_name == "relatives" and item.get("relation") not in _ANCESTOR:
            continue
        if item.get(inner):
            yield item[inner]


def _reverse_links(entities: dict[str, Entity]) -> Iterator[tuple[str, str]]:
    """A "child" relative makes the declaring person the other's ancestor."""
    for entity in entities.values():
        for item in entity.data.get("relatives", []) if entity.kind == "person" else []:
            if item.get("relation") in _DESCENDANT:
                yield item["person"], entity.id


def cycle_problems(entities: dict[str, Entity],
                   iri: Callable[[str], str] = lambda entity_id: "") -> list[Problem]:
    """A visit that follows itself, a treaty superseding itself through another ...

    Each cycle is reported once, on the entity with the smallest id in it, and any
    self-reference (including `same_as` naming the fact's own id) is one.
    """
    problems = []
    for entity in entities.values():
        for fact in entity.declarations:
            if fact.id in fact.data.get("same_as", []):
                problems.append(Problem(fact.file, fact.line_of("same_as"), fact.label,
                                        "same_as", "names the fact itself",
                                        "remove the fact's own id from `same_as:`", fact.id,
                                        code="same-as-itself", focus=iri(entity.id)))
    for kind, field_name, inner, words in ORDERED_LINKS:
        edges: dict[str, list[str]] = defaultdict(list)
        for entity in entities.values():
            if entity.kind == kind:
                edges[entity.id] += _links(entity, field_name, inner)
        if field_name == "relatives":
            for child, ancestor in _reverse_links(entities):
                edges[child].append(ancestor)
        for cycle in _cycles(edges):
            first = entities[cycle[0]]
            shown = cycle[0] if len(cycle) == 1 else " -> ".join([*cycle, cycle[0]])
            problems.append(Problem(
                first.first.file, first.first.line_of(field_name), first.label, field_name,
                f"{words} itself" + ("" if len(cycle) == 1 else ", in a cycle"),
                f"check `{field_name}:` here and in the facts named; one link is the wrong "
                "way round or points at the wrong fact", shown, code="cycle",
                focus=iri(first.id)))
    return problems


def _cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """Each cycle once, as a list of ids starting at its smallest, found by depth-first
    search (iterative: a long chain of visits must not hit Python's recursion limit)."""
    found: dict[tuple, list[str]] = {}
    done: set[str] = set()
    for start in sorted(edges):
        if start in done:
            continue
        path: list[str] = []
        on_path: dict[str, int] = {}
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(set(edges[start]))))]
        path.append(start)
        on_path[start] = 0
        while stack:
            node, successors = stack[-1]
            step = next(successors, None)
            if step is None:
                stack.pop()
                path.pop()
                del on_path[node]
                done.add(node)
            elif step in on_path:
                cycle = path[on_path[step]:]
                turn = cycle.index(min(cycle))
                cycle = cycle[turn:] + cycle[:turn]
                found.setdefault(tuple(cycle), cycle)
            elif step not in done:
                on_path[step] = len(path)
                path.append(step)
                stack.append((step, iter(sorted(set(edges.get(step, []))))))
    return [found[key] for key in sorted(found)]


def _plain(value: Any) -> Any:
    """The value without the bookkeeping keys (``_origin`` points back at a Fact)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != "_origin"}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _show(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def normalise_name(name: str) -> str:
    """'Kim Jong-il' and 'kim jong il' compare equal; so do 'Guaidó' and 'Guaido'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


class _Groups:
    """Union-find over ids; the smallest id names a group, so results do not depend on order."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _reference_slots(fact: Fact) -> Iterator[tuple[str, dict, str | int, str]]:
    """(field name, container, key, reference) for every reference a fact makes."""
    specs = (*REFERENCE_FIELDS[fact.kind], "same_as") + (("source",) if fact.kind != "source"
                                                          else ())
    for spec in specs:
        outer, _, inner = spec.partition(".")
        containers = [(f"{outer}[{i}].{inner}", item, inner)
                      for i, item in enumerate(fact.data.get(outer, []))] if inner \
            else [(outer, fact.data, outer)]
        for name, container, key in containers:
            value = container.get(key)
            if isinstance(value, list):
                for index, ref in enumerate(value):
                    yield name, value, index, ref
            elif value is not None:
                yield name, container, key, value


class _Resolver:
    def __init__(self, fact_set: FactSet):
        self.ids = fact_set.declarations
        self.names: dict[str, set[str]] = defaultdict(set)
        for fact_id, facts in self.ids.items():
            for fact in facts:
                if fact.kind in NAMED_KINDS:
                    for name in [fact.data["name"], *fact.data.get("aliases", [])]:
                        if normalise_name(name):  # "!!!" is no name to match by
                            self.names[normalise_name(name)].add(fact_id)
        self.resolved: list[tuple[Fact, str, str, str]] = []
        self.problems: list[Problem] = []

    def resolve(self, fact: Fact, field_name: str, ref: str) -> str | None:
        if ref in self.ids:
            return ref
        matches = sorted(self.names.get(normalise_name(ref), ())) if normalise_name(ref) else []
        if len(matches) == 1 and field_name != "source":
            self.resolved.append((fact, field_name, ref, matches[0]))
            return matches[0]
        line = fact.line_of(field_name)
        if len(matches) > 1:
            self.problems.append(Problem(
                fact.file, line, fact.label, field_name,
                f"'{ref}' is a name of several facts: {', '.join(matches)}",
                "use the id of the one you mean", ref, code="ambiguous-name"))
            return None
        near = closest(ref, self.ids) + [
            i for n in closest(normalise_name(ref), self.names) for i in sorted(self.names[n])]
        near = list(dict.fromkeys(near))[:3]
        self.problems.append(Problem(
            fact.file, line, fact.label, field_name,
            f"refers to '{ref}', which no fact file declares (as an id, name or alias)",
            (f"did you mean {', '.join(repr(n) for n in near)}? " if near else "")
            + "declare it, or use the id of a declared fact", ref, code="unknown-id"))
        return None


def _resolved_copy(fact: Fact, resolver: _Resolver) -> Fact:
    """The fact with every reference replaced by the id it names."""
    resolved = copy.copy(fact)
    resolved.data = copy.deepcopy(fact.data)
    for name, container, key, ref in list(_reference_slots(resolved)):
        target = resolver.resolve(fact, name, ref)
        if target is not None:
            container[key] = target
    return resolved


def _span(data: dict) -> tuple[str, str] | None:
    if "start" not in data:
        return None
    start = PartialDate.parse(data["start"])
    end = PartialDate.parse(data["end"]) if "end" in data else start
    return start.earliest, end.latest


def same_visit(a: Fact, b: Fact) -> bool:
    """Two sources' visits are one visit: same visitors and destination, dates that overlap.

    Dates overlap given their precision (a visit in "2000" overlaps one on
    2000-06-19).  Visits from the same source are never merged this way: one
    source listing two visits means two visits.  Undated visits are merged only
    by `same_as`.
    """
    if a.data["source"] == b.data["source"]:
        return False
    span_a, span_b = _span(a.data), _span(b.data)
    return span_a is not None and span_b is not None and \
        span_a[0] <= span_b[1] and span_b[0] <= span_a[1]


def _visit_key(fact: Fact) -> tuple:
    return frozenset(fact.data["visitors"]), fact.data["destination"]


def _compatible_dates(a: str, b: str) -> str | None:
    """The more precise of two dates when one lies within the other, else None."""
    da, db = PartialDate.parse(a), PartialDate.parse(b)
    if db.earliest >= da.earliest and db.latest <= da.latest:
        return db.text
    if da.earliest >= db.earliest and da.latest <= db.latest:
        return da.text
    return None


def _item_key(item: dict) -> str:
    return json.dumps({k: v for k, v in item.items() if k not in ("evidence", "note")},
                      sort_keys=True, ensure_ascii=False)


def _merge_items(declarations: list[Fact], key: str) -> list[dict]:
    """Nested entries (offices, events ...) of all declarations; equal ones once."""
    merged: dict[str, dict] = {}
    for fact in declarations:
        source = fact.data.get("source")
        for index, item in enumerate(fact.data.get(key, [])):
            entry = merged.setdefault(_item_key(item), {
                **item, "_evidence": [], "_sources": [], "_origin": (fact, index)})
            entry["_evidence"] += [(quote, source) for quote in item.get("evidence", [])]
            entry["_sources"] = list(dict.fromkeys([*entry["_sources"], source]))
    return list(merged.values())


def _merge_group(kind: str, entity_id: str, declarations: list[Fact]) -> Entity:
    data: dict[str, Any] = {}
    conflicts: dict[str, list[Claim]] = {}
    aliases: list[str] = []
    for fact in declarations:
        for key, value in fact.data.items():
            if key in PER_DECLARATION or key in NESTED:
                continue
            if key == "aliases":
                aliases += value
            elif isinstance(value, list):
                data[key] = list(dict.fromkeys([*data.get(key, []), *value]))
            elif key not in data and key not in conflicts:
                data[key] = value
            elif key in NAME_FIELDS:
                aliases.append(value)
            elif key in conflicts:
                conflicts[key].append(Claim(value, fact))
            elif data[key] != value:
                finer = _compatible_dates(data[key], value) if key in DATES else None
                if finer is not None:
                    data[key] = finer
                    continue
                first = next(f for f in declarations if f.data.get(key) == data[key])
                conflicts[key] = [Claim(data.pop(key), first), Claim(value, fact)]
    names = {data.get("name"), data.get("title")}
    aliases = [a for a in dict.fromkeys(aliases) if a not in names]
    if aliases:
        data["aliases"] = aliases
    for key in NESTED:
        items = _merge_items(declarations, key)
        if items:
            data[key] = items
    notes = list(dict.fromkeys(f.data["note"] for f in declarations if "note" in f.data))
    if notes:
        data["note"] = notes
    evidence = list(dict.fromkeys((quote, f.data.get("source", f.id))
                                  for f in declarations for quote in f.data.get("evidence", [])))
    return Entity(kind, entity_id, data, declarations, evidence, conflicts)


def merge(fact_set: FactSet) -> Merged:
    """Resolve references and merge declarations; raise FactProblems if a reference fails."""
    resolver = _Resolver(fact_set)
    declarations = {fact_id: [_resolved_copy(f, resolver) for f in facts]
                    for fact_id, facts in fact_set.declarations.items()}
    if resolver.problems:
        raise FactProblems(resolver.problems)
    groups = _Groups()
    for fact_id, facts in declarations.items():
        groups.find(fact_id)
        for fact in facts:
            for other in fact.data.get("same_as", []):
                groups.join(fact_id, other)
    by_key: dict[tuple, list[Fact]] = defaultdict(list)
    for facts in declarations.values():
        for fact in facts:
            if fact.kind == "visit":
                by_key[_visit_key(fact)].append(fact)
    for candidates in by_key.values():
        for i, a in enumerate(candidates):
            for b in candidates[i + 1:]:
                if same_visit(a, b):
                    groups.join(a.id, b.id)
    canonical = {fact_id: groups.find(fact_id) for fact_id in declarations}
    members: dict[str, list[str]] = defaultdict(list)
    for fact_id, root in sorted(canonical.items()):
        members[root].append(fact_id)
    problems: list[Problem] = []
    entities = {}
    for root, ids in sorted(members.items()):
        facts = sorted((f for i in ids for f in declarations[i]), key=lambda f: (f.file, f.line))
        kinds = {f.kind for f in facts}
        if len(kinds) > 1:
            problems.append(Problem(facts[0].file, facts[0].line, facts[0].label, "same_as",
                                    f"links facts of different kinds: {', '.join(sorted(kinds))}",
                                    "same_as may only join facts of one kind",
                                    code="same-as-kinds"))
            continue
        references = set()
        for fact in facts:
            for _name, container, key, ref in list(_reference_slots(fact)):
                container[key] = canonical.get(ref, ref)
                references.add(container[key])
        entity = _merge_group(facts[0].kind, root, facts)
        entity.merged_ids = [i for i in ids if i != root]
        entity.references = sorted(references - {root})
        entities[root] = entity
    if problems:
        raise FactProblems(problems)
    return Merged(entities, canonical, resolver.resolved)
