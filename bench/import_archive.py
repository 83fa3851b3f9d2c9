"""Time the import of the whole archive of visits by foreign leaders to the United States.

    .venv/bin/python bench/import_archive.py [ARCHIVE] [--runs N] [--registry FACT_FILE]

ARCHIVE is the archive folder (decade XML files in its data/ folder); by default the copy
in ../shared/data/visits-by-foreign-leaders.  Each run imports into a new temporary folder.
Prints what the import read and wrote, what it loses, and the median time of N runs
(default 3).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import fields
from pathlib import Path

from diplokg.importers.visits import ImportSummary, import_visits_archive

ARCHIVE = Path(__file__).resolve().parents[2] / "shared" / "data" / "visits-by-foreign-leaders"


def one_import(archive: Path, registry: Path | None) -> tuple[ImportSummary, float, int]:
    """(summary, seconds, bytes written) of one import into a fresh folder."""
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        summary = import_visits_archive(archive, Path(folder), registry)
        seconds = time.perf_counter() - start
        size = sum(path.stat().st_size for path in Path(folder).iterdir())
    return summary, seconds, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", nargs="?", type=Path, default=ARCHIVE)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--registry", type=Path)
    args = parser.parse_args()
    runs = [one_import(args.archive, args.registry) for _ in range(args.runs)]
    summary, _, size = runs[0]
    print(f"import of {args.archive}")
    for item in fields(summary):
        value = getattr(summary, item.name)
        if isinstance(value, int):
            print(f"  {item.name:<24}{value:>6}")
    print(f"  {'files':<24}{len(summary.files):>6} ({size / 1e6:.1f} MB)")
    print("lost in the import:")
    for item in summary.lost:
        print(f"  - {item}")
    times = [seconds for _, seconds, _ in runs]
    print(f"import time: median {statistics.median(times):.2f} s of {args.runs} runs "
          f"(min {min(times):.2f} s, max {max(times):.2f} s)")


if __name__ == "__main__":
    main()
