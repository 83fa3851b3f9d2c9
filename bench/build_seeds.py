"""Time each stage of building the seed facts: read, merge, map, validate, render, write.

    .venv/bin/python bench/build_seeds.py [--runs N]

Prints the median over N runs (default 20) of each stage (from BuildResult.timings)
and of the whole build, and the number of triples.  The first run also pays for
parsing and compiling the shapes, which later runs reuse; it is reported apart.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from diplokg.build import pipeline

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
STAGES = ("read", "merge", "map", "validate", "render", "write")


def one_build(out: Path) -> dict[str, float]:
    start = time.perf_counter()
    result = pipeline.build([SEEDS], out, jobs=1)
    return {**result.timings, "total": time.perf_counter() - start,
            "triples": len(result), "warnings": len(result.problems)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "seeds.ttl"
        first = one_build(out)
        runs = [one_build(out) for _ in range(args.runs)]
    print(f"seed build: {int(first['triples'])} triples, {int(first['warnings'])} warning(s)")
    print(f"first run (parses and compiles the shapes too): {first['total'] * 1000:.0f} ms")
    print(f"median of {args.runs} runs:")
    for stage in (*STAGES, "total"):
        print(f"  {stage:<9}{statistics.median(r.get(stage, 0.0) for r in runs) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
