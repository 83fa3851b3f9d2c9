"""Query results written out: an aligned table for people, CSV, TSV and SPARQL 1.1 Query
Results JSON for programs, Turtle or N-Triples for CONSTRUCT and DESCRIBE.

The table shortens IRIs with the project prefixes and shows literals by their text;
CSV, TSV and JSON follow the SPARQL 1.1 result formats to the letter, so other tools
read them.  Output is deterministic: the same results give the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import re

from rdflib import BNode, Graph, Literal, URIRef

from .namespaces import XSD
from .query import Results
from .query_errors import QueryError
from .serialize import Terms, ntriples_lines, turtle_lines

ROW_FORMATS = ("table", "csv", "tsv", "json")
GRAPH_FORMATS = ("turtle", "nt")
FORMATS = ROW_FORMATS + GRAPH_FORMATS


_DISPLAY_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./-]*")


def display_iri(iri: str, terms: Terms) -> str:
    """For people: a prefixed name when one fits, even where Turtle would need escapes
    (``visit:putin-2024-north-korea/event/arrival``), else the full IRI."""
    compact = terms.compact(iri)
    if compact:
        return compact
    for name, namespace in terms.prefixes:
        if iri.startswith(namespace) and _DISPLAY_LOCAL.fullmatch(iri[len(namespace):]):
            return f"{name}:{iri[len(namespace):]}"
    return iri


def _cell(term, terms: Terms) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return display_iri(str(term), terms)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term).replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def table(results: Results, prefixes: dict[str, str]) -> str:
    """Columns padded to their widest cell, a rule under the header, a row count."""
    if results.boolean is not None:
        return "true\n" if results.boolean else "false\n"
    terms = Terms(prefixes)
    cells = [[_cell(t, terms) for t in row] for row in results.rows]
    widths = [max([len(v)] + [len(row[i]) for row in cells])
              for i, v in enumerate(results.variables)]

    def line(values: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    lines = [line(results.variables), line(["-" * w for w in widths])]
    lines += [line(row) for row in cells]
    count = len(results.rows)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(lines) + "\n"


def _csv_value(term) -> str:
    if term is None:
        return ""
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def to_csv(results: Results) -> str:
    """SPARQL 1.1 CSV: full IRIs, literal text only, CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if results.boolean is not None:
        writer.writerow(["boolean"])
        writer.writerow(["true" if results.boolean else "false"])
        return out.getvalue()
    writer.writerow(results.variables)
    writer.writerows([_csv_value(t) for t in row] for row in results.rows)
    return out.getvalue()


def to_tsv(results: Results) -> str:
    """SPARQL 1.1 TSV: ``?name`` headers and terms written as in N-Triples."""
    if results.boolean is not None:
        return "?boolean\n" + ("true" if results.boolean else "false") + "\n"
    plain = Terms({}, blank_nodes=True)
    lines = ["\t".join(f"?{v}" for v in results.variables)]
    lines += ["\t".join("" if t is None else plain.term(t) for t in row) for row in results.rows]
    return "\n".join(lines) + "\n"


def _json_cell(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    cell = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal) and term.language:
        cell["xml:lang"] = term.language
    elif isinstance(term, Literal) and term.datatype and term.datatype != XSD.string:
        cell["datatype"] = str(term.datatype)
    return cell


def to_json(results: Results) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if results.boolean is not None:
        document: dict = {"head": {}, "boolean": results.boolean}
    else:
        bindings = [{v: _json_cell(t) for v, t in zip(results.variables, row, strict=True)
                     if t is not None} for row in results.rows]
        document = {"head": {"vars": results.variables}, "results": {"bindings": bindings}}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _graph(results: Results) -> Graph:
    graph = Graph()
    for triple in results.triples or []:
        graph.add(triple)
    return graph


def write(results: Results, fmt: str | None, prefixes: dict[str, str]) -> str:
    """Results as text; ``fmt`` None picks table for rows and Turtle for a graph."""
    is_graph = results.kind == "graph"
    fmt = fmt or ("turtle" if is_graph else "table")
    if fmt not in FORMATS:
        raise QueryError(f"unknown result format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if is_graph and fmt not in GRAPH_FORMATS:
        raise QueryError(f"a CONSTRUCT or DESCRIBE query gives a graph: use --format "
                         f"{' or '.join(GRAPH_FORMATS)}, not {fmt}")
    if not is_graph and fmt in GRAPH_FORMATS:
        raise QueryError(f"--format {fmt} is for CONSTRUCT and DESCRIBE queries; for "
                         f"SELECT and ASK choose {', '.join(ROW_FORMATS)}")
    if fmt == "turtle":
        return "\n".join(turtle_lines(_graph(results), prefixes, blank_nodes=True)) + "\n"
    if fmt == "nt":
        lines = list(ntriples_lines(_graph(results), blank_nodes=True))
        return "".join(f"{line}\n" for line in lines)
    writers = {"table": lambda r: table(r, prefixes), "csv": to_csv, "tsv": to_tsv,
               "json": to_json}
    return writers[fmt](results)
