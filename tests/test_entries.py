"""Nested entries across reports: explicit ids name entries, and places refine places."""

from __future__ import annotations

from rdflib import URIRef

from test_decisions import BASE, DK, WORLD, build, event_nodes, events, report, validate, write

# The airport lies in the capital: a report naming the airport is more precise than one
# naming the city, not in disagreement with it.
AIRPORT_IN_CAPITAL = WORLD.replace(
    "kind: airport, located_in: land-b", "kind: airport, located_in: capital-b")


def test_a_place_within_another_refines_it_without_a_warning(tmp_path):
    paths = write(tmp_path, world=AIRPORT_IN_CAPITAL,
                  a=report("paper-a", "2024-06-18", "2024-06-19", extra=events(
                      "{id: arrival, kind: arrival, place: capital-b, evidence: [landed]}")),
                  b=report("paper-b", "2024-06-20", "2024-06-19", extra=events(
                      "{id: arrival, kind: arrival, place: airport-b, evidence: [landed]}")))
    code, problems = validate(*paths, strict=True)
    assert (code, problems) == (0, [])
    graph = build(*paths)
    arrival = URIRef(BASE + "visit/a-to-b/event/arrival")
    assert graph.value(arrival, DK.place) == URIRef(BASE + "place/airport-b")


def test_places_neither_of_which_lies_in_the_other_conflict(tmp_path):
    """The control of the test above: with the airport not in the capital, they disagree."""
    paths = write(tmp_path, world=WORLD,
                  a=report("paper-a", "2024-06-18", "2024-06-19", extra=events(
                      "{id: arrival, kind: arrival, place: capital-b, evidence: [landed]}")),
                  b=report("paper-b", "2024-06-20", "2024-06-19", extra=events(
                      "{id: arrival, kind: arrival, place: airport-b, evidence: [landed]}")))
    code, problems = validate(*paths, strict=True)
    assert code == 1
    assert [(p["code"], p["field"]) for p in problems] == [("conflict", "events[arrival].place")]


def test_an_id_equal_to_another_reports_segment_names_that_entry(tmp_path):
    first = write(tmp_path, world=WORLD,
                  a=report("paper-a", "2024-06-18", "2024-06-19", extra=events(
                      "{kind: talks, participants: [leader-a, leader-b], evidence: [talked]}")))
    alone = build(*first)
    # a later report's talks that the rule would keep apart (other participants) but
    # that the report says are those talks, by their id
    paths = first + write(tmp_path, b=report("paper-b", "2024-06-20", "2024-06-19", extra=events(
        "{id: talks, kind: talks, participants: [minister-c, minister-d], evidence: [talked]}")))
    both = build(*paths)
    assert event_nodes(alone) == event_nodes(both) == {URIRef(BASE + "visit/a-to-b/event/talks")}


def test_entries_with_one_id_are_one_entry_whatever_else_matches(tmp_path):
    """An entry with an id that also matches an entry without one joins its id's entry."""
    paths = write(tmp_path, world=WORLD,
                  a=report("paper-a", "2024-06-18", "2024-06-19", extra=events(
                      "{id: x, kind: talks, place: airport-b, evidence: [talked]}")),
                  b=report("paper-b", "2024-06-19", "2024-06-19", extra=events(
                      "{kind: meeting, place: capital-b, evidence: [met]}")),
                  c=report("paper-c", "2024-06-20", "2024-06-19", extra=events(
                      "{id: x, kind: meeting, evidence: [met]}")))
    code, problems = validate(*paths)
    assert code == 0, problems
    assert {(p["code"], p["field"]) for p in problems} == {("conflict", "events[x].kind")}
    graph = build(*paths, strict=False)
    assert event_nodes(graph) == {URIRef(BASE + "visit/a-to-b/event/x"),
                                  URIRef(BASE + "visit/a-to-b/event/meeting")}
