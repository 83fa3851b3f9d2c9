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
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from diplokg.errors import FactProblems
from diplokg.merge.capacity import derive_capacities
from diplokg.merge.claims import (
    Choice,
    Claim,
    choose,
    decided_values,
    only,
    preferred,
    value_text,
)
from diplokg.merge.items import Item, merge_items
from diplokg.model import fields as F
from diplokg.model.dates import PartialDate
from diplokg.model.registry import fields_by_name, kind, ordered_links, reference_fields
from diplokg.names import normalise_name
from diplokg.problems import VIOLATION, WARNING, Problem
from diplokg.read.facts import Fact, FactSet, closest


@dataclass
class Entity:
    """One thing, merged from all its declarations."""

    kind: str
    id: str
    data: dict[str, Any]  # merged values; references are canonical ids
    declarations: list[Fact]  # in file order
    evidence: list[tuple[str, str]]  # (quote, source id) from every declaration
    claims: dict[str, list[Claim]] = field(default_factory=dict)  # every value, per field
    choices: dict[str, Choice] = field(default_factory=dict)  # how each was preferred
    merged_ids: list[str] = field(default_factory=list)  # other ids that name this entity
    references: list[str] = field(default_factory=list)  # entities this one refers to

    @property
    def conflicts(self) -> dict[str, list[Claim]]:
        """Fields whose claims no policy reconciles, with their claims."""
        return {name: self.claims[name] for name, choice in self.choices.items()
                if choice.conflict}

    def all_choices(self) -> Iterator[tuple[str, Choice, list[Claim], Item | None]]:
        """(field as warnings name it, choice, claims, nested entry) of the entity and of
        its nested entries."""
        for name, choice in sorted(self.choices.items()):
            yield name, choice, self.claims[name], None
        for f in fields_by_name(self.kind).values():
            if f.type != F.NESTED:
                continue
            for item in self.data.get(f.name, []):
                for key, choice in sorted(item.choices.items()):
                    label = f"{f.name}[{item.segment}].{key}" if item.segment else \
                        f"{f.name}.{key}"
                    yield label, choice, item.claims[key], item

    @property
    def first(self) -> Fact:
        return self.declarations[0]

    @property
    def label(self) -> str:
        return f"{self.kind} {self.id}"

    def fingerprint(self, names: Mapping[str, str] | None = None) -> str:
        """A hash of what the entity says: its triples and findings depend on nothing else
        but the lines of its declaring file, which the build cache keys separately.
        ``names`` gives the name a declaring file goes by (the build cache names files
        by their bytes, so that a renamed folder keeps its keys); by default its path."""
        names = names or {}
        return hashlib.sha256(json.dumps(
            [self.kind, self.id, self.merged_ids, _plain(self.data, names), self.evidence,
             {k: [_claim_print(c, names) for c in v]
              for k, v in self.claims.items()},
             {k: [c.policy, c.conflict, c.decision.fingerprint(names) if c.decision else ""]
              for k, c in self.choices.items()},
             [(names.get(f.file, f.file), f.path) for f in self.declarations]],
            sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(f.data["source"] for f in self.declarations
                                  if self.kind != "source"))


def _place(fact: Fact, where: tuple | str = ()) -> dict:
    return {"file": fact.file, "line": fact.line_of(where) if where else fact.line,
            "source": fact.data.get("source", fact.id)}


def _claim_report(claim: Claim, choice: Choice) -> dict:
    return {"value": claim.value, **_place(claim.fact, claim.where),
            **({"as_of": claim.date} if claim.date else {}),
            "rank": "preferred" if preferred(claim, choice) else "normal"}


def _said(claims: list[Claim]) -> str:
    """Each value once, with every source and line that gives it."""
    by_value: dict[str, list[Claim]] = {}
    for claim in claims:
        by_value.setdefault(claim.text, []).append(claim)
    return "; ".join(f"{value} ({', '.join(f'{c.source} {c.fact.file}:{c.line}' for c in found)})"
                     for value, found in sorted(by_value.items()))


@dataclass
class Merged:
    entities: dict[str, Entity]
    canonical: dict[str, str]  # every declared id -> the id of its entity
    resolved_names: list[tuple[Fact, str, str, str]]  # (fact, field, name written, id)
    # declarations that are probably one thing, though not recognised as one (a, b)
    probably_same: list[tuple[Fact, Fact]] = field(default_factory=list)
    ambiguous: set[tuple[str, str]] = field(default_factory=set)  # of those, by ids
    decision_problems: list[Problem] = field(default_factory=list)

    def kind_of(self, fact_id: str) -> str:
        return self.entities[self.canonical[fact_id]].kind

    def report(self) -> dict:
        """What was merged, from where, what each policy chose, and what conflicts: for
        people and scripts."""
        merged = [{"id": e.id, "kind": e.kind, "merged_ids": e.merged_ids,
                   "declarations": [{"id": f.id, **_place(f)} for f in e.declarations]}
                  for e in self.entities.values() if len(e.declarations) > 1]
        names = [{"name": name, "id": target, "fact": fact.label, "field": field_name,
                  **_place(fact)} for fact, field_name, name, target in self.resolved_names]
        conflicts, choices, refinements, histories, items = [], [], [], [], []
        for e in self.entities.values():
            if len(e.declarations) < 2:
                continue
            for name, choice, claims, item in e.all_choices():
                head = {"id": e.id, "kind": e.kind, "field": name}
                said = [_claim_report(c, choice) for c in claims]
                if choice.conflict or choice.backward:
                    conflicts.append({**head, "preferred": choice.value, "policy": choice.policy,
                                      **({"decision": choice.decision.id}
                                         if choice.decision else {}), "claims": said})
                if len({c.text for c in claims}) > 1:
                    choices.append({**head, "preferred": choice.value, "policy": choice.policy,
                                    **({"aliases": choice.aliases} if choice.aliases else {}),
                                    "values": sorted({c.text for c in claims})})
                if choice.refined:
                    refinements.append({**head, "preferred": choice.value,
                                        "coarser": [_claim_report(c, choice)
                                                    for c in choice.refined]})
                if item is None and fields_by_name(e.kind)[name].combination == F.LIFE_CYCLE:
                    histories.append({**head, "current": choice.value, "history": sorted(
                        said, key=lambda c: (c.get("as_of", "~"), str(c["value"])))})
            for f in fields_by_name(e.kind).values():
                for item in e.data.get(f.name, []) if f.type == F.NESTED else []:
                    if len(item.members) > 1 or item.kept_apart or item.aliases:
                        items.append({
                            "id": e.id, "kind": e.kind, "field": f.name,
                            "entry": item.segment or _show(list(item.data.values())),
                            **({"aliases": item.aliases} if item.aliases else {}),
                            **({"kept_apart_from": item.kept_apart} if item.kept_apart else {}),
                            "declarations": [_place(fact, (f.name, i))
                                             for fact, i in item.members]})
        found = {"merged": merged, "resolved_names": names, "conflicts": conflicts,
                 "choices": choices, "refinements": refinements, "histories": histories,
                 "entries": items}
        if self.probably_same:  # only when there are any, so earlier reports stay as they were
            found["probably_same"] = [{"kind": a.kind, "ids": [a.id, b.id],
                                       "declarations": [{"id": f.id, **_place(f)} for f in (a, b)]}
                                      for a, b in self.probably_same]
        return found

    def summary(self) -> str:
        report = self.report()
        open_ones = sum(1 for e in self.entities.values() for _, c, _, _ in e.all_choices()
                        if c.needs_word)
        line = (f"merged {len(report['merged'])} fact(s) declared more than once, resolved "
                f"{len(report['resolved_names'])} name(s), kept {len(report['conflicts'])} "
                f"conflict(s) ({open_ones} not decided)")
        if self.probably_same:
            line += f", found {len(self.probably_same)} probable duplicate(s)"
        return line

    def problems(self, iri: Callable[[str], str] = lambda entity_id: "") -> list[Problem]:
        """Conflicts and moves back in a life cycle, as warnings a person can settle with a
        decision; cycles and decisions that cannot apply, as violations.

        ``iri`` spells an entity's IRI from its id, for the problems' focus nodes.
        """
        found = cycle_problems(self.entities, iri) + list(self.decision_problems)
        for entity in self.entities.values():
            for name, choice, claims, item in entity.all_choices():
                found += _choice_problems(entity, name, choice, claims, item, iri(entity.id))
        for a, b in self.probably_same:
            if (a.id, b.id) in self.ambiguous:
                why = (f"it and {b.id} each match more than one {a.kind} of the other's "
                       "source, so neither is merged")
            else:
                why = f"the same {kind(a.kind).identity}, {kind(a.kind).near_why(a.data, b.data)}"
            found.append(Problem(
                a.file, a.line, a.label, "same_as",
                f"probably the same {a.kind} as {b.id} ({b.file}:{b.line}): {why}",
                f"add `same_as: [{b.id}]` if they are one {a.kind}, or `distinct_from: "
                f"[{b.id}]` if not; nothing is merged on a guess", b.id, severity=WARNING,
                code="probably-same", focus=iri(self.canonical.get(a.id, a.id))))
        return found


def _decision_hint(entity: Entity, name: str, choice: Choice, claims: list[Claim]) -> str:
    """The decision that would settle a conflict, ready to paste (values as JSON strings,
    which YAML reads as they are)."""
    def quoted(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    pick = value_text(choice.value)
    others = sorted({c.text for c in claims} - {pick})
    decision_id = re.sub(r"[^a-z0-9]+", "-", f"{entity.id}-{name}".lower()).strip("-")
    return (f"if {quoted(pick)} is right, add to a decisions file: `- {{id: {decision_id}, "
            f"fact: {entity.id}, field: {quoted(name)}, prefer: {quoted(pick)}, over: "
            f"[{', '.join(map(quoted, others))}], by: ..., why: ...}}`; or `accept:` the "
            "values if the sources really disagree; or correct the fact file that is wrong")


def _choice_problems(entity: Entity, name: str, choice: Choice, claims: list[Claim],
                     item: Item | None, focus: str) -> list[Problem]:
    """The warnings one field's claims give, unless a decision settles them."""
    first = min(claims, key=lambda c: (c.fact.file, c.line))
    found = []

    def warn(message: str, fix: str, code: str) -> None:
        found.append(Problem(first.fact.file, first.line, entity.label, name, message, fix,
                             severity=WARNING, code=code, focus=focus))

    new = (f" (new since decision {choice.decision.id}: {', '.join(choice.unsettled)})"
           if choice.decision is not None and choice.unsettled else "")
    if choice.needs_word and choice.conflict:
        warn(f"sources disagree{new}: {_said(claims)}; preferred: "
             f"{value_text(choice.value)} ({choice.policy})",
             _decision_hint(entity, name, choice, claims), "conflict")
    if choice.needs_word and choice.backward:
        moves = "; ".join(f"{a.text} ({a.source}, {a.date}) then {b.text} ({b.source}, "
                          f"{b.date}, {b.fact.file}:{b.line})" for a, b in choice.backward)
        warn(f"goes back in its life cycle{new}: {moves}",
             "check the later report; if it is right (or only late), accept it in a decisions "
             f"file: `- {{id: ..., fact: {entity.id}, field: {name}, accept: "
             f"[{', '.join(sorted({c.text for c in claims}))}], by: ..., why: ...}}`",
             "backward")
    for claim in choice.undated_further:
        warn(f"{claim.text} ({claim.source}, {claim.fact.file}:{claim.line}) goes beyond the "
             f"latest dated claim ({value_text(choice.value)}), but its source has no date",
             f"give source {claim.source} a `published:` date, or the fact an `as_of:`",
             "undated-claim")
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


def _claim_print(claim: Claim, names: Mapping[str, str]) -> list:
    return [_plain(claim.value, names), claim.source, names.get(claim.fact.file, claim.fact.file),
            claim.where, claim.date, claim.origin, claim.quotes]


def _plain(value: Any, names: Mapping[str, str]) -> Any:
    """The value as plain data, for fingerprints (an Item's origin points at a Fact)."""
    if isinstance(value, Item):
        return {"data": value.data, "evidence": value.evidence, "sources": value.sources,
                "segment": value.segment, "aliases": value.aliases,
                "claims": {k: [_claim_print(c, names) for c in v]
                           for k, v in value.claims.items()},
                "choices": {k: [c.policy, c.conflict] for k, c in value.choices.items()}}
    if isinstance(value, dict):
        return {k: _plain(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, names) for v in value]
    return value


def _show(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


class _Groups:
    """Union-find over ids; which id names a group is decided apart (``_canonical``)."""

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


class _Claims:
    """Makes claims: dates each by its fact's `as_of:` or its source's publication, and
    tells independent sources by who first published them."""

    def __init__(self, declarations: dict[str, list[Fact]]):
        self.published: dict[str, str] = {}
        self.origin: dict[str, str] = {}
        for fact_id, facts in sorted(declarations.items()):
            for fact in facts:
                if fact.kind != "source":
                    continue
                if "published" in fact.data:
                    dates = [d for d in (self.published.get(fact_id), fact.data["published"]) if d]
                    self.published[fact_id] = min(dates,
                                                  key=lambda d: PartialDate.parse(d).earliest)
                publisher = fact.data.get("original_publisher") or fact.data.get("publisher", "")
                origin = normalise_name(publisher) or fact_id
                self.origin[fact_id] = min(self.origin.get(fact_id, origin), origin)

        self.parents: dict[str, set[str]] = {}  # place -> what it is located in (canonical)

    def within(self, value: Any) -> set[str]:
        """Every place or state ``value`` lies in, following `located_in:` (cycles are
        reported elsewhere; here they only end the walk)."""
        found: set[str] = set()
        todo = [value] if isinstance(value, str) else []
        while todo:
            for parent in self.parents.get(todo.pop(), ()):
                if parent not in found:
                    found.add(parent)
                    todo.append(parent)
        found.discard(value)
        return found

    def date(self, fact: Fact) -> str:
        return fact.data.get("as_of") or self.published.get(fact.data.get("source", fact.id), "")

    def __call__(self, fact: Fact, where: tuple, value: Any, quotes: tuple) -> Claim:
        source = fact.data.get("source", fact.id)
        return Claim(value, fact, where, self.date(fact), self.origin.get(source, source), quotes)

    def order(self, fact: Fact) -> tuple:
        """The order that decides identity: earliest first, then by source and id, then by
        content; never by file name."""
        date = self.date(fact)
        return (PartialDate.parse(date).earliest if date else "9999-12-31",
                fact.data.get("source", fact.id), fact.id,
                json.dumps(fact.data, sort_keys=True, ensure_ascii=False, default=str))


def _alone(kind_name: str, entity_id: str, fact: Fact, claims_of: _Claims,
           pins: dict[str, dict[str, tuple[str, str]]] | None) -> Entity:
    """The entity of a fact one declaration states (most facts): its values are its own,
    with no claims to weigh, and a decision about it has nothing to decide."""
    fields = fields_by_name(kind_name)
    data = {key: only(fields[key], value).value for key, value in fact.data.items()
            if fields[key].combination not in (F.PER_DECLARATION, F.ITEMS)}
    labels = {data.get(f.name) for f in fields.values() if f.combination == F.ALIAS and not f.many}
    aliases = [a for a in data.get("aliases", []) if a not in labels]
    if aliases:
        data["aliases"] = aliases
    else:
        data.pop("aliases", None)
    for f in fields.values():
        if f.type == F.NESTED and f.name in fact.data:
            items = merge_items(kind(f.item), f.name, [fact], claims_of, {},
                                (pins or {}).get(f.name), claims_of.within)
            if items:
                data[f.name] = items
    source = fact.data.get("source", fact.id)
    evidence = list(dict.fromkeys((quote, source) for quote in fact.data.get("evidence", [])))
    return Entity(kind_name, entity_id, data, [fact], evidence)


def _merge_group(kind_name: str, entity_id: str, declarations: list[Fact], claims_of: _Claims,
                 decisions: dict[str, Entity],
                 pins: dict[str, dict[str, tuple[str, str]]] | None = None) -> Entity:
    """One entity of a group's declarations: every value a claim, each field's preferred
    value chosen as its definition says (diplokg.merge.claims)."""
    fields = fields_by_name(kind_name)
    if len(declarations) == 1 and not decisions:
        return _alone(kind_name, entity_id, declarations[0], claims_of, pins)
    ordered = sorted(declarations, key=claims_of.order)
    claims: dict[str, list[Claim]] = {}
    for fact in ordered:
        quotes = tuple(fact.data.get("evidence", ()))
        for key, value in fact.data.items():
            how = fields[key].combination
            if how not in (F.PER_DECLARATION, F.ITEMS):
                claims.setdefault(key, []).append(claims_of(fact, (key,), value, quotes))
    data: dict[str, Any] = {}
    choices: dict[str, Choice] = {}
    for key, found in claims.items():
        choices[key] = choose(fields[key], found, decisions.get(key),
                              claims_of.within if fields[key].type == F.REF else None)
        data[key] = choices[key].value
    aliases = [a for f in fields.values() if f.combination == F.ALIAS and not f.many
               and f.name in choices for a in choices[f.name].aliases]
    labels = {data.get(f.name) for f in fields.values() if f.combination == F.ALIAS and not f.many}
    aliases = sorted({a for a in [*data.get("aliases", []), *aliases] if a not in labels})
    if aliases:
        data["aliases"] = aliases
    for f in fields.values():
        if f.type == F.NESTED:
            items = merge_items(kind(f.item), f.name, ordered, claims_of, decisions,
                                (pins or {}).get(f.name), claims_of.within)
            if items:
                data[f.name] = items
    evidence = list(dict.fromkeys((quote, f.data.get("source", f.id))
                                  for f in ordered for quote in f.data.get("evidence", [])))
    return Entity(kind_name, entity_id, data, declarations, evidence, claims, choices)


def merge(fact_set: FactSet, pinned: dict[str, int] | None = None,
          entries: dict[str, dict[str, dict[str, tuple[str, str]]]] | None = None) -> Merged:
    """Resolve references and merge declarations; raise FactProblems if a reference fails.

    From an identity file (diplokg.build.identities): ``pinned`` maps ids that once
    named a group to their rank, and a group keeps the first pinned id it contains as
    its name; ``entries`` maps a fact id, a nested field and a segment to the
    (source, segment) of the entry that first had it.
    """
    pinned, entries = pinned or {}, entries or {}
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
    matched: list[tuple[Fact, Fact]] = []
    for (kind_name, _), candidates in sorted(by_key.items(), key=lambda item: repr(item[0])):
        same = kind(kind_name).same
        for i, a in enumerate(candidates):
            for b in candidates[i + 1:]:
                if a.id != b.id and same(a.data, b.data) and not _distinct(a, b):
                    matched.append(tuple(sorted((a, b), key=lambda f: f.id)))
    # a declaration that matches two of one other source's (a report's one visit against
    # another report's two) is no sure match: asked about, not merged
    partners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for a, b in matched:
        partners[(a.id, b.data["source"])].add(b.id)
        partners[(b.id, a.data["source"])].add(a.id)
    probably_same: list[tuple[Fact, Fact]] = []
    ambiguous: set[tuple[str, str]] = set()
    for a, b in matched:
        if len(partners[(a.id, b.data["source"])]) > 1 or \
                len(partners[(b.id, a.data["source"])]) > 1:
            probably_same.append((a, b))
            ambiguous.add((a.id, b.id))
        else:
            groups.join(a.id, b.id)
    for (kind_name, _), candidates in sorted(by_key.items(), key=lambda item: repr(item[0])):
        near = kind(kind_name).nearly_same
        if near is None:
            continue
        for i, a in enumerate(candidates):
            for b in candidates[i + 1:]:
                if near(a.data, b.data) and not _distinct(a, b):
                    probably_same.append(tuple(sorted((a, b), key=lambda f: f.id)))
    # what other links joined after all is no question
    probably_same = [(a, b) for a, b in probably_same if groups.find(a.id) != groups.find(b.id)]
    claims_of = _Claims(declarations)
    members: dict[str, list[str]] = defaultdict(list)
    for fact_id in sorted(declarations):
        members[groups.find(fact_id)].append(fact_id)
    canonical: dict[str, str] = {}
    grouped: dict[str, list[Fact]] = {}
    problems: list[Problem] = []
    for ids in members.values():
        facts = sorted((f for i in ids for f in declarations[i]), key=lambda f: (f.file, f.line))
        kinds = {f.kind for f in facts}
        if len(kinds) > 1:
            problems.append(Problem(facts[0].file, facts[0].line, facts[0].label, "same_as",
                                    f"links facts of different kinds: {', '.join(sorted(kinds))}",
                                    "same_as may only join facts of one kind",
                                    code="same-as-kinds"))
            continue
        root = _canonical(ids, declarations, claims_of, pinned)
        canonical.update(dict.fromkeys(ids, root))
        grouped[root] = facts
    if problems:
        raise FactProblems(problems)
    references_of: dict[str, set[str]] = {}
    for root, facts in grouped.items():
        references_of[root] = set()
        for fact in facts:
            for _name, container, key, ref in list(_reference_slots(fact)):
                container[key] = canonical.get(ref, ref)
                references_of[root].add(container[key])
    for root, facts in grouped.items():
        for fact in facts:
            if "located_in" in fact.data and fact.kind == "place":
                claims_of.parents.setdefault(root, set()).add(fact.data["located_in"])
    decisions, problems = _decisions(grouped, claims_of)
    entities = {}
    for root in sorted(grouped):
        facts = grouped[root]
        entity = _merge_group(facts[0].kind, root, facts, claims_of, decisions.get(root, {}),
                              entries.get(root))
        entity.merged_ids = sorted({f.id for f in facts} - {root})
        entity.references = sorted(references_of[root] - {root})
        entities[root] = entity
    derive_capacities(entities)
    pairs = {(a.id, a.file, a.line, b.id, b.file, b.line): (a, b) for a, b in probably_same}
    merged = Merged(entities, canonical, resolver.resolved, [pairs[k] for k in sorted(pairs)],
                    ambiguous=ambiguous)
    merged.decision_problems = problems + decision_problems(entities, decisions)
    return merged


def _canonical(ids: list[str], declarations: dict[str, list[Fact]], claims_of: _Claims,
               pinned: dict[str, int]) -> str:
    """The id that names a group: one the identity file pins (the first pinned), else the
    id of its earliest declaration (by the day it speaks of, then id), so that reports
    added later never take the name of a thing already built."""
    pins = [i for i in ids if i in pinned]
    if pins:
        return min(pins, key=lambda i: (pinned[i], i))
    return min(ids, key=lambda i: (min(claims_of.order(f)[0] for f in declarations[i]), i))


def _decisions(grouped: dict[str, list[Fact]],
               claims_of: _Claims) -> tuple[dict[str, dict[str, Entity]], list[Problem]]:
    """The decisions, merged, by the fact and the field they decide; two on one field are
    a problem."""
    by_target: dict[str, dict[str, Entity]] = defaultdict(dict)
    problems = []
    for root in sorted(grouped):
        facts = grouped[root]
        if facts[0].kind != "decision":
            continue
        decision = _merge_group("decision", root, facts, claims_of, {})
        target, name = decision.data["fact"], decision.data["field"]
        other = by_target[target].get(name)
        if other is not None:
            fact = decision.first
            problems.append(Problem(
                fact.file, fact.line_of("field"), fact.label, "field",
                f"{other.id} decides `{name}` of {target} already",
                "keep one decision per fact and field", code="decision-twice"))
            continue
        by_target[target][name] = decision
    return by_target, problems


def _entry_of_one(entity: Entity, name: str) -> bool:
    """Whether ``name`` (events[arrival].start) is a field of a nested entry that one
    declaration alone gives, which has nothing to weigh."""
    match = re.fullmatch(r"([a-z_]+)\[([^\]]+)\]\.([a-z_]+)", name)
    if not match:
        return False
    outer, segment, inner = match.groups()
    return any(item.segment == segment and len(item.members) == 1 and inner in item.data
               for item in entity.data.get(outer, []) if isinstance(item, Item))


def decision_problems(entities: dict[str, Entity],
                      decisions: dict[str, dict[str, Entity]]) -> list[Problem]:
    """Decisions that cannot be applied: about no such field, preferring a value no
    source claims, or both preferring and accepting."""
    problems = []
    for target, by_field in sorted(decisions.items()):
        entity = entities[target]
        choices = {name: (choice, claims) for name, choice, claims, _ in entity.all_choices()}
        for name, decision in sorted(by_field.items()):
            data = decision.data

            def problem(field_name: str, message: str, fix: str, code: str, value: str = "",
                        severity: str = VIOLATION, decision: Entity = decision) -> Problem:
                fact = decision.first
                return Problem(fact.file, fact.line_of(field_name), decision.label, field_name,
                               message, fix, value, severity=severity, code=code)

            if ("prefer" in data) == ("accept" in data):
                problems.append(problem(
                    "prefer", "a decision needs either `prefer:` (with `over:`) or `accept:`",
                    "write `prefer:` with the value to keep, or `accept:` with the values the "
                    "sources really disagree on", "decision-form"))
                continue
            if name not in choices and _entry_of_one(entity, name):
                problems.append(problem(
                    "field", f"only one declaration gives `{name}` of {entity.label}: the "
                    "decision settles nothing", "remove the decision", "decision-stale", name,
                    severity=WARNING))
                continue
            if name not in choices:
                near = closest(name, choices)
                problems.append(problem(
                    "field", f"{entity.label} has no claims for `{name}`",
                    (f"did you mean {', '.join(repr(n) for n in near)}? " if near else "")
                    + "name the field as the warning does", "decision-field", name))
                continue
            choice, claims = choices[name]
            claimed = sorted({c.text for c in claims})
            if "prefer" in data and data["prefer"] not in claimed:
                problems.append(problem(
                    "prefer", f"no source claims `{data['prefer']}` for `{name}` of "
                    f"{entity.label}; the claims are: {', '.join(claimed)}",
                    "prefer one of the claimed values (correct a fact file if all are wrong)",
                    "decision-value", data["prefer"]))
            elif not (choice.conflict or choice.backward or len(claimed) > 1 and choice.aliases) \
                    and decided_values(decision) <= set(claimed):
                # the sources it decides between agree now (a decision that names values
                # no source in this build claims speaks of other sources: it waits)
                problems.append(problem(
                    "field", f"the sources no longer disagree on `{name}` of {entity.label}: the "
                    "decision settles nothing", "remove the decision", "decision-stale", name,
                    severity=WARNING))
    return problems


def _distinct(a: Fact, b: Fact) -> bool:
    """Whether a person said the two are different things (`distinct_from`)."""
    return b.id in a.data.get("distinct_from", []) or a.id in b.data.get("distinct_from", [])
