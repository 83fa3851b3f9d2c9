"""RDF files made elsewhere, read without reaching out: no network, no other files.

Both parsers diplokg uses would reach out if let: rdflib fetches a JSON-LD
``@context`` named by URL (over HTTP, or ``file:`` and relative paths from the disk),
and both rdflib and pyoxigraph expand the entities an RDF/XML DOCTYPE declares (a few
lines can expand to gigabytes; rdflib hangs and pyoxigraph fills memory).  So, before
any parser sees a file:

* JSON-LD keeps its inline contexts; the project's own published context
  (CONTEXT_URL) is replaced by the copy shipped in the package; any other context
  named by URL or path, or ``@import``-ed, is refused.
* RDF/XML whose DOCTYPE declares an entity, or names an external DTD, is refused
  (its prolog is read with expat, which neither expands nor fetches anything).
"""

from __future__ import annotations

import json
import xml.parsers.expat
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from diplokg.errors import DiplokgError, UnreadableInput
from diplokg.rdf.serialize import CONTEXT_FILE, CONTEXT_URL
from diplokg.safetext import one_line, printable

# The suffixes of the RDF files diplokg reads (in any case), each with its pyoxigraph
# format and rdflib format name; .json is a fact file, .jsonld and .json-ld are RDF.
RDF_SUFFIXES = {
    ".ttl": (ox.RdfFormat.TURTLE, "turtle"), ".nt": (ox.RdfFormat.N_TRIPLES, "nt"),
    ".nq": (ox.RdfFormat.N_QUADS, "nquads"), ".trig": (ox.RdfFormat.TRIG, "trig"),
    ".jsonld": (ox.RdfFormat.JSON_LD, "json-ld"), ".json-ld": (ox.RdfFormat.JSON_LD, "json-ld"),
    ".rdf": (ox.RdfFormat.RDF_XML, "xml"), ".owl": (ox.RdfFormat.RDF_XML, "xml"),
    ".n3": (ox.RdfFormat.N3, "n3"),
}


def is_rdf(path: Path) -> bool:
    """Whether ``path`` is an RDF file by its suffix (not a fact file or a folder)."""
    return path.is_file() and path.suffix.lower() in RDF_SUFFIXES


def _formats(path: Path) -> tuple[ox.RdfFormat, str]:
    return RDF_SUFFIXES.get(path.suffix.lower(), (ox.RdfFormat.TURTLE, "turtle"))


def ox_format(path: Path) -> ox.RdfFormat:
    """pyoxigraph's format for the file, by its suffix (Turtle if it has none of ours)."""
    return _formats(path)[0]


def _unreadable(path: Path, error: BaseException) -> UnreadableInput:
    if isinstance(error, FileNotFoundError):
        return UnreadableInput(f"{printable(path)}: no such file")
    if isinstance(error, OSError):
        return UnreadableInput(f"{printable(path)}: cannot read: "
                               f"{printable(error.strerror or error)}")
    if isinstance(error, RecursionError):
        return UnreadableInput(f"{printable(path)}: not valid RDF: nested too deeply")
    return UnreadableInput(f"{printable(path)}: not valid RDF: {one_line(error)}")


# -- JSON-LD contexts ----------------------------------------------------------------------

@cache
def _project_context() -> str:
    return CONTEXT_FILE.read_text(encoding="utf-8")


def _ours() -> dict:
    """A fresh copy of the published context's definitions."""
    return json.loads(_project_context())["@context"]


def _context(value, path: Path):
    """A context value with the project's context inlined; other references refused."""
    if isinstance(value, list):
        return [_context(item, path) for item in value]
    if isinstance(value, str):
        _check_reference(value, path, "@context")
        return _ours()
    if isinstance(value, dict) and "@import" in value:
        _check_reference(value["@import"], path, "@import")
        return {**_ours(), **{k: v for k, v in value.items() if k != "@import"}}
    return value


def _check_reference(reference, path: Path, key: str) -> None:
    if reference != CONTEXT_URL:
        raise UnreadableInput(
            f"{printable(path)}: {key} {printable(json.dumps(reference))[:200]} is not fetched: "
            f"diplokg reads no contexts from the network or other files; put the context "
            f"inline, or use the project's own ({CONTEXT_URL})")


def inline_contexts(path: Path) -> bytes:
    """The JSON-LD document at ``path`` with every context inline (see the module)."""
    try:
        document = json.loads(Path(path).read_bytes())
        stack = [document]
        while stack:  # no recursion: the document may be nested deeply
            node = stack.pop()
            if isinstance(node, dict):
                if "@context" in node:
                    node["@context"] = _context(node["@context"], path)
                # A JSON literal's value is data, not JSON-LD.
                stack.extend(v for k, v in node.items() if k != "@value")
            elif isinstance(node, list):
                stack.extend(node)
        return json.dumps(document).encode("ascii")
    except DiplokgError:
        raise
    except (OSError, ValueError, RecursionError) as error:
        raise _unreadable(path, error) from None


# -- RDF/XML entities ----------------------------------------------------------------------

class _Prolog(Exception):
    """Raised from expat's handlers: ``refusal`` says why, or None once the root starts."""

    def __init__(self, refusal: str | None = None):
        super().__init__(refusal)
        self.refusal = refusal


def _doctype(name, system_id, public_id, has_internal_subset) -> None:
    if system_id or public_id:
        raise _Prolog(f"names an external DTD ({system_id or public_id})")


def _entity(name, is_parameter_entity, *rest) -> None:
    raise _Prolog(f"declares the entity {'%' if is_parameter_entity else ''}{name}")


def _root(name, attributes) -> None:
    raise _Prolog()


def refuse_entities(path: Path) -> None:
    """Refuse RDF/XML whose DOCTYPE declares entities or names an external DTD; only
    the prolog (up to the root element) is read."""
    parser = xml.parsers.expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _doctype
    parser.EntityDeclHandler = _entity
    parser.StartElementHandler = _root
    try:
        with Path(path).open("rb") as file:
            parser.ParseFile(file)
    except _Prolog as found:
        if found.refusal:
            raise UnreadableInput(
                f"{printable(path)}: RDF/XML whose DOCTYPE {printable(found.refusal)} is "
                "refused: entities can expand without bound or read other files; write "
                "their values out in full") from None
    except (OSError, xml.parsers.expat.ExpatError) as error:
        raise _unreadable(path, error) from None


# -- parsing ---------------------------------------------------------------------------------

def ox_source(path: Path) -> dict:
    """Keyword arguments for pyoxigraph's ``parse``, ``Store.load`` and ``bulk_load``
    that read ``path`` safely: its path, or its JSON-LD with the contexts inline."""
    path = Path(path)
    fmt = ox_format(path)
    if fmt == ox.RdfFormat.JSON_LD:
        return {"input": inline_contexts(path), "format": fmt}
    if fmt == ox.RdfFormat.RDF_XML:
        refuse_entities(path)
    return {"path": str(path), "format": fmt}


def rdflib_graph(path: Path) -> Graph:
    """The file parsed by rdflib (for pyshacl), safely; UnreadableInput if it cannot be."""
    path, graph = Path(path), Graph()
    fmt = _formats(path)[1]
    try:
        if fmt == "json-ld":
            graph.parse(data=inline_contexts(path), format=fmt,
                        publicID=path.absolute().as_uri())
        else:
            if fmt == "xml":
                refuse_entities(path)
            graph.parse(path, format=fmt)
    except DiplokgError:
        raise
    except Exception as error:  # rdflib's parsers raise many kinds of errors
        raise _unreadable(path, error) from None
    return graph
