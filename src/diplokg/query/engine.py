"""SPARQL over the graph: bundled named queries, parameters bound as RDF terms, and one
result shape whether the query ran in-process on Oxigraph or on a SPARQL endpoint.

A query file (``queries/NAME.rq``, or any .rq file) opens with a comment header::

    # Title on the first line
    # What the query answers, on as many lines as it takes.
    # param: leader person the visiting leader, e.g. vladimir-putin

A parameter is never pasted into the query text.  It is turned into an RDF term by
its type (a date becomes an ``xsd:date`` literal ...; an id, IRI, name or alias of a
person becomes the person's IRI, looked up in the data first: diplokg.query.lookup),
written in N-Triples syntax (literals escaped, IRIs checked) and bound by a VALUES
block that opens the query's outermost group.  That binds the variable for the whole
WHERE clause except inside sub-SELECTs, and works the same on every SPARQL 1.1
engine, so in-process and endpoint results agree by construction.  (pyoxigraph's own
``substitutions`` would bind too, but only variables the SELECT clause names, and its
planner does not use them: on a million triples a bound query took 0.6 s with them
and 2 ms with VALUES.)

In-process, the default graph is the union of all graphs, so bundled queries also
work on graphs loaded one per source.  Results can stream: rows are read from the
engine, or parsed from an endpoint's answer (by pyoxigraph, whatever it sends), as
they are written out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef

from diplokg.errors import DiplokgError, QueryError, SerializationError, StoreError
from diplokg.model import registry
from diplokg.model.dates import PartialDate
from diplokg.model.registry import prefixes
from diplokg.names import normalise_name
from diplokg.namespaces import DEFAULT_BASE, XSD
from diplokg.query import lookup, remote
from diplokg.query.lookup import Reference
from diplokg.query.store import Node, from_ox
from diplokg.rdf.serialize import Terms
from diplokg.safetext import printable

QUERIES = Path(__file__).with_name("queries")


def node_kinds() -> list[str]:
    """Kinds a parameter may name a fact of: facts first, their sources last."""
    kinds = list(registry.KINDS.values())
    return [k.name for k in kinds if k.common] + [k.name for k in kinds if not k.common]


def param_types() -> dict[str, str]:
    """What a parameter of each kind takes, for help texts and errors."""
    return {
        **{name: f"the id of a {name} (e.g. {registry.KINDS[name].example}), its IRI, "
                 "or its name or an alias" for name in node_kinds()},
        "date": "a date YYYY-MM-DD, or YYYY or YYYY-MM for its first day (an xsd:date)",
        "year": "a year YYYY (an xsd:integer, comparable with YEAR(?date))",
        "string": "any text (a plain string literal)",
        "iri": "a full IRI, or a prefixed name such as visit:putin-2024-north-korea",
    }


FORMS = ("select", "construct", "describe", "ask")
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]*")
_HEADER_PARAM = re.compile(r"param:\s*(\S+)\s+(\S+)\s*(.*)")


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # what the value is: a kind of fact ("person"), or date, year, string, iri
    description: str = ""
    optional: bool = False  # declared as `date?`: left out, its variable stays unbound


@dataclass(frozen=True)
class Query:
    """A SPARQL query and what its header declares."""

    text: str
    name: str = "inline query"
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()

    def signature(self) -> str:
        return ", ".join(f"{p.name} ({p.type}{', optional' if p.optional else ''})"
                         for p in self.params) or "none"


@dataclass
class Results:
    """What a query gave: rows of terms (SELECT), a boolean (ASK) or triples (CONSTRUCT,
    DESCRIBE).  Terms are rdflib terms; None is an unbound cell.  Rows and triples are
    lists, or iterators read as the query runs (``run(..., stream=True)``)."""

    variables: list[str] = field(default_factory=list)
    rows: Iterable[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: Iterable[tuple[Node, Node, Node]] | None = None

    def fetched(self) -> Results:
        """These results with every row and triple read into a list."""
        return Results(self.variables, list(self.rows), self.boolean,
                       None if self.triples is None else list(self.triples))

    @property
    def form(self) -> str:
        """select (rows), ask (a boolean) or graph (CONSTRUCT and DESCRIBE: triples)."""
        if self.triples is not None:
            return "graph"
        return "ask" if self.boolean is not None else "select"


# -- query files --------------------------------------------------------------------------

def parse(text: str, name: str = "inline query") -> Query:
    """A query and its comment header (title, description, ``# param:`` lines)."""
    title, description, params = "", [], []
    for line in text.lstrip().splitlines():
        if not line.startswith("#"):
            break
        content = line[1:].strip()
        match = _HEADER_PARAM.fullmatch(content)
        if match:
            pname, ptype, about = match.groups()
            optional = ptype.endswith("?")
            ptype = ptype.removesuffix("?")
            if not _VARIABLE.fullmatch(pname) or ptype not in param_types():
                raise QueryError(f"{name}: bad parameter line {line!r}: write "
                                 f"`# param: NAME KIND description` with KIND one of "
                                 f"{', '.join(param_types())} (KIND? if it may be left out)")
            params.append(Param(pname, ptype, about, optional))
        elif content and not title:
            title = content
        elif content:
            description.append(content)
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise QueryError(f"{name}: a parameter is declared twice ({', '.join(names)})")
    return Query(text, name, title, " ".join(description), tuple(params))


def bundled() -> dict[str, Query]:
    """The named queries shipped in the package, by name."""
    return {path.stem: parse(path.read_text(encoding="utf-8"), path.stem)
            for path in sorted(QUERIES.glob("*.rq"))}


def named(name: str) -> Query:
    queries = bundled()
    if name not in queries:
        raise QueryError(f"no bundled query named {name!r}; the bundled queries are: "
                         f"{', '.join(queries)} (see `diplokg query --list`)")
    return queries[name]


def from_file(path: Path) -> Query:
    try:
        return parse(Path(path).read_text(encoding="utf-8"), str(path))
    except FileNotFoundError:
        raise QueryError(f"{path}: no such query file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise QueryError(f"{path}: cannot read the query: {error}") from None


def looks_like_name(text: str) -> bool:
    """A bundled query's name, as opposed to a file path or SPARQL text."""
    return bool(_NAME.fullmatch(text))


# -- parameters ---------------------------------------------------------------------------

def prefixes_for(base: str = DEFAULT_BASE) -> dict[str, str]:
    return prefixes(base)


def parse_assignments(items: list[str]) -> dict[str, str]:
    """``["leader=vladimir-putin", ...]`` -> ``{"leader": "vladimir-putin"}``."""
    values: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise QueryError(f"--param {item!r}: write NAME=VALUE, e.g. leader=vladimir-putin")
        if key in values:
            raise QueryError(f"--param {key} is given twice")
        values[key] = value
    return values


def _iri(value: str, param: Param, query: Query, prefixes: dict[str, str]) -> URIRef:
    prefix, sep, local = value.partition(":")
    if sep and prefix in prefixes and not local.startswith("//"):
        value = prefixes[prefix] + local
    if not _ABSOLUTE_IRI.fullmatch(value):
        raise _bad(param, query, value)
    return URIRef(value)


def _bad(param: Param, query: Query, value: str) -> QueryError:
    return QueryError(f"{query.name}: parameter {param.name}={printable(repr(value))} is not "
                      f"{param_types()[param.type]}")


def term(param: Param, value: str, query: Query,
         base: str = DEFAULT_BASE) -> Node | Reference:
    """The RDF term a parameter value stands for, by the parameter's type; for a kind
    of fact, a Reference to look up in the data (see diplokg.query.lookup)."""
    if param.type in node_kinds():
        if _NAME.fullmatch(value):  # an id, or a name written like one
            return Reference(param.type, value, URIRef(f"{base}{param.type}/{value}"), True)
        if value.startswith((f"{param.type}:", "http://", "https://")):
            return Reference(param.type, value, _iri(value, param, query, prefixes_for(base)))
        if _ABSOLUTE_IRI.fullmatch(value) or not normalise_name(value):
            raise _bad(param, query, value)  # an IRI of another kind, or no name at all
        return Reference(param.type, value, None, True)
    if param.type == "date":
        try:
            return Literal(PartialDate.parse(value).earliest, datatype=XSD.date)
        except ValueError:
            raise _bad(param, query, value) from None
    if param.type == "year":
        if not re.fullmatch(r"-?\d{4}", value):
            raise _bad(param, query, value)
        return Literal(str(int(value)), datatype=XSD.integer)
    if param.type == "string":
        return Literal(value)
    return _iri(value, param, query, prefixes_for(base))


def bind(query: Query, values: dict[str, str],
         base: str = DEFAULT_BASE) -> dict[str, Node | Reference]:
    """Check the values against the declared parameters and turn them into terms, or
    into References that ``run`` and ``run_endpoint`` look up in the data first."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    missing = [name for name, p in declared.items() if name not in values and not p.optional]
    if unknown or missing:
        problem = (f"has no parameter {', '.join(unknown)}" if unknown
                   else f"needs {' '.join(f'--param {m}=...' for m in missing)}")
        raise QueryError(f"{query.name} {problem}; its parameters: {query.signature()}")
    bound = {name: term(declared[name], value, query, base) for name, value in values.items()}
    # An IRI is looked up too: it must be in the data, and may name a merged-away fact.
    return {name: Reference("iri", values[name], value)
            if declared[name].type == "iri" else value for name, value in bound.items()}


# -- reading the query text just enough -----------------------------------------------------

_SKIP = re.compile(r'''
    (?P<comment>\#[^\n]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|'\'\'(?:[^'\\]|\\.|'(?!''))*'\'\'
               |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>[{}()*])
''', re.X | re.S)


def _tokens(text: str) -> list[tuple[int, str, str]]:
    """(position, group, text) of the tokens that matter; comments, strings, IRIs skipped."""
    found, position = [], 0
    while position < len(text):
        match = _SKIP.search(text, position)
        if not match:
            break
        group = match.lastgroup
        if group in ("var", "word", "punct"):
            found.append((match.start(), group, match.group()))
        position = match.end()
    return found


@dataclass(frozen=True)
class _Shape:
    form: str  # select, construct, describe or ask
    group: int | None  # where the outermost WHERE group opens (just after its "{")
    variables: frozenset[str]  # every variable the query mentions


def _shape(text: str) -> _Shape:
    tokens = _tokens(text)
    start = next((i for i, (_, group, value) in enumerate(tokens)
                  if group == "word" and value.lower() in FORMS), None)
    if start is None:
        raise QueryError("not a SPARQL query: it has no SELECT, CONSTRUCT, DESCRIBE or ASK")
    form = tokens[start][2].lower()
    rest = tokens[start + 1:]
    if form == "construct" and rest and rest[0][2] == "{":  # skip the template
        depth = 0
        for index, (_, _, value) in enumerate(rest):
            depth += {"{": 1, "}": -1}.get(value, 0)
            if depth == 0:
                rest = rest[index + 1:]
                break
    parens, group = 0, None
    for position, _, value in rest:  # the first "{" outside (...) in the SELECT clause
        parens += {"(": 1, ")": -1}.get(value, 0)
        if value == "{" and parens == 0:
            group = position + 1
            break
    variables = frozenset(value[1:] for _, group, value in tokens if group == "var")
    return _Shape(form, group, variables)


def with_prefixes(text: str, prefixes: dict[str, str]) -> str:
    """Declare the project prefixes the query uses but does not declare itself."""
    declared = set(re.findall(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", text))
    needed = [name for name in prefixes if name not in declared
              and re.search(rf"(?<![\w.:/-]){re.escape(name)}:", text)]
    return "".join(f"PREFIX {name}: <{prefixes[name]}>\n" for name in needed) + text


def prepare(query: Query, bindings: dict[str, Node],
            base: str = DEFAULT_BASE) -> tuple[str, _Shape]:
    """The query text with the project prefixes it needs, after checking that every
    parameter can be bound."""
    text = with_prefixes(query.text, prefixes_for(base))
    shape = _shape(text)
    unused = [name for name in bindings if name not in shape.variables]
    if unused:
        raise QueryError(f"{query.name}: parameter {unused[0]} is declared but the query "
                         f"never uses ?{unused[0]}")
    if bindings and shape.group is None:
        raise QueryError(f"{query.name}: a query with parameters needs a WHERE clause")
    return text, shape


def with_values(text: str, shape: _Shape, bindings: dict[str, Node]) -> str:
    """The query with a VALUES block, written from the terms, opening its WHERE group."""
    if not bindings:
        return text
    plain = Terms({})
    try:
        row = " ".join(plain.term(value) for value in bindings.values())
    except SerializationError as error:
        raise QueryError(str(error)) from None
    names = " ".join(f"?{name}" for name in bindings)
    block = f" VALUES ({names}) {{ ({row}) }}"
    return text[:shape.group] + block + text[shape.group:]


# -- running ------------------------------------------------------------------------------

# ASK answers: a QueryBoolean in pyoxigraph 0.5, a plain bool in older versions.
_BOOLEAN = tuple(t for t in (bool, getattr(ox, "QueryBoolean", None)) if t is not None)
# What pyoxigraph raises for bad queries, bad data and storage trouble.
_ENGINE_ERRORS = (SyntaxError, OSError, RuntimeError, ValueError, TypeError)
Failure = Callable[[Exception], DiplokgError]


def _each(items: Iterable, convert: Callable, failed: Failure, answer=None) -> Iterator:
    """``convert`` of each item as the engine or parser gives it, its errors turned
    into diplokg errors by ``failed``; ``answer`` (an HTTP answer) is closed at the end."""
    try:
        for item in items:
            yield convert(item)
    except _ENGINE_ERRORS as error:
        raise failed(error) from None
    finally:
        if answer is not None:
            answer.close()


def _solution(count: int) -> Callable:
    return lambda solution: tuple(from_ox(solution[i]) for i in range(count))


def _triple(triple) -> tuple[Node, Node, Node]:
    return from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)


def _results(answer, failed: Failure, closing=None) -> Results:
    """Results whose rows or triples are read lazily from a pyoxigraph answer."""
    if isinstance(answer, _BOOLEAN):
        if closing is not None:
            closing.close()
        return Results(boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        return Results(variables, _each(answer, _solution(len(variables)), failed, closing))
    return Results(triples=_each(answer, _triple, failed, closing))


def _engine_error(query: Query) -> Failure:
    def failed(error: Exception) -> DiplokgError:
        if isinstance(error, SyntaxError):
            return QueryError(f"{query.name}: not valid SPARQL: {printable(error)}")
        # RocksDB reports a damaged store as "Corruption: ..." (a RuntimeError).
        if isinstance(error, OSError) or str(error).startswith("Corruption"):
            return StoreError(f"cannot read the store: {printable(error)}")
        return QueryError(f"{query.name}: {printable(error)}")
    return failed


def resolve(query: Query, bindings: dict[str, Node | Reference], store: ox.Store,
            base: str = DEFAULT_BASE) -> dict[str, Node]:
    """The bindings with each parameter that names a fact looked up in ``store``."""
    return lookup.resolve(bindings, _select(lambda q: run(q, {}, store, base)), base,
                          query.name)


def run(query: Query, bindings: dict[str, Node], store: ox.Store,
        base: str = DEFAULT_BASE, stream: bool = False) -> Results:
    """Run a query on a pyoxigraph store (the default graph is the union of all graphs).

    With ``stream``, the rows (or triples) are an iterator that the engine fills as it
    is read, so a query with millions of rows is never held whole; otherwise lists.
    Parameters that name facts are looked up in the store first."""
    bindings = resolve(query, bindings, store, base)
    text, shape = prepare(query, bindings, base)
    failed = _engine_error(query)
    try:
        answer = store.query(with_values(text, shape, bindings), use_default_graph_as_union=True)
    except _ENGINE_ERRORS as error:
        raise failed(error) from None
    results = _results(answer, failed)
    return results if stream else results.fetched()


def _select(running: Callable[[Query], Results]) -> lookup.Select:
    """A lookup's SELECT, run the way the query will be: rows as {variable: term}."""
    def select(text: str) -> list[dict[str, Node | None]]:
        answer = running(Query(text, "looking up a parameter"))
        return [dict(zip(answer.variables, row, strict=True)) for row in answer.rows]
    return select


ACCEPT = ("application/sparql-results+json, application/n-triples;q=0.9, "
          "text/turtle;q=0.8")


def run_endpoint(query: Query, bindings: dict[str, Node], url: str,
                 base: str = DEFAULT_BASE, timeout: float = remote.QUERY_TIMEOUT,
                 stream: bool = False, limit: int = remote.ANSWER_LIMIT) -> Results:
    """Run a query on a SPARQL 1.1 endpoint (POST, application/sparql-query).

    The answer is parsed as it arrives, up to ``limit`` bytes and within ``timeout``
    seconds; with ``stream`` the rows come out as they are read (see ``run``).
    Parameters that name facts are looked up on the endpoint first."""
    bindings = lookup.resolve(
        bindings, _select(lambda q: run_endpoint(q, {}, url, base, timeout, limit=limit)),
        base, query.name)
    text, shape = prepare(query, bindings, base)
    try:
        answer = remote.open_answer(
            "POST", url, with_values(text, shape, bindings).encode(),
            {"Content-Type": "application/sparql-query; charset=utf-8", "Accept": ACCEPT},
            timeout=timeout, ok=(200,), limit=limit)
    except StoreError as error:
        if error.status == 400:
            raise QueryError(f"{query.name}: the endpoint refused the query: {error}") from None
        raise
    results = read_results(answer, answer.content_type, answer.where)
    return results if stream else results.fetched()


def read_results(data, media_type: str, where: str = "the answer") -> Results:
    """SPARQL results (JSON, XML or TSV) or RDF, by media type, from bytes or a binary
    file such as an endpoint's answer (closed once read); rows are read lazily.
    Anything malformed is a StoreError that names ``where``."""
    closing = data if hasattr(data, "close") else None

    def failed(error: Exception) -> StoreError:
        if closing is not None:
            closing.close()
        return StoreError(f"{where}: the answer is not valid {printable(media_type)}: "
                          f"{printable(error)}")

    results_format = ox.QueryResultsFormat.from_media_type(media_type)
    rdf_format = ox.RdfFormat.from_media_type(media_type)
    try:
        if results_format not in (None, ox.QueryResultsFormat.CSV):  # CSV loses term types
            return _results(ox.parse_query_results(data, results_format), failed, closing)
        if rdf_format is not None:
            return _results(ox.parse(data, rdf_format), failed, closing)
    except _ENGINE_ERRORS as error:
        raise failed(error) from None
    if closing is not None:
        closing.close()
    raise StoreError(f"{where}: answered with {printable(media_type)}, not SPARQL results "
                     "(JSON, XML or TSV) or RDF")
