"""Expected rows of the bundled queries on the seed graph, shared by the in-process and
the server tests.

Each case is (query name, parameters, rows).  A cell is written as in Turtle with the
project prefixes (literals with their datatype), except that IRIs of nested nodes keep
their slashes (``visit:putin-2024-north-korea/event/arrival``); None is an unbound cell.
"""

from __future__ import annotations

from rdflib import URIRef

from diplokg.iris import SHOWN_LOCAL, compact
from diplokg.query import engine as query
from diplokg.rdf.serialize import Terms

TERMS = Terms(query.prefixes_for())


def show(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return compact(str(term), TERMS.prefixes, SHOWN_LOCAL) or str(term)
    return TERMS.term(term)


def shown(rows) -> list[tuple]:
    return [tuple(show(t) for t in row) for row in rows]


CASES = [
    ('visits-of-leader', {'leader': 'vladimir-putin'}, [
        (
            'visit:putin-2000-north-korea',
            'state:north-korea',
            '"2000-06-19"^^xsd:date',
            'visitstatus:took-place',
            '"President of Russia"',  # derived: his one office dated over the visit
        ),
        (
            'visit:putin-2024-north-korea',
            'state:north-korea',
            '"2024-06-19"^^xsd:date',
            'visitstatus:took-place',
            '"President of Russia"',
        ),
    ]),
    # Kim Jong Il's offices are undated: no office is derived
    ('visits-of-leader', {'leader': 'kim-jong-il'}, [
        (
            'visit:kim-jong-il-2001-russia',
            'state:russia',
            '"2001"^^xsd:gYear',
            'visitstatus:took-place',
            None,
        ),
        ('visit:kim-jong-il-china', 'state:china', None, 'visitstatus:took-place', None),
    ]),
    ('visits-from-state', {'state': 'russia'}, [
        ('visit:putin-2000-north-korea', '"2000-06-19"^^xsd:date', 'state:north-korea'),
        ('visit:putin-2024-north-korea', '"2024-06-19"^^xsd:date', 'state:north-korea'),
    ]),
    ('visits-from-state', {'state': 'russia', 'from': '2010', 'to': '2024-12-31'}, [
        ('visit:putin-2024-north-korea', '"2024-06-19"^^xsd:date', 'state:north-korea'),
    ]),
    ('hosts-of-leader', {'leader': 'vladimir-putin'}, [
        (
            'person:kim-jong-il',
            'visit:putin-2000-north-korea',
            'state:north-korea',
            '"2000-06-19"^^xsd:date',
            'visitstatus:took-place',
        ),
        (
            'person:kim-jong-un',
            'visit:putin-2024-north-korea',
            'state:north-korea',
            '"2024-06-19"^^xsd:date',
            'visitstatus:took-place',
        ),
    ]),
    ('hosts-of-leader', {'leader': 'kim-jong-un'}, [
        (
            'person:vladimir-putin',
            'visit:kim-jong-un-2023-russia',
            'state:russia',
            '"2023"^^xsd:gYear',
            'visitstatus:took-place',
        ),
        (
            'person:vladimir-putin',
            'visit:kim-jong-un-moscow-invited',
            'state:russia',
            None,
            'visitstatus:invited',
        ),
    ]),
    # both directions: Kim Jong Un hosted by Putin (2023), Putin hosted by Kim (2024), one
    # row per place; events both took part in, not the stay only Putin is listed for
    ('meetings-between', {'leader': 'vladimir-putin', 'other': 'kim-jong-un'}, [
        (
            '"visit"',
            'visit:kim-jong-un-2023-russia',
            '"Kim Jong Un\'s visit to Russia, 2023"',
            None,
            'visitstatus:took-place',
            '"2023"^^xsd:gYear',
            None,
            None,
            'state:russia',
        ),
        (  # undated: it goes with its visit
            '"event"',
            'visit:kim-jong-un-2023-russia/event/meeting',
            '"Meeting between Kim Jong Un and Putin in Russia"',
            'eventkind:meeting',
            'visitstatus:took-place',  # no status of its own: its visit's
            None,
            None,
            None,
            'state:russia',
        ),
        (
            '"visit"',
            'visit:putin-2024-north-korea',
            '"Vladimir Putin\'s visit to North Korea, June 2024"',
            None,
            'visitstatus:took-place',
            '"2024-06-19"^^xsd:date',
            None,
            'place:kim-il-sung-square',
            'state:north-korea',
        ),
        (
            '"visit"',
            'visit:putin-2024-north-korea',
            '"Vladimir Putin\'s visit to North Korea, June 2024"',
            None,
            'visitstatus:took-place',
            '"2024-06-19"^^xsd:date',
            None,
            'place:kumsusan-state-guest-house',
            'state:north-korea',
        ),
        (
            '"visit"',
            'visit:putin-2024-north-korea',
            '"Vladimir Putin\'s visit to North Korea, June 2024"',
            None,
            'visitstatus:took-place',
            '"2024-06-19"^^xsd:date',
            None,
            'place:pyongyang',
            'state:north-korea',
        ),
        (
            '"visit"',
            'visit:putin-2024-north-korea',
            '"Vladimir Putin\'s visit to North Korea, June 2024"',
            None,
            'visitstatus:took-place',
            '"2024-06-19"^^xsd:date',
            None,
            'place:pyongyang-airport',
            'state:north-korea',
        ),
        (
            '"event"',
            'visit:putin-2024-north-korea/event/arrival',
            '"Putin lands in Pyongyang and is greeted by Kim Jong Un at the airport"',
            'eventkind:arrival',
            'visitstatus:took-place',
            '"2024-06-19"^^xsd:date',
            None,
            'place:pyongyang-airport',
            'state:north-korea',
        ),
        (
            '"event"',
            'visit:putin-2024-north-korea/event/motorcade',
            '"Putin and Kim ride together from the airport to the Kumsusan State '
            'Guest House"',
            'eventkind:motorcade',
            'visitstatus:took-place',
            '"2024-06-19"^^xsd:date',
            None,
            None,
            'state:north-korea',
        ),
        (
            '"event"',
            'visit:putin-2024-north-korea/event/motorcade-2',
            '"Putin and Kim ride off from the ceremony in an open-top limousine"',
            'eventkind:motorcade',
            'visitstatus:took-place',
            '"2024-06-19"^^xsd:date',
            None,
            None,
            'state:north-korea',
        ),
        (
            '"event"',
            'visit:putin-2024-north-korea/event/talks',
            '"Talks between Putin and Kim Jong Un"',
            'eventkind:talks',
            'eventstatus:planned',
            '"2024-06-19"^^xsd:date',
            None,
            None,
            'state:north-korea',
        ),
        (
            '"event"',
            'visit:putin-2024-north-korea/event/welcome-ceremony',
            '"Welcome ceremony at Kim Il Sung Square"',
            'eventkind:welcome-ceremony',
            'visitstatus:took-place',
            '"2024-06-19"^^xsd:date',
            None,
            'place:kim-il-sung-square',
            'state:north-korea',
        ),
        (
            '"visit"',
            'visit:kim-jong-un-moscow-invited',
            '"Kim Jong Un\'s prospective visit to Moscow"',
            None,
            'visitstatus:invited',
            None,
            None,
            'place:moscow',
            'state:russia',
        ),
    ]),
    ('visits-to-state-by-year', {'state': 'north-korea'}, [
        ('"2000"^^xsd:integer', '"1"^^xsd:integer', '"Vladimir Putin"'),
        ('"2024"^^xsd:integer', '"1"^^xsd:integer', '"Vladimir Putin"'),
    ]),
    ('visits-to-state-by-year', {'state': 'russia'}, [
        ('"2001"^^xsd:integer', '"1"^^xsd:integer', '"Kim Jong Il"'),
        ('"2023"^^xsd:integer', '"1"^^xsd:integer', '"Kim Jong Un"'),
    ]),
    ('gap-since-previous-visit', {'leader': 'vladimir-putin', 'state': 'north-korea'}, [
        (
            'visit:putin-2024-north-korea',
            '"2024-06-19"^^xsd:date',
            'visit:putin-2000-north-korea',
            '"2000-06-19"^^xsd:date',
            '"24"^^xsd:integer',
            '"true"^^xsd:boolean',
        ),
    ]),
    ('gap-since-previous-visit', {'leader': 'kim-jong-il', 'state': 'russia'}, [
    ]),
    ('agreements-between', {'state': 'russia', 'other': 'north-korea'}, [
        (
            'agreement:ussr-north-korea-1961-treaty',
            'agreementkind:treaty',
            'agreementstatus:superseded',
            '"1961"^^xsd:gYear',
            None,
        ),
        (
            'agreement:russia-north-korea-2000-agreement',
            'agreementkind:treaty',
            'agreementstatus:signed',
            '"2000"^^xsd:gYear',
            'agreement:ussr-north-korea-1961-treaty',
        ),
        (
            'agreement:russia-north-korea-2000-declaration',
            'agreementkind:declaration',
            'agreementstatus:signed',
            '"2000"^^xsd:gYear',
            None,
        ),
        (
            'agreement:russia-north-korea-2001-declaration',
            'agreementkind:declaration',
            'agreementstatus:signed',
            '"2001"^^xsd:gYear',
            None,
        ),
        (
            'agreement:russia-north-korea-2024-agreement',
            'agreementkind:agreement',
            'agreementstatus:expected',
            '"2024-06"^^xsd:gYearMonth',
            'agreement:russia-north-korea-2000-agreement',
        ),
        (
            'agreement:russia-north-korea-2024-agreement',
            'agreementkind:agreement',
            'agreementstatus:expected',
            '"2024-06"^^xsd:gYearMonth',
            'agreement:russia-north-korea-2000-declaration',
        ),
        (
            'agreement:russia-north-korea-2024-agreement',
            'agreementkind:agreement',
            'agreementstatus:expected',
            '"2024-06"^^xsd:gYearMonth',
            'agreement:russia-north-korea-2001-declaration',
        ),
    ]),
    ('agreements-between', {'state': 'north-korea', 'other': 'soviet-union'}, [
        (
            'agreement:ussr-north-korea-1961-treaty',
            'agreementkind:treaty',
            'agreementstatus:superseded',
            '"1961"^^xsd:gYear',
            None,
        ),
    ]),
    ('supersession-chain', {'agreement': 'ussr-north-korea-1961-treaty'}, [
        (
            'agreement:ussr-north-korea-1961-treaty',
            '"1961"^^xsd:gYear',
            'agreement:russia-north-korea-2000-agreement',
            '"2000"^^xsd:gYear',
            'agreementstatus:signed',
        ),
        (
            'agreement:russia-north-korea-2000-agreement',
            '"2000"^^xsd:gYear',
            'agreement:russia-north-korea-2024-agreement',
            '"2024-06"^^xsd:gYearMonth',
            'agreementstatus:expected',
        ),
    ]),
    ('supersession-chain', {'agreement': 'russia-north-korea-2024-agreement'}, [
        (
            'agreement:ussr-north-korea-1961-treaty',
            '"1961"^^xsd:gYear',
            'agreement:russia-north-korea-2000-agreement',
            '"2000"^^xsd:gYear',
            'agreementstatus:signed',
        ),
        (
            'agreement:russia-north-korea-2000-agreement',
            '"2000"^^xsd:gYear',
            'agreement:russia-north-korea-2024-agreement',
            '"2024-06"^^xsd:gYearMonth',
            'agreementstatus:expected',
        ),
        (
            'agreement:russia-north-korea-2000-declaration',
            '"2000"^^xsd:gYear',
            'agreement:russia-north-korea-2024-agreement',
            '"2024-06"^^xsd:gYearMonth',
            'agreementstatus:expected',
        ),
        (
            'agreement:russia-north-korea-2001-declaration',
            '"2001"^^xsd:gYear',
            'agreement:russia-north-korea-2024-agreement',
            '"2024-06"^^xsd:gYearMonth',
            'agreementstatus:expected',
        ),
    ]),
    ('agreements-in-force', {'date': '1990'}, [
        (
            'agreement:ussr-north-korea-1961-treaty',
            '"1961"^^xsd:gYear',
            'agreementstatus:superseded',
        ),
    ]),
    ('agreements-in-force', {'date': '2000-06-01'}, [
        (
            'agreement:ussr-north-korea-1961-treaty',
            '"1961"^^xsd:gYear',
            'agreementstatus:superseded',
        ),
    ]),
    ('agreements-in-force', {'date': '2001-06-01'}, [
        (
            'agreement:russia-north-korea-2000-agreement',
            '"2000"^^xsd:gYear',
            'agreementstatus:signed',
        ),
        (
            'agreement:russia-north-korea-2000-declaration',
            '"2000"^^xsd:gYear',
            'agreementstatus:signed',
        ),
    ]),
    ('agreements-in-force', {'date': '2024-06-30'}, [
        (
            'agreement:russia-north-korea-2000-agreement',
            '"2000"^^xsd:gYear',
            'agreementstatus:signed',
        ),
        (
            'agreement:russia-north-korea-2000-declaration',
            '"2000"^^xsd:gYear',
            'agreementstatus:signed',
        ),
        (
            'agreement:russia-north-korea-2001-declaration',
            '"2001"^^xsd:gYear',
            'agreementstatus:signed',
        ),
    ]),
    ('office-holders', {'date': '2024-06-19'}, [
        (
            'person:vladimir-putin',
            '"President of Russia"',
            'state:russia',
            '"2000"^^xsd:gYear',
            None,
        ),
    ]),
    ('office-holders', {'date': '1999'}, [
    ]),
    ('evidence-for', {'fact': 'visit:putin-2000-north-korea'}, [
        (
            'visit:putin-2000-north-korea',
            '"Putin\'s made his last visit to Pyongyang in 2000 for a meeting with Kim\'s late '
            'father and predecessor Kim Jong Il"',
            'source:cnn-2024-06-putin-pyongyang',
            '"The Zimbabwe Mail"',
        ),
        (
            'visit:putin-2000-north-korea',
            '"exactly 24 years to the day he was last in Pyongyang"',
            'source:cnn-2024-06-putin-pyongyang',
            '"The Zimbabwe Mail"',
        ),
        (
            'visit:putin-2000-north-korea',
            '"made him the first Russian head of state to visit North Korea"',
            'source:cnn-2024-06-putin-pyongyang',
            '"The Zimbabwe Mail"',
        ),
        (
            'visit:putin-2000-north-korea/event/meeting',
            '"for a meeting with Kim\'s late father and predecessor Kim Jong Il"',
            'source:cnn-2024-06-putin-pyongyang',
            '"The Zimbabwe Mail"',
        ),
    ]),
    ('events-of-visit', {'visit': 'putin-2024-north-korea'}, [
        (
            'visit:putin-2024-north-korea/event/arrival',
            'eventkind:arrival',
            '"2024-06-19"^^xsd:date',
            'place:pyongyang-airport',
        ),
        (
            'visit:putin-2024-north-korea/event/motorcade',
            'eventkind:motorcade',
            '"2024-06-19"^^xsd:date',
            None,
        ),
        (
            'visit:putin-2024-north-korea/event/motorcade-2',
            'eventkind:motorcade',
            '"2024-06-19"^^xsd:date',
            None,
        ),
        (
            'visit:putin-2024-north-korea/event/talks',
            'eventkind:talks',
            '"2024-06-19"^^xsd:date',
            None,
        ),
        (
            'visit:putin-2024-north-korea/event/welcome-ceremony',
            'eventkind:welcome-ceremony',
            '"2024-06-19"^^xsd:date',
            'place:kim-il-sung-square',
        ),
        (
            'visit:putin-2024-north-korea/event/stay',
            'eventkind:stay',
            None,
            'place:kumsusan-state-guest-house',
        ),
    ]),
    # a fact one declaration states is its own claim, dated by its source
    ('claims-of', {'fact': 'visit:putin-2000-north-korea', 'property': 'dk:startDate'}, [
        (
            '"2000-06-19"^^xsd:date',
            '"2024-06"^^xsd:gYearMonth',
            '"preferred"',
            'source:cnn-2024-06-putin-pyongyang',
            '"The Zimbabwe Mail"',
        ),
    ]),
    ('status-history', {'agreement': 'russia-north-korea-2024-agreement'}, [
        (
            '"2024-06"^^xsd:gYearMonth',
            'agreementstatus:expected',
            '"current"',
            'source:cnn-2024-06-putin-pyongyang',
            None,
        ),
    ]),
    # the seeds record no treaty actions (tests/test_actions.py has them)
    ('parties-on-date', {'agreement': 'russia-north-korea-2000-agreement',
                         'date': '2024-01-01'}, []),
]
