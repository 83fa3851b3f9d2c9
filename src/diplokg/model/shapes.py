"""The per-field SHACL shapes, generated from the kind definitions.

Each field with a message gets a property shape <Kind>-<field> (or the shared
shape it names, such as Fact-start), and each kind whose entries are nodes a
node shape <Class>_Shape listing them.  What a rule says follows from the field:
a required field has sh:minCount 1, a single one sh:maxCount 1, a reference the
class of the kinds it may name, a date one of the three date datatypes, a
controlled value the list of its concepts.  Rules across fields (an end before a
start, a visit following a later one) are hand-written in shapes/diplokg.shapes.ttl;
the two files together are the project's violation shapes.
"""

from __future__ import annotations

import json

from rdflib import URIRef

from diplokg.model.fields import (
    BOOLEAN,
    CONCEPT,
    DATE,
    DURATION,
    EACH,
    ENTRY,
    EVIDENCE,
    IRI,
    MOMENT,
    NESTED,
    PER_DECLARATION,
    REF,
    RELATION,
    TEXT,
    WIKIDATA,
    Field,
)
from diplokg.model.kind import Kind
from diplokg.model.kinds.common import SHARED_SHAPES
from diplokg.model.registry import NESTED_KINDS, all_kinds, concept_iri, kind, project_prefixes
from diplokg.namespaces import DKSH

FILE_NAME = "diplokg-fields.shapes.ttl"
HEADER = """\
# diplokg field shapes: one rule per field of a fact (severity sh:Violation).
# Generated from the kind definitions (src/diplokg/model/kinds/) by
# `python -m diplokg.model.generate`: edit those, not this file.  Rules across
# fields are hand-written in diplokg.shapes.ttl.
"""
_DATES = "( [ sh:datatype xsd:date ] [ sh:datatype xsd:gYearMonth ] [ sh:datatype xsd:gYear ] )"
_WIKIDATA_IRI = "^http://www\\\\.wikidata\\\\.org/entity/Q[1-9][0-9]*$"


class _Terms:
    def __init__(self) -> None:
        self.prefixes = {**project_prefixes(), "dksh": str(DKSH),
                         "sh": "http://www.w3.org/ns/shacl#"}

    def __call__(self, iri: URIRef) -> str:
        for name, namespace in sorted(self.prefixes.items(), key=lambda p: -len(p[1])):
            if str(iri).startswith(namespace):
                return f"{name}:{str(iri)[len(namespace):]}"
        return f"<{iri}>"


def _literal(text: str) -> str:
    return json.dumps(text, ensure_ascii=False) + "@en"


def shape_name(owner: Kind | None, f: Field) -> str:
    return f.shape or f"{owner.shape_prefix}-{f.name.replace('_', '-')}"


def _value_rules(f: Field, term: _Terms) -> list[str]:
    """The constraints on a field's values, after its path and cardinality."""
    if f.type == REF:
        classes = [term(kind(k).cls) for k in f.refs]
        if len(classes) == 1:
            return [f"sh:class {classes[0]}"]
        return ["sh:or ( " + " ".join(f"[ sh:class {c} ]" for c in classes) + " )"]
    if f.type == ENTRY:
        via, nested_field = f.entry_of
        owner = next(i for i in all_kinds() if f in i.fields)
        target = kind(owner.field(via).refs[0]).field(nested_field)
        return [f"sh:class {term(NESTED_KINDS[target.item].cls)}"]
    if f.type == MOMENT:
        return ["sh:datatype xsd:dateTime"]
    if f.type == TEXT:
        rule = f'sh:pattern {json.dumps(f.schema["pattern"])}' if "pattern" in f.schema \
            else "sh:minLength 1"
        return ["sh:datatype xsd:string", rule]
    if f.type == DATE:
        return [f"sh:or {_DATES}"]
    if f.type == CONCEPT:
        values = " ".join(term(concept_iri(f.scheme, v)) for v in f.values)
        return [f"sh:in ( {values} )"]
    if f.type == BOOLEAN:
        return ["sh:datatype xsd:boolean"]
    if f.type == DURATION:
        return ["sh:datatype xsd:duration"]
    if f.type == IRI:
        return ["sh:nodeKind sh:IRI"]
    if f.type == WIKIDATA:
        return ["sh:nodeKind sh:IRI", f'sh:pattern "{_WIKIDATA_IRI}"']
    if f.type == EVIDENCE:
        return ["sh:class dk:Evidence"]
    if f.type == NESTED:
        item = NESTED_KINDS[f.item]
        if item.item_segment is None:  # links such as relatives: the class of their target
            target = next(i for i in item.fields if i.type == REF)
            return [f"sh:class {term(kind(target.refs[0]).cls)}"]
        return [f"sh:class {term(item.cls)}"]
    raise ValueError(f"no shape for field {f.name} of type {f.type}")


def _path(f: Field, term: _Terms) -> str:
    item = NESTED_KINDS.get(f.item) if f.type == NESTED else None
    if item is not None and item.item_segment is None:
        relation = next(i for i in item.fields if i.type == RELATION)
        props = " ".join(term(p) for p in relation.relation_props)
        return f"[ sh:alternativePath ( {props} ) ]"
    return term(f.prop)


def property_shape(owner: Kind | None, f: Field, term: _Terms) -> list[str]:
    rules = [f"{term(DKSH[shape_name(owner, f)])} a sh:PropertyShape",
             f"sh:path {_path(f, term)}", f"sh:name {json.dumps(f.name)}"]
    if f.required:
        rules.append("sh:minCount 1")
    if not f.many and f.combination not in (PER_DECLARATION, EACH):
        rules.append("sh:maxCount 1")
    rules += _value_rules(f, term)
    rules += [f"sh:message {_literal(f.message)}", f"sh:description {_literal(f.fix)}"]
    return [rules[0] + " ;", *(f"    {r} ;" for r in rules[1:-1]), f"    {rules[-1]} ."]


def node_kinds() -> list[Kind]:
    """Kinds whose facts or entries are nodes of their own (not links such as relatives)."""
    return [k for k in all_kinds() if not (k.nested and k.item_segment is None)]


def shapes_text() -> str:
    term = _Terms()
    used = {"dk", "dksh", "rdfs", "sh", "xsd"} | {s.replace("-", "") for k in all_kinds()
                                                  for f in k.fields if f.type == CONCEPT
                                                  for s in [f.scheme]}
    lines = [HEADER]
    for name, namespace in term.prefixes.items():
        if name in used:
            lines.append(f"@prefix {name}: <{namespace}> .")
    shared = {f.shape: f for f in SHARED_SHAPES}
    lines += ["", "## Shared by every fact"]
    for f in SHARED_SHAPES:
        lines += ["", *property_shape(None, f, term)]
    for k in node_kinds():
        checked = [f for f in k.fields if f.message]
        names = [shape_name(k, f) for f in checked]
        lines += ["", f"## {k.label.capitalize()}", "",
                  f"{term(DKSH[k.cls.split('#')[-1] + '_Shape'])} a sh:NodeShape ;",
                  f"    rdfs:label {_literal(k.label)} ;",
                  f"    sh:targetClass {term(k.cls)} ;",
                  "    sh:property " + " ,\n        ".join(term(DKSH[n]) for n in names) + " ."]
        for f in checked:
            if f.shape and f.shape not in shared:
                raise ValueError(f"{k.name}.{f.name}: no shared shape {f.shape}")
            if not f.shape:
                lines += ["", *property_shape(k, f, term)]
    return "\n".join(lines) + "\n"

