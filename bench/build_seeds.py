"""Time each stage of building the seed facts: read, map, validate, write.

    .venv/bin/python bench/build_seeds.py [--runs N]

Prints the median over N runs (default 20) of each stage and of the whole build,
and the number of triples.  The first run also pays for parsing the shapes,
which later runs reuse; it is reported on its own.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from rdflib import Graph

from diplokg import facts, mapping, serialize, validate
from diplokg.namespaces import DEFAULT_BASE

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def one_build(out: Path) -> dict[str, float]:
    times = {}
    start = time.perf_counter()
    fact_set = facts.read_facts([SEEDS])
    times["read"] = time.perf_counter() - start
    graph = Graph()
    mapper = mapping.map_facts(fact_set, DEFAULT_BASE, graph.add)
    times["map"] = time.perf_counter() - start - sum(times.values())
    problems = validate.check(graph, validate.Describer(DEFAULT_BASE, mapper.origins))
    times["validate"] = time.perf_counter() - start - sum(times.values())
    serialize.write_atomic(out, serialize.serialize(graph, "turtle", DEFAULT_BASE))
    times["write"] = time.perf_counter() - start - sum(times.values())
    times["total"] = time.perf_counter() - start
    times["triples"] = len(graph)
    times["problems"] = len(problems)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "seeds.ttl"
        first = one_build(out)
        runs = [one_build(out) for _ in range(args.runs)]
    print(f"seed build: {int(first['triples'])} triples, {int(first['problems'])} warnings")
    print(f"first run (parses the shapes too): {first['total'] * 1000:.0f} ms")
    print(f"median of {args.runs} runs:")
    for stage in ("read", "map", "validate", "write", "total"):
        print(f"  {stage:<9}{statistics.median(r[stage] for r in runs) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
