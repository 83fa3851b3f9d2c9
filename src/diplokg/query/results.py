"""Query results written out: an aligned table for people, CSV, TSV and SPARQL 1.1 Query
Results JSON for programs, Turtle or N-Triples for CONSTRUCT and DESCRIBE.

The table shortens IRIs with the project prefixes and shows literals by their text,
escaped so that no value can reach the terminal as a control sequence; CSV, TSV and
JSON follow the SPARQL 1.1 result formats to the letter, so other tools read them.
Rows are written as they come (``chunks``), never all held.  Output is deterministic:
the same results give the same bytes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from itertools import chain, islice

from rdflib import BNode, Graph, Literal, URIRef

from diplokg.errors import QueryError
from diplokg.iris import SHOWN_LOCAL, LongestFirst, by_length, compact
from diplokg.namespaces import XSD
from diplokg.query.engine import Results
from diplokg.rdf.serialize import Terms, ntriples_lines, turtle_lines
from diplokg.safetext import json_text, printable

ROW_FORMATS = ("table", "csv", "tsv", "json")  # for SELECT and ASK
GRAPH_RESULT_FORMATS = ("turtle", "nt")  # for CONSTRUCT and DESCRIBE
RESULT_FORMATS = ROW_FORMATS + GRAPH_RESULT_FORMATS
TABLE_ROWS = 10_000  # rows a table holds to measure its columns; later rows stream


def _cell(term, prefixes: LongestFirst) -> str:
    """A table cell: on one line, with no control character or terminal escape; an IRI
    as a prefixed name where one fits, even where Turtle would need escapes."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return printable(compact(str(term), prefixes, SHOWN_LOCAL) or str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    text = str(term).replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return printable(text)


def table(results: Results, prefixes: dict[str, str]) -> Iterator[str]:
    """Columns padded to their widest cell, a rule under the header, a row count.

    The widths come from the first TABLE_ROWS rows, which are held to measure them;
    any later rows are written as they come, and a longer cell among them pushes the
    cells after it to the right."""
    if results.boolean is not None:
        yield "true\n" if results.boolean else "false\n"
        return
    shown = by_length(prefixes)
    rows = ([_cell(t, shown) for t in row] for row in results.rows)
    first = list(islice(rows, TABLE_ROWS))
    widths = [max([len(v)] + [len(row[i]) for row in first])
              for i, v in enumerate(results.variables)]

    def line(values: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip() + "\n"

    yield line(results.variables)
    yield line(["-" * w for w in widths])
    count = 0
    for row in chain(first, rows):
        yield line(row)
        count += 1
    yield f"({count} row{'' if count == 1 else 's'})\n"


def _csv_value(term) -> str:
    if term is None:
        return ""
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def to_csv(results: Results) -> Iterator[str]:
    """SPARQL 1.1 CSV: full IRIs, literal text only, CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")

    def line(values: list[str]) -> str:
        out.seek(0)
        out.truncate()
        writer.writerow(values)
        return out.getvalue()

    if results.boolean is not None:
        yield line(["boolean"]) + line(["true" if results.boolean else "false"])
        return
    yield line(results.variables)
    for row in results.rows:
        yield line([_csv_value(t) for t in row])


def to_tsv(results: Results) -> Iterator[str]:
    """SPARQL 1.1 TSV: ``?name`` headers and terms written as in N-Triples."""
    if results.boolean is not None:
        yield "?boolean\n" + ("true" if results.boolean else "false") + "\n"
        return
    plain = Terms({}, blank_nodes=True)
    yield "\t".join(f"?{v}" for v in results.variables) + "\n"
    for row in results.rows:
        yield "\t".join("" if t is None else plain.term(t) for t in row) + "\n"


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


def _dumps(value, indent: int) -> str:
    return json_text(value).replace("\n", "\n" + " " * indent)


def to_json(results: Results) -> Iterator[str]:
    """SPARQL 1.1 Query Results JSON, a binding at a time: the same bytes as
    ``safetext.json_text`` of the whole document (indented, escaped to be printable)."""
    if results.boolean is not None:
        yield json_text({"head": {}, "boolean": results.boolean}) + "\n"
        return
    head = _dumps({"vars": results.variables}, 2)
    opening = f'{{\n  "head": {head},\n  "results": {{\n    "bindings": ['
    separator = "\n"
    for row in results.rows:
        binding = {v: _json_cell(t) for v, t in zip(results.variables, row, strict=True)
                   if t is not None}
        yield opening + separator + "      " + _dumps(binding, 6)
        opening, separator = "", ",\n"
    if opening:  # no rows
        yield opening + "]\n  }\n}\n"
    else:
        yield "\n    ]\n  }\n}\n"


def _graph(results: Results) -> Graph:
    graph = Graph()
    for triple in results.triples or []:
        graph.add(triple)
    return graph


def chunks(results: Results, fmt: str | None, prefixes: dict[str, str]) -> Iterator[str]:
    """Results as text, a piece at a time as the rows come; ``fmt`` None picks table
    for rows and Turtle for a graph.  Rows are not held (but for the table's first
    TABLE_ROWS); a graph is, since Turtle groups and sorts its triples."""
    is_graph = results.form == "graph"
    fmt = fmt or ("turtle" if is_graph else "table")
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown result format {fmt!r}; choose one of "
                         f"{', '.join(RESULT_FORMATS)}")
    if is_graph and fmt not in GRAPH_RESULT_FORMATS:
        raise QueryError(f"a CONSTRUCT or DESCRIBE query gives a graph: use --format "
                         f"{' or '.join(GRAPH_RESULT_FORMATS)}, not {fmt}")
    if not is_graph and fmt in GRAPH_RESULT_FORMATS:
        raise QueryError(f"--format {fmt} is for CONSTRUCT and DESCRIBE queries; for "
                         f"SELECT and ASK choose {', '.join(ROW_FORMATS)}")
    if fmt == "turtle":
        yield "\n".join(turtle_lines(_graph(results), prefixes, blank_nodes=True)) + "\n"
    elif fmt == "nt":
        yield "".join(f"{line}\n" for line in ntriples_lines(_graph(results), blank_nodes=True))
    elif fmt == "table":
        yield from table(results, prefixes)
    else:
        yield from {"csv": to_csv, "tsv": to_tsv, "json": to_json}[fmt](results)


def write(results: Results, fmt: str | None, prefixes: dict[str, str]) -> str:
    """Results as one text (see ``chunks``)."""
    return "".join(chunks(results, fmt, prefixes))
