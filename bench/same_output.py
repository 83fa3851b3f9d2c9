"""Snapshot every user-visible output of diplokg, to show that a change keeps them.

    python bench/same_output.py --python .venv/bin/python --repo . --out /tmp/snapshot-a
    python bench/same_output.py --compare /tmp/snapshot-a /tmp/snapshot-b

The first form runs diplokg (the console script beside PYTHON, which must have diplokg
installed) on a fixed set of inputs, with the repository as working folder and relative
paths, so that two checkouts in different places give the same bytes.  Under OUT it writes:

  outputs/...     every captured output: the stdout, stderr and exit code of each command
                  and every file it wrote, named by command (build/seeds.turtle/stdout,
                  build/seeds.turtle/files/seeds.ttl ...)
  manifest.json   the sha256 of each output ("absent" for a file a command did not write)
  timings.json    wall and cpu times (of the command and its workers) of the 100k build
                  and of the seeds + archive build, medians of --runs run alone; the
                  wall time of every other command, run side by side; not compared
  commands.txt    the command lines, to run one again by hand
  run.json        what ran: interpreter, repository, commit, start and duration

What it covers:

  * `build seeds/` in every --format, the Turtle build with --merge-report; the small test
    case; the seeds with tests/cases/merge and a merge report; --strict
  * `validate` of seeds/, of tests/cases/broken-seed/facts.yaml and of the built Turtle in
    every report format (stdout, stderr, exit code), --strict, workflow annotations
  * `schema`, to stdout and to a file; `--version`, `--help` of the app and every command
  * `query --list`; every bundled query with the parameters of tests/query_cases.py over
    the built seeds.ttl (table and json), over the seed fact files and over an on-disk
    store filled by `load --store` (json); a few SPARQL texts (CONSTRUCT, DESCRIBE, ASK,
    csv, tsv); queries whose parameters no case gives are listed as skipped
  * a generated 100k-triple set (bench/generate.py, seed 0, 10 planted problems): the
    files generated, its build to Turtle and validation; and the same set with the
    `predecessor` of every office but a person's first one removed ("acyclic"; made when a
    leader who returned to office failed a cycle check, and kept so that snapshots of
    either side of that fix compare): its builds to Turtle (timed) and N-Triples (with a
    merge report) and its validation
  * `import` of the archive of visits by foreign leaders (every file written) with the
    seeds as registry, and a build of the seeds with the import (timed)
  * a few errors: a missing input, an unknown format or query, a missing parameter
  * the golden files under tests/golden

The commands write into out/same-output/ of the repository (git ignores out/), which is
removed at the end unless --keep-work.  The archive is reached through a link in that
folder, so its path is the same whatever the repository's place.  The environment of the
commands is fixed (locale, time zone, terminal width; no GITHUB_ACTIONS or credentials).
In stdout and stderr the repository's absolute path is written <repo>: a report on a
built graph names the shapes that come with diplokg by the path they are installed at.

The files generated are part of the snapshot (gen100k/input/listing), so a change of
bench/generate.py shows too; to build the same 100k set with the generator of another
checkout, give --generator-repo DIR and --generator-python PATH.  Commands that do not
depend on each other run side by side (--jobs); the timed builds run alone.  An OUT that
already holds a snapshot is only replaced with --replace.

The second form compares two snapshots: it lists every output that differs or exists in
only one of them, with the first lines of a unified diff, then the timings of both and
their ratio; it exits 1 when any output differs.

    python bench/same_output.py --race PYTHON_A REPO_A PYTHON_B REPO_B [--runs 5]

The third form times the two timed builds of two versions in turns (A B B A A B ...) on
the same generated set and import, in a temporary folder: on a machine that is doing
other work, two snapshots taken minutes apart can differ by more than a change does.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import hashlib
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

WORK = Path("out") / "same-output"  # relative to the repository
MARKER = ".same-output"  # marks WORK as made by this script, so it may be removed
ARCHIVE_NAME = "visits-by-foreign-leaders"
REGISTRY = "seeds/000_6518fb5451382061.facts.yaml"
BROKEN_SEED = "tests/cases/broken-seed/facts.yaml"
BUILD_FORMATS = {"turtle": "ttl", "nt": "nt", "nquads": "nq", "trig": "trig",
                 "jsonld": "jsonld"}
REPORT_FORMATS = ("text", "json", "junit", "sarif", "turtle")
COMMANDS = ("build", "validate", "schema", "import", "query", "load")
ABSENT = "absent"
TIMED = ("gen100k-acyclic build turtle", "seeds+archive build turtle")

ENVIRONMENT = {
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "TZ": "UTC",
    "COLUMNS": "100",
    "LINES": "50",
    "TERM": "dumb",
    "NO_COLOR": "1",
    "PYTHONIOENCODING": "utf-8",
}

SPARQL = {
    "construct-visitors": ("CONSTRUCT { ?visit dk:visitor ?person } "
                           "WHERE { ?visit dk:visitor ?person }", ("turtle", "nt")),
    "describe-putin": ("DESCRIBE person:vladimir-putin", ("turtle",)),
    "ask-visit": ("ASK { ?visit a dk:Visit }", ("table", "json")),
    "select-putin-starts": ("SELECT ?visit ?start WHERE { ?visit dk:visitor "
                            "person:vladimir-putin ; dk:startDate ?start } ORDER BY ?visit",
                            ("csv", "tsv", "table")),
}

# Run by the interpreter under test (it has PyYAML, as diplokg needs it): removes the
# `predecessor` of every office but a person's first, in the fact files of a folder.
# Each person's first office then names a holder whose own first office began earlier,
# so no chain of predecessors can come back to where it started.
ACYCLIC = r"""
import json, sys
from pathlib import Path
import yaml
try:
    from yaml import CSafeDumper as Dumper
except ImportError:
    from yaml import SafeDumper as Dumper
removed = 0
for path in sorted(Path(sys.argv[1]).glob("*.facts.*")):
    text = path.read_text(encoding="utf-8")
    document = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    count = 0
    for person in document.get("persons") or []:
        for office in (person.get("offices") or [])[1:]:
            if office.pop("predecessor", None) is not None:
                count += 1
    if not count:
        continue
    removed += count
    if path.suffix == ".json":
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    else:
        text = yaml.dump(document, Dumper=Dumper, sort_keys=False, allow_unicode=True,
                         width=4096, default_flow_style=False)
    path.write_text(text, encoding="utf-8")
print(f"removed {removed} predecessor(s)")
"""


@dataclass
class Step:
    """One command: its arguments, relative to the repository, and what it writes."""

    name: str
    args: list[str]
    files: list[str] = field(default_factory=list)  # files or folders to hash
    env: dict[str, str] = field(default_factory=dict)
    program: list[str] | None = None  # instead of diplokg


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_part(text: str) -> str:
    """A piece of an output's name that is one path segment."""
    return re.sub(r"[^\w.=:,+@-]", lambda m: f"%{ord(m.group()):02X}", text) or "-"


class Snapshot:
    """Runs steps in the repository and records their outputs under ``out``."""

    def __init__(self, python: Path, repo: Path, out: Path):
        self.repo, self.out = repo, out
        script = python.parent / "diplokg"
        self.diplokg = [str(script)] if script.exists() else [
            str(python), "-c",
            "import sys; from importlib.metadata import entry_points; "
            "(ep,) = entry_points(group='console_scripts', name='diplokg'); "
            "sys.argv[0] = 'diplokg'; sys.exit(ep.load()())"]
        self.python = python
        self.manifest: dict[str, str] = {}
        self.seconds: dict[str, float] = {}
        self.commands: dict[str, str] = {}
        self.lock = threading.Lock()

    def environment(self, extra: dict[str, str]) -> dict[str, str]:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
               "HOME": os.environ.get("HOME", "/tmp"), **ENVIRONMENT}
        env.update(extra)
        return env

    def execute(self, step: Step) -> tuple[float, dict[str, bytes | None]]:
        """Run ``step``; its wall time and its outputs (None for a file not written)."""
        command = (step.program or self.diplokg) + step.args
        for name in step.files:  # a file left from an earlier run would pass for output
            path = self.repo / name
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            elif path.exists() or path.is_symlink():
                path.unlink()
        start = time.perf_counter()
        done = subprocess.run(command, cwd=self.repo, env=self.environment(step.env),
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=1800)
        seconds = time.perf_counter() - start
        outputs: dict[str, bytes | None] = {
            f"{step.name}/stdout": self.placed(done.stdout),
            f"{step.name}/stderr": self.placed(done.stderr),
            f"{step.name}/exit": f"{done.returncode}\n".encode(),
        }
        for name in step.files:
            path = self.repo / name
            if path.is_dir():
                for item in sorted(path.rglob("*")):
                    if item.is_file():
                        key = f"{step.name}/files/{path.name}/{item.relative_to(path)}"
                        outputs[key] = item.read_bytes()
            else:
                outputs[f"{step.name}/files/{path.name}"] = (
                    path.read_bytes() if path.is_file() else None)
        return seconds, outputs

    def placed(self, text: bytes) -> bytes:
        """``text`` with the repository's absolute path spelt <repo>: reports name the
        shapes that come with diplokg by where they are installed."""
        return text.replace(str(self.repo).encode(), b"<repo>")

    def record(self, outputs: dict[str, bytes | None]) -> None:
        for key, data in outputs.items():
            target = self.out / "outputs" / key
            if data is not None:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            with self.lock:
                self.manifest[key] = ABSENT if data is None else sha256(data)

    def shown(self, step: Step) -> str:
        program = ["diplokg"] if step.program is None else [
            "PYTHON" if part == str(self.python) else part for part in step.program]
        env = [f"{k}={v}" for k, v in step.env.items()]
        return " ".join(_quote(part) for part in env + program + step.args)

    def run(self, step: Step) -> None:
        seconds, outputs = self.execute(step)
        self.record(outputs)
        with self.lock:
            self.seconds[step.name] = round(seconds, 3)
            self.commands[step.name] = self.shown(step)

    def run_all(self, steps: Iterable[Step], jobs: int) -> None:
        steps = list(steps)
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for future in [pool.submit(self.run, step) for step in steps]:
                future.result()

    def timed(self, step: Step, runs: int) -> dict:
        """Run ``step`` ``runs`` times, alone; record the first run's outputs and whether
        the others wrote the same bytes."""
        times, cpu, first, varies = [], [], None, []
        for _ in range(runs):
            used = _children_cpu()
            seconds, outputs = self.execute(step)
            times.append(round(seconds, 3))
            cpu.append(round(_children_cpu() - used, 3))
            hashes = {k: None if v is None else sha256(v) for k, v in outputs.items()}
            if first is None:
                first = hashes
                self.record(outputs)
            else:
                varies += [k for k in hashes if hashes[k] != first.get(k) and k not in varies]
        self.record({f"{step.name}/repeats": (
            f"{runs} runs, outputs identical\n" if not varies else
            f"{runs} runs, outputs differ: {', '.join(varies)}\n").encode()})
        self.commands[step.name] = self.shown(step)
        return {"command": self.shown(step), "runs": times,
                "median": round(statistics.median(times), 3),
                "cpu": cpu, "cpu_median": round(statistics.median(cpu), 3)}


def _children_cpu() -> float:
    """User and system seconds of the finished child processes (and theirs), so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _quote(part: str) -> str:
    return part if re.fullmatch(r"[\w./:=,+@%-]+", part) else "'" + part.replace(
        "'", "'\\''") + "'"


def listing(folder: Path) -> bytes:
    """sha256 and path of every file under ``folder``, sorted by path."""
    lines = [f"{sha256(p.read_bytes())}  {p.relative_to(folder)}\n"
             for p in sorted(folder.rglob("*")) if p.is_file()]
    return "".join(lines).encode()


def bundled_queries(snapshot: Snapshot) -> dict[str, list[str]]:
    """The bundled queries that `diplokg query --list` names, with their parameters."""
    step = Step("query/list", ["query", "--list"])
    snapshot.run(step)
    text = (snapshot.out / "outputs" / "query/list/stdout").read_text(encoding="utf-8")
    queries: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if match := re.match(r"([a-z0-9]+(?:-[a-z0-9]+)*): ", line):
            current = match.group(1)
            queries[current] = []
        elif current and (match := re.match(r"\s+--param\s+([\w-]+)=", line)):
            queries[current].append(match.group(1))
    return queries


def query_cases(repo: Path) -> list[tuple[str, dict[str, str]]]:
    """(query, parameters) of each case in tests/query_cases.py, read without importing it."""
    tree = ast.parse((repo / "tests" / "query_cases.py").read_text(encoding="utf-8"))
    for node in tree.body:
        targets = (node.targets if isinstance(node, ast.Assign) else
                   [node.target] if isinstance(node, ast.AnnAssign) else [])
        if any(isinstance(t, ast.Name) and t.id == "CASES" for t in targets):
            return [(ast.literal_eval(case.elts[0]), ast.literal_eval(case.elts[1]))
                    for case in node.value.elts]
    raise SystemExit(f"no CASES in {repo / 'tests' / 'query_cases.py'}")


def find_archive(repo: Path, given: Path | None) -> Path:
    if given is not None:
        candidates = [given]
    else:
        here = Path(__file__).resolve().parents[1]
        candidates = [place.parent / "shared" / "data" / ARCHIVE_NAME for place in (repo, here)]
    for candidate in candidates:
        if (candidate / "data").is_dir():
            return candidate.resolve()
    raise SystemExit(f"no archive of visits at {' or '.join(map(str, candidates))} "
                     "(give --archive DIR)")


def prepare(repo: Path, out: Path, keep: bool, replace: bool) -> Callable[[], None]:
    """Empty ``out`` and the work folder; return what removes the work folder after."""
    if out.exists() and any(out.iterdir()):
        if not (out / "manifest.json").exists():
            raise SystemExit(f"{out} holds something other than a snapshot; "
                             "give an empty or new folder")
        if not replace:
            raise SystemExit(f"{out} holds a snapshot; give --replace to overwrite it")
    work = repo / WORK
    if work.exists():
        if not (work / MARKER).exists():
            raise SystemExit(f"{work} exists and was not made by this script; "
                             "move it away first")
        shutil.rmtree(work)
    if out.exists():
        shutil.rmtree(out)
    (out / "outputs").mkdir(parents=True)
    made_out = not (repo / "out").exists()
    work.mkdir(parents=True)
    (work / MARKER).write_text("made by bench/same_output.py; removed by it\n")

    def clean() -> None:
        if keep:
            return
        shutil.rmtree(work)
        if made_out and not any((repo / "out").iterdir()):
            (repo / "out").rmdir()
    return clean


def snapshot(args: argparse.Namespace) -> int:
    repo, out = args.repo.resolve(), args.out.resolve()
    python = args.python.absolute()
    gen_python = (args.generator_python or args.python).absolute()
    gen_repo = (args.generator_repo or args.repo).resolve()
    archive = find_archive(repo, args.archive)
    if not (repo / "seeds").is_dir():
        raise SystemExit(f"{repo} has no seeds/: give the repository with --repo")
    started, wall = datetime.now(timezone.utc), time.perf_counter()
    clean = prepare(repo, out, args.keep_work, args.replace)
    snap = Snapshot(python, repo, out)
    w = WORK.as_posix()
    jobs = args.jobs or os.cpu_count() or 1
    try:
        (repo / WORK / ARCHIVE_NAME).symlink_to(archive, target_is_directory=True)
        generator = ("bench/generate.py" if gen_repo == repo
                     else str(gen_repo / "bench" / "generate.py"))

        # 1. what needs nothing built first
        first = [Step("version", ["--version"]), Step("help", ["--help"])]
        first += [Step(f"help/{c}", [c, "--help"]) for c in COMMANDS]
        first += [Step("schema/stdout", ["schema"]),
                  Step("schema/file", ["schema", "-o", f"{w}/schema.json"],
                       [f"{w}/schema.json"])]
        for fmt, ext in BUILD_FORMATS.items():
            name, files = f"build/seeds.{fmt}", [f"{w}/seeds.{ext}"]
            extra = []
            if fmt == "turtle":
                extra, files = (["--merge-report", f"{w}/seeds.merge.json"],
                                files + [f"{w}/seeds.merge.json"])
            first.append(Step(name, ["build", "seeds/", "-o", f"{w}/seeds.{ext}", "-f", fmt,
                                     *extra], files))
        first += [
            Step("build/seeds.strict", ["build", "seeds/", "--strict", "-o",
                                        f"{w}/strict.ttl"], [f"{w}/strict.ttl"]),
            Step("build/small", ["build", "tests/cases/small/", "-o", f"{w}/small.ttl"],
                 [f"{w}/small.ttl"]),
            Step("build/seeds+merge", ["build", "seeds/", "tests/cases/merge/", "-o",
                                       f"{w}/merged.ttl", "--merge-report",
                                       f"{w}/merged.merge.json"],
                 [f"{w}/merged.ttl", f"{w}/merged.merge.json"]),
            Step("build/broken-seed", ["build", BROKEN_SEED, "-o", f"{w}/broken.ttl"],
                 [f"{w}/broken.ttl"]),
        ]
        for target, label in (("seeds/", "seeds"), (BROKEN_SEED, "broken-seed")):
            first += [Step(f"validate/{label}.{fmt}", ["validate", target, "-f", fmt])
                      for fmt in REPORT_FORMATS]
        first += [
            Step("validate/seeds.strict", ["validate", "seeds/", "--strict"]),
            Step("validate/broken-seed.github", ["validate", BROKEN_SEED],
                 env={"GITHUB_ACTIONS": "true"}),
            Step("validate/broken-seed.sarif-file", ["validate", BROKEN_SEED, "-f", "sarif",
                                                     "-o", f"{w}/broken.sarif"],
                 [f"{w}/broken.sarif"]),
            Step("import/archive", ["import", f"{w}/{ARCHIVE_NAME}", "-o", f"{w}/archive",
                                    "--registry", REGISTRY], [f"{w}/archive"]),
            Step("gen100k/generate", [generator, f"{w}/gen100k", "--triples", "100k",
                                      "--seed", "0", "--broken", "10"],
                 [f"{w}/gen100k/generated.json", f"{w}/gen100k/expected-problems.json"],
                 program=[str(gen_python)]),
            Step("errors/build-missing-input", ["build", "no-such-folder/", "-o",
                                                f"{w}/missing.ttl"], [f"{w}/missing.ttl"]),
            Step("errors/build-unknown-format", ["build", "seeds/", "-o", f"{w}/bad.ttl",
                                                 "-f", "rdfxml"], [f"{w}/bad.ttl"]),
            Step("errors/validate-unknown-format", ["validate", "seeds/", "-f", "html"]),
            Step("errors/validate-missing-input", ["validate", "no-such-file.yaml"]),
        ]
        queries = bundled_queries(snap)
        snap.run_all(first, jobs)
        snap.record({"gen100k/input/listing": listing(repo / WORK / "gen100k")})

        # 2. what reads the seed graph, the import or the generated set
        (repo / WORK / "gen100k").mkdir(exist_ok=True)  # when the generator failed
        shutil.copytree(repo / WORK / "gen100k", repo / WORK / "gen100k-acyclic")
        cases = query_cases(repo)
        covered = {name for name, _ in cases}
        second = [
            Step("load/store", ["load", f"{w}/seeds.ttl", "--store", f"{w}/store"]),
            Step("gen100k-acyclic/remove-returning-predecessors",
                 ["-c", ACYCLIC, f"{w}/gen100k-acyclic/facts"], program=[str(python)]),
            Step("gen100k/build.turtle", ["build", f"{w}/gen100k/facts", "-o",
                                          f"{w}/gen100k.ttl"], [f"{w}/gen100k.ttl"]),
            Step("gen100k/validate.json", ["validate", f"{w}/gen100k", "-f", "json"]),
            Step("validate/seeds-ttl.text", ["validate", f"{w}/seeds.ttl"]),
            Step("validate/seeds-ttl.json", ["validate", f"{w}/seeds.ttl", "-f", "json"]),
            Step("errors/query-unknown", ["query", "no-such-query", f"{w}/seeds.ttl"]),
            Step("errors/query-missing-parameter", ["query", "visits-of-leader",
                                                    f"{w}/seeds.ttl"]),
            Step("errors/query-unknown-id", ["query", "visits-of-leader", f"{w}/seeds.ttl",
                                             "-p", "leader=no-such-person"]),
        ]
        later = []  # over the store
        for name, params in cases:
            key = "query/" + safe_part(name) + "/" + safe_part(
                ",".join(f"{k}={v}" for k, v in params.items()))
            given = [part for k, v in params.items() for part in ("-p", f"{k}={v}")]
            second += [
                Step(f"{key}/table", ["query", name, f"{w}/seeds.ttl", *given]),
                Step(f"{key}/json", ["query", name, f"{w}/seeds.ttl", *given, "-f", "json"]),
                Step(f"{key}/facts.json", ["query", name, "seeds/", *given, "-f", "json"]),
            ]
            later.append(Step(f"{key}/store.json", ["query", name, "--store", f"{w}/store",
                                                    *given, "-f", "json"]))
        skipped = []
        for name, params in sorted(queries.items()):
            if name in covered:
                continue
            if params:
                skipped.append(f"{name}: needs {', '.join(params)}; no case gives them\n")
                continue
            key = f"query/{safe_part(name)}/-"
            second += [Step(f"{key}/table", ["query", name, f"{w}/seeds.ttl"]),
                       Step(f"{key}/json", ["query", name, f"{w}/seeds.ttl", "-f", "json"])]
            later.append(Step(f"{key}/store.json", ["query", name, "--store", f"{w}/store",
                                                    "-f", "json"]))
        snap.record({"query/skipped": "".join(skipped).encode()})
        for label, (text, formats) in SPARQL.items():
            second += [Step(f"sparql/{label}/{fmt}", ["query", text, f"{w}/seeds.ttl",
                                                      "-f", fmt]) for fmt in formats]
        snap.run_all(second, jobs)
        snap.record({"gen100k-acyclic/input/listing":
                     listing(repo / WORK / "gen100k-acyclic")})

        # 3. over the store and the acyclic set
        later += [
            Step("gen100k-acyclic/build.nt", ["build", f"{w}/gen100k-acyclic/facts", "-o",
                                              f"{w}/gen100k-acyclic.nt", "-f", "nt",
                                              "--merge-report",
                                              f"{w}/gen100k-acyclic.merge.json"],
                 [f"{w}/gen100k-acyclic.nt", f"{w}/gen100k-acyclic.merge.json"]),
            Step("gen100k-acyclic/validate.json", ["validate", f"{w}/gen100k-acyclic",
                                                   "-f", "json"]),
        ]
        snap.run_all(later, jobs)

        # 4. timed, one at a time
        timings = {
            TIMED[0]: snap.timed(Step(
                "gen100k-acyclic/build.turtle",
                ["build", f"{w}/gen100k-acyclic/facts", "-o", f"{w}/gen100k-acyclic.ttl"],
                [f"{w}/gen100k-acyclic.ttl"]), args.runs),
            TIMED[1]: snap.timed(Step(
                "build/seeds+archive",
                ["build", "seeds/", f"{w}/archive", "-o", f"{w}/seeds+archive.ttl"],
                [f"{w}/seeds+archive.ttl"]), args.runs),
        }

        golden = repo / "tests" / "golden"
        snap.record({f"golden/{p.relative_to(golden)}": p.read_bytes()
                     for p in sorted(golden.rglob("*")) if p.is_file()})
    finally:
        clean()

    total = time.perf_counter() - wall
    write_json(out / "manifest.json", dict(sorted(snap.manifest.items())))
    write_json(out / "timings.json", {**timings, "steps": dict(sorted(snap.seconds.items())),
                                      "total": round(total, 1)})
    (out / "commands.txt").write_text(
        "".join(f"{name}: {line}\n" for name, line in sorted(snap.commands.items())),
        encoding="utf-8")
    commit = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"],
                            capture_output=True, text=True)
    write_json(out / "run.json", {
        "python": str(python), "repo": str(repo), "archive": str(archive),
        "generator": [str(gen_python), str(gen_repo / "bench" / "generate.py")],
        "commit": commit.stdout.strip() if commit.returncode == 0 else None,
        "started": started.isoformat(timespec="seconds"), "seconds": round(total, 1),
        "outputs": len(snap.manifest)})
    for label in TIMED:
        print(f"{label}: median {timings[label]['median']:.2f} s wall "
              f"{timings[label]['runs']}, {timings[label]['cpu_median']:.2f} s cpu")
    print(f"{len(snap.manifest)} outputs in {out} ({total:.0f} s)")
    return 0


def write_json(path: Path, value) -> None:
    path.write_text(json.dumps(value, indent=2) + "\n", encoding="utf-8")


def excerpt(a: Path, b: Path, lines: int) -> list[str]:
    """The first ``lines`` lines of a unified diff of two text files, from the first
    line where they differ (so a large file costs no more than its changed part)."""
    old = a.read_bytes().decode("utf-8", "replace").splitlines(keepends=True)
    new = b.read_bytes().decode("utf-8", "replace").splitlines(keepends=True)
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    context = max(0, start - 2)
    window = 4 * lines
    diff = difflib.unified_diff(old[context:context + window], new[context:context + window],
                                str(a), str(b), n=2)
    shown = [f"(first difference at line {start + 1})\n"] if start else []
    for line in diff:
        if len(shown) >= lines:
            shown.append("...\n")
            break
        if line.startswith("@@"):  # line numbers in the files, not in the window
            line = re.sub(r"([-+])(\d+)", lambda m: f"{m[1]}{int(m[2]) + context}", line,
                          count=2)
        shown.append(line if line.endswith("\n") else line + "\n")
    return shown


def compare(a: Path, b: Path, lines: int) -> int:
    old, new = (json.loads((d / "manifest.json").read_text()) for d in (a, b))
    differ = 0
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        differ += 1
        if before is None or after is None:
            print(f"only in {a if after is None else b}: {key}")
            continue
        if ABSENT in (before, after):
            print(f"differs: {key} (written only in {b if before == ABSENT else a})")
            continue
        print(f"differs: {key}")
        sys.stdout.writelines("    " + line for line in excerpt(
            a / "outputs" / key, b / "outputs" / key, lines))
    same = len(set(old) & set(new)) - sum(
        1 for k in set(old) & set(new) if old[k] != new[k])
    print(f"{same} of {len(set(old) | set(new))} outputs identical, {differ} differ")
    times = [json.loads((d / "timings.json").read_text()) for d in (a, b)]
    for label in TIMED:
        x, y = (t.get(label) for t in times)
        if x is None or y is None:
            continue
        print(f"{label}: wall {x['median']:.2f} s -> {y['median']:.2f} s "
              f"({y['median'] / x['median']:.2f}x), cpu {x['cpu_median']:.2f} s -> "
              f"{y['cpu_median']:.2f} s ({y['cpu_median'] / x['cpu_median']:.2f}x); "
              f"medians of {len(x['runs'])} and {len(y['runs'])} runs")
    x, y = (t.get("total") for t in times)
    if x and y:
        print(f"whole snapshot: {x:.0f} s -> {y:.0f} s")
    return 1 if differ else 0


def race(python_a: Path, repo_a: Path, python_b: Path, repo_b: Path, runs: int,
         archive: Path | None) -> int:
    """Time the two timed builds of two versions in turns (A B, B A, A B ...) on the same
    inputs, so that whatever else the machine does weighs on both alike."""
    with tempfile.TemporaryDirectory(prefix="same-output-race-") as folder:
        work = Path(folder)
        a = Snapshot(python_a.absolute(), repo_a.resolve(), work)
        b = Snapshot(python_b.absolute(), repo_b.resolve(), work)
        source = find_archive(a.repo, archive)
        prepared = [
            Step("generate", [str(a.repo / "bench" / "generate.py"), str(work / "gen"),
                              "--triples", "100k", "--seed", "0"], program=[str(a.python)]),
            Step("acyclic", ["-c", ACYCLIC, str(work / "gen" / "facts")],
                 program=[str(a.python)]),
            Step("import", ["import", str(source), "-o", str(work / "archive"),
                            "--registry", REGISTRY]),
        ]
        for step in prepared:
            _, outputs = a.execute(step)
            if outputs[f"{step.name}/exit"] != b"0\n":
                sys.stderr.buffer.write(outputs[f"{step.name}/stderr"] or b"")
                raise SystemExit(f"{step.name} failed")
        builds = {
            TIMED[0]: ["build", str(work / "gen" / "facts"), "-o", str(work / "gen.ttl")],
            TIMED[1]: ["build", "seeds/", str(work / "archive"), "-o", str(work / "all.ttl")],
        }
        failed = 0
        for label, arguments in builds.items():
            wall: dict[str, list[float]] = {"A": [], "B": []}
            cpu: dict[str, list[float]] = {"A": [], "B": []}
            for turn in range(2 * runs):
                name, snap = ("A", a) if (turn + turn // 2) % 2 == 0 else ("B", b)
                used = _children_cpu()
                seconds, outputs = snap.execute(Step(label, arguments))
                wall[name].append(seconds)
                cpu[name].append(_children_cpu() - used)
                if outputs[f"{label}/exit"] != b"0\n":
                    failed += 1
                    print(f"{label}: {name} exited {outputs[f'{label}/exit'].decode().strip()}")
            x, y = (statistics.median(wall[n]) for n in "AB")
            u, v = (statistics.median(cpu[n]) for n in "AB")
            print(f"{label}: wall A {x:.2f} s, B {y:.2f} s ({y / x:.2f}x); "
                  f"cpu A {u:.2f} s, B {v:.2f} s ({v / u:.2f}x); medians of {runs} turns each")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", type=Path, help="interpreter with diplokg installed")
    parser.add_argument("--repo", type=Path, help="the repository: its seeds, tests, bench")
    parser.add_argument("--out", type=Path, help="folder for the snapshot: new or empty")
    parser.add_argument("--archive", type=Path,
                        help=f"the archive of visits (default: ../shared/data/{ARCHIVE_NAME} "
                        "beside the repository, or beside the one of this script)")
    parser.add_argument("--generator-python", type=Path,
                        help="interpreter for bench/generate.py (default: --python)")
    parser.add_argument("--generator-repo", type=Path,
                        help="repository whose bench/generate.py makes the 100k set "
                        "(default: --repo)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each timed build")
    parser.add_argument("--jobs", type=int, help="commands at a time (default: one per core)")
    parser.add_argument("--replace", action="store_true",
                        help="overwrite the snapshot already in --out")
    parser.add_argument("--keep-work", action="store_true",
                        help=f"keep {WORK}/ in the repository afterwards")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("DIR_A", "DIR_B"),
                        help="compare two snapshots; exit 1 when any output differs")
    parser.add_argument("--race", nargs=4, type=Path,
                        metavar=("PYTHON_A", "REPO_A", "PYTHON_B", "REPO_B"),
                        help="time the timed builds of two versions in turns, --runs each")
    parser.add_argument("--diff-lines", type=int, default=20,
                        help="lines of diff shown per difference")
    args = parser.parse_args(argv)
    if args.compare:
        return compare(*args.compare, args.diff_lines)
    if args.race:
        python_a, repo_a, python_b, repo_b = args.race
        return race(python_a, repo_a, python_b, repo_b, args.runs, args.archive)
    if not (args.python and args.repo and args.out):
        parser.error("give --python, --repo and --out (or --compare DIR_A DIR_B)")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return snapshot(args)


if __name__ == "__main__":
    sys.exit(main())
