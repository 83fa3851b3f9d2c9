"""Fields every fact has, and fields several kinds share (with one shape each)."""

from __future__ import annotations

from diplokg.model.dates import PartialDate
from diplokg.model.fields import (
    ALIAS,
    EACH,
    EVIDENCE,
    ID,
    PER_DECLARATION,
    REF,
    WIKIDATA,
    Field,
    date,
    names,
    text,
)
from diplokg.namespaces import DK, RDFS, SKOS

DATE_SHAPE_FIX = "write it as YYYY, YYYY-MM or YYYY-MM-DD"

ID_FIELD = Field("id", ID, schema={"$ref": "#/$defs/id"}, required=True, direct=False,
                 combine=PER_DECLARATION)
SOURCE = Field(
    "source", REF, DK.source, refs=("source",), required=True, direct=False,
    combine=PER_DECLARATION, shape="Fact-source",
    message="needs a source, and every source must be a declared source",
    fix="set `source:` to the id of an entry under `sources:`")
EVIDENCE_FIELD = Field(
    "evidence", EVIDENCE, DK.evidence, many=True, required=True, direct=False,
    schema={"$ref": "#/$defs/evidence"}, combine=PER_DECLARATION, shape="Fact-evidence",
    message="needs at least one evidence quote",
    fix="add a verbatim quote from the source under `evidence:`")
NOTE = text("note", DK.note, schema={"$ref": "#/$defs/note"}, combine=EACH)
AS_OF = date("as_of", DK.asOf, direct=False, combine=PER_DECLARATION,
             description="The day the fact's values were true, when not the source's "
             "publication date (a report written before it was published); dates the "
             "claims it makes, as for life-cycle values such as statuses.")
SAME_AS = Field(
    "same_as", REF, None, many=True, refs=(), direct=False, combine=PER_DECLARATION,
    description="Ids of facts (in any file) that describe the same thing; they are merged "
    "into one.")
# The keys of every fact, in the order of the schema's "common" definition.
COMMON = (ID_FIELD, SOURCE, EVIDENCE_FIELD, NOTE, SAME_AS, AS_OF)

# A nested entry's own id, to pin its IRI <fact IRI>/<entry kind>/<id>; without one, the
# IRI is derived from what the entry says (see diplokg.merge.items).
ITEM_ID = Field("id", ID, schema={"$ref": "#/$defs/id"}, direct=False, combine=PER_DECLARATION,
                description="The entry's own id, unique among the fact's entries of this kind, "
                "to keep its IRI whatever other sources say.")

# Nested entries quote their own evidence, without a shape of their own.
ITEM_EVIDENCE = Field("evidence", EVIDENCE, None, many=True, direct=False,
                      schema={"$ref": "#/$defs/evidence"}, combine=PER_DECLARATION)


def label(name: str, **options) -> Field:
    """The fact's name (or title): its rdfs:label, checked by one shared shape."""
    return text(name, RDFS.label, required=True, combine=ALIAS, shape="Fact-label",
                message="needs exactly one name (or title), as a plain string",
                fix="give one `name:` (one `title:` for sources and agreements); put other "
                "spellings under `aliases:`", **options)


def aliases(**options) -> Field:
    """Other names and spellings; for visits and agreements only the merge makes them,
    from titles that differ."""
    return names("aliases", SKOS.altLabel, combine=ALIAS, **options)


WIKIDATA_FIELD = Field(
    "wikidata", WIKIDATA, DK.wikidata, schema={"$ref": "#/$defs/wikidata"},
    shape="Fact-wikidata",
    message="has more than one Wikidata item, or one that is not a Wikidata entity IRI",
    fix="give one Wikidata id such as Q7747")
START = date("start", DK.startDate, bounds=(DK.startEarliest, DK.startLatest),
             shape="Fact-start", message="start must be one date of year, month or day "
             "precision", fix=DATE_SHAPE_FIX)
END = date("end", DK.endDate, bounds=(DK.endEarliest, DK.endLatest), shape="Fact-end",
           message="end must be one date of year, month or day precision", fix=DATE_SHAPE_FIX)

# The shapes several kinds share, each written once from these definitions (the label's
# shape speaks of `name:`, as most kinds call it).
SHARED_SHAPES = (SOURCE, EVIDENCE_FIELD, label("name"), WIKIDATA_FIELD, START, END)


def dates_overlap(a: dict, b: dict) -> bool:
    """Whether the `start:`-`end:` spans of two entries overlap, given their precision; an
    entry without a start fits any dates."""
    if "start" not in a or "start" not in b:
        return True
    spans = []
    for data in (a, b):
        start = PartialDate.parse(data["start"])
        end = PartialDate.parse(data["end"]) if "end" in data else start
        spans.append((start.earliest, end.latest))
    (start_a, end_a), (start_b, end_b) = spans
    return start_a <= end_b and start_b <= end_a
