"""Build the seeds and the whole imported archive of visits to the United States.

    .venv/bin/python bench/archive_build.py [--archive DIR] [--runs N]

Imports the archive (default: ../shared/data/visits-by-foreign-leaders beside the
repository) into a temporary folder with the seed file as registry, then prints
the counts of the merged graph (visits, persons, states, triples) and the
medians over N runs (default 3) of: a full build without a cache, a full build
into an empty cache, and a rebuild after changing one file (a visit's note in
the 1990s file, so every other file is unchanged).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from diplokg.build import pipeline
from diplokg.build.cache import Cache
from diplokg.importers.visits import import_visits_archive

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


def timed(paths: list[Path], out: Path, cache: Cache | None = None):
    start = time.perf_counter()
    result = pipeline.build(paths, out, cache=cache)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path,
                        default=REPO.parent / "shared" / "data" / "visits-by-foreign-leaders")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        facts = work / "archive"
        summary = import_visits_archive(args.archive, facts,
                                        SEEDS / "000_6518fb5451382061.facts.yaml")
        paths, out = [SEEDS, facts], work / "all.ttl"
        full, cold, rebuild = [], [], []
        for run in range(args.runs):
            seconds, result = timed(paths, out)
            full.append(seconds)
            cache_dir = work / f"cache-{run}"
            cold.append(timed(paths, out, Cache(cache_dir))[0])
            target = facts / "visits-1990.yaml"
            target.write_text(target.read_text().replace("note: Archive record",
                                                         f"note: (run {run}) Archive record", 1))
            rebuild.append(timed(paths, out, Cache(cache_dir))[0])
            shutil.rmtree(cache_dir)
        kinds = {}
        for entity in result.merged.entities.values():
            kinds[entity.kind] = kinds.get(entity.kind, 0) + 1
    print(f"imported {summary.records} records into {len(summary.files)} files")
    print(f"graph: {len(result)} triples, {kinds.get('visit', 0)} visits, "
          f"{kinds.get('person', 0)} persons, {kinds.get('state', 0)} states; "
          f"{sum(p.severity == 'violation' for p in result.problems)} violation(s), "
          f"{sum(p.severity == 'warning' for p in result.problems)} warning(s)")
    print(f"medians of {args.runs} runs:")
    print(f"  full build, no cache        {statistics.median(full):6.2f} s")
    print(f"  full build, empty cache     {statistics.median(cold):6.2f} s")
    print(f"  rebuild, one file changed   {statistics.median(rebuild):6.2f} s "
          f"({statistics.median(rebuild) / statistics.median(full):.0%} of a full build)")


if __name__ == "__main__":
    main()
