"""Is an on-disk store worth it for repeated queries over a big graph?

    .venv/bin/python bench/query_store.py [--visits N] [--runs N]

Writes a synthetic graph (the seed graph plus N made-up visits of ten triples each,
about a million triples with the default N) as Turtle, then times two ways of
answering a bundled query, as `diplokg query` does them:

  (a) parse the Turtle into a fresh in-memory store, then run the query
      (what `diplokg query NAME FILE.ttl` does every time);
  (b) open an on-disk store filled once by `diplokg load FILE.ttl --store DIR`,
      then run the query (what `diplokg query NAME --store DIR` does).

Prints the median wall time of each over --runs runs (default 5), the one-time cost
of filling the store, and which way wins.  Not part of the test suite.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from diplokg.build import pipeline
from diplokg.namespaces import DEFAULT_BASE
from diplokg.query import engine as query
from diplokg.query import store

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
QUERIES = [
    ("visits-of-leader", {"leader": "leader-7"}),
    ("visits-to-state-by-year", {"state": "state-3"}),
    ("gap-since-previous-visit", {"leader": "vladimir-putin", "state": "north-korea"}),
]
STATUSES = ["took-place"] * 8 + ["planned", "cancelled"]


def write_graph(path: Path, visits: int, seed: int = 0) -> None:
    """The seed graph, then synthetic leaders, states and visits, as Turtle."""
    pipeline.build([SEEDS], path)
    rng = random.Random(seed)
    leaders, states = max(visits // 50, 2), max(visits // 500, 2)
    with path.open("a", encoding="utf-8") as out:
        for i in range(leaders):
            out.write(f'\nperson:leader-{i} a dk:Person ; rdfs:label "Leader {i}" .\n')
        for i in range(states):
            out.write(f'\nstate:state-{i} a dk:State ; rdfs:label "State {i}" .\n')
        for i in range(visits):
            day = f"{rng.randint(1950, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            out.write(
                f"\nvisit:v{i} a dk:Visit ;\n"
                f'    rdfs:label "Visit {i}" ;\n'
                f"    dk:visitor person:leader-{rng.randrange(leaders)} ;\n"
                f"    dk:host person:leader-{rng.randrange(leaders)} ;\n"
                f"    dk:destination state:state-{rng.randrange(states)} ;\n"
                f'    dk:startDate "{day}"^^xsd:date ;\n'
                f'    dk:startEarliest "{day}"^^xsd:date ;\n'
                f'    dk:startLatest "{day}"^^xsd:date ;\n'
                f"    dk:visitStatus visitstatus:{rng.choice(STATUSES)} ;\n"
                f"    dk:source source:synthetic .\n")


def timed(action, *args) -> tuple[float, object]:
    start = time.perf_counter()
    value = action(*args)
    return time.perf_counter() - start, value


def open_and_run(chosen: query.Query, bindings: dict, open_data) -> query.Results:
    return query.run(chosen, bindings, open_data())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        turtle, disk = Path(folder) / "big.ttl", Path(folder) / "store"
        write_graph(turtle, args.visits)
        fill, _ = timed(store.load_store, [turtle], disk)
        triples = len(store.memory_store([turtle]))
        size = turtle.stat().st_size / 1e6
        print(f"graph: {triples:,} triples, {size:.0f} MB of Turtle")
        print(f"filling the on-disk store once (diplokg load --store): {fill:.2f} s")
        print(f"median of {args.runs} runs, wall time:")
        print(f"  {'query':<26}{'rows':>6}{'(a) parse + query':>20}{'(b) --store':>14}"
              f"{'(b) faster by':>16}")
        for name, params in QUERIES:
            chosen = query.named(name)
            bindings = query.bind(chosen, params, DEFAULT_BASE)
            reparse, ondisk, rows = [], [], set()
            for _ in range(args.runs):
                seconds, answer = timed(open_and_run, chosen, bindings,
                                        lambda: store.memory_store([turtle]))
                reparse.append(seconds)
                rows.add(len(answer.rows))
                seconds, answer = timed(open_and_run, chosen, bindings,
                                        lambda: store.open_store(disk))
                ondisk.append(seconds)
                rows.add(len(answer.rows))
            assert len(rows) == 1, "both ways must give the same rows"
            a, b = statistics.median(reparse), statistics.median(ondisk)
            print(f"  {name:<26}{rows.pop():>6}{a:>18.3f} s{b:>12.3f} s{a / b:>15.0f}x")
        verdict = "the on-disk store" if b < a else "re-parsing"
        print(f"winner: {verdict}")


if __name__ == "__main__":
    main()
