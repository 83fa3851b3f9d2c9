"""The policies that choose a field's preferred value from its claims (diplokg.merge.claims).

Claims are made by hand here, one declaration each, and the fields are the real ones
from the kind definitions, so a change of a field's policy shows up here.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplokg.merge.claims import Choice, Claim, choose, preferred
from diplokg.merge.entities import Entity, merge
from diplokg.model import fields as F
from diplokg.model.registry import fields_by_name
from diplokg.read.facts import Fact, read_facts

VISIT = fields_by_name("visit")
AGREEMENT = fields_by_name("agreement")
PERSON = fields_by_name("person")


def claim(value, source: str = "s1", date: str = "", origin: str | None = None,
          field_name: str = "start", kind: str = "visit", line: int = 10) -> Claim:
    """The claim one declaration (of source ``source``) makes; its origin is its source's
    publisher, by default a publisher of its own."""
    fact = Fact(kind, "x", {"source": source, field_name: value}, f"{source}.yaml", line)
    return Claim(value, fact, (field_name,), date, origin if origin is not None else source)


def values(claims: list[Claim]) -> list:
    return sorted(str(c.value) for c in claims)


# -- dates ---------------------------------------------------------------------


def test_a_date_refines_every_coarser_claim():
    claims = [claim("2023", "s1"), claim("2023-09-12", "s2"), claim("2023-09", "s3")]
    choice = choose(VISIT["start"], claims)
    assert choice.value == "2023-09-12"
    assert not choice.conflict
    assert values(choice.refined) == ["2023", "2023-09"]
    assert [c.source for c in sorted(choice.refined, key=lambda c: c.source)] == ["s1", "s3"]


def test_one_date_is_no_refinement():
    choice = choose(VISIT["start"], [claim("2023-09-12", "s1"), claim("2023-09-12", "s2")])
    assert (choice.value, choice.conflict, choice.refined) == ("2023-09-12", False, [])


def test_incompatible_dates_pick_what_most_independent_origins_allow():
    claims = [claim("2024-06-18", "s1"), claim("2024-06-19", "s2"), claim("2024-06-19", "s3")]
    choice = choose(VISIT["start"], claims)
    assert choice.value == "2024-06-19"
    assert choice.conflict and choice.refined == []


def test_a_coarser_date_counts_for_every_date_it_allows():
    # "2024-06" allows the 19th as well as the 18th: 06-19 has two origins, 06-18 one
    claims = [claim("2024-06-18", "s1"), claim("2024-06-19", "s2"), claim("2024-06", "s3")]
    choice = choose(VISIT["start"], claims)
    assert choice.value == "2024-06-18"  # a tie of two: the earliest
    claims.append(claim("2024-06-19", "s4"))
    assert choose(VISIT["start"], claims).value == "2024-06-19"


def test_papers_carrying_one_wire_count_once():
    wire = [claim("2024-06-18", f"paper-{n}", origin="the-agency") for n in range(3)]
    independent = [claim("2024-06-19", "paper-x"), claim("2024-06-19", "paper-y")]
    choice = choose(VISIT["start"], wire + independent)
    assert choice.value == "2024-06-19" and choice.conflict
    # counted by source, the wire would have won three to two
    recounted = [claim("2024-06-18", f"paper-{n}") for n in range(3)] + independent
    assert choose(VISIT["start"], recounted).value == "2024-06-18"


def test_a_date_tie_goes_to_the_more_precise_then_the_earliest():
    month_or_day = [claim("2024-06", "s1"), claim("2024-07-02", "s2")]
    assert choose(VISIT["start"], month_or_day).value == "2024-07-02"
    two_days = [claim("2024-06-19", "s1"), claim("2024-06-18", "s2")]
    choice = choose(VISIT["start"], two_days)
    assert choice.value == "2024-06-18" and choice.conflict


# -- life cycle ----------------------------------------------------------------

STATUS = AGREEMENT["status"]


def history() -> list[Claim]:
    return [claim("expected", "presstv", "2024-06-17", field_name="status", kind="agreement"),
            claim("signed", "ians", "2024-06-19", field_name="status", kind="agreement"),
            claim("ratified", "asiae", "2024-10-24", field_name="status", kind="agreement"),
            claim("in-force", "interfax", "2024-12-05", field_name="status", kind="agreement")]


def status(value: str, source: str, date: str = "") -> Claim:
    return claim(value, source, date, field_name="status", kind="agreement")


def test_a_life_cycle_moving_forward_is_history_not_conflict():
    choice = choose(STATUS, history())
    assert choice.value == "in-force"
    assert not choice.conflict and choice.backward == [] and choice.undated_further == []
    assert not choice.needs_word


def test_the_latest_dated_claim_is_current_whatever_the_order():
    claims = history()
    claims.reverse()
    assert choose(STATUS, claims).value == "in-force"
    assert choose(STATUS, claims[1:]).value == "ratified"


def test_a_move_back_is_listed_with_the_claim_it_goes_back_from():
    late = status("signed", "thestar", "2024-11-10")
    choice = choose(STATUS, [*history(), late])
    assert choice.value == "in-force"
    assert not choice.conflict
    assert [(a.value, a.date, b.value, b.date) for a, b in choice.backward] == [
        ("ratified", "2024-10-24", "signed", "2024-11-10")]
    assert choice.needs_word


def test_a_month_is_not_surely_earlier_than_a_day_in_it():
    # "2024-06" may be any day of June: the 19th's expected is no move back from it
    choice = choose(STATUS, [status("signed", "monthly", "2024-06"),
                             status("expected", "daily", "2024-06-19")])
    assert choice.value == "signed" and choice.backward == []
    choice = choose(STATUS, [status("signed", "daily", "2024-06-17"),
                             status("expected", "monthly", "2024-06")])
    assert choice.value == "signed" and choice.backward == []
    # but a day of May is surely earlier than June
    choice = choose(STATUS, [status("signed", "daily", "2024-05-31"),
                             status("expected", "monthly", "2024-06")])
    assert choice.value == "expected"
    assert [(a.value, b.value) for a, b in choice.backward] == [("signed", "expected")]


def test_the_move_back_names_the_same_claim_whatever_the_order():
    superseded = status("superseded", "a", "2024-06-17")
    terminated = status("terminated", "b", "2024-06-17")
    later = status("signed", "c", "2024-07-01")
    found = {choose(STATUS, order).backward[0][0].value
             for order in ([superseded, terminated, later], [terminated, superseded, later])}
    assert len(found) == 1


def test_undated_claims_never_override_dated_ones():
    undated = status("ratified", "undated")
    behind = status("expected", "undated-too")
    choice = choose(STATUS, [status("signed", "dated", "2024-06-19"), undated, behind])
    assert choice.value == "signed"
    assert choice.undated_further == [undated]
    assert not choice.conflict and choice.backward == []


def test_without_dated_claims_the_furthest_stage_is_current():
    claims = [status("signed", "a"), status("ratified", "b"), status("expected", "c")]
    choice = choose(STATUS, claims)
    assert choice.value == "ratified"
    assert choice.undated_further == [] and not choice.conflict


def test_peers_of_one_stage_on_one_day_are_a_conflict():
    visit_status = VISIT["status"]
    choice = choose(visit_status, [claim("planned", "a", "2024-06-10", field_name="status"),
                                   claim("postponed", "b", "2024-06-10", field_name="status")])
    assert choice.conflict and choice.value in ("planned", "postponed")


# -- concepts ------------------------------------------------------------------


def test_a_narrower_kind_refines_a_broader_one():
    broad = claim("agreement", "a", field_name="kind", kind="agreement")
    choice = choose(AGREEMENT["kind"], [broad, claim("treaty", "b", field_name="kind",
                                                      kind="agreement")])
    assert choice.value == "treaty"
    assert not choice.conflict and choice.refined == [broad]


def test_kinds_neither_refines_are_a_conflict():
    choice = choose(AGREEMENT["kind"], [
        claim("declaration", "a", field_name="kind", kind="agreement"),
        claim("joint-statement", "b", field_name="kind", kind="agreement")])
    assert choice.conflict
    # a tie of one source each: the first in the field's list of values
    assert choice.value == "declaration"


def test_a_broader_kind_supports_its_narrower_kinds_in_a_conflict():
    claims = [claim(value, source, field_name="kind", kind="agreement") for value, source in
              [("treaty", "a"), ("agreement", "b"), ("declaration", "c"), ("declaration", "d")]]
    choice = choose(AGREEMENT["kind"], claims)
    # treaty: two (treaty and agreement); declaration: two; then the field's order
    assert choice.conflict and choice.value == "treaty"


# -- labels --------------------------------------------------------------------

NAME = PERSON["name"]


def name(value: str, source: str, date: str = "", origin: str | None = None) -> Claim:
    return claim(value, source, date, origin, field_name="name", kind="person")


def test_the_label_is_the_spelling_of_most_independent_origins():
    choice = choose(NAME, [name("Wladimir Putin", "de"), name("Vladimir Putin", "en"),
                           name("Vladimir Putin", "fr"), name("Vladimir V. Putin", "ru")])
    assert choice.value == "Vladimir Putin"
    assert choice.aliases == ["Vladimir V. Putin", "Wladimir Putin"]
    assert not choice.conflict


def test_label_counts_origins_not_sources():
    wire = [name("Wladimir Putin", f"paper-{n}", origin="agency") for n in range(3)]
    choice = choose(NAME, [*wire, name("Vladimir Putin", "x"), name("Vladimir Putin", "y")])
    assert choice.value == "Vladimir Putin" and choice.aliases == ["Wladimir Putin"]


def test_a_label_tie_goes_to_the_earliest_then_the_alphabet():
    dated = [name("Zelenskyy", "a", "2024-01-02"), name("Zelensky", "b", "2024-01-01")]
    assert choose(NAME, dated).value == "Zelensky"
    dated = [name("Zelensky", "a", "2024-01-02"), name("Zelenskyy", "b", "2024-01-01")]
    assert choose(NAME, dated).value == "Zelenskyy"
    same_day = [name("Zelenskyy", "a", "2024-01-01"), name("Zelensky", "b", "2024-01-01")]
    assert choose(NAME, same_day).value == "Zelensky"
    undated = [name("Zelenskyy", "a"), name("Zelensky", "b")]
    choice = choose(NAME, undated)
    assert choice.value == "Zelensky" and choice.aliases == ["Zelenskyy"]
    # a dated spelling goes before an undated one
    assert choose(NAME, [name("Zelensky", "a"), name("Zelenskyy", "b", "2030")]).value == \
        "Zelenskyy"


# -- lists and notes -----------------------------------------------------------


def test_lists_are_joined_and_every_list_claim_is_preferred():
    visitors = VISIT["visitors"]
    claims = [claim(["a", "b"], "s1", field_name="visitors"),
              claim(["b", "c"], "s2", field_name="visitors")]
    choice = choose(visitors, claims)
    assert sorted(choice.value) == ["a", "b", "c"] and not choice.conflict
    assert all(preferred(c, choice) for c in claims)


def test_every_note_is_kept():
    note = VISIT["note"]
    assert note.combination == F.EACH
    choice = choose(note, [claim("Said by B.", "b", field_name="note"),
                           claim("Said by A.", "a", field_name="note")])
    assert choice.value == ["Said by A.", "Said by B."]


# -- order does not matter -------------------------------------------------------

DAYS = ("", "2024", "2024-06", "2024-06-17", "2024-06-19", "2024-07", "2024-07-01")
SOURCES = ("s1", "s2", "s3", "s4", "s5")
ORIGINS = ("o1", "o2", "o3")
FIELDS = {
    "start": (VISIT["start"], st.sampled_from(("2023", "2023-09", "2023-09-12", "2023-09-13",
                                               "2023-10", "2024", "2024-06-19"))),
    "visit status": (VISIT["status"], st.sampled_from(VISIT["status"].values)),
    "agreement status": (STATUS, st.sampled_from(STATUS.values)),
    "agreement kind": (AGREEMENT["kind"], st.sampled_from(AGREEMENT["kind"].values)),
    "name": (NAME, st.sampled_from(("Kim Jong Un", "Kim Jong-un", "Kim Jong-Un", "Kim"))),
    "visitors": (VISIT["visitors"], st.lists(st.sampled_from(("a", "b", "c", "d")),
                                             min_size=1, max_size=3, unique=True)),
}


@st.composite
def claim_lists(draw):
    label = draw(st.sampled_from(sorted(FIELDS)))
    f, value = FIELDS[label]
    found = draw(st.lists(st.builds(
        lambda v, s, d, o, line: claim(v, s, d, o, field_name=f.name, line=line),
        value, st.sampled_from(SOURCES), st.sampled_from(DAYS), st.sampled_from(ORIGINS),
        st.integers(1, 99)), min_size=1, max_size=7))
    return f, found, draw(st.randoms(use_true_random=False))


def outcome(f, choice: Choice) -> tuple:
    value = sorted(choice.value) if f.many else choice.value
    return (value, choice.conflict, sorted(str(c.value) for c in choice.refined),
            sorted(str(c.value) for c in choice.undated_further),
            sorted((str(b.value), b.date, b.source) for _, b in choice.backward),
            sorted(choice.aliases))


PROPERTIES = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                      suppress_health_check=[HealthCheck.too_slow])


@PROPERTIES
@given(claim_lists())
def test_the_choice_does_not_depend_on_the_order_of_the_claims(case):
    f, claims, rnd = case
    first = outcome(f, choose(f, claims))
    shuffled = list(claims)
    rnd.shuffle(shuffled)
    assert outcome(f, choose(f, shuffled)) == first
    assert outcome(f, choose(f, list(reversed(claims)))) == first


@PROPERTIES
@given(claim_lists())
def test_the_preferred_value_is_always_claimed(case):
    f, claims, _ = case
    choice = choose(f, claims)
    if f.many:
        assert sorted(choice.value) == sorted({v for c in claims for v in c.value})
        assert all(preferred(c, choice) for c in claims)
    else:
        assert choice.value in {c.value for c in claims}
        assert any(preferred(c, choice) for c in claims)
        assert all(c.value != choice.value for c in choice.refined)
        assert set(choice.aliases) == {c.value for c in claims} - {choice.value} \
            if f.combination == F.ALIAS else choice.aliases == []


def test_the_order_does_not_matter_for_many_claims_either():
    """The same property on twelve claims of each field, shuffled twenty times."""
    rnd = random.Random(11)
    pools = {"start": ["2023", "2023-09", "2023-09-12", "2023-09-13", "2024"],
             "name": ["Kim", "Kim Jong Un", "Kim Jong-un"],
             "visitors": [["a"], ["b", "c"], ["a", "d"]]}
    for label in sorted(FIELDS):
        f, _ = FIELDS[label]
        pool = pools.get(f.name) or list(f.values)
        claims = [claim(rnd.choice(pool), rnd.choice(SOURCES), rnd.choice(DAYS),
                        rnd.choice(ORIGINS), field_name=f.name) for _ in range(12)]
        first = outcome(f, choose(f, claims))
        for _ in range(20):
            rnd.shuffle(claims)
            assert outcome(f, choose(f, claims)) == first, label


# -- decisions -----------------------------------------------------------------

WORLD = """diplokg: 1
sources:
  - {id: paper, title: Paper, publisher: Paper}
states:
  - {id: land-b, source: paper, name: Land B, evidence: ["Land B"]}
persons:
  - {id: leader-a, source: paper, name: Leader A, evidence: ["Leader A"]}
visits:
  - id: a-to-b
    source: paper
    visitors: [leader-a]
    destination: land-b
    start: 2024-06-18
    status: took-place
    evidence: ["Leader A visited Land B"]
decisions:
"""


@pytest.fixture(scope="module")
def decisions(tmp_path_factory) -> dict[str, Entity]:
    """Merged decision entities, read from a fact file."""
    folder: Path = tmp_path_factory.mktemp("decisions")
    (folder / "facts.yaml").write_text(WORLD + """\
  - {id: prefer-19th, fact: a-to-b, field: start, prefer: "2024-06-19",
     over: ["2024-06-18"], by: A. Editor, why: the later report corrects the earlier}
  - {id: accept-both, fact: a-to-b, field: end, accept: ["2024-06-18", "2024-06-19"],
     by: A. Editor, why: the reports really disagree}
  - {id: prefer-signed, fact: a-to-b, field: status, prefer: signed, over: [ratified],
     by: A. Editor, why: the ratification was only announced}
""", encoding="utf-8")
    merged = merge(read_facts([folder]))
    return {i: merged.entities[i] for i in ("prefer-19th", "accept-both", "prefer-signed")}


def disagreeing() -> list[Claim]:
    return [claim("2024-06-18", "s1"), claim("2024-06-18", "s2"), claim("2024-06-19", "s3")]


def test_a_decision_is_a_merged_entity_as_claims_read_it(decisions):
    decision = decisions["prefer-19th"]
    assert decision.kind == "decision"
    assert decision.data["prefer"] == "2024-06-19" and decision.data["over"] == ["2024-06-18"]


def test_without_a_decision_the_policy_picks_and_a_person_should_look():
    choice = choose(VISIT["start"], disagreeing())
    assert choice.value == "2024-06-18" and choice.needs_word and choice.decision is None


def test_prefer_overrides_the_policy(decisions):
    claims = disagreeing()
    choice = choose(VISIT["start"], claims, decisions["prefer-19th"])
    assert choice.value == "2024-06-19"
    assert "decided by A. Editor: the later report corrects the earlier" in choice.policy
    assert choice.conflict  # the sources still disagree; the decision settles it
    assert choice.unsettled == [] and not choice.needs_word
    assert [preferred(c, choice) for c in claims] == [False, False, True]


def test_a_value_the_decision_does_not_cover_is_unsettled(decisions):
    claims = [*disagreeing(), claim("2024-06-20", "s4")]
    choice = choose(VISIT["start"], claims, decisions["prefer-19th"])
    assert choice.value == "2024-06-19"
    assert choice.unsettled == ["2024-06-20"] and choice.needs_word


def test_accept_keeps_the_policy_pick_and_settles_the_warning(decisions):
    choice = choose(VISIT["end"], [claim("2024-06-18", "s1", field_name="end"),
                                   claim("2024-06-18", "s2", field_name="end"),
                                   claim("2024-06-19", "s3", field_name="end")],
                    decisions["accept-both"])
    assert choice.value == "2024-06-18"
    assert "decided" not in choice.policy
    assert choice.decision is decisions["accept-both"]
    assert choice.unsettled == [] and not choice.needs_word


def test_a_decision_settles_a_move_back_in_a_life_cycle(decisions):
    claims = [status("signed", "a", "2024-06-19"), status("ratified", "b", "2024-10-24"),
              status("signed", "c", "2024-11-10")]
    choice = choose(STATUS, claims)
    assert choice.value == "signed" and choice.backward and choice.needs_word
    decided = choose(STATUS, claims, decisions["prefer-signed"])
    assert decided.value == "signed" and not decided.needs_word


def test_preferring_an_unclaimed_value_leaves_the_policy_pick(decisions):
    claims = [claim("2024-06-18", "s1"), claim("2024-06-20", "s2")]
    choice = choose(VISIT["start"], claims, decisions["prefer-19th"])
    assert choice.value == "2024-06-18"  # the violation is reported by the merge
    assert choice.unsettled == ["2024-06-20"] and choice.needs_word
