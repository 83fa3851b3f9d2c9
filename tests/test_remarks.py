"""The people a trip record's remarks say the traveller met: real remarks of the travels
archive, quoted, and a property over any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplokg.importers.remarks import people_met, sentences

COUNTRIES = {"Jordan": "jordan", "Bangladesh": "bangladesh", "the Netherlands": "netherlands"}


def met(remarks: str) -> list[tuple]:
    return [(m.title, m.name, m.state) for m in people_met(remarks, COUNTRIES)]


@pytest.mark.parametrize("remarks, expected", [
    ("Met with President Yeltsin, Prime Minister Chernomyrdin, and Foreign Minister "
     "Primakov.",
     [("President", "Yeltsin", ""), ("Prime Minister", "Chernomyrdin", ""),
      ("Foreign Minister", "Primakov", "")]),
    ("Met with King Abdullah II of Jordan.", [("King", "Abdullah II", "jordan")]),
    ("Met with Israeli Foreign Minister Levy.", [("Foreign Minister", "Levy", "israel")]),
    ("Met with President Hu and Russian Prime Minister Putin.",
     [("President", "Hu", ""), ("Prime Minister", "Putin", "russia")]),
    ("Discussed the Northern Iraq and Bosnian crises with President Chirac and Foreign "
     "Minister de Charette.",
     [("President", "Chirac", ""), ("Foreign Minister", "de Charette", "")]),
    ("Met with Prime Minister Lee Hsien Loung and Foreign Minister K. Shanmugan. Delivered "
     "an address at Singapore Management University.",
     [("Prime Minister", "Lee Hsien Loung", ""), ("Foreign Minister", "K. Shanmugan", "")]),
    ("Met with King Salman, Foreign Minister Adel al-Jubeir, Crown Prince Mohammed bin "
     "Nayef, and Deputy Crown Prince Mohammed bin Salman.",
     [("King", "Salman", ""), ("Foreign Minister", "Adel al-Jubeir", ""),
      ("Crown Prince", "Mohammed bin Nayef", ""), ("Crown Prince", "Mohammed bin Salman", "")]),
    ("Met with UAE President Sheikh Mohammed bin Zayed Al Nahyan.",
     [("President", "Mohammed bin Zayed Al Nahyan", None)]),
    ("Discussed the Gaza crisis with UN Secretary-General Ban Ki-Moon and President Abdel "
     "Fattah al-Sisi.",
     [("Secretary-General", "Ban Ki-Moon", None), ("President", "Abdel Fattah al-Sisi", "")]),
    ("Met with Emperor Hirohito, President Ziaur Rahman of Bangladesh, and Prime Minister "
     "Fraser of Australia.",
     [("Emperor", "Hirohito", ""), ("President", "Ziaur Rahman", "bangladesh"),
      ("Prime Minister", "Fraser", "")]),
])
def test_people_met(remarks, expected):
    assert met(remarks) == expected


@pytest.mark.parametrize("remarks", [
    "Attended the inauguration of President Duarte.",  # not a meeting
    "Accompanied President Carter on a State visit.",
    "Attended the funeral of former Prime Minister Churchill.",
    "Met with former Mexican President Santa Anna.",  # not in office
    "Met with the British and French Foreign Ministers.",  # no one person
    "Met with senior Iranian officials.",
])
def test_no_one_met(remarks):
    assert met(remarks) == []


def test_sentences_do_not_end_at_initials():
    assert sentences("Met with Foreign Minister K. Shanmugan. Delivered an address.") == [
        "Met with Foreign Minister K. Shanmugan", "Delivered an address."]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Met with President Prime Minister of Jordan, "
                                             "and al-Sisi bin K. ;.Ü")), max_size=120))
def test_any_text_gives_names_it_contains(remarks):
    for found in people_met(remarks, COUNTRIES):
        assert found.text in remarks and found.name and found.title in found.text
        assert found.sentence in remarks
