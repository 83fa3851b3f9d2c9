"""Make one entity of everything the fact files say about one thing.

A graph grows one article at a time, so the same leader, state or visit turns
up in many files, from many sources, in many spellings.  This stage

- resolves references: by id, or by a name or alias of a person, state or place
  (compared without case, accents or punctuation); an unknown or ambiguous name
  is an error with suggestions, never a guess;
- groups declarations of one thing: the same id in several files, ids linked by
  `same_as`, and declarations their kind recognises as one (``Kind.same``: a visit);
- merges each group into one entity: lists are joined, names that differ become
  aliases, and values that disagree are kept as conflicting claims, each with
  its source, rather than one overwriting the other.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from diplokg.errors import FactProblems
from diplokg.model import fields as F
from diplokg.model.dates import PartialDate
from diplokg.model.registry import fields_by_name, kind, ordered_links, reference_fields
from diplokg.names import normalise_name
from diplokg.problems import WARNING, Problem
from diplokg.read.facts import Fact, FactSet, closest


@dataclass(frozen=True)
class Claim:
    """A value one declaration gives for a field that other declarations contradict."""

    value: Any
    fact: Fact


@dataclass
class Item:
    """A nested entry (an office, an event ...), merged from the declarations that give it."""

    data: dict[str, Any]  # its values, as written
    evidence: list[tuple[str, str]]  # (quote, source id) from every declaration giving it
    sources: list[str]  # the sources that give it
    origin: tuple[Fact, int]  # the first declaration giving it, and its index there


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
    # declarations that are probably one thing, though not recognised as one (a, b)
    probably_same: list[tuple[Fact, Fact]] = field(default_factory=list)

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
        found = {"merged": merged, "resolved_names": names, "conflicts": conflicts}
        if self.probably_same:  # only when there are any, so earlier reports stay as they were
            found["probably_same"] = [{"kind": a.kind, "ids": [a.id, b.id],
                                       "declarations": [{"id": f.id, **place(f)} for f in (a, b)]}
                                      for a, b in self.probably_same]
        return found

    def summary(self) -> str:
        report = self.report()
        line = (f"merged {len(report['merged'])} fact(s) declared more than once, resolved "
                f"{len(report['resolved_names'])} name(s), kept {len(report['conflicts'])} "
                "conflict(s)")
        if self.probably_same:
            line += f", found {len(self.probably_same)} probable duplicate(s)"
        return line

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
        for a, b in self.probably_same:
            dates = " and ".join(f"{f.id} {f.data.get('start')}"
                                 + (f" to {f.data['end']}" if "end" in f.data else "")
                                 for f in (a, b))
            found.append(Problem(
                a.file, a.line, a.label, "same_as",
                f"probably the same {a.kind} as {b.id} ({b.file}:{b.line}): the same "
                f"{kind(a.kind).identity}, dates a few days apart ({dates})",
                f"add `same_as: [{b.id}]` if they are one {a.kind}, or `distinct_from: "
                f"[{b.id}]` if not; nothing is merged on a guess", b.id, severity=WARNING,
                code="probably-same", focus=iri(self.canonical.get(a.id, a.id))))
        return found


# A relative's "parent" or "grandparent" is an ancestor, a "child" or "grandchild" a
# descendant; both are folded into one "descends from" order.
_ANCESTOR, _DESCENDANT = ("parent", "grandparent"), ("child", "grandchild")


def _links(entity: Entity, field_name: str, inner: str | None) -> Iterator[str]:
    """The ids one entity's field points at, in the direction of the order."""
    value = entity.data.get(field_name)
    if inner is None:
        yield from (value if isinstance(value, list) else [value] if value else [])
        return
    for item in value or []:
        if field_name == "relatives" and item.data.get("relation") not in _ANCESTOR:
            continue
        if item.data.get(inner):
            yield item.data[inner]


def _reverse_links(entities: dict[str, Entity]) -> Iterator[tuple[str, str]]:
    """A "child" relative makes the declaring person the other's ancestor."""
    for entity in entities.values():
        for item in entity.data.get("relatives", []) if entity.kind == "person" else []:
            if item.data.get("relation") in _DESCENDANT:
                yield item.data["person"], entity.id


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
    for kind_name, field_name, inner, link in ordered_links():
        words = link.order
        edges: dict[str, list[str]] = defaultdict(list)
        for entity in entities.values():
            if entity.kind == kind_name:
                edges[entity.id] += _links(entity, field_name, inner)
        if field_name == "relatives":
            for child, ancestor in _reverse_links(entities):
                edges[child].append(ancestor)
        for cycle in _cycles(edges):
            if link.only_self and len(cycle) > 1:
                continue
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
    """The value as plain data, for fingerprints (an Item's origin points at a Fact)."""
    if isinstance(value, Item):
        return {"data": value.data, "evidence": value.evidence, "sources": value.sources}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _show(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


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
    specs = (*reference_fields(fact.kind), "same_as") + (("source",) if fact.kind != "source"
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
        self.broken = fact_set.broken  # declared, but with problems reported already
        self.names: dict[str, set[str]] = defaultdict(set)
        for fact_id, facts in self.ids.items():
            for fact in facts:
                if kind(fact.kind).named:
                    for name in [fact.data["name"], *fact.data.get("aliases", [])]:
                        if normalise_name(name):  # "!!!" is no name to match by
                            self.names[normalise_name(name)].add(fact_id)
        self.resolved: list[tuple[Fact, str, str, str]] = []
        self.problems: list[Problem] = []

    def resolve(self, fact: Fact, field_name: str, ref: str) -> str | None:
        if ref in self.ids:
            return ref
        if ref in self.broken:
            return None
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


def _merge_items(declarations: list[Fact], key: str) -> list[Item]:
    """Nested entries (offices, events ...) of all declarations; equal ones once."""
    merged: dict[str, Item] = {}
    for fact in declarations:
        source = fact.data.get("source")
        for index, values in enumerate(fact.data.get(key, [])):
            item = merged.setdefault(_item_key(values), Item(values, [], [], (fact, index)))
            item.evidence += [(quote, source) for quote in values.get("evidence", [])]
            item.sources = list(dict.fromkeys([*item.sources, source]))
    return list(merged.values())


def _merge_group(kind_name: str, entity_id: str, declarations: list[Fact]) -> Entity:
    """One entity of a group's declarations, each field combined as its definition says."""
    fields = fields_by_name(kind_name)
    data: dict[str, Any] = {}
    conflicts: dict[str, list[Claim]] = {}
    aliases: list[str] = []
    for number, fact in enumerate(declarations):
        for key, value in fact.data.items():
            how = fields[key].combination
            if how in (F.PER_DECLARATION, F.ITEMS):
                continue
            if how == F.ALIAS and fields[key].many:
                aliases += value
            elif how == F.UNION:
                data[key] = list(dict.fromkeys([*data.get(key, []), *value]))
            elif key not in data and key not in conflicts:
                data[key] = value
            elif how == F.ALIAS:  # a different spelling is an alias, not a conflict
                aliases.append(value)
            elif key in conflicts:
                conflicts[key].append(Claim(value, fact))
            elif data[key] != value:
                finer = _compatible_dates(data[key], value) if how == F.REFINE_DATE else None
                if finer is not None:
                    data[key] = finer
                    continue
                # every declaration so far keeps its own claim, also those that agreed
                # with each other or were refined, not only the first
                data.pop(key)
                conflicts[key] = [Claim(f.data[key], f) for f in declarations[:number]
                                  if key in f.data] + [Claim(value, fact)]
    labels = {data.get(f.name) for f in fields.values() if f.combination == F.ALIAS and not f.many}
    aliases = [a for a in dict.fromkeys(aliases) if a not in labels]
    if aliases:
        data["aliases"] = aliases
    for f in fields.values():
        if f.type == F.NESTED:
            items = _merge_items(declarations, f.name)
            if items:
                data[f.name] = items
    notes = list(dict.fromkeys(f.data["note"] for f in declarations if "note" in f.data))
    if notes:
        data["note"] = notes
    evidence = list(dict.fromkeys((quote, f.data.get("source", f.id))
                                  for f in declarations for quote in f.data.get("evidence", [])))
    return Entity(kind_name, entity_id, data, declarations, evidence, conflicts)


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
            recognises = kind(fact.kind).candidates
            if recognises is not None:
                by_key[(fact.kind, recognises(fact.data))].append(fact)
    for (kind_name, _), candidates in by_key.items():
        same = kind(kind_name).same
        for i, a in enumerate(candidates):
            for b in candidates[i + 1:]:
                if same(a.data, b.data) and not _distinct(a, b):
                    groups.join(a.id, b.id)
    probably_same = []
    for (kind_name, _), candidates in sorted(by_key.items(), key=lambda item: repr(item[0])):
        near = kind(kind_name).nearly_same
        if near is None:
            continue
        for i, a in enumerate(candidates):
            for b in candidates[i + 1:]:
                if groups.find(a.id) != groups.find(b.id) and near(a.data, b.data) \
                        and not _distinct(a, b):
                    probably_same.append(tuple(sorted((a, b), key=lambda f: f.id)))
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
    pairs = {(a.id, a.file, a.line, b.id, b.file, b.line): (a, b) for a, b in probably_same}
    return Merged(entities, canonical, resolver.resolved, [pairs[k] for k in sorted(pairs)])


def _distinct(a: Fact, b: Fact) -> bool:
    """Whether a person said the two are different things (`distinct_from`)."""
    return b.id in a.data.get("distinct_from", []) or a.id in b.data.get("distinct_from", [])
