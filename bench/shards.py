"""N-Triples shards for bulk loaders: write them, and load them with Oxigraph's loader.

    .venv/bin/python bench/shards.py [--data DIR] [--shards N] [--runs R]

Builds the clean facts of a generated data set (default bench/.data/1M, as bench/scale.py
leaves it: the facts in its facts/ folder) with ``--format nt --shards N``
(default: one per core), then loads the shards into a new on-disk store with
``oxigraph load`` (the command of the PyPI package oxigraph, which loads the files in
parallel) and prints, as medians over R runs (default 1): the build's seconds, the
load's seconds and its triples per second, and the triples the store then holds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from diplokg.build import pipeline

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO / "bench" / ".data" / "1M")
    parser.add_argument("--shards", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    loader = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or \
        shutil.which("oxigraph")
    if loader is None:
        sys.exit("the oxigraph command is not installed (pip install oxigraph)")
    facts = args.data / "facts" if (args.data / "facts").is_dir() else args.data
    if not any(facts.glob("*.yaml")):
        sys.exit(f"no fact files in {facts}: make them with bench/generate.py")
    builds, loads, held, triples = [], [], 0, 0
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            started = time.perf_counter()
            result = pipeline.build([facts], folder / "graph.nt", fmt="nt", shards=args.shards)
            builds.append(time.perf_counter() - started)
            triples = len(result)
            shards = [pipeline.shard_path(folder / "graph.nt", n, args.shards)
                      for n in range(1, args.shards + 1)]
            started = time.perf_counter()
            subprocess.run([loader, "load", "--location", str(folder / "store"), "--file",
                            *map(str, shards)], check=True, capture_output=True)
            loads.append(time.perf_counter() - started)
            held = len(ox.Store.read_only(str(folder / "store")))
    load = statistics.median(loads)
    print(f"{facts}: {triples:,} triples, {args.shards} shards")
    print(f"build --format nt --shards {args.shards}: {statistics.median(builds):.1f} s")
    print(f"oxigraph load of the shards: {load:.1f} s, {held / load:,.0f} triples/s, "
          f"{held:,} triples in the store")


if __name__ == "__main__":
    main()
