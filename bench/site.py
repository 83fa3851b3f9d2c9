"""Time `diplokg site` on the seeds and on the seeds plus both imported archives.

    .venv/bin/python bench/site.py [--shared DIR] [--runs N] [--jobs N]

Imports the visits to the United States (registry: the seeds) and the travels abroad
(registry: the seeds and that import) into a temporary folder, as the README shows,
builds them once into Turtle, then makes the site N times (default 1) from:

* the seeds alone;
* the fact files of the seeds and both archives (the build in memory included);
* the Turtle file built from them (what `diplokg build` wrote).

For each it prints the median wall time and its stages (load: build or parse into the
store; read: the SPARQL queries and indexes; write: pages, pictures and files), the
pages by folder, the files and their bytes.  The issue's target is 30 s for the site of
the seeds plus the archives on two cores.  No timing here is part of the test suite.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from diplokg.build import pipeline
from diplokg.importers.travels import import_travels_archive
from diplokg.importers.visits import import_visits_archive
from diplokg.site import make_site

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


def measure(name: str, paths: list[Path], out: Path, runs: int, jobs: int | None) -> None:
    walls, results = [], []
    for _ in range(runs):
        started = time.perf_counter()
        results.append(make_site(paths, out, jobs=jobs))
        walls.append(time.perf_counter() - started)
    middle = sorted(range(runs), key=lambda i: walls[i])[runs // 2]
    result = results[middle]
    stages = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in result.timings.items())
    print(f"{name}: median {statistics.median(walls):.1f} s over {runs} run(s) ({stages})")
    print(f"  {result.summary()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        measure("seeds", [SEEDS], folder / "site-seeds", args.runs, args.jobs)
        import_visits_archive(args.shared / "visits-by-foreign-leaders", folder / "visits",
                              [SEEDS])
        import_travels_archive(args.shared / "us-travels-abroad", folder / "travels",
                               [SEEDS, folder / "visits"])
        facts = [SEEDS, folder / "visits", folder / "travels"]
        measure("seeds + both archives, from fact files", facts, folder / "site-all",
                args.runs, args.jobs)
        pipeline.build(facts, folder / "all.ttl")
        measure("seeds + both archives, from the built Turtle", [folder / "all.ttl"],
                folder / "site-ttl", args.runs, args.jobs)


if __name__ == "__main__":
    main()
