"""The capacity people acted in on a visit, derived where their offices leave no doubt.

A visit may say in which office each visitor and host came and whom they
represented (`capacities:`).  Where it does not, and the person's offices that
are dated overlap the visit's dates in exactly one office, that office is the
capacity: derived, and marked so (``_derived``), never guessed between two.
An office named by id must be one of the person's: the shapes check that the IRI it
makes is an office holding.
"""

from __future__ import annotations

from diplokg.merge.items import Item
from diplokg.model.dates import PartialDate


def _span(data: dict) -> tuple[str, str] | None:
    if "start" not in data:
        return None
    end = PartialDate.parse(data["end"]).latest if "end" in data else None
    return PartialDate.parse(data["start"]).earliest, end or "9999-12-31"


def _offices_on(person, visit_span: tuple[str, str]) -> list[Item]:
    """The person's dated offices that overlap the visit's dates."""
    found = []
    for office in person.data.get("offices", []) if person is not None else []:
        span = _span(office.data)
        if span is not None and span[0] <= visit_span[1] and visit_span[0] <= span[1]:
            found.append(office)
    return found


def derive_capacities(entities: dict) -> None:
    """Add a derived capacity for each visitor and host of each visit that has none, where
    the dated offices of theirs that overlap the visit's dates are one office, or agree on
    its title and state (two sources' entries of one presidency): then the capacity names
    the office only if it is one, and the title and the state in any case."""
    for visit in entities.values():
        if visit.kind != "visit":
            continue
        if "start" not in visit.data:
            continue
        span = (PartialDate.parse(visit.data["start"]).earliest,
                PartialDate.parse(visit.data.get("end", visit.data["start"])).latest)
        given = {item.data["person"] for item in visit.data.get("capacities", [])}
        derived = []
        for person_id in [*visit.data.get("visitors", []), *visit.data.get("hosts", [])]:
            if person_id in given:
                continue
            offices = _offices_on(entities.get(person_id), span)
            kinds = {(o.data["title"], o.data["state"]) for o in offices}
            state = entities.get(offices[0].data["state"]) if offices else None
            if len(kinds) != 1 or state is None or state.kind != "state":
                continue  # none, a choice between offices, or a broken office
            office = offices[0]
            data = {"person": person_id, "title": office.data["title"],
                    "represents": office.data["state"], "_derived": True,
                    **({"office": office.segment} if len(offices) == 1 else {})}
            # it comes from the visit and the office: their sources, the office's lines
            sources = list(dict.fromkeys([*visit.sources, *(s for o in offices
                                                            for s in o.sources)]))
            derived.append(Item(data, [], sources, office.origin, segment=person_id))
            given.add(person_id)
        if derived:
            visit.data["capacities"] = [*visit.data.get("capacities", []), *derived]
            # the chunks a visit is validated in hold what it refers to
            visit.references = sorted(set(visit.references)
                                      | {item.data["represents"] for item in derived})
