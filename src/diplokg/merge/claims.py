"""Claims, and the policies that choose a fact's preferred value from them.

Every value a declaration gives for a field is a claim: the value, the
declaration (its source, file and line), the day it speaks of (the fact's
`as_of:`, else its source's publication date) and the source's quotes.  Nothing
is dropped.  For each field the entity also has one preferred value, chosen by
the policy its field declares (``Field.combination``), so that plain queries
always answer:

- dates (REFINE_DATE): the most precise date every claim allows; if the claims
  cannot all be true, the date most independent sources allow (no conflict when
  the entries' moments, `at:`, name one instant by different clocks);
- moments (ONE_MOMENT): moments by different clocks that name one instant agree;
- life-cycle values (LIFE_CYCLE): the value of the latest dated claim, earlier
  ones being history; a move back in the life cycle is reported;
- single values (SINGLE): the one value, where a narrower concept refines a
  broader one ("treaty" refines "agreement") and a place the place it lies in;
  else the value most independent sources give;
- names and titles (ALIAS): the spelling most independent sources give, the
  others becoming aliases;
- lists (UNION) and notes (EACH): every value.

Independent sources are counted by who first published them, so a news-agency
wire carried by ten papers counts once.  Ties are broken by the values
themselves, never by file names or the order files are given in.  A person's
decision (diplokg.model.kinds.decision) overrides the policy.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timezone
from typing import Any

from diplokg.model import fields as F
from diplokg.model import times
from diplokg.model.dates import PartialDate
from diplokg.model.fields import Field
from diplokg.read.facts import Fact


@dataclass(slots=True)  # made for every value of every merged fact: kept light
class Claim:
    """A value one declaration gives for one field."""

    value: Any
    fact: Fact  # the declaration
    where: tuple  # the value's path inside the declaration, for its line
    date: str = ""  # the day it speaks of: the fact's as_of, else the source's publication
    origin: str = ""  # who first published it: claims from one origin count once
    quotes: tuple[str, ...] = ()

    @property
    def source(self) -> str:
        return self.fact.data.get("source", self.fact.id)

    @property
    def line(self) -> int:
        return self.fact.line_of(self.where)

    @property
    def text(self) -> str:
        return value_text(self.value)


def value_text(value: Any) -> str:
    """A value as a person writes it in a fact file or a decision."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(map(value_text, value))
    return str(value)


@dataclass
class Choice:
    """The preferred value of a field, and how it was chosen."""

    value: Any
    policy: str  # in words, for the merge report
    conflict: bool = False  # values no policy reconciles: a person should look
    refined: list[Claim] = field(default_factory=list)  # coarser claims the value refines
    backward: list[tuple[Claim, Claim]] = field(default_factory=list)  # (earlier, later)
    undated_further: list[Claim] = field(default_factory=list)  # beyond it, but undated
    decision: Any = None  # the decision (an Entity) that settles it, if any
    unsettled: list[str] = field(default_factory=list)  # values the decision does not cover
    aliases: list[Any] = field(default_factory=list)  # ALIAS: the other spellings

    @property
    def needs_word(self) -> bool:
        """Whether a warning stands: a conflict or a move back no decision covers."""
        open_question = self.conflict or bool(self.backward)
        return open_question and (self.decision is None or bool(self.unsettled))


def preferred(claim: Claim, choice: Choice) -> bool:
    """Whether a claim states the preferred value (Wikidata's preferred rank)."""
    if isinstance(choice.value, list):
        values = claim.value if isinstance(claim.value, list) else [claim.value]
        return all(v in choice.value for v in values)
    return claim.value == choice.value


def _support(claims: list[Claim], allows) -> int:
    """How many independent origins give a claim that ``allows`` accepts."""
    return len({c.origin for c in claims if allows(c.value)})


def _earliest_date(claims: list[Claim], value: Any) -> str:
    dates = [PartialDate.parse(c.date).earliest for c in claims if c.value == value and c.date]
    return min(dates) if dates else "9999-12-31"


def _distinct(claims: list[Claim]) -> list[Any]:
    found: dict[str, Any] = {}
    for claim in claims:
        found.setdefault(json.dumps(claim.value, sort_keys=True, ensure_ascii=False),
                         claim.value)
    return [found[key] for key in sorted(found)]


def choose(f: Field, claims: list[Claim], decision: Any = None,
           within: Callable[[Any], set] | None = None) -> Choice:
    """The preferred value of field ``f`` given every claim of it (at least one).

    ``within`` gives what a value lies within beyond the field's own hierarchy: for a
    reference, the places a place is located in (an airport refines its city).
    """
    how = f.combination
    if len(claims) == 1 and decision is None:  # most facts: one declaration says it
        return only(f, claims[0].value)
    if how in (F.UNION, F.EACH) or (how == F.ALIAS and f.many):
        values: list[Any] = []
        for claim in claims:
            for value in claim.value if isinstance(claim.value, list) else [claim.value]:
                if value not in values:
                    values.append(value)
        return Choice(sorted(values, key=value_text) if how != F.UNION else values,
                      "every value any source gives")
    if how == F.ALIAS:
        choice = _label(claims)
        chosen = _decide(choice, claims, decision)
        chosen.aliases = [v for v in _distinct(claims) if v != chosen.value]
        return chosen
    if how == F.LIFE_CYCLE:
        choice = _life_cycle(f, claims)
    elif how == F.REFINE_DATE:
        choice = _date(claims)
    elif how == F.ONE_MOMENT:
        choice = _moment(claims)
    else:
        choice = _single(f, claims, within)
    return _decide(choice, claims, decision)


def only(f: Field, value: Any) -> Choice:
    """The choice of a field one claim gives: what the policies give for one claim."""
    if isinstance(value, list):  # joined lists keep their order, names and notes sort
        value = list(dict.fromkeys(value))
        if f.combination != F.UNION:
            value.sort(key=value_text)
    elif f.combination == F.EACH:
        value = [value]
    return Choice(value, "the only value")


def _label(claims: list[Claim]) -> Choice:
    values = _distinct(claims)
    best = min(values, key=lambda v: (-_support(claims, lambda w, v=v: w == v),
                                      _earliest_date(claims, v), v))
    why = ("the only spelling" if len(values) == 1 else
           "the spelling most independent sources give (then the earliest, then the first in "
           "alphabetical order)")
    return Choice(best, why, aliases=[v for v in values if v != best])


def _within(inner: PartialDate, outer: PartialDate) -> bool:
    return inner.earliest >= outer.earliest and inner.latest <= outer.latest


_PRECISION = {"year": 0, "month": 1, "day": 2}


def _date(claims: list[Claim]) -> Choice:
    values = _distinct(claims)
    dates = {v: PartialDate.parse(v) for v in values}
    finest = [v for v in values if all(_within(dates[v], dates[w]) for w in values)]
    if finest:
        value = finest[0]
        refined = [c for c in claims if c.value != value]
        return Choice(value, "the only date" if len(values) == 1 else
                      "the most precise date every claim allows", refined=refined)
    # most precise candidates: dates that contain no other claimed date
    candidates = [v for v in values
                  if not any(w != v and _within(dates[w], dates[v]) for w in values)]

    def rank(v: str) -> tuple:
        allows = lambda w: _within(dates[v], PartialDate.parse(w))  # noqa: E731
        return (-_support(claims, allows), -_PRECISION[dates[v].precision], dates[v].earliest)

    value = min(candidates, key=rank)
    if _one_moment_apart(claims):
        return Choice(value, "one moment, dated by different clocks (their `at:` agree): the "
                      "date most independent sources give")
    return Choice(value, "sources disagree: the date most independent sources allow (then "
                  "the earliest)", conflict=True)


def _entry(claim: Claim) -> dict:
    """The entry (the fact, or the nested entry) that states a claim's value."""
    data: Any = claim.fact.data
    for step in claim.where[:-1]:
        data = data[step]
    return data


def _one_moment_apart(claims: list[Claim]) -> bool:
    """Whether dates that disagree are one moment by two clocks: every claim's entry gives
    the moment (`at:`), and they name one instant."""
    moments = [_entry(c).get("at") for c in claims]
    return all(moments) and times.one_moment(moments)


def _moment(claims: list[Claim]) -> Choice:
    values = _distinct(claims)
    value = min(values, key=lambda v: (-_support(claims, lambda w, v=v: w == v),
                                       times.parse(v).astimezone(timezone.utc), v))
    if times.one_moment(values):
        return Choice(value, "the only moment" if len(values) == 1 else
                      "one moment by different clocks: the one most independent sources give")
    return Choice(value, "sources disagree: the moment most independent sources give (then "
                  "the earliest)", conflict=True)


def _ancestors(f: Field, value: Any, within: Callable[[Any], set] | None = None) -> set[Any]:
    broader = dict(f.broader)
    found = set(within(value)) if within is not None else set()
    while value in broader:
        value = broader[value]
        found.add(value)
    return found


def _order(f: Field, value: Any) -> tuple:
    return (f.values.index(value) if value in f.values else len(f.values), value_text(value))


def _single(f: Field, claims: list[Claim], within: Callable[[Any], set] | None = None) -> Choice:
    values = _distinct(claims)
    ancestors = {json.dumps(v, sort_keys=True): _ancestors(f, v, within) for v in values}

    def broader(v: Any) -> set[Any]:
        return ancestors[json.dumps(v, sort_keys=True)]

    narrowest = [v for v in values if all(w == v or w in broader(v) for w in values)]
    if narrowest:
        value = narrowest[0]
        refined = [c for c in claims if c.value != value]
        return Choice(value, "the only value" if len(values) == 1 else
                      "the narrowest value: the others are broader terms for it (or places "
                      "it lies in)",
                      refined=refined)
    candidates = [v for v in values if not any(v in broader(w) for w in values)]

    def rank(v: Any) -> tuple:
        allows = lambda w: w == v or w in broader(v)  # noqa: E731
        return (-_support(claims, allows), _order(f, v))

    return Choice(min(candidates, key=rank), "sources disagree: the value most independent "
                  "sources give (then the first in the field's list)", conflict=True)


def _stage(f: Field, value: Any) -> int:
    return next(i for i, stage in enumerate(f.stages) if value in stage)


def _life_cycle(f: Field, claims: list[Claim]) -> Choice:
    """A claim speaks of its date; a month-precise date ("2024-06") may be any day of
    it, so it is later than another only when it surely is."""
    span = {c.date: PartialDate.parse(c.date) for c in claims if c.date}
    dated = sorted((c for c in claims if c.date),
                   key=lambda c: (span[c.date].earliest, _stage(f, c.value)))
    pool = claims
    if dated:  # the claims that may be the latest
        last = max(span[c.date].earliest for c in dated)
        pool = [c for c in dated if span[c.date].latest >= last]
    top = max(_stage(f, c.value) for c in pool)
    tops = _distinct([c for c in pool if _stage(f, c.value) == top])
    value = min(tops, key=lambda v: (-_support(pool, lambda w, v=v: w == v), _order(f, v)))
    backward: list[tuple[Claim, Claim]] = []
    for claim in dated:
        before = [c for c in dated if span[c.date].latest < span[claim.date].earliest
                  and _stage(f, c.value) > _stage(f, claim.value)]
        if before:
            backward.append((max(before, key=lambda c: (_stage(f, c.value), span[c.date].earliest,
                                                        c.text, c.source)), claim))
    undated = [c for c in claims if not c.date and dated and _stage(f, c.value) > top]
    if len(tops) > 1:
        why = "sources of the same day disagree at one stage: the value most of them give"
    elif dated:
        why = "the latest dated claim (earlier ones are its history)"
    else:
        why = "no claim is dated: the furthest stage claimed"
    return Choice(value, why, conflict=len(tops) > 1, backward=backward,
                  undated_further=undated)


def decided_values(decision: Any) -> set[str]:
    data = decision.data
    return {data["prefer"], *data.get("over", [])} if "prefer" in data \
        else set(data.get("accept", []))


def _decide(choice: Choice, claims: list[Claim], decision: Any) -> Choice:
    if decision is None:
        return choice
    choice.decision = decision
    claimed = {c.text for c in claims}
    choice.unsettled = sorted(claimed - decided_values(decision))
    prefer = decision.data.get("prefer")
    if prefer is not None:
        match = [c.value for c in claims if c.text == prefer]
        if match:
            choice.value = match[0]
            choice.policy = f"decided by {decision.data['by']}: {decision.data['why']}"
    return choice
