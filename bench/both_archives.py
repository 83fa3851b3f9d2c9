"""Import both archives of the Office of the Historian and build them with the seeds.

    .venv/bin/python bench/both_archives.py [--shared DIR] [--runs N]

Imports the visits to the United States (registry: the seeds) and the travels abroad
(registry: the seeds and that import) into a temporary folder, as the README shows,
then builds the seeds and both imports into one graph.  Prints:

* the figures of the imports: trips imported, people met resolved as hosts and as
  others, not resolved, journeys; persons of the visits archive by spelling alone,
  after namesakes are split and after surname-only records are resolved;
* the seconds of each import and the median over N runs (default 1) of the build,
  and whether the graph conforms (violations, warnings, triples).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from diplokg.build import pipeline
from diplokg.importers import visits
from diplokg.importers.travels import import_travels_archive
from diplokg.importers.visits import import_visits_archive
from diplokg.problems import VIOLATION, count

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


def persons_by_stage(archive: Path) -> tuple[int, int, int]:
    """Persons of the visits archive: spellings grouped, namesakes split, surnames
    resolved."""
    records = visits.read_records(archive)
    countries, aliases = visits.read_countries(), visits.read_aliases()
    mentions = [m for record in records for m in visits.mentions_of(record, countries)]
    grouped = visits.group_persons(mentions, aliases)
    split = visits.split_namesakes(grouped.values(), visits.read_same_persons())
    resolved, _, _ = visits.resolve_short_names(split)
    return len(grouped), len(split), len(resolved)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        started = time.perf_counter()
        visited = import_visits_archive(args.shared / "visits-by-foreign-leaders",
                                        folder / "visits", [SEEDS])
        visits_seconds = time.perf_counter() - started
        started = time.perf_counter()
        travels = import_travels_archive(args.shared / "us-travels-abroad", folder / "travels",
                                         [SEEDS, folder / "visits"])
        travels_seconds = time.perf_counter() - started
        builds, result = [], None
        for _ in range(args.runs):
            started = time.perf_counter()
            result = pipeline.build([SEEDS, folder / "visits", folder / "travels"],
                                    folder / "all.ttl", force=True)
            builds.append(time.perf_counter() - started)
        triples = len(result)
    grouped, split, resolved = persons_by_stage(args.shared / "visits-by-foreign-leaders")
    print(f"visits import: {visited.records} records, {visited.persons} persons written "
          f"(+{visited.registry_persons} from the registry), {visits_seconds:.1f} s")
    print(f"  persons by spelling {grouped}, after namesakes split {split}, after surnames "
          f"resolved {resolved}; {visited.surnames_resolved} surname records resolved, "
          f"{len(visited.surnames_left)} left apart")
    print(f"travels import: {travels.records} records, {travels.visits} visits, "
          f"{travels_seconds:.1f} s")
    print(f"  people met {travels.met}: {travels.hosts} hosts and {travels.participants} "
          f"others resolved, {len(travels.unresolved)} not resolved; {travels.journeys} "
          f"journeys of {travels.legs} legs")
    violations = count(result.problems, VIOLATION)
    print(f"build of seeds + both imports: median {statistics.median(builds):.1f} s over "
          f"{len(builds)} run(s); {triples} triples, conforms: {result.conforms} "
          f"({violations} violations, {len(result.problems) - violations} warnings)")


if __name__ == "__main__":
    main()
