"""Scale benchmark: diplokg builds of 10k to 1M triples, against the floor, rdflib + pyshacl,
Oxigraph, maplib and pyrudof.

    .venv/bin/python bench/scale.py [--sizes 10k,100k,1M] [--runs R] [--jobs J] [--quick]
                                    [--broken K] [--data-dir DIR] [--save] [--timeout S]
                                    [--no-baseline] [--no-floor] [--no-references]
                                    [--json-facts] [--json FILE]

For each size: generate the facts (bench/generate.py; or reuse DATA_DIR/<size>, default
bench/.data/<size>, when it holds a generated data set), then, each in a fresh Python
process, so that peak memory is per run:

1. R timed builds of the clean facts with ``diplokg.pipeline.build`` (with ``jobs=J``
   when build takes a ``jobs`` keyword): wall seconds per stage (``BuildResult.timings``),
   total, triples per second, peak memory;
2. one ``pipeline.validate`` of the clean facts plus the K planted broken facts: its
   problems, its stage times on that graph, and whether every planted problem is found;
3. the baseline on the same triples: an rdflib ``Graph`` filled with ``add``, written
   with rdflib's Turtle serializer, and one whole-graph ``pyshacl.validate`` with the
   project's shapes; and whether pyshacl's results are diplokg's SHACL findings;
4. the floor (``bench/floor.py``: libyaml loading and f-string N-Triples, the least any
   build costs) and the references, each on its own: Oxigraph's ``Store.dump`` to Turtle of
   the built graph, maplib mapping the same triples and writing Turtle, and pyrudof
   validating the graph of step 2 (maplib and pyrudof where installed: the ``bench``
   extra); and whether pyrudof's results are diplokg's SHACL findings;
5. with ``--json-facts``, R builds of the same facts converted to JSON fact files (by
   ``floor.json_facts``, kept in the data set's hidden ``.json`` folder), and whether they
   write the same graph, byte for byte, as the YAML builds.

Prints a table per part; the numbers are medians over the R runs (default 3 below 1M
triples, 1 from 1M).  ``--quick`` is 10k with one run, as a smoke check.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import hashlib
import importlib.util
import inspect
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import floor
import generate

HERE = Path(__file__).resolve().parent
STAGES = ("read", "merge", "map", "validate", "write")  # other stages are shown after these
# What is compared with the baseline, by whichever of these stages the pipeline reports.
GRAPH_STAGES = ("map", "graph")  # against filling an rdflib Graph with add
WRITE_STAGES = ("render", "serialize", "write")  # against rdflib's Turtle writer
BASELINE_STEPS = ("add", "pyshacl", "turtle", "overall")  # in the order the baseline runs
TARGETS = {"total_1m": 60.0, "peak_mb": 2048.0, "write_speedup": 10.0}
# The speed targets: a 1M build against the floor, of the same facts as JSON, the cost per
# triple from 100k to 1M, and the peak memory of a 1M build.
SPEED_TARGETS = {"floor_ratio": 2.5, "json_total_1m": 6.0, "per_triple_growth": 1.2,
                 "peak_mb": 600.0}
# The references each run in a process of their own; maplib and pyrudof only if installed.
REFERENCES = {"oxigraph": "pyoxigraph", "maplib": "maplib", "pyrudof": "pyrudof"}


# -- running one measurement in a fresh process ------------------------------------------


@dataclass
class Run:
    """What a child process reported, and what the parent measured of it."""

    ok: bool
    data: dict = field(default_factory=dict)  # what the child wrote
    wall: float = 0.0  # the child process, start to exit, as the parent saw it
    peak_mb: float = 0.0  # largest resident set of the child or any process it waited for
    tree_mb: float = 0.0  # largest sum of PSS over the child and its descendants, sampled
    error: str = ""


class _MemorySampler(threading.Thread):
    """Samples the proportional set size (PSS) of a process and all its descendants.

    ru_maxrss gives the largest single process; when diplokg forks workers, what the
    machine needs is the sum over all of them, with shared pages counted once (PSS).
    """

    def __init__(self, pid: int, interval: float = 1.0):
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak_kb = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.interval):
            with contextlib.suppress(OSError):
                pids = _tree(self.pid)
                if len(pids) > 1:  # one process: its ru_maxrss is exact, and cheaper
                    self.peak_kb = max(self.peak_kb, sum(map(_pss_kb, pids)))

    def stop(self) -> float:
        self.done.set()
        self.join()
        return self.peak_kb / 1024


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
        return 0
    except OSError:
        try:  # no smaps_rollup: the resident set, which counts shared pages in full
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0


def run_child(action: str, work: Path, timeout: float | None = None, **spec) -> Run:
    """Run ``action`` (see ``child``) in a fresh Python process; wait for it and measure it."""
    work.mkdir(parents=True, exist_ok=True)
    spec_file, result_file = work / f"{action}.spec.json", work / f"{action}.result.json"
    log_file = work / f"{action}.log"
    result_file.unlink(missing_ok=True)
    spec_file.write_text(json.dumps({"action": action, "result": str(result_file), **spec},
                                    default=str), encoding="utf-8")
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(spec_file)]
    with log_file.open("w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)  # its own group, killed on timeout
    timed_out = threading.Event()

    def kill() -> None:
        timed_out.set()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, kill) if timeout else None
    if timer:
        timer.start()
    sampler = _MemorySampler(process.pid)
    sampler.start()
    start = time.perf_counter()
    # wait4, not getrusage(RUSAGE_CHILDREN): the latter is the largest of *all* children so
    # far, so it could never show a run that needs less memory than an earlier one.
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    tree_mb = sampler.stop()
    if timer:
        timer.cancel()
    run = Run(ok=False, wall=wall, peak_mb=usage.ru_maxrss / 1024, tree_mb=tree_mb)
    if timed_out.is_set():
        run.error = f"stopped after {timeout:.0f} s"
        if result_file.exists():  # what the child finished before it was stopped
            run.data = json.loads(result_file.read_text(encoding="utf-8"))
            # the step it was in ran at least this long (less a second for start-up)
            run.data["stopped_after"] = max(0.0, wall - run.data.get("since_start", wall) - 1)
    elif result_file.exists():
        run.data = json.loads(result_file.read_text(encoding="utf-8"))
        run.ok = run.data.get("ok", False)
        run.error = run.data.get("error", "")
    else:
        tail = log_file.read_text(errors="replace").strip().splitlines()[-5:]
        run.error = f"exit code {process.returncode}: " + " | ".join(tail)
    run.tree_mb = max(run.tree_mb, run.peak_mb)  # the sampler may miss a short peak
    return run


# -- what a child process does --------------------------------------------------------------


def _problems(problems) -> list[dict]:
    from dataclasses import asdict

    return [asdict(p) for p in problems]


def _graph_size(result) -> int | None:
    """Triples in the result, without making an rdflib Graph if the result can say."""
    count = getattr(result, "count", None)
    if count is not None:
        return count
    graph = getattr(result, "graph", None)
    return len(graph) if graph is not None else None


def _with_cache(kwargs: dict) -> dict:
    """A ``cache`` folder given as text, made into what build takes (as the CLI does)."""
    if not isinstance(kwargs.get("cache"), str):
        return kwargs
    try:
        from diplokg.build.cache import Cache
    except ImportError:  # a build that takes the folder itself
        return {**kwargs, "cache": Path(kwargs["cache"])}
    return {**kwargs, "cache": Cache(Path(kwargs["cache"]))}


def child(spec: dict) -> dict:
    """Run one measurement; called in the child process with the spec the parent wrote."""
    if spec["action"] in REFERENCE_CHILDREN:
        return reference(spec)
    started = time.perf_counter()
    from diplokg.build import pipeline
    from diplokg.errors import FactProblems

    imported = time.perf_counter() - started
    action = spec["action"]
    paths = [Path(p) for p in spec["paths"]]
    kwargs = _with_cache(spec.get("kwargs", {}))
    out: dict = {"ok": True, "import": imported}
    start = time.perf_counter()
    try:
        if action == "build":
            result = pipeline.build(paths, Path(spec["output"]), **kwargs)
        elif action == "validate":
            result = pipeline.validate(paths, **kwargs)
        elif action == "baseline":
            def progress(partial: dict) -> None:
                since = time.perf_counter() - started  # for a lower bound if stopped later
                Path(spec["result"]).write_text(
                    json.dumps({**out, **partial, "ok": False, "since_start": since}),
                    encoding="utf-8")

            return {**out, **baseline(paths, Path(spec["broken"]), Path(spec["output"]),
                                      progress)}
        else:
            raise ValueError(f"unknown action {action}")
    except FactProblems as error:
        return {**out, "ok": False, "wall": time.perf_counter() - start,
                "error": f"{len(error.problems)} problem(s) in the facts",
                "problems": _problems(error.problems)}
    out.update(wall=time.perf_counter() - start, timings=dict(result.timings),
               triples=_graph_size(result), problems=_problems(result.problems))
    cache = kwargs.get("cache")
    if hasattr(cache, "hits"):  # diplokg.cache.Cache counts what it found
        out["cache"] = {"hits": cache.hits, "misses": getattr(cache, "misses", None)}
    return out


def baseline(paths: list[Path], broken: Path, output: Path, progress=None) -> dict:
    """The same triples through plain rdflib and one whole-graph pyshacl run.

    diplokg's own reader and mapper make the triples (not timed: there is nothing to
    compare them with).  pyshacl sees the clean and the planted facts, the graph that
    ``pipeline.validate`` checked; the Turtle writer sees the clean graph that the builds
    wrote.  pyshacl runs first, and ``progress`` gets what is done after each step, so a
    run stopped in the (slow) Turtle writer still gives the findings.
    """
    import pyshacl
    from rdflib import Graph, URIRef

    from diplokg.namespaces import RDF, SH

    start = time.perf_counter()
    clean, planted = mapped_triples(paths, broken)
    prepare = time.perf_counter() - start
    progress = progress or (lambda partial: None)
    graph = Graph()
    start = time.perf_counter()
    for triple in clean:
        graph.add(triple)
    add = time.perf_counter() - start
    done: dict = {"prepare": prepare, "add": add, "clean_triples": len(graph)}
    progress(done)
    for triple in planted:
        graph.add(triple)
    shapes = shapes_graph()
    start = time.perf_counter()
    _conforms, report, _text = pyshacl.validate(
        graph, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True,
        abort_on_first=False)
    shacl = time.perf_counter() - start
    results = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        shape = report.value(result, SH.sourceShape)
        results.append({
            "focus": str(report.value(result, SH.focusNode)),
            "path": str(path) if isinstance(path, URIRef) else "",
            "component": str(report.value(result, SH.sourceConstraintComponent)),
            "shape": str(shape) if isinstance(shape, URIRef) else "",
            "severity": str(report.value(result, SH.resultSeverity))})
    done.update(pyshacl=shacl, triples=len(graph), results=results,
                shapes=shape_iris(shapes))
    progress(done)
    for triple in planted:
        graph.remove(triple)
    progress(done)  # the Turtle writer starts now
    start = time.perf_counter()
    graph.serialize(destination=str(output), format="turtle")
    done["turtle"] = time.perf_counter() - start
    output.unlink(missing_ok=True)
    return done


def mapped_triples(paths: list[Path], broken: Path) -> tuple[list, list]:
    """diplokg's triples of the facts under ``paths`` (read, merged and mapped by diplokg's
    own code), as (those of the clean facts, those of the facts planted under ``broken``)."""
    from diplokg.merge import entities as merge
    from diplokg.namespaces import DEFAULT_BASE
    from diplokg.rdf import mapping
    from diplokg.read import facts

    fact_set = facts.read_facts(paths)
    merged = merge.merge(fact_set)
    mapper = mapping.Mapper(merged, DEFAULT_BASE, fact_set.texts)
    clean, planted = [], []
    for entity in merged.entities.values():
        planted_here = Path(entity.first.file).resolve().is_relative_to(broken.resolve())
        (planted if planted_here else clean).extend(mapper.map_entity(entity))
    return clean, planted


def shapes_graph():
    """The project's shapes files in one rdflib Graph."""
    from rdflib import Graph

    from diplokg import resources

    shapes = Graph()
    for path in resources.shapes_files():
        shapes.parse(path, format="turtle")
    return shapes


def shape_iris(shapes) -> list[str]:
    from diplokg.namespaces import RDF, SH

    return sorted({str(s) for s in shapes.subjects(RDF.type, SH.NodeShape)} |
                  {str(s) for s in shapes.subjects(RDF.type, SH.PropertyShape)})


# -- the floor and the references, each in a child process of its own ------------------------


def _reset_peak() -> None:
    """Start the process's peak resident set afresh (Linux), so that the peak read after a
    step is what the process held then plus what the step added, without the diplokg
    mapping that prepared the step's input."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _turtle_prefixes(path: Path) -> dict[str, str]:
    """The prefixes at the head of a Turtle file, to dump with the same ones."""
    prefixes = {}
    with path.open(encoding="utf-8") as turtle:
        for line in turtle:
            found = re.match(r"@prefix\s+([\w.-]*):\s*<([^>]*)>\s*\.", line)
            if found:
                prefixes[found[1]] = found[2]
            elif line.strip() and not line.startswith("#"):
                break
    return prefixes


def oxigraph_dump(graph: Path) -> dict:
    """The built graph loaded into an in-memory Oxigraph store, and dumped to Turtle."""
    import pyoxigraph as ox

    store = ox.Store()
    start = time.perf_counter()
    store.bulk_load(path=str(graph), format=ox.RdfFormat.TURTLE)
    load = time.perf_counter() - start
    _reset_peak()
    with tempfile.TemporaryDirectory(prefix="diplokg-oxigraph-") as scratch:
        start = time.perf_counter()
        store.dump(str(Path(scratch) / "dump.ttl"), ox.RdfFormat.TURTLE,
                   from_graph=ox.DefaultGraph(), prefixes=_turtle_prefixes(graph))
        dump = time.perf_counter() - start
    return {"load": load, "dump": dump, "triples": len(store), "peak_mb": floor.peak_mb()}


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _maplib_frames(triples: list) -> tuple[dict, int]:
    """diplokg's triples as polars DataFrames (subject, predicate, object), one per kind of
    object: "" for IRIs, else the literal's datatype, its values in the column type maplib
    wants for it; and how many triples are left out (a datatype polars cannot parse)."""
    import polars as pl
    from rdflib import Literal

    columns: dict[str, tuple[list, list, list]] = {}
    for subject, predicate, obj in triples:
        key = (str(obj.datatype or XSD_STRING) if isinstance(obj, Literal) else "")
        subjects, predicates, objects = columns.setdefault(key, ([], [], []))
        subjects.append(str(subject))
        predicates.append(str(predicate))
        objects.append(str(obj))
    typed = {"date": lambda s: s.str.to_date("%Y-%m-%d"),
             "boolean": lambda s: s == "true",
             "integer": lambda s: s.cast(pl.Int64),
             "dateTime": lambda s: s.str.to_datetime(time_zone="UTC")}
    frames, left_out = {}, 0
    for key, (subjects, predicates, objects) in columns.items():
        values = pl.Series(objects)
        convert = typed.get(key.rsplit("#", 1)[-1]) if key else None
        try:
            values = convert(values) if convert else values
        except Exception:  # polars raises several kinds: the group is left out
            left_out += len(objects)
            continue
        frames[key] = pl.DataFrame({"subject": subjects, "predicate": predicates,
                                    "object": values})
    return frames, left_out


def maplib_map(paths: list[Path], broken: Path) -> dict:
    """The clean triples (diplokg's, as the rdflib baseline gets them) mapped into a maplib
    Model from DataFrames, then written to Turtle."""
    import maplib

    clean, _planted = mapped_triples(paths, broken)
    start = time.perf_counter()
    frames, left_out = _maplib_frames(clean)
    prepare = time.perf_counter() - start
    del clean, _planted
    gc.collect()
    model = maplib.Model()
    names = {key: f"urn:bench:literal-{index}" for index, key in enumerate(frames) if key}
    model.add_template("\n".join(
        f"<{name}>[ottr:IRI ?subject, ottr:IRI ?predicate, <{key}> ?object] :: "
        "{ ottr:Triple(?subject, ?predicate, ?object) } ." for key, name in names.items()))
    _reset_peak()
    start = time.perf_counter()
    for key, frame in frames.items():
        if key:
            model.map(names[key], frame)
        else:
            model.map_triples(frame)
    mapped = time.perf_counter() - start
    peak = floor.peak_mb()
    _reset_peak()
    with tempfile.TemporaryDirectory(prefix="diplokg-maplib-") as scratch:
        start = time.perf_counter()
        model.write(str(Path(scratch) / "maplib.ttl"), format="turtle")
        write = time.perf_counter() - start
    return {"prepare": prepare, "map": mapped, "write": write, "triples": model.size(),
            "left_out": left_out, "peak_mb": peak, "write_peak_mb": floor.peak_mb()}


def _iri_or_empty(path: str | None) -> str:
    """A result path that is an IRI; sequence and inverse paths count as empty, as in the
    comparison with pyshacl."""
    return path if path and re.fullmatch(r"[a-z][a-z0-9+.-]*:[^\s<>\"{}|^`\\]*", path) else ""


def pyrudof_validate(paths: list[Path], broken: Path) -> dict:
    """One pyrudof SHACL validation of the graph that ``pipeline.validate`` checks (the clean
    and the planted facts, mapped by diplokg), with the project's shapes."""
    import pyrudof

    clean, planted = mapped_triples(paths, broken)
    shapes = shapes_graph()
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    with tempfile.TemporaryDirectory(prefix="diplokg-pyrudof-") as scratch:
        data = Path(scratch) / "graph.ttl"  # one triple a line, in Turtle's spelling
        with data.open("w", encoding="utf-8") as out:
            out.writelines(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in clean + planted)
        triples = len(clean) + len(planted)
        del clean, planted
        gc.collect()
        _reset_peak()
        start = time.perf_counter()
        rudof.read_data(str(data), format=pyrudof.RDFFormat.Turtle)
        load = time.perf_counter() - start
    rudof.read_shacl(shapes.serialize(format="turtle"), format=pyrudof.ShaclFormat.Turtle)
    start = time.perf_counter()
    report = rudof.validate_shacl()
    validate = time.perf_counter() - start
    results = [{"focus": entry.focus_node, "path": _iri_or_empty(entry.path),
                "component": entry.constraint_component, "severity": entry.severity,
                "shape": entry.source_shape or ""} for entry in report]
    return {"load": load, "validate": validate, "results": results, "triples": triples,
            "shapes": shape_iris(shapes), "peak_mb": floor.peak_mb()}


REFERENCE_CHILDREN = ("floor", *REFERENCES)


def reference(spec: dict) -> dict:
    """Measure the floor or one reference (see measure_references)."""
    action = spec["action"]
    paths, broken = [Path(p) for p in spec.get("paths", [])], Path(spec.get("broken", "."))
    try:
        if action == "floor":
            figures = floor.measure(Path(spec["data"]))
        elif action == "oxigraph":
            figures = oxigraph_dump(Path(spec["graph"]))
        elif action == "maplib":
            figures = maplib_map(paths, broken)
        else:
            figures = pyrudof_validate(paths, broken)
    except Exception as error:  # a reference that fails is reported, not fatal
        return {"ok": False, "error": f"{type(error).__name__}: {str(error)[:300]}"}
    return {"ok": True, **figures}


# -- the parent: data sets, runs, tables ------------------------------------------------------


def size_label(triples: int) -> str:
    if triples % 1_000_000 == 0:
        return f"{triples // 1_000_000}M"
    if triples % 1_000 == 0:
        return f"{triples // 1_000}k"
    return str(triples)


@contextlib.contextmanager
def data_set(triples: int, args) -> Iterator[Path]:
    """A generated data set of this size: reused from --data-dir, saved there, or temporary."""
    label = size_label(triples)
    kept = args.data_dir / label
    if (kept / "generated.json").exists():
        print(f"[{label}] reusing {kept}", flush=True)
        yield kept
        return
    folder = kept if args.save else Path(tempfile.mkdtemp(prefix=f"diplokg-bench-{label}-"))
    print(f"[{label}] generating {triples:,} triples into {folder} ...", flush=True)
    start = time.perf_counter()
    generate.generate(folder, triples, broken=args.broken, seed=args.seed, count=False,
                      quiet=True)
    print(f"[{label}] generated in {time.perf_counter() - start:.0f} s", flush=True)
    try:
        yield folder
    finally:
        if not args.save:
            shutil.rmtree(folder, ignore_errors=True)


def keyword(function, name: str) -> bool:
    return name in inspect.signature(function).parameters


def source_digest() -> str:
    """A fingerprint of the diplokg code and shapes measured, to compare runs by."""
    import diplokg
    from diplokg import resources

    package = Path(diplokg.__file__).parent
    digest = hashlib.sha1()
    for path in sorted(package.rglob("*.py")) + resources.shapes_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def shacl_findings(problems: list[dict], shape_iris: set[str]) -> set[tuple]:
    """diplokg's problems that come from the SHACL shapes, as (focus, path, component)."""
    return {(p["focus"], p["path"], p["component"]) for p in problems
            if p.get("component") and (p.get("shape") in shape_iris or not p.get("shape"))}


def planted_check(folder: Path, problems: list[dict]) -> dict:
    expected = json.loads((folder / "expected-problems.json").read_text(encoding="utf-8")) \
        if (folder / "expected-problems.json").exists() else []
    found = {(p["fact"], p["code"]) for p in problems}
    missing = [e for e in expected if (e["fact"], e["code"]) not in found]
    planted_facts = {e["fact"] for e in expected}
    unexpected = [p for p in problems
                  if p["severity"] == "violation" and p["fact"] not in planted_facts]
    return {"expected": len(expected), "found": len(expected) - len(missing),
            "missing": missing, "unexpected": unexpected}


def median_run(runs: list[Run]) -> dict:
    """Median of each stage, of the total and of peak memory over successful runs."""
    good = [r for r in runs if r.ok]
    if not good:
        return {}
    stages = []
    for run in good:
        stages += [s for s in run.data["timings"] if s not in stages]
    return {"stages": {s: statistics.median(r.data["timings"].get(s, 0.0) for r in good)
                       for s in stages},
            "total": statistics.median(r.data["wall"] for r in good),
            "peak_mb": statistics.median(r.peak_mb for r in good),
            "tree_mb": statistics.median(r.tree_mb for r in good),
            "triples": good[0].data.get("triples"), "runs": len(good)}


def timed_builds(label: str, what: str, facts: Path, work: Path, runs: int, args,
                 build_kwargs: dict) -> tuple[list[Run], list[str]]:
    """``runs`` builds of ``facts``, each in a fresh process; the runs and a digest of each
    output.  The last output is kept as ``work/built.ttl`` for the references."""
    done, digests = [], []
    for number in range(runs):
        output = work / "graph.ttl"
        run = run_child("build", work, args.timeout, paths=[facts], output=output,
                        kwargs=build_kwargs)
        done.append(run)
        shown = f"{run.data['wall']:.1f} s" if run.ok else f"failed: {run.error}"
        print(f"[{label}] {what} {number + 1}/{runs}: {shown}, peak {run.peak_mb:.0f} MB, "
              f"all processes {run.tree_mb:.0f} MB", flush=True)
        if output.exists():
            digests.append(hashlib.sha256(output.read_bytes()).hexdigest())
            output.replace(work / "built.ttl")
        if not run.ok:
            break
    return done, digests


def compare_findings(problems: list[dict], data: dict, name: str) -> dict:
    """diplokg's SHACL findings against the results of one whole-graph run of ``name``."""
    ours = shacl_findings(problems, set(data["shapes"]))
    theirs = {(r["focus"], r["path"], r["component"]) for r in data["results"]}
    return {"equal": ours == theirs, "diplokg": len(ours), name: len(theirs),
            f"{name}_results": len(data["results"]),
            "only_diplokg": sorted(ours - theirs), f"only_{name}": sorted(theirs - ours)}


def run_baseline(label: str, work: Path, everything: list[Path], broken: Path, args,
                 check: Run, report: dict) -> None:
    base = run_child("baseline", work, args.baseline_timeout or args.timeout,
                     paths=everything, broken=broken, output=work / "baseline.ttl")
    report["baseline"] = base
    done = ", ".join(f"{name} {base.data[key]:.1f} s" for name, key in
                     (("add", "add"), ("pyshacl", "pyshacl"), ("Turtle", "turtle"))
                     if key in base.data)
    print(f"[{label}] baseline: {done or '-'}"
          + ("" if base.ok else f" (failed: {base.error})"), flush=True)
    running = next((s for s in BASELINE_STEPS if s not in base.data), None)
    if not base.ok and running and "stopped_after" in base.data:
        base.data[f"{running}_at_least"] = base.data["stopped_after"]
    if "results" in base.data and check.ok:
        report["findings"] = compare_findings(check.data["problems"], base.data, "pyshacl")


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def measure_references(label: str, folder: Path, work: Path, everything: list[Path],
                       broken: Path, args, check: Run, report: dict) -> None:
    """The floor, then each reference in a process of its own (those not installed are
    noted as such): report["floor"] and report["references"][name]."""
    if args.floor:
        run = run_child("floor", work, args.timeout, data=folder)
        report["floor"] = run
        print(f"[{label}] floor: " + (f"{run.data['total']:.1f} s" if run.ok
                                      else f"failed: {run.error}"), flush=True)
    if not args.references:
        return
    report["references"] = {}
    for name, module in REFERENCES.items():
        if not installed(module):
            report["references"][name] = Run(ok=False, error="not installed")
            continue
        if name == "oxigraph" and not (work / "built.ttl").exists():
            report["references"][name] = Run(ok=False, error="no built graph to load")
            continue
        run = run_child(name, work, args.baseline_timeout or args.timeout,
                        graph=work / "built.ttl", paths=everything, broken=broken)
        report["references"][name] = run
        steps = ", ".join(f"{key} {value:.1f} s" for key, value in run.data.items()
                          if key in ("load", "dump", "map", "write", "validate"))
        print(f"[{label}] {name}: " + (steps if run.ok else f"failed: {run.error}"),
              flush=True)
        if name == "pyrudof" and run.ok and check.ok:
            report["findings_pyrudof"] = compare_findings(check.data["problems"], run.data,
                                                          "pyrudof")


def measure(triples: int, args, build_kwargs: dict, validate_kwargs: dict) -> dict:
    label = size_label(triples)
    runs = args.runs or (3 if triples < 1_000_000 else 1)
    with data_set(triples, args) as folder, \
            tempfile.TemporaryDirectory(prefix=f"diplokg-scale-{label}-") as scratch:
        work = Path(scratch)
        clean, broken = folder / "facts", folder / "broken"
        files = len([p for p in clean.iterdir() if ".facts." in p.name])
        report: dict = {"size": label, "asked": triples, "files": files}
        report["runs"], digests = timed_builds(label, "build", clean, work, runs, args,
                                               build_kwargs)
        report["build"] = median_run(report["runs"])
        if args.json_facts:
            start = time.perf_counter()
            as_json = floor.json_facts(folder)
            print(f"[{label}] the facts as JSON in {as_json} "
                  f"({time.perf_counter() - start:.1f} s to convert, if they were not yet)",
                  flush=True)
            report["json_runs"], json_digests = timed_builds(
                label, "build of the JSON facts", as_json, work, runs, args, build_kwargs)
            report["json_build"] = median_run(report["json_runs"])
            report["json_same_output"] = bool(digests and json_digests) and \
                digests[0] == json_digests[0]
        everything = [clean] + ([broken] if broken.exists() else [])
        check = run_child("validate", work, args.timeout, paths=everything,
                          kwargs=validate_kwargs)
        report["check"] = check
        print(f"[{label}] validate with planted problems: "
              + (f"{check.data['wall']:.1f} s" if check.ok else f"failed: {check.error}"),
              flush=True)
        if check.ok:
            report["planted"] = planted_check(folder, check.data["problems"])
        if not args.no_baseline:
            run_baseline(label, work, everything, broken, args, check, report)
        measure_references(label, folder, work, everything, broken, args, check, report)
    return report


# -- printing -------------------------------------------------------------------------------


def _seconds(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def _ratio(ours: float | None, theirs: float | None) -> str:
    if not ours or not theirs:
        return "-"
    return f"{ours / theirs:.2f}" + (f" ({theirs / ours:.1f}x faster)" if ours < theirs else "")


def floor_total(report: dict, json_facts: bool = False) -> float | None:
    """The floor's seconds for the data set: libyaml loading (or the fastest JSON parser's,
    for the facts as JSON) and writing N-Triples."""
    run = report.get("floor")
    if not (run and run.ok):
        return None
    if not json_facts:
        return run.data["total"]
    loads = run.data.get("json_load")
    return min(loads.values()) + run.data["write"] if loads else None


def _build_rows(report: dict) -> Iterator[tuple[str, dict, float | None, list]]:
    """(label, median build, floor seconds, runs) of the YAML builds and of the JSON ones."""
    yield report["size"], report["build"], floor_total(report), report["runs"]
    if "json_build" in report:
        yield (f"{report['size']} JSON", report["json_build"], floor_total(report, True),
               report["json_runs"])


def print_builds(reports: list[dict]) -> None:
    stages = list(STAGES)
    for report in reports:
        for _label, build, _floor, _runs in _build_rows(report):
            stages += [s for s in build.get("stages", {}) if s not in stages]
    print("\ndiplokg build of the clean facts (pipeline.build; seconds, median of the runs)")
    head = ["size", "triples", "files", *stages, "total", "floor", "total/floor", "triples/s",
            "peak MB", "all MB", "runs"]
    rows = []
    for report in reports:
        for label, build, least, runs in _build_rows(report):
            if not build:
                failed = runs[-1].error if runs else "no run"
                rows.append([label, "-", str(report["files"]), f"failed: {failed}"])
                continue
            triples = build["triples"]
            rows.append([label, f"{triples:,}" if triples else "?", str(report["files"]),
                         *[_seconds(build["stages"].get(s)) for s in stages],
                         _seconds(build["total"]), _seconds(least),
                         f"{build['total'] / least:.1f}x" if least else "-",
                         f"{triples / build['total']:,.0f}" if triples else "-",
                         f"{build['peak_mb']:,.0f}", f"{build['tree_mb']:,.0f}",
                         str(build["runs"])])
    _table(head, rows)
    print("  peak MB: largest resident set of one process (the build, or a worker it forked);"
          "\n  all MB: largest sampled sum of PSS over the build and its workers;"
          "\n  floor: bench/floor.py on the same facts (libyaml, or the fastest JSON parser for"
          "\n  the JSON facts, then N-Triples printed with f-strings).")
    for report in reports:
        for label, build, _floor, _runs in _build_rows(report):
            if build:
                total = build["total"]
                share = ", ".join(f"{s} {v / total:.0%}" for s, v in build["stages"].items()
                                  if v / total >= 0.01)
                print(f"  where the time goes at {label}: {share}")
        if "json_same_output" in report:
            print(f"  {report['size']}: the JSON facts build the same graph, byte for byte: "
                  f"{'yes' if report['json_same_output'] else 'NO'}")


def print_baseline(reports: list[dict]) -> None:
    print("\nagainst the baseline on the same triples (seconds; ratio diplokg/baseline)")
    head = ["size", "stage", "diplokg", "baseline", "diplokg/baseline"]
    rows = []
    for report in reports:
        base, check, build = report.get("baseline"), report.get("check"), report["build"]
        if not (base and "add" in base.data and check and check.ok and build):
            why = base.error if base and not base.ok else "no build or validation to compare"
            rows.append([report["size"], f"baseline not compared: {why}"])
            continue
        stages = build["stages"]
        graph = [s for s in GRAPH_STAGES if s in stages]
        write = [s for s in WRITE_STAGES if s in stages]
        validate = check.data["timings"].get("validate")
        pairs = [(f"{' + '.join(graph)} / Graph.add", sum(stages[s] for s in graph),
                  base.data["add"]),
                 ("validate / pyshacl.validate", validate, base.data.get("pyshacl")),
                 (f"{' + '.join(write)} / rdflib Turtle", sum(stages[s] for s in write),
                  base.data.get("turtle"))]
        if all(p[2] for p in pairs):
            pairs.append(("overall (the three)", sum(p[1] or 0 for p in pairs),
                          sum(p[2] for p in pairs)))
        steps = zip(BASELINE_STEPS, pairs, strict=False)
        for index, (key, (stage, ours, theirs)) in enumerate(steps):
            row = [report["size"] if index == 0 else "", stage, _seconds(ours),
                   _seconds(theirs), _ratio(ours, theirs)]
            bound = base.data.get(f"{key}_at_least")
            if theirs is None and bound:  # the step the baseline was stopped in
                row[3:] = [f"> {bound:.0f}", f"< {ours / bound:.3f} (> {bound / ours:.0f}x "
                           "faster)" if ours else "-"]
            rows.append(row)
        if not base.ok:
            rows.append(["", f"(baseline {base.error})", "", "", ""])
        rows.append(["", "diplokg end to end (read to write)", _seconds(build["total"]), "", ""])
    _table(head, rows)
    print("  validate: pipeline.validate of the clean + planted facts (its 'validate' stage),"
          "\n  against pyshacl on the same graph; the other rows: the builds above, against"
          "\n  the same clean triples.  The baseline starts from diplokg's mapped triples.")


def _reference_rows(report: dict) -> Iterator[tuple[str, float | None, str, Run | None,
                                                     str, str]]:
    """(diplokg's stage, its seconds, the reference, its run, the key of its seconds, the
    key of its peak) for each comparison of one size."""
    build, check = report["build"], report.get("check")
    stages = build["stages"]
    graph = [s for s in GRAPH_STAGES if s in stages]
    write = [s for s in WRITE_STAGES if s in stages]
    writing = " + ".join(write)
    written = sum(stages[s] for s in write)
    floor_run, others = report.get("floor"), report.get("references", {})
    if floor_run is not None:
        yield "read", stages.get("read"), "floor: libyaml load", floor_run, "load", "peak_mb"
    json_build = report.get("json_build")
    if json_build and floor_run is not None and floor_run.ok:
        for parser in floor_run.data.get("json_load", {}):
            yield ("read (JSON facts)", json_build["stages"].get("read"),
                   f"floor: {parser} load of the JSON", floor_run, f"json_load.{parser}", "")
    if "maplib" in others:
        yield (" + ".join(graph), sum(stages[s] for s in graph),
               "maplib map (from DataFrames)", others["maplib"], "map", "peak_mb")
    if "pyrudof" in others:
        ours = check.data["timings"].get("validate") if check and check.ok else None
        yield ("validate (with planted)", ours, "pyrudof validate_shacl", others["pyrudof"],
               "validate", "peak_mb")
    if "oxigraph" in others:
        yield (writing, written, "Oxigraph Store.dump (Turtle)", others["oxigraph"], "dump",
               "peak_mb")
    if "maplib" in others:
        yield writing, written, "maplib write (Turtle)", others["maplib"], "write", \
            "write_peak_mb"
    if floor_run is not None:
        yield writing, written, "floor: N-Triples with f-strings", floor_run, "write", ""
        yield "total", build["total"], "floor: load + write", floor_run, "total", "peak_mb"
    if json_build and floor_run is not None:
        yield ("total (JSON facts)", json_build["total"], "floor: JSON load + write",
               floor_run, "json_total", "")


def _reference_seconds(run: Run, key: str) -> float | None:
    if key == "json_total":
        loads = run.data.get("json_load")
        return min(loads.values()) + run.data["write"] if loads else None
    if key.startswith("json_load."):
        return run.data.get("json_load", {}).get(key.split(".", 1)[1])
    return run.data.get(key)


def print_references(reports: list[dict]) -> None:
    if not any("floor" in r or "references" in r for r in reports):
        return
    print("\nagainst the floor and the references (seconds; ratio diplokg/reference; the"
          "\nreference's triples per second and peak MB)")
    head = ["size", "stage", "diplokg", "reference", "seconds", "diplokg/reference",
            "triples/s", "peak MB"]
    rows = []
    for report in reports:
        if not report["build"]:
            rows.append([report["size"], "no build to compare"])
            continue
        for index, (stage, ours, name, run, key, peak) in enumerate(_reference_rows(report)):
            row = [report["size"] if index == 0 else "", stage, _seconds(ours), name]
            if run is None or not run.ok:
                rows.append(row + [run.error if run else "-", "", "", ""])
                continue
            theirs = _reference_seconds(run, key)
            triples = run.data.get("triples") or report["build"]["triples"]
            rows.append(row + [_seconds(theirs), _ratio(ours, theirs),
                               f"{triples / theirs:,.0f}" if theirs and triples else "-",
                               f"{run.data[peak]:,.0f}" if peak in run.data else "-"])
    _table(head, rows, left=(3,))
    print("  Each reference runs in a process of its own, on the same data: the floor on the"
          "\n  facts; maplib and pyrudof on diplokg's mapped triples (mapping not timed, like"
          "\n  the rdflib baseline); Oxigraph on the built graph, loaded (not timed) into an"
          "\n  in-memory store.  Peak MB: the process's largest resident set from just before"
          "\n  the step to its end (the floor's: of the whole run).  maplib's DataFrames are"
          "\n  made before its map is timed.")
    for report in reports:
        maplib_run = report.get("references", {}).get("maplib")
        if maplib_run and maplib_run.ok and maplib_run.data.get("left_out"):
            print(f"  {report['size']}: maplib left out {maplib_run.data['left_out']:,} "
                  "triples whose datatype polars could not parse")


def print_findings(reports: list[dict]) -> None:
    print("\nfindings")
    for report in reports:
        label = report["size"]
        planted = report.get("planted")
        if planted is not None:
            print(f"  {label}: planted problems found: {planted['found']}/{planted['expected']}"
                  + ("" if not planted["missing"] else " - MISSING: " + "; ".join(
                      f"{m['fact']} ({m['code']})" for m in planted["missing"])))
            if planted["unexpected"]:
                print(f"  {label}: {len(planted['unexpected'])} violation(s) not planted, e.g. "
                      + "; ".join(f"{p['fact']} {p['code']}: {p['message'][:80]}"
                                  for p in planted["unexpected"][:3]))
        for key, name in (("findings", "pyshacl"), ("findings_pyrudof", "pyrudof")):
            if report.get(key) is not None:
                print_comparison(label, report[key], name)


def print_comparison(label: str, findings: dict, name: str) -> None:
    verdict = "EQUAL" if findings["equal"] else "NOT EQUAL"
    print(f"  {label}: SHACL findings, diplokg vs one whole-graph {name} run, as "
          f"(focus, path, component): {verdict} ({findings['diplokg']} vs "
          f"{findings[name]}; {name} reported {findings[f'{name}_results']} results)")
    for side in ("only_diplokg", f"only_{name}"):
        if findings[side]:
            print(f"    {side.replace('_', ' ')}: {len(findings[side])}, e.g.")
            for focus, path, component in findings[side][:5]:
                print(f"      {focus} {path or '(no IRI path)'} "
                      f"{component.rsplit('#', 1)[-1]}")


def print_targets(reports: list[dict]) -> None:
    print("\nissue 6 targets")
    for report in reports:
        build = report["build"]
        if not build or report["asked"] < 1_000_000:
            continue
        print(f"  {report['size']}: build {build['total']:.1f} s (target <= 60 s per 1M), "
              f"peak {build['peak_mb']:,.0f} MB / all processes {build['tree_mb']:,.0f} MB "
              "(target <= 2048 MB)")
    for report in reports:
        base, build = report.get("baseline"), report["build"]
        writing = sum(build["stages"].get(s, 0) for s in WRITE_STAGES) if build else 0
        theirs = base.data.get("turtle", base.data.get("turtle_at_least")) if base else None
        if theirs and writing:
            more = "" if "turtle" in base.data else "more than "
            print(f"  {report['size']}: writing {more}{theirs / writing:.1f}x faster than "
                  "rdflib's Turtle writer (target >= 10x)")
        if "findings" in report:
            print(f"  {report['size']}: findings identical to one whole-graph pyshacl run: "
                  f"{'yes' if report['findings']['equal'] else 'NO'}")
    print_speed_targets(reports)


def _per_triple(build: dict) -> float | None:
    return build["total"] / build["triples"] if build and build.get("triples") else None


def print_speed_targets(reports: list[dict]) -> None:
    t = SPEED_TARGETS
    print("\nspeed targets")
    for report in reports:
        build, label = report["build"], report["size"]
        if not build:
            continue
        least = floor_total(report)
        if least:
            print(f"  {label}: build {build['total']:.1f} s = {build['total'] / least:.1f}x "
                  f"the floor's {least:.1f} s (target <= {t['floor_ratio']}x at 1M)")
        json_build = report.get("json_build")
        if json_build:
            print(f"  {label}: build of the facts as JSON {json_build['total']:.1f} s"
                  + (f" (target <= {t['json_total_1m']:.0f} s at 1M)"
                     if report["asked"] >= 1_000_000 else ""))
        if report["asked"] >= 1_000_000:
            print(f"  {label}: peak {build['peak_mb']:,.0f} MB, all processes "
                  f"{build['tree_mb']:,.0f} MB (target <= {t['peak_mb']:.0f} MB)")
        if "findings_pyrudof" in report:
            print(f"  {label}: findings identical to pyrudof's: "
                  f"{'yes' if report['findings_pyrudof']['equal'] else 'NO'}")
    costs = {r["asked"]: (r["size"], _per_triple(r["build"])) for r in reports}
    small, large = costs.get(100_000), costs.get(1_000_000)
    if small and large and small[1] and large[1]:
        print(f"  cost per triple at {large[0]} / at {small[0]}: {large[1] / small[1]:.2f} "
              f"(target <= {t['per_triple_growth']}); {large[1] * 1e6:.1f} vs "
              f"{small[1] * 1e6:.1f} microseconds")


def _table(head: list[str], rows: list[list[str]], left: tuple[int, ...] = ()) -> None:
    """Columns right-aligned, but for the size and stage columns and those in ``left``."""
    left = left + ((0, 1) if head[1] == "stage" else ())
    widths = [max([len(head[i])] + [len(r[i]) for r in rows if len(r) > i and len(r) > 2])
              for i in range(len(head))]

    def line(cells: list[str]) -> str:
        return "  " + "  ".join(c.ljust(w) if i in left else c.rjust(w)
                                for i, (c, w) in enumerate(zip(cells, widths, strict=True)))

    print(line(head))
    for row in rows:
        if len(row) <= 2 or (len(row) == 4 and row[3].startswith("failed")):
            print("  " + "  ".join(row))
            continue
        print(line(row))


def _jsonable(report: dict) -> dict:
    def clean(value):
        if isinstance(value, Run):
            data = {k: v for k, v in value.data.items() if k not in ("problems", "results")}
            return {"ok": value.ok, "wall": value.wall, "peak_mb": value.peak_mb,
                    "tree_mb": value.tree_mb, "error": value.error, "data": data}
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    return clean(report)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        spec = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        result = child(spec)
        Path(spec["result"]).write_text(json.dumps(result, default=str), encoding="utf-8")
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1M",
                        help="comma-separated triple counts (default 10k,100k,1M)")
    parser.add_argument("--runs", type=int, help="builds per size (default 3, 1 from 1M)")
    parser.add_argument("--jobs", type=int, help="passed to pipeline.build if it takes jobs")
    parser.add_argument("--quick", action="store_true", help="only 10k, one run")
    parser.add_argument("--broken", type=int, default=len(generate.BROKEN_KINDS),
                        help="broken facts to plant (default: one of each kind)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data-dir", type=Path, default=HERE / ".data",
                        help="reuse DIR/<size> when it holds a data set (default bench/.data)")
    parser.add_argument("--save", action="store_true",
                        help="keep generated data sets in --data-dir for the next run")
    parser.add_argument("--timeout", type=float, help="stop any one process after S seconds")
    parser.add_argument("--baseline-timeout", type=float,
                        help="the same for the baseline process (default: --timeout)")
    parser.add_argument("--no-baseline", action="store_true", help="skip rdflib + pyshacl")
    parser.add_argument("--floor", action=argparse.BooleanOptionalAction, default=True,
                        help="measure the floor (bench/floor.py) of each data set (default: "
                        "yes)")
    parser.add_argument("--references", action=argparse.BooleanOptionalAction, default=True,
                        help="measure Oxigraph, and maplib and pyrudof where installed "
                        "(default: yes)")
    parser.add_argument("--json-facts", action="store_true",
                        help="also build the same facts converted to JSON fact files")
    parser.add_argument("--json", type=Path, help="also write all figures to this file")
    args = parser.parse_args(argv)
    sizes = [generate.parse_count(s) for s in args.sizes.split(",")] if not args.quick \
        else [10_000]
    if args.quick:
        args.runs = 1

    from diplokg.build import pipeline

    build_kwargs, validate_kwargs = {}, {}
    if args.jobs is not None:
        for function, kwargs in ((pipeline.build, build_kwargs),
                                 (pipeline.validate, validate_kwargs)):
            if keyword(function, "jobs"):
                kwargs["jobs"] = args.jobs
            else:
                print(f"note: pipeline.{function.__name__} takes no jobs keyword; "
                      f"--jobs {args.jobs} is not passed to it")
    code = source_digest()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, diplokg sources {code}; "
          f"build kwargs {build_kwargs or '{}'}, validate kwargs {validate_kwargs or '{}'}",
          flush=True)
    reports = [measure(size, args, build_kwargs, validate_kwargs) for size in sizes]
    if source_digest() != code:
        print(f"\nWARNING: diplokg's sources changed during the run (now {source_digest()}); "
              "runs may have measured different code", flush=True)
    print_builds(reports)
    if not args.no_baseline:
        print_baseline(reports)
    print_references(reports)
    print_findings(reports)
    print_targets(reports)
    if args.json:
        args.json.write_text(json.dumps({"sources": code, "reports": [_jsonable(r) for r in
                                                                      reports]},
                                        indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
