"""A treaty, agreement or declaration, and its clauses."""

from __future__ import annotations

from diplokg.digests import short_hash
from diplokg.model.fields import boolean, concept, date, entry, nested, ref, refs, text
from diplokg.model.kind import Kind
from diplokg.model.kinds.common import (
    COMMON,
    DATE_SHAPE_FIX,
    ITEM_EVIDENCE,
    ITEM_ID,
    NOTE,
    aliases,
    dates_overlap,
    label,
)
from diplokg.names import normalise_name, slug
from diplokg.namespaces import DK

AGREEMENT_KINDS = ("treaty", "agreement", "declaration", "memorandum", "protocol",
                   "convention", "joint-statement")
AGREEMENT_STATUSES = ("expected", "signed", "ratified", "in-force", "superseded", "terminated",
                      "expired")
# The life cycle of an agreement: a later report may move it forward, never back.
AGREEMENT_STAGES = (("expected",), ("signed",), ("ratified",), ("in-force",),
                    ("superseded", "terminated", "expired"))
# Kinds that are agreements of a more specific sort (skos:broader in ontology/vocab.ttl).
AGREEMENT_KIND_BROADER = tuple((narrower, "agreement") for narrower in
                               ("treaty", "convention", "protocol", "memorandum"))


def _kinds_compatible(a: str, b: str) -> bool:
    """The same kind, or one a narrower term for the other ("treaty" and "agreement")."""
    return a == b or (a, b) in AGREEMENT_KIND_BROADER or (b, a) in AGREEMENT_KIND_BROADER


def _alike(a: dict, b: dict) -> bool:
    """Different sources, the same parties (``agreement_key``), kinds that are the same or
    refine each other, signing dates that overlap, and neither supersedes the other."""
    if a["source"] == b["source"] or "signed" not in a or "signed" not in b:
        return False
    if a["id"] in b.get("supersedes", ()) or b["id"] in a.get("supersedes", ()):
        return False
    return _kinds_compatible(a["kind"], b["kind"]) and dates_overlap(
        {"start": a["signed"]}, {"start": b["signed"]})


def same_agreement(a: dict, b: dict) -> bool:
    """Two sources' agreements are one when they are alike and both are dated to the month
    at least: states sign several agreements in a year.  Agreements without a signing
    date (an expected one) are merged only by `same_as`."""
    return _alike(a, b) and all(len(d["signed"]) >= 7 for d in (a, b))


def near_agreement(a: dict, b: dict) -> bool:
    """Alike, but one is dated only to the year: probably one, asked about."""
    return _alike(a, b) and not same_agreement(a, b)


def near_agreement_why(a: dict, b: dict) -> str:
    return (f"signing dates that may be one day ({a['id']} {a['signed']} and {b['id']} "
            f"{b['signed']})")


def agreement_key(data: dict) -> tuple:
    """Only agreements with the same parties compare; one naming no parties, with none."""
    parties = frozenset(data.get("parties", ()))
    return (parties,) if parties else ("no parties", data["id"])


# What can happen to an agreement, in the words of treaty practice (the UN Treaty
# Collection's and WIPO's): a party's own steps, and the agreement's.
ACTION_KINDS = ("opened-for-signature", "signature", "ratification", "acceptance", "approval",
                "accession", "succession", "continued-application", "entry-into-force",
                "withdrawal", "denunciation", "termination", "expiry", "supersession")


def action_segment(action: dict) -> str:
    """<kind>[-<party>]: an action's IRI segment (a party's accession: accession-china)."""
    return "-".join([action["kind"], *([action["party"]] if "party" in action else [])])


def same_action(a: dict, b: dict) -> bool:
    return a["kind"] == b["kind"] and a.get("party") == b.get("party") and \
        dates_overlap({"start": a["date"]}, {"start": b["date"]})


ACTION = Kind(
    "action", DK.TreatyAction, label="action", shape_prefix="Action", common=False,
    item_segment=action_segment, same=same_action, identity="kind, party and date",
    fields=(
        ITEM_ID,
        concept("kind", DK.actionKind, "action-kind", ACTION_KINDS, required=True,
                message="an action needs exactly one kind from the action-kind list",
                fix="set `kind:` to one of " + ", ".join(ACTION_KINDS)),
        date("date", DK.actionDate, required=True, bounds=(DK.actionEarliest, DK.actionLatest),
             description="When it happened: for an instrument, the day it was deposited; for "
             "entry into force, the day the agreement binds the party (a declaration of "
             "continued application may take effect before its own date).",
             message="an action needs exactly one date of year, month or day precision",
             fix=DATE_SHAPE_FIX),
        ref("party", DK.actionParty, "state", "organisation",
            description="The state or organisation whose step it is; none for a step of the "
            "agreement as a whole (its entry into force, its termination).",
            message="an action is of at most one party, a state or an organisation",
            fix="set `party:` to the id of a state or an organisation"),
        ITEM_EVIDENCE,
        NOTE,
    ),
)


def clause_segment(clause: dict) -> str:
    return slug(clause["topic"]) or short_hash(clause["topic"])


def same_clause(a: dict, b: dict) -> bool:
    return normalise_name(a["topic"]) == normalise_name(b["topic"])


CLAUSE = Kind(
    "clause", DK.Clause, label="clause", shape_prefix="Clause", common=False,
    item_segment=clause_segment, same=same_clause, identity="topic",
    fields=(
        ITEM_ID,
        text("topic", DK.clauseTopic, required=True,
             description="What the clause is about, e.g. mutual military defence assistance.",
             message="a clause needs exactly one topic",
             fix="set `topic:`, e.g. mutual military defence assistance"),
        boolean("included", DK.included, required=True,
                description="Whether the agreement contains such a clause.",
                message="a clause needs exactly one `included` value, true or false",
                fix="write `included: true` or `included: false`"),
        ITEM_EVIDENCE,
    ),
)

AGREEMENT = Kind(
    "agreement", DK.Agreement, section="agreements", example="ussr-north-korea-1961-treaty",
    label="agreement", shape_prefix="Agreement", same=same_agreement,
    candidates=agreement_key, nearly_same=near_agreement, near_why=near_agreement_why,
    identity="parties and kind",
    fields=(
        *COMMON,
        concept("kind", DK.agreementKind, "agreement-kind", AGREEMENT_KINDS, required=True,
                broader=AGREEMENT_KIND_BROADER,
                message="an agreement needs exactly one kind from the agreement-kind list",
                fix="set `kind:` to one of " + ", ".join(AGREEMENT_KINDS)),
        label("title", description="The agreement's title, or a description where it has "
              "none."),
        aliases(description="Other titles and names, e.g. a short form such as Berne."),
        refs("parties", DK.party, "state", "organisation",
             description="States and organisations party to it.",
             message="every party to an agreement must be a state or an organisation",
             fix="list ids of states or organisations under `parties:`; persons who signed "
             "go under `signatories:`"),
        refs("signatories", DK.signatory, "person", description="Persons who signed it.",
             message="every signatory must be a person",
             fix="list ids of persons under `signatories:`; states go under `parties:`"),
        date("signed", DK.signingDate, bounds=(DK.signingEarliest, DK.signingLatest),
             message="signed must be one date of year, month or day precision",
             fix=DATE_SHAPE_FIX),
        date("expected", DK.expectedSigningDate,
             description="When signing is expected, for an expected agreement.",
             message="expected must be one date of year, month or day precision",
             fix=DATE_SHAPE_FIX),
        ref("signed_during", DK.signedDuring, "visit",
            description="The visit during which it was signed (for an expected agreement: "
            "is to be signed).",
            message="an agreement is signed during at most one visit",
            fix="set `signed_during:` to the id of a visit"),
        entry("signing_event", DK.signedAtEvent, "signed_during", "events",
              description="The event of that visit at which it was signed: its id, e.g. "
              "signing-ceremony.",
              message="an agreement is signed at most at one event of its visit",
              fix="set `signing_event:` to the id of an event of the visit in "
              "`signed_during:`"),
        ref("signed_at", DK.signedAt, "place", description="The place where it was signed.",
            message="an agreement is signed at most at one place, and it must be a place",
            fix="set `signed_at:` to the id of an entry under `places:`"),
        concept("status", DK.agreementStatus, "agreement-status", AGREEMENT_STATUSES,
                required=True, stages=AGREEMENT_STAGES,
                message="an agreement needs exactly one status from the agreement-status list",
                fix="set `status:` to one of " + ", ".join(AGREEMENT_STATUSES)),
        refs("supersedes", DK.supersedes, "agreement", order="supersedes",
             description="Agreements this one replaces, or will replace.",
             message="an agreement can only supersede another agreement",
             fix="list ids of agreements under `supersedes:`"),
        nested("actions", DK.action, "action",
               description="What happened to it, dated: signatures, ratifications, "
               "accessions, entry into force, withdrawals, termination ...; the status on a "
               "day follows from them.",
               message="an action of an agreement must be a treaty action",
               fix="list actions under `actions:` with `kind:` and `date:`"),
        nested("clauses", DK.clause, "clause", message="a clause must be a clause",
               fix="list clauses under `clauses:` with `topic:` and `included:`"),
    ),
)
