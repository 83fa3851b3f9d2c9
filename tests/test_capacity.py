"""Who went as what: capacities given or derived, the state a visit counts for, routes,
durations, and the visit and event at which an agreement was signed."""

from __future__ import annotations

import json

from rdflib import Literal, URIRef

from diplokg import namespaces as ns
from diplokg.build import pipeline
from diplokg.cli import app
from diplokg.query import engine as query
from diplokg.query import store
from query_cases import shown
from test_decisions import BASE, DK, WORLD, build, report, runner, write

VISIT = URIRef(BASE + "visit/a-to-b")
CAPACITY = URIRef(BASE + "visit/a-to-b/capacity/leader-a")


def rows(paths, name: str, **params: str) -> list[tuple]:
    chosen = query.named(name)
    data = store.memory_store(paths, facts=pipeline.fact_quads)
    return shown(query.run(chosen, query.bind(chosen, params), data).rows)


def problems(*paths) -> list[dict]:
    result = runner.invoke(app, ["validate", *map(str, paths), "--format", "json"])
    return json.loads(result.stdout)["problems"]


def test_one_dated_office_over_the_visit_gives_a_derived_capacity(tmp_path):
    paths = write(tmp_path, world=WORLD, a=report("paper-a", "2024-06-18", "2024-06-19"))
    graph = build(*paths)
    assert (VISIT, DK.capacity, CAPACITY) in graph
    assert graph.value(CAPACITY, DK.derived) == Literal("true", datatype=ns.XSD.boolean)
    assert graph.value(CAPACITY, DK.represents) == URIRef(BASE + "state/land-a")
    assert graph.value(CAPACITY, DK.heldOffice) == URIRef(
        BASE + "person/leader-a/office/land-a-president-of-land-a-2020")
    assert [r[-1] for r in rows(paths, "visits-of-leader", leader="leader-a")] == [
        '"President of Land A"']
    assert [r[0] for r in rows(paths, "visits-from-state", state="land-a")] == ["visit:a-to-b"]
    # the host's office (since 2019) gives the host's
    host = URIRef(BASE + "visit/a-to-b/capacity/leader-b")
    assert graph.value(host, DK.represents) == URIRef(BASE + "state/land-b")


def test_nothing_is_derived_from_two_offices_or_undated_ones(tmp_path):
    world = WORLD.replace(
        "    offices: [{title: President of Land A, state: land-a, start: 2020}]",
        "    offices: [{title: President of Land A, state: land-a, start: 2020},\n"
        "              {title: Party Leader, state: land-a, start: 2024}]").replace(
        "    offices: [{title: President of Land B, state: land-b, start: 2019}]",
        "    offices: [{title: President of Land B, state: land-b}]")
    paths = write(tmp_path, world=world, a=report("paper-a", "2024-06-18", "2024-06-19"))
    graph = build(*paths)
    assert list(graph.objects(VISIT, DK.capacity)) == []
    assert rows(paths, "visits-from-state", state="land-a") == []


def test_a_stated_capacity_and_the_state_a_visit_comes_from(tmp_path):
    extra = ("    from: land-a\n    capacities:\n"
             "      - {person: leader-a, office: land-a-president-of-land-a-2020}\n")
    paths = write(tmp_path, world=WORLD, a=report("paper-a", "2024-06-18", "2024-06-19",
                                                  extra=extra))
    graph = build(*paths)
    assert graph.value(CAPACITY, DK.derived) is None
    assert graph.value(CAPACITY, DK.heldOffice) == URIRef(
        BASE + "person/leader-a/office/land-a-president-of-land-a-2020")
    assert graph.value(VISIT, DK.fromState) == URIRef(BASE + "state/land-a")
    assert [r[0] for r in rows(paths, "visits-from-state", state="land-a",
                               **{"from": "2024", "to": "2024-12-31"})] == ["visit:a-to-b"]
    assert rows(paths, "visits-from-state", state="land-a", to="2023-12-31") == []


def test_an_office_that_is_not_the_persons_is_a_violation(tmp_path):
    extra = "    capacities:\n      - {person: leader-a, office: land-a-king}\n"
    paths = write(tmp_path, world=WORLD, a=report("paper-a", "2024-06-18", "2024-06-19",
                                                  extra=extra))
    [problem] = [p for p in problems(*paths) if p["severity"] == "violation"]
    assert (problem["code"], problem["field"]) == ("Capacity-office", "capacities[0].office")
    assert "one of the person's" in problem["message"]


def test_routes_durations_and_the_event_of_signing(tmp_path):
    extra = ("    route:\n"
             "      - {place: land-a, depart: 2024-06-18}\n"
             "      - {place: capital-b, arrive: 2024-06-18, stopover: true}\n"
             "      - {place: airport-b, arrive: 2024-06-19}\n"
             "    events:\n"
             "      - {kind: talks, start: 2024-06-19, duration: PT2H, evidence: [talked]}\n"
             "      - {id: signing, kind: signing-ceremony, start: 2024-06-19, status: planned,\n"
             "         evidence: [will sign]}\n")
    agreement = """agreements:
  - id: a-b-treaty
    source: paper-a
    kind: treaty
    title: Treaty between Land A and Land B
    parties: [land-a, land-b]
    status: expected
    signed_during: a-to-b
    signing_event: signing
    evidence: ["the treaty"]
"""
    paths = write(tmp_path, world=WORLD, a=report("paper-a", "2024-06-18", "2024-06-19",
                                                  extra=extra) + agreement)
    graph = build(*paths)
    legs = {graph.value(leg, DK.place): graph.value(leg, DK.stopover)
            for leg in graph.objects(VISIT, DK.leg)}
    assert legs == {URIRef(BASE + "state/land-a"): None,
                    URIRef(BASE + "place/capital-b"): Literal("true", datatype=ns.XSD.boolean),
                    URIRef(BASE + "place/airport-b"): None}
    talks = URIRef(BASE + "visit/a-to-b/event/talks")
    assert graph.value(talks, DK.duration) == Literal("PT2H", datatype=ns.XSD.duration)
    treaty = URIRef(BASE + "agreement/a-b-treaty")
    assert graph.value(treaty, DK.signedDuring) == VISIT
    assert graph.value(treaty, DK.signedAtEvent) == URIRef(BASE + "visit/a-to-b/event/signing")
    wrong = paths[-1].read_text().replace("signing_event: signing", "signing_event: banquet")
    paths[-1].write_text(wrong)
    [problem] = [p for p in problems(*paths) if p["severity"] == "violation"]
    assert (problem["code"], problem["field"]) == ("Agreement-signing-event", "signing_event")
