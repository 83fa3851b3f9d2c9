"""Rendering and writing Turtle and N-Triples, against Oxigraph's ``Store.dump``.

    .venv/bin/python bench/render.py [--data DIR] [--runs R] [--formats turtle,nt]

Builds the clean facts of a generated data set once (default bench/.data/1M: its
facts/ folder), without rendering, then for each format times what ``build`` does
after validation, with the collector's thresholds of a build:

* ``render``: ``Build.outputs`` (the counts of classes and concepts of each file; with
  a cache, also the files' lines);
* ``write``: writing every entity's lines in IRI order with the prefixes and the
  vocabulary (``Build.lines``, through diplokg.safeio), rendering them as they go;
* ``lines``: ``serialize.entity_lines`` alone over every entity, the serializer's
  share of render + write.

The same triples are loaded into an in-memory Oxigraph store (not timed) and dumped
in the same format with the same prefixes.  Prints, as medians over R runs (default
3), seconds and triples per second of each, the ratio of render + write to the dump,
and the SHA-256 of what diplokg wrote, to compare the bytes of two checkouts.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import tempfile
import time
from itertools import chain
from pathlib import Path

import pyoxigraph as ox

from diplokg.build import pipeline
from diplokg.model.registry import prefixes
from diplokg.namespaces import DEFAULT_BASE
from diplokg.query.store import to_ox
from diplokg.rdf.serialize import Terms, entity_lines, header_lines
from diplokg.safeio import write_atomic

REPO = Path(__file__).resolve().parents[1]
OXIGRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}


@pipeline.few_collections()
def diplokg_times(result: pipeline.BuildResult, fmt: str, out: Path) -> dict[str, float]:
    plan = result.plan
    entities = [plan.of(e) for file in plan.files for e in plan.owned[file]]
    started = time.perf_counter()
    terms = Terms(prefixes(DEFAULT_BASE))
    for triples in entities:
        entity_lines(triples, fmt, terms)
    lines_done = time.perf_counter()
    outputs = plan.outputs(fmt)
    rendered = time.perf_counter()
    write_atomic(out, chain(header_lines(fmt, DEFAULT_BASE),
                            plan.lines(outputs, fmt, result.vocabulary)))
    written = time.perf_counter()
    return {"lines": lines_done - started, "render": rendered - lines_done,
            "write": written - rendered}


def oxigraph_dump(store: ox.Store, fmt: str, out: Path) -> float:
    started = time.perf_counter()
    if fmt == "turtle":
        store.dump(str(out), OXIGRAPH_FORMATS[fmt], from_graph=ox.DefaultGraph(),
                   prefixes=prefixes(DEFAULT_BASE))
    else:
        store.dump(str(out), OXIGRAPH_FORMATS[fmt], from_graph=ox.DefaultGraph())
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO / "bench" / ".data" / "1M")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--formats", default="turtle,nt")
    args = parser.parse_args()
    facts = args.data / "facts" if (args.data / "facts").is_dir() else args.data
    started = time.perf_counter()
    result = pipeline.graph_from_facts([facts], fmt=None)
    triples = len(result)
    print(f"{facts}: {triples:,} triples, built in {time.perf_counter() - started:.1f} s "
          "(not timed below)")
    store = ox.Store()
    store.bulk_extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in result.triples)
    print(f"{'format':8} {'lines s':>8} {'render s':>9} {'write s':>8} {'total s':>8} "
          f"{'triples/s':>10} {'oxigraph s':>11} {'triples/s':>10} {'ratio':>6}  sha256")
    with tempfile.TemporaryDirectory(prefix="diplokg-render-") as scratch:
        for fmt in args.formats.split(","):
            out, dump = Path(scratch) / f"graph.{fmt}", Path(scratch) / f"dump.{fmt}"
            runs, dumps = [], []
            for _ in range(args.runs):
                runs.append(diplokg_times(result, fmt, out))
                dumps.append(oxigraph_dump(store, fmt, dump))
            ours = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
            total = statistics.median(run["render"] + run["write"] for run in runs)
            theirs = statistics.median(dumps)
            sha = hashlib.sha256(out.read_bytes()).hexdigest()[:16]
            print(f"{fmt:8} {ours['lines']:8.2f} {ours['render']:9.2f} {ours['write']:8.2f} "
                  f"{total:8.2f} {triples / total:10,.0f} {theirs:11.2f} "
                  f"{len(store) / theirs:10,.0f} {total / theirs:6.1f}  {sha}")


if __name__ == "__main__":
    main()
