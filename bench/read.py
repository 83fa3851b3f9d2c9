"""The read stage against its floor: diplokg reading fact files, and the bare parsers.

    .venv/bin/python bench/read.py FOLDER [--json] [--repeat N]

FOLDER is a folder of fact files, or a data set made by ``bench/generate.py`` (its
``facts/`` folder is read); with ``--json``, the data set's facts converted to JSON as
``floor.py`` converts them.  Each round times, in this process, one after the other:

* **floor**: every fact file read and parsed with libyaml (``yaml.CSafeLoader``), or
  ``json.loads`` for a ``.json`` file, and nothing else;
* **files**: ``diplokg.read.facts.read_file`` on every file: parsing, the checks of each
  file on its own (schema, dates, ids, IRIs), the lines of the facts;
* **read stage**: ``read_facts`` on the folder, as a build calls it (under the build's
  collector thresholds): the files, then the checks across them (ids used twice, quotes
  in the source texts);
* **all lines**: the line of every value of every fact found, as mapping a build asks for
  them (for JSON they are found only then; for YAML they come with the parsing).

It prints the best of N rounds of each, the read stage over the floor, and the peak
resident memory of the read stage (VmHWM, started afresh before it; see floor.peak_mb),
with the facts read still held.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import sys
import time
from pathlib import Path

import floor
import yaml

from diplokg.build.pipeline import few_collections
from diplokg.errors import FactProblems
from diplokg.read.facts import fact_file_paths, read_facts, read_file


def parse_alone(paths: list[Path]) -> None:
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json":
            json.loads(text)
        else:
            yaml.load(text, Loader=yaml.CSafeLoader)


def read_stage(folder: Path):
    try:
        return read_facts([folder])
    except FactProblems as problems:  # a data set with planted mistakes
        return problems.fact_set


def reset_peak() -> None:
    with contextlib.suppress(OSError):  # not Linux: the peak is the process's own
        Path("/proc/self/clear_refs").write_text("5")


def measure(folder: Path, repeat: int) -> dict:
    paths = fact_file_paths([folder])
    best = {"floor": float("inf"), "files": float("inf"), "read stage": float("inf"),
            "all lines": float("inf")}
    with few_collections():
        for _ in range(repeat):
            for name, run in (("floor", lambda: parse_alone(paths)),
                              ("files", lambda: [read_file(p) for p in paths])):
                gc.collect()
                started = time.perf_counter()
                run()
                best[name] = min(best[name], time.perf_counter() - started)
            gc.collect()
            reset_peak()
            started = time.perf_counter()
            fact_set = read_stage(folder)
            best["read stage"] = min(best["read stage"], time.perf_counter() - started)
            peak = floor.peak_mb()
            started = time.perf_counter()
            for fact_file in fact_set.files:
                fact_file.complete_lines()
            best["all lines"] = min(best["all lines"], time.perf_counter() - started)
            del fact_set
    return {"files": len(paths), "json": sum(p.suffix == ".json" for p in paths),
            "seconds": best, "peak_mb": peak}


def report(figures: dict) -> str:
    best = figures["seconds"]
    parser = "json.loads" if figures["json"] == figures["files"] else (
        "libyaml" if not figures["json"] else "libyaml, json.loads for .json")
    lines = [f"{figures['files']} fact files ({figures['json']} JSON); best of each:",
             f"  floor ({parser})  {best['floor']:7.2f} s"]
    for name in ("files", "read stage", "all lines"):
        lines.append(f"  {name}  {best[name]:7.2f} s")
    lines.append(f"  read stage / floor  {best['read stage'] / best['floor']:5.2f}; "
                 f"files / floor  {best['files'] / best['floor']:5.2f}")
    lines.append(f"  peak memory of the read stage  {figures['peak_mb']:,.0f} MB")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="fact files, or a data set of generate.py")
    parser.add_argument("--json", action="store_true",
                        help="the data set's facts as JSON (converted once, as floor.py does)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (default 3)")
    args = parser.parse_args(argv)
    folder = args.folder
    if args.json:
        if not (folder / "facts").is_dir():
            parser.error("--json takes a data set made by bench/generate.py")
        folder = floor.json_facts(folder)
    elif (folder / "facts").is_dir():
        folder = folder / "facts"
    print(report(measure(folder, max(1, args.repeat))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
