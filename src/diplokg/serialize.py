"""Deterministic Turtle and N-Triples, written atomically.

The same triples always give the same bytes: fixed prefixes, subjects and
objects sorted, rdf:type first.  diplokg graphs have no blank nodes, so no
labels can drift between runs.  Writing goes to a temporary file beside the
target that is renamed into place, so a failed build never leaves half a file.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef

from .errors import DiplokgError
from .namespaces import PREFIXES, RDF, XSD

FORMATS = {"turtle": ".ttl", "nt": ".nt"}
_LOCAL_NAME = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
            "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')


class SerializationError(DiplokgError):
    """A term cannot be written in the chosen format."""


def data_prefixes(base: str) -> dict[str, str]:
    """Prefixes for the IRIs diplokg mints: person: <base/person/> and so on."""
    return {kind: f"{base}{kind}/" for kind in
            ("agreement", "person", "place", "source", "state", "visit")}


def _escape(text: str) -> str:
    return _NEEDS_ESCAPE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text)


def _iri(iri: str) -> str:
    if _IRI_FORBIDDEN.search(iri):
        raise SerializationError(f"cannot write IRI <{iri}>: it contains a character IRIs forbid")
    return f"<{iri}>"


class _Terms:
    """Writes terms, shortening IRIs with the longest prefix that gives a valid local name."""

    def __init__(self, prefixes: dict[str, str]):
        self.prefixes = sorted(prefixes.items(), key=lambda item: -len(item[1]))

    def iri(self, iri: str) -> str:
        for name, namespace in self.prefixes:
            if iri.startswith(namespace) and _LOCAL_NAME.fullmatch(iri[len(namespace):]):
                return f"{name}:{iri[len(namespace):]}"
        return _iri(iri)

    def term(self, term) -> str:
        if isinstance(term, URIRef):
            return self.iri(str(term))
        if isinstance(term, Literal):
            text = f'"{_escape(str(term))}"'
            if term.language:
                return f"{text}@{term.language}"
            if term.datatype and term.datatype != XSD.string:
                return f"{text}^^{self.iri(str(term.datatype))}"
            return text
        raise SerializationError(f"cannot write {term!r}: diplokg output has no blank nodes")


def _sort_key(term) -> tuple:
    kind = 0 if isinstance(term, URIRef) else 1 if isinstance(term, BNode) else 2
    if isinstance(term, Literal):
        return (kind, str(term), str(term.datatype or ""), term.language or "")
    return (kind, str(term), "", "")


def turtle_lines(graph: Graph, prefixes: dict[str, str]) -> Iterator[str]:
    terms = _Terms(prefixes)
    for name, namespace in sorted(prefixes.items()):
        yield f"@prefix {name}: {_iri(namespace)} ."
    for subject in sorted(set(graph.subjects()), key=_sort_key):
        yield ""
        predicates = sorted(set(graph.predicates(subject)),
                            key=lambda p: (p != RDF.type, _sort_key(p)))
        for index, predicate in enumerate(predicates):
            objects = sorted(graph.objects(subject, predicate), key=_sort_key)
            verb = "a" if predicate == RDF.type else terms.term(predicate)
            objects_text = " , ".join(terms.term(o) for o in objects)
            head = terms.term(subject) if index == 0 else "   "
            end = " ." if index == len(predicates) - 1 else " ;"
            yield f"{head} {verb} {objects_text}{end}"


def ntriples_lines(graph: Graph) -> Iterator[str]:
    plain = _Terms({})
    lines = (f"{plain.term(s)} {plain.term(p)} {plain.term(o)} ." for s, p, o in graph)
    yield from sorted(lines)


def serialize(graph: Graph, fmt: str, base: str) -> Iterator[str]:
    if fmt == "turtle":
        return turtle_lines(graph, {**PREFIXES, **data_prefixes(base)})
    if fmt == "nt":
        return ntriples_lines(graph)
    raise SerializationError(f"unknown format '{fmt}'; choose one of {', '.join(FORMATS)}")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, lines: Iterable[str]) -> None:
    """Write lines to ``path`` through a temporary file, so it is whole or untouched."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            for line in lines:
                out.write(line)
                out.write("\n")
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
