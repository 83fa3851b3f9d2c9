"""A kind of fact: its section in fact files, its class, its IRI segment and its fields."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rdflib import URIRef

from diplokg.model.fields import Field


@dataclass(frozen=True)
class Kind:
    """A kind of fact (a visit), or of entry nested in facts (an event of a visit).

    ``name`` is also the IRI segment: <base>visit/<id> for a fact, and
    <fact IRI>/event/<segment> for a nested entry, where ``item_segment`` makes the
    segment from the entry's content.  ``same`` and ``candidates`` recognise two
    declarations with different ids as one thing (see diplokg.merge).
    """

    name: str
    cls: URIRef
    fields: tuple[Field, ...]
    section: str = ""  # the top-level list in fact files; "" for a nested definition
    example: str = ""  # an example id, for help texts
    named: bool = False  # may be referred to by a name or alias, not only by id
    common: bool = True  # takes the keys every fact has (id, source, evidence ...)
    label: str = ""  # what people call it, e.g. "office"
    shape_prefix: str = ""  # prefix of its generated shapes' names, e.g. "Office"
    item_segment: Callable[[dict], str] | None = None
    same: Callable[[dict, dict], bool] | None = None
    candidates: Callable[[dict], tuple] | None = None  # only declarations with one key compare
    # two declarations that are probably one thing but not recognised as one: a warning
    # until a person says `same_as` or `distinct_from`
    nearly_same: Callable[[dict, dict], bool] | None = None
    near_why: Callable[[dict, dict], str] | None = None  # why they look alike, in words
    identity: str = ""  # what ``candidates`` compares, in words ("visitors and destination")

    @property
    def nested(self) -> bool:
        return not self.section

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)
