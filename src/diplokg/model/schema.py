"""The JSON Schema of fact files, generated from the kind definitions.

The committed ``facts.schema.json`` is this function's output; a test fails when
they differ, and ``diplokg schema`` prints the committed file.
"""

from __future__ import annotations

import json
from typing import Any

from diplokg.model import times
from diplokg.model.fields import (
    BOOLEAN,
    CONCEPT,
    DATE,
    DURATION,
    ENTRY,
    IRI,
    MOMENT,
    NESTED,
    REF,
    RELATION,
    TEXT,
    WIKIDATA,
    Field,
)
from diplokg.model.kind import Kind
from diplokg.model.kinds.common import COMMON
from diplokg.model.registry import KINDS, all_kinds

SCHEMA_ID = "https://w3id.org/diplokg/schema/facts-1.json"

# Definitions every kind refers to.
SHARED = {
    "id": {
        "type": "string",
        "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
        "x-hint": "an id is lower-case letters and digits joined by single hyphens, "
                  "e.g. vladimir-putin",
        "description": "Identifier of a fact, unique across all fact files; other facts refer "
                       "to it and its IRI is built from it.",
    },
    "ref": {
        "type": "string",
        "minLength": 1,
        "x-hint": "a reference is the id of another fact (e.g. north-korea), or a name or "
                  "alias of a person, state or place",
        "description": "The id of another fact; for a person, state or place also one of its "
                       "names or aliases (compared without case, accents or punctuation).",
    },
    "refs": {"type": "array", "items": {"$ref": "#/$defs/ref"}, "uniqueItems": True},
    "date": {
        "description": "A date of year, month or day precision: 2000, 2000-06 or 2000-06-19.",
        "x-hint": "write a date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2000, 2000-06 or "
                  "2000-06-19",
        "anyOf": [
            {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
            {"type": "integer", "minimum": 1, "maximum": 9999},
        ],
    },
    "evidence": {
        "type": "array",
        "minItems": 1,
        "items": {"type": "string", "minLength": 1},
        "x-hint": "give at least one verbatim quote from the source that states this fact",
        "description": "Verbatim quotes from the source that state this fact. White space and "
                       "typographic quote marks are normalised when quotes are checked against "
                       "the source text.",
    },
    "names": {"type": "array", "items": {"type": "string", "minLength": 1},
              "uniqueItems": True},
    "wikidata": {"type": "string", "pattern": "^Q[1-9][0-9]*$",
                 "x-hint": "a Wikidata id is Q followed by digits, e.g. Q7747"},
    "note": {"type": "string",
             "description": "A remark by whoever extracted the fact, e.g. how a date was "
                            "derived."},
}


def _base(f: Field) -> dict[str, Any]:
    """The schema of a field's value, before its description and hint."""
    if "$ref" in f.schema:
        return {}
    if f.type == REF:
        return {"$ref": "#/$defs/refs" if f.many else "#/$defs/ref"}
    if f.type == ENTRY:
        return {"$ref": "#/$defs/id"}
    if f.type == MOMENT:
        return {"type": "string", "pattern": times.PATTERN}
    if f.type == TEXT and f.many:
        return {"$ref": "#/$defs/names"}
    if f.type in (TEXT, IRI, DURATION):
        return {"type": "string"} if "pattern" in f.schema or f.type == DURATION else \
            {"type": "string", "minLength": 1}
    if f.type == DATE:
        return {"$ref": "#/$defs/date"}
    if f.type in (CONCEPT, RELATION):
        return {"enum": list(f.values)}
    if f.type == BOOLEAN:
        return {"type": "boolean"}
    if f.type == WIKIDATA:
        return {"$ref": "#/$defs/wikidata"}
    if f.type == NESTED:
        return {"type": "array", "items": {"$ref": f"#/$defs/{f.item}"}}
    raise ValueError(f"no schema for field {f.name} of type {f.type}")


def field_schema(f: Field) -> dict[str, Any]:
    found = {**_base(f), **f.schema}
    if f.hint:
        found["x-hint"] = f.hint
    if f.description:
        found["description"] = f.description
    return found


def _properties(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {f.name: field_schema(f) for f in fields if f.written}


def kind_schema(kind: Kind) -> dict[str, Any]:
    own = tuple(f for f in kind.fields if f not in COMMON) if kind.common else kind.fields
    required = [f.name for f in own if f.required and f.written]
    head: dict[str, Any] = {"type": "object"}
    if kind.common:
        head |= {"$ref": "#/$defs/common", "unevaluatedProperties": False}
    else:
        head["additionalProperties"] = False
    return {**head, "required": required, "properties": _properties(own)}


def schema() -> dict[str, Any]:
    common = {"description": "Keys every fact has.",
              "required": [f.name for f in COMMON if f.required],
              "properties": _properties(COMMON)}
    definitions: dict[str, Any] = dict(SHARED)
    for kind in all_kinds():
        definitions[kind.name] = kind_schema(kind)
        if kind.name == "source":  # the common keys follow the one kind without them
            definitions["common"] = common
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "diplokg fact file",
        "description": "Facts about state visits, leaders, states, places, treaties and "
                       "agreements, each tied to its source article and verbatim evidence "
                       "quotes. Format version 1.",
        "type": "object",
        "additionalProperties": False,
        "required": ["diplokg"],
        "properties": {
            "$schema": {"type": "string", "description": "Where an editor finds this schema."},
            "diplokg": {"const": 1,
                        "description": "Format version of the fact file. Only 1 exists."},
            **{k.section: {"type": "array", "items": {"$ref": f"#/$defs/{k.name}"}}
               for k in KINDS.values()},
        },
        "$defs": definitions,
    }


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
