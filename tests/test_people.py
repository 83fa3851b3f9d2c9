"""Who a loosely written name is: each rule of diplokg.importers.people, and its limits."""

from __future__ import annotations

import pytest

from diplokg.importers.people import People, Seen, Term, words


def people(*persons) -> People:
    """People from (id, [names], [(state, day, title)], [terms])."""
    found = People()
    for pid, names, seen, *terms in persons:
        for name in names:
            found.add_name(pid, name)
        for state, day, title in seen:
            found.add_seen(pid, Seen(state, day, title))
        for term in (terms[0] if terms else []):
            found.add_term(pid, term)
    return found


HARPER = ("stephen-harper", ["Stephen Harper"],
          [("canada", "2006-07-06", "Prime Minister"), ("canada", "2014-12-08", "Prime Minister")])


def test_a_surname_in_office_between_two_sightings_is_that_person():
    finding = people(HARPER).find("Harper", "canada", "2009-02-19", "Prime Minister")
    assert finding.person == "stephen-harper"


def test_the_state_must_be_one_they_were_seen_for():
    finding = people(HARPER).find("Harper", "australia", "2009-02-19", "Prime Minister")
    assert finding.person is None and finding.why == "no known person of that name and state"


def test_a_surname_two_persons_had_then_is_not_guessed():
    known = people(HARPER, ("other-harper", ["Ann Harper"],
                            [("canada", "2010-01-01", "Prime Minister")]))
    finding = known.find("Harper", "canada", "2009-02-19", "Prime Minister")
    assert finding.person is None
    assert finding.candidates == ("other-harper", "stephen-harper")
    assert "more than one" in finding.why


def test_within_the_margin_only_if_no_one_else_held_the_title_in_between():
    tito = ("josip-broz-tito", ["Josip Broz Tito"], [("yugoslavia", "1971-10-28", "President")])
    assert people(tito).find("Tito", "yugoslavia", "1966-10-17", "President",
                             same_title=True).person == "josip-broz-tito"
    other = ("someone", ["Someone Else"], [("yugoslavia", "1968-01-01", "President")])
    finding = people(tito, other).find("Tito", "yugoslavia", "1966-10-17", "President",
                                       same_title=True)
    assert finding.person is None and finding.candidates == ("josip-broz-tito",)


def test_beyond_the_margin_is_not_then():
    tito = ("josip-broz-tito", ["Josip Broz Tito"], [("yugoslavia", "1971-10-28", "President")])
    finding = people(tito).find("Tito", "yugoslavia", "1963-10-17", "President",
                                same_title=True)
    assert finding.person is None and "held that office" in finding.why


def test_a_dated_term_decides_and_excludes():
    putin = ("vladimir-putin", ["Vladimir Putin"], [],
             [Term("russia", "President", "2000-05-07", "2008-05-07"),
              Term("russia", "Prime Minister", "2008-05-08", "2012-05-07")])
    known = people(putin)
    assert known.find("Putin", "russia", "2003-05-31", "President").person == "vladimir-putin"
    assert known.find("Putin", "russia", "2010-01-01", "Prime Minister").person == \
        "vladimir-putin"
    assert known.find("Vladimir Putin", "russia", "1995-01-01").person is None


def test_a_sighting_in_another_title_counts_only_without_same_title():
    peres = ("shimon-peres", ["Shimon Peres"], [("israel", "1985-10-17", "Prime Minister")])
    known = people(peres)
    assert known.find("Peres", "israel", "1987-05-01", "Foreign Minister").person == \
        "shimon-peres"
    assert known.find("Peres", "israel", "1987-05-01", "Foreign Minister",
                      same_title=True).person is None


def test_a_whole_name_alone_is_enough_unless_contradicted():
    kim = ("kim-jong-un", ["Kim Jong Un", "Kim Jong-un"], [("north-korea", "2024-06-19", None)])
    il = ("kim-jong-il", ["Kim Jong Il"], [("north-korea", "2000-07-19", None)])
    known = people(kim, il)
    assert known.find("Kim Jong-un", "north-korea", "2018-03-31", "Chairman").person == \
        "kim-jong-un"
    assert known.find("Kim", "north-korea", "2018-03-31", "Chairman").person is None
    assert known.find("Kim Jong-un", "north-korea", "1990-01-01", "Chairman").person is None


def test_a_fathers_name_is_not_the_persons():
    abdullah = ("abdullah-ii", ["Abdullah II", "Abdullah II bin Al-Hussein"],
                [("jordan", "1999-05-18", "King")])
    finding = people(abdullah).find("Hussein", "jordan", "1998-06-01", "King")
    assert finding.person is None and finding.candidates == ()


@pytest.mark.parametrize("written, known", [
    ("David W. D. Cameron", "David Cameron"),
    ("Abdel Fattah El-Sisi", "Abdel Fattah al-Sisi"),
    ("Lee", "Lee Myung-bak"),
    ("de Gaulle", "Charles de Gaulle"),
])
def test_spellings_that_find_the_person(written, known):
    person = ("p", [known], [("x", "2010-01-01", "President")])
    assert people(person).find(written, "x", "2010-06-01", "President").person == "p"


def test_words_ignore_initials_and_read_el_as_al():
    assert words("Keith J. Holyoake") == ("keith", "holyoake")
    assert words("El-Sisi") == ("al", "sisi")
    assert words("J.") == ("j",)  # a name of initials only keeps them
