"""Incremental rebuild: build 1,000 fact files, change one of them, build again.

    .venv/bin/python bench/rebuild.py [--triples 1M] [--files 1000] [--seed S] [--jobs J]
                                      [--data-dir DIR] [--save] [--timeout S] [--no-verify]

Generates FILES fact files of about TRIPLES triples (bench/generate.py; or reuses
DATA_DIR/rebuild-<triples>-<files>, default under bench/.data), then, each build in a
fresh Python process as a user's `diplokg build` would be:

1. a full build, with ``cache=DIR`` when ``pipeline.build`` takes a ``cache`` keyword
   (the cache starts empty);
2. a rebuild with nothing changed (cache only): what the cache costs on its own;
3. one visit's ``note`` in one fact file gets a sentence more (the evidence quotes are
   untouched, so the file still reads cleanly), and the graph is rebuilt;
4. (cache only) a full build of the changed files without the cache, which must write
   the same bytes as the rebuild: a cache that gives another graph is no good;
5. (cache only) the fact folder copied under another name elsewhere and the cache copied
   beside it, as CI restores a cache into a new checkout, and built again: every entry
   should hit, and the output equal the rebuild's.

Prints the wall time of each build (of the ``pipeline.build`` call, and of the whole
process with Python's start-up and imports) and rebuild / full; the target of issue 6 is
3% or less.  Without a ``cache`` keyword it says so and measures two full builds.
A reused data set gets its changed file back at the end.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import generate
import yaml
from scale import HERE, Run, keyword, run_child, size_label, source_digest

EDIT = " Checked again for the rebuild benchmark."
TARGET = 0.03


def pick_file(facts: Path) -> tuple[Path, int]:
    """A YAML article near the middle with a visit note; the line of that note."""
    files = sorted(p for p in facts.glob("*.facts.yaml") if "registry" not in p.name)
    middle = len(files) // 2
    for path in files[middle:] + files[:middle]:
        lines = path.read_text(encoding="utf-8").splitlines()
        section = None
        for number, line in enumerate(lines):
            if not line.startswith((" ", "-")):
                section = line.rstrip(":")
            elif section == "visits" and line.strip().startswith("note: ") \
                    and not line.strip().startswith(("note: '", 'note: "')):
                return path, number
    raise SystemExit(f"no visit with a note in any YAML file under {facts}")


def change(path: Path, line: int) -> str:
    """Lengthen the note on ``line``; return the file's text before the change."""
    before = path.read_text(encoding="utf-8")
    lines = before.splitlines()
    lines[line] += EDIT
    after = "\n".join(lines) + "\n"
    notes = [v.get("note", "") for v in yaml.safe_load(after).get("visits", [])]
    if not any(note.endswith(EDIT) for note in notes):
        raise SystemExit(f"{path}:{line + 1}: editing the note did not work")
    path.write_text(after, encoding="utf-8")
    return before


def build(label: str, work: Path, facts: Path, output: Path, kwargs: dict,
          timeout: float | None) -> Run:
    run = run_child("build", work, timeout, paths=[facts], output=output, kwargs=kwargs)
    if not run.ok:
        raise SystemExit(f"{label}: build failed: {run.error}")
    cache = run.data.get("cache")
    hits = f", cache {cache['hits']} hit(s), {cache['misses']} miss(es)" if cache else ""
    stages = " ".join(f"{name} {seconds:.2f}" for name, seconds in run.data["timings"].items())
    print(f"  {label:<34}{run.data['wall']:8.2f} s  (process {run.wall:6.2f} s, "
          f"peak {run.peak_mb:,.0f} MB{hits})\n  {'':<34}{stages}", flush=True)
    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=generate.parse_count, default=1_000_000,
                        help="about how many triples (default 1M, the issue's scale)")
    parser.add_argument("--files", type=int, default=1000, help="fact files (default 1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, help="passed to pipeline.build if it takes jobs")
    parser.add_argument("--data-dir", type=Path, default=HERE / ".data",
                        help="reuse DIR/rebuild-<triples>-<files> when present")
    parser.add_argument("--save", action="store_true", help="keep the data set in --data-dir")
    parser.add_argument("--timeout", type=float, help="stop any one build after S seconds")
    parser.add_argument("--no-verify", action="store_true",
                        help="skip the check that the rebuild equals a build without cache")
    args = parser.parse_args(argv)

    from diplokg.build import pipeline

    has_cache = keyword(pipeline.build, "cache")
    kwargs = {}
    if args.jobs is not None:
        if keyword(pipeline.build, "jobs"):
            kwargs["jobs"] = args.jobs
        else:
            print(f"note: pipeline.build takes no jobs keyword; --jobs {args.jobs} not passed")
    print(f"diplokg sources {source_digest()}; cache keyword: {'yes' if has_cache else 'no'}")
    name = f"rebuild-{size_label(args.triples)}-{args.files}"
    kept = args.data_dir / name
    with tempfile.TemporaryDirectory(prefix="diplokg-rebuild-") as scratch:
        work = Path(scratch)
        if (kept / "generated.json").exists():
            folder = kept
            print(f"reusing {folder}")
        else:
            folder = kept if args.save else work / "data"
            print(f"generating {args.triples:,} triples in {args.files} files into {folder} ...",
                  flush=True)
            generate.generate(folder, args.triples, files=args.files, seed=args.seed,
                              count=False, quiet=True)
        facts = folder / "facts"
        output = work / "graph.ttl"
        cached = {**kwargs, "cache": str(work / "cache")} if has_cache else kwargs
        if not has_cache:
            print("pipeline.build has no cache keyword yet: measuring two full builds")
        path, line = pick_file(facts)
        print(f"builds of {facts} (wall time of pipeline.build):")
        full = build("full build" + (" (empty cache)" if has_cache else ""), work, facts,
                     output, cached, args.timeout)
        if has_cache:
            build("rebuild, nothing changed", work, facts, output, cached, args.timeout)
        before = change(path, line)
        try:
            rebuilt = build("rebuild, one file changed", work, facts, output, cached,
                            args.timeout)
            same, uncached = None, None
            if has_cache and not args.no_verify:
                fresh = work / "fresh.ttl"
                uncached = build("full build without cache (check)", work, facts, fresh, kwargs,
                                 args.timeout)
                same = fresh.read_bytes() == output.read_bytes()
            moved = None
            if has_cache:
                elsewhere = work / "elsewhere" / "checkout-2"
                shutil.copytree(facts, elsewhere)
                shutil.copytree(work / "cache", work / "cache-restored")
                moved_output = work / "moved.ttl"
                moved = build("rebuild in a renamed folder", work, elsewhere, moved_output,
                              {**kwargs, "cache": str(work / "cache-restored")}, args.timeout)
                moved_same = moved_output.read_bytes() == output.read_bytes()
        finally:
            if folder == kept:
                path.write_text(before, encoding="utf-8")
        triples = full.data.get("triples") or 0
        print(f"\n{args.files} files, {triples:,} triples; changed {path.relative_to(folder)} "
              f"line {line + 1} (a visit's note)")
        for name, whole in (("full build", full), ("full build without cache", uncached)):
            if whole is None:
                continue
            ratio = rebuilt.data["wall"] / whole.data["wall"]
            process = rebuilt.wall / whole.wall
            verdict = "meets" if ratio <= TARGET else "misses"
            print(f"rebuild / {name}: {ratio:.1%} of the build call, {process:.1%} of the "
                  f"process (target <= {TARGET:.0%}: {verdict} it)")
        if not has_cache:
            print("no cache: the rebuild is a second full build")
        if same is not None:
            print("rebuild output equals a build without cache: " + ("yes" if same else "NO"))
        if moved is not None:
            cache = moved.data.get("cache") or {}
            print(f"renamed folder: {moved.data['wall'] / full.data['wall']:.1%} of the full "
                  f"build, cache {cache.get('hits', 0)} hit(s), {cache.get('misses', 0)} "
                  f"miss(es); output equals the rebuild's: {'yes' if moved_same else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
