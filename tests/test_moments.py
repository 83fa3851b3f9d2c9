"""Moments by different clocks: one landing at 21:45 in Moscow and 01:45 in Hanoi."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from diplokg import namespaces as ns
from diplokg.model import times
from test_decisions import BASE, DK, WORLD, build, events, report, validate, write

ARRIVAL = URIRef(BASE + "visit/a-to-b/event/arrival")


@pytest.mark.parametrize("text, shown", [
    ("2024-06-20T01:45 Asia/Ho_Chi_Minh", "2024-06-20T01:45:00+07:00"),
    ("2024-06-19T21:45+03:00", "2024-06-19T21:45:00+03:00"),
    ("2024-06-19T18:45Z", "2024-06-19T18:45:00+00:00"),
    # a named zone's offset is the one of that day: Moscow kept +04:00 in 2013
    ("2013-06-01T12:00 Europe/Moscow", "2013-06-01T12:00:00+04:00"),
])
def test_a_moment_keeps_its_clock_and_names_an_instant(text, shown):
    assert times.literal_text(text) == shown


@pytest.mark.parametrize("text", ["2024-06-20T01:45", "2024-06-20 01:45+07:00",
                                  "2024-06-20T01:45 Mars/Olympus", "2024-06-20T01:45+15:00",
                                  "2024-02-30T01:45+07:00"])
def test_what_is_not_a_moment(text):
    with pytest.raises(ValueError):
        times.parse(text)


def arrivals(first: str, second: str) -> dict[str, str]:
    return {"a": report("paper-a", "2024-06-19", first[:10], extra=events(
        f"{{kind: arrival, start: {first[:10]}, at: '{first}', place: airport-b, "
        "evidence: [landed]}")),
            "b": report("paper-b", "2024-06-20", second[:10], extra=events(
        f"{{kind: arrival, start: {second[:10]}, at: '{second}', place: airport-b, "
        "evidence: [landed]}"))}


def test_one_landing_by_two_clocks_is_one_event_and_no_conflict(tmp_path):
    paths = write(tmp_path, world=WORLD, **arrivals("2024-06-19T21:45+03:00",
                                                    "2024-06-20T01:50 Asia/Ho_Chi_Minh"))
    code, problems = validate(*paths)
    # the visit's own start, which has no moment, still needs a person's word
    assert [(p["code"], p["field"]) for p in problems] == [("conflict", "start")]
    graph = build(*paths, strict=False)
    events_of_visit = set(graph.objects(URIRef(BASE + "visit/a-to-b"), DK.subEvent))
    assert events_of_visit == {ARRIVAL}
    starts = {str(graph.value(c, DK.claimedValue)) for c in graph.objects(ARRIVAL, DK.claim)
              if graph.value(c, DK.claimProperty) == DK.startTime}
    assert starts == {"2024-06-19T21:45:00+03:00", "2024-06-20T01:50:00+07:00"}
    assert graph.value(ARRIVAL, DK.startTime) in {
        Literal(s, datatype=ns.XSD.dateTime) for s in starts}


def test_two_moments_hours_apart_are_two_events(tmp_path):
    paths = write(tmp_path, world=WORLD, **arrivals("2024-06-19T09:00+03:00",
                                                    "2024-06-20T01:45 Asia/Ho_Chi_Minh"))
    graph = build(*paths, strict=False)
    assert len(set(graph.objects(URIRef(BASE + "visit/a-to-b"), DK.subEvent))) == 2


def test_a_zone_that_does_not_exist_is_reported_where_it_is_written(tmp_path):
    paths = write(tmp_path, world=WORLD, a=report("paper-a", "2024-06-19", "2024-06-19",
                                                  extra=events(
        "{kind: arrival, at: '2024-06-19T21:45 Europe/Atlantis', evidence: [landed]}")))
    code, problems = validate(*paths)
    assert code == 1
    [problem] = problems
    assert (problem["code"], problem["field"]) == ("bad-date", "events[0].at")
    assert "Europe/Atlantis" in problem["message"] and "IANA" in problem["message"]


def test_instants_compare_across_zones_in_sparql(tmp_path):
    paths = write(tmp_path, world=WORLD, **arrivals("2024-06-19T21:45+03:00",
                                                    "2024-06-20T01:50 Asia/Ho_Chi_Minh"))
    graph = build(*paths, strict=False)
    [row] = graph.query("""PREFIX dk: <https://w3id.org/diplokg/ontology#>
        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
        SELECT ?t WHERE { ?e dk:startTime ?t
            FILTER (?t > "2024-06-19T18:00:00Z"^^xsd:dateTime
                    && ?t < "2024-06-19T19:00:00Z"^^xsd:dateTime) }""")
    assert str(row.t).startswith("2024-06-19T21:45") or str(row.t).startswith("2024-06-20T01:50")
