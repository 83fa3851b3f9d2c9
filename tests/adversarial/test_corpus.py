"""The adversarial corpus: one hostile input or fault per case file, run through the CLI.

Each ``cases/<group>/<name>.yaml`` describes a working folder, one diplokg command and
what must hold afterwards; README.md in this folder documents the format.  Every case
also checks what holds for any input: no traceback, no raw control characters or
terminal escapes in what is printed, no line that starts a GitHub workflow command other
than diplokg's own annotations, no temporary files left behind, and input files unchanged.
"""

from __future__ import annotations

import builtins
import faulthandler
import json
import os
import pickle
import re
import resource
import shutil
import signal
import socket
import stat
import traceback
import warnings
from pathlib import Path
from xml.etree import ElementTree as ET

import pyoxigraph
import pytest
import yaml
from rdflib import Dataset
from typer.testing import CliRunner

from diplokg.cli import app

HERE = Path(__file__).parent
REPO = HERE.parents[1]
BASES = {"small": REPO / "tests" / "cases" / "small", "seeds": REPO / "seeds"}
CASES = sorted((HERE / "cases").glob("*/*.yaml"))
KEYS = {"about", "args", "base", "files", "bytes", "outside", "replace", "setup", "listen",
        "env", "timeout", "exit", "first_line", "says", "not_says", "after", "output_parses",
        "no_temp_files", "same_output_as"}

TRACEBACK = re.compile(r'Traceback \(most recent call last\)|File "[^"\n]*", line \d+')
# Newline and tab are the only control characters a command may print.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
ANNOTATION = re.compile(r"::(error|warning|notice)( [^:\r\n]*)?::")
RDF_FORMATS = {"turtle": ("turtle", pyoxigraph.RdfFormat.TURTLE),
               "nt": ("nt", pyoxigraph.RdfFormat.N_TRIPLES),
               "nquads": ("nquads", pyoxigraph.RdfFormat.N_QUADS),
               "trig": ("trig", pyoxigraph.RdfFormat.TRIG),
               "jsonld": ("json-ld", pyoxigraph.RdfFormat.JSON_LD)}
MEMORY_HEADROOM = 4 * 2**30  # address space a run may add before it is an exhaustion


class Hang(BaseException):
    """Raised by the watchdog; a BaseException so the CLI runner does not swallow it."""


class _Planted:
    """A pickle that creates ``marker`` when loaded: code run from a cache entry."""

    def __init__(self, marker: Path):
        self.marker = str(marker)

    def __reduce__(self):
        return builtins.open, (self.marker, "w")


# -- setting up the working folder ---------------------------------------------------


def _fill(text: str, tokens: dict[str, str]) -> str:
    for name, value in tokens.items():
        text = text.replace("{{" + name + "}}", value)
    return text


def _text(spec, tokens: dict[str, str]) -> str:
    """A file's text: a string, or {text, repeat: {TOKEN: [piece, times]}} for big ones."""
    if isinstance(spec, dict):
        text = spec["text"]
        for token, (piece, times) in spec.get("repeat", {}).items():
            text = text.replace(token, piece * times)
        return _fill(text, tokens)
    return _fill(spec, tokens)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _alias_bomb(levels: int, width: int) -> str:
    """A YAML document whose aliases expand to width**levels values."""
    lines = ["diplokg: 1", "a0: &a0 [x]"]
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def _entries(folder: Path) -> list[Path]:
    entries = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    assert entries, f"setup: no cache entries under {folder}"
    return entries


def _tamper(folder: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in every entry holding it, else flip a middle byte of each."""
    entries = _entries(folder)
    holding = [p for p in entries if old.encode() in p.read_bytes()]
    for path in holding:
        path.write_bytes(path.read_bytes().replace(old.encode(), new.encode()))
    if not holding:
        for path in entries:
            data = bytearray(path.read_bytes())
            data[len(data) // 2] ^= 0x01
            path.write_bytes(bytes(data))


def _mode(text) -> int:
    assert isinstance(text, str), f"write a mode as a quoted octal string, not {text!r}"
    return int(text, 8)


def _setup_step(step: dict, work: Path, invoke) -> None:
    (name, spec), = step.items()
    if name == "symlink":
        _remove(work / spec["path"])
        (work / spec["path"]).symlink_to(spec["to"])
    elif name == "hardlink":
        _remove(work / spec["path"])
        os.link(work / spec["to"], work / spec["path"])
    elif name == "mkfifo":
        _remove(work / spec)
        os.mkfifo(work / spec)
    elif name == "mkdir":
        _remove(work / spec)
        (work / spec).mkdir(parents=True)
    elif name == "mknod_null":  # a character device like /dev/null, inside the folder
        _remove(work / spec)
        try:
            os.mknod(work / spec, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("cannot make a device node here")
    elif name == "chmod":
        os.chmod(work / spec["path"], _mode(spec["mode"]))
    elif name == "sparse":  # a big file that costs no disk: head, then zeros up to size
        path = work / spec["path"]
        _write(path, spec.get("head", "").encode())
        os.truncate(path, int(spec["size"]))
    elif name == "alias_bomb":
        _write(work / spec["path"], _alias_bomb(spec["levels"], spec["width"]).encode())
    elif name == "run":  # an earlier command, e.g. to fill a cache: [args] or {args, exit}
        args, code = (spec, 0) if isinstance(spec, list) else (spec["args"], spec["exit"])
        result = invoke([str(a) for a in args])
        assert result.exit_code == code, f"setup run {args} gave {result.exit_code}:\n" \
            f"{result.output}"
    elif name == "edit":  # replace text in a file, between setup steps
        path = work / spec["path"]
        text = path.read_text(encoding="utf-8")
        assert spec["old"] in text, f"edit: {spec['old']!r} not in {spec['path']}"
        path.write_text(text.replace(spec["old"], spec["new"], 1), encoding="utf-8")
    elif name == "cache_poison":  # each entry, and a .pickle beside it, made a code pickle
        payload = pickle.dumps(_Planted(work / spec["marker"]))
        for path in _entries(work / spec["folder"]):
            path.write_bytes(payload)
            path.with_suffix(".pickle").write_bytes(payload)
    elif name == "cache_fill":  # each entry replaced by the given text
        for path in _entries(work / spec["folder"]):
            path.write_text(spec["text"], encoding="utf-8")
    elif name == "cache_symlink":  # each entry replaced by a symbolic link to ``to``
        for path in _entries(work / spec["folder"]):
            path.unlink()
            path.symlink_to(spec["to"])
    elif name == "cache_tamper":
        _tamper(work / spec["folder"], spec["old"], spec["new"])
    elif name == "cache_truncate":
        for path in _entries(work / spec["folder"]):
            path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif name == "remove":
        _remove(work / spec)
    else:
        raise AssertionError(f"unknown setup step {name!r}")


def _snapshot(path: Path):
    """What "unchanged" compares: type, mode and bytes (a link's target, a folder's tree)."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(info.st_mode):
        return ("link", os.readlink(path), _snapshot(path.resolve()) if path.exists() else None)
    if stat.S_ISDIR(info.st_mode):
        return ("dir", stat.S_IMODE(info.st_mode),
                {child.name: _snapshot(child) for child in sorted(path.iterdir())})
    if stat.S_ISREG(info.st_mode):
        return ("file", stat.S_IMODE(info.st_mode), path.read_bytes())
    return ("special", info.st_mode, info.st_rdev)  # a FIFO or device: never read it


# -- running one command -------------------------------------------------------------


def _invoke(args: list[str], env: dict, timeout: int):
    """Run the CLI in-process under a watchdog and a cap on memory."""
    def on_alarm(signum, frame):
        raise Hang()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _address_space() + MEMORY_HEADROOM
    if hard == resource.RLIM_INFINITY or limit < hard:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    faulthandler.dump_traceback_later(timeout + 60, exit=True)  # if the alarm cannot fire
    signal.alarm(timeout)
    try:
        return CliRunner().invoke(app, args, env=env)
    except Hang:
        pytest.fail(f"diplokg {' '.join(args)} did not finish within {timeout} s")
    finally:
        signal.alarm(0)
        faulthandler.cancel_dump_traceback_later()
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        signal.signal(signal.SIGALRM, previous)


def _address_space() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


class Run:
    """A case set up in ``root``/work and run there; the cwd is restored afterwards."""

    def __init__(self, case: dict, root: Path):
        self.case, self.root, self.work = case, root, root / "work"
        self.work.mkdir(parents=True)
        self.sockets = {name: _listener() for name in case.get("listen", [])}
        self.tokens = {name: str(s.getsockname()[1]) for name, s in self.sockets.items()}
        self.inputs: list[str] = []  # files the case made: they must come out unchanged
        env = {"GITHUB_ACTIONS": None, "DIPLOKG_ENDPOINT_TOKEN": None,
               "DIPLOKG_ENDPOINT_USER": None, "DIPLOKG_ENDPOINT_PASSWORD": None}
        env.update({k: _fill(str(v), self.tokens) for k, v in case.get("env", {}).items()})
        self.env, self.timeout = env, int(case.get("timeout", 20))
        cwd = Path.cwd()
        os.chdir(self.work)
        try:
            self._prepare()
            self.before = {path: _snapshot(self.work / path) for path in self._watched()}
            self.result = self.invoke([_fill(str(a), self.tokens) for a in case["args"]])
            self.connections = [name for name, s in self.sockets.items() if _accepted(s)]
        finally:
            os.chdir(cwd)
            for s in self.sockets.values():
                s.close()
        self.stdout = self.result.stdout_bytes.decode("utf-8")  # must be valid UTF-8
        self.stderr = self.result.stderr_bytes.decode("utf-8")

    def invoke(self, args: list[str]):
        return _invoke(args, self.env, self.timeout)

    def _prepare(self) -> None:
        case = self.case
        if "base" in case:
            for source in sorted(BASES[case["base"]].iterdir()):
                shutil.copy(source, self.work / source.name)
                self.inputs.append(source.name)
        for name, spec in case.get("files", {}).items():
            _write(self.work / name, _text(spec, self.tokens).encode("utf-8"))
            self.inputs.append(name)
        for name, spec in case.get("bytes", {}).items():  # code points 0-255 are the bytes
            _write(self.work / name, _text(spec, self.tokens).encode("latin-1"))
            self.inputs.append(name)
        for name, spec in case.get("outside", {}).items():  # beside the working folder
            _write(self.root / name, _text(spec, self.tokens).encode("utf-8"))
            self.inputs.append(f"../{name}")
        for name, edits in case.get("replace", {}).items():
            path = self.work / name
            text = path.read_text(encoding="utf-8")
            for old, new in edits:
                assert old in text, f"replace: {old!r} not in {name}"
                text = text.replace(old, new, 1)
            path.write_text(text, encoding="utf-8")
        for step in case.get("setup", []):
            _setup_step(step, self.work, self.invoke)

    def _watched(self) -> list[str]:
        named = [p for p, want in self.case.get("after", {}).items() if want == "unchanged"]
        return list(dict.fromkeys(
            named + [p for p in self.inputs if p not in self.case.get("after", {})]))

    def message_lines(self) -> list[str]:
        """Printed lines, without the usage preamble and boxes of a command-line error."""
        lines, box = [], []
        for line in (self.stderr or self.stdout).splitlines():
            if line.startswith("│"):
                box.append(line.strip("│ "))
                continue
            if box:
                lines.append(" ".join(box))
                box = []
            if line.strip() and not re.match(r"Usage: |Try '.*--help' for help|[╭╰]", line):
                lines.append(line.strip())
        return lines + ([" ".join(box)] if box else [])


def _listener() -> socket.socket:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.setblocking(False)
    return listener


def _accepted(listener: socket.socket) -> bool:
    try:
        connection, _ = listener.accept()
    except BlockingIOError:
        return False
    connection.close()
    return True


# -- what must hold afterwards -------------------------------------------------------


def _parses(path: Path, fmt: str) -> None:
    data = path.read_bytes()
    if fmt == "junit":
        root = ET.fromstring(data)
        assert root.tag in ("testsuites", "testsuite"), root.tag
    elif fmt in ("json", "sarif"):
        document = json.loads(data.decode("utf-8"))
        if fmt == "sarif":
            assert document["version"] == "2.1.0"
    else:
        rdflib_format, oxigraph_format = RDF_FORMATS[fmt]
        with warnings.catch_warnings():  # rdflib's own quad parsers use deprecated names
            warnings.simplefilter("ignore", DeprecationWarning)
            Dataset().parse(data=data.decode("utf-8"), format=rdflib_format)
        list(pyoxigraph.parse(data, format=oxigraph_format))


def _check_file(run: Run, name: str, want) -> None:
    path = run.work / name
    if want == "unchanged":
        assert _snapshot(path) == run.before[name], f"{name} changed"
    elif want == "absent":
        assert not path.exists() and not path.is_symlink(), f"{name} exists"
    elif want == "exists":
        assert path.exists(), f"{name} does not exist"
    elif want == "is_symlink":
        assert path.is_symlink(), f"{name} is no longer a symbolic link"
    elif isinstance(want, dict):
        assert path.exists(), f"{name} does not exist"
        for key, value in want.items():
            if key == "contains":
                assert re.search(value, path.read_text(encoding="utf-8"), re.M), \
                    f"{name} does not match {value!r}"
            elif key == "not_contains":
                assert not re.search(value, path.read_text(encoding="utf-8"), re.M), \
                    f"{name} matches {value!r}"
            elif key == "mode":
                assert stat.S_IMODE(path.stat().st_mode) == _mode(value), \
                    f"{name} has mode {stat.S_IMODE(path.stat().st_mode):o}, not {value}"
            elif key == "files":
                found = [p for p in path.rglob("*") if p.is_file()]
                assert len(found) == value, f"{name} holds {len(found)} files, not {value}"
            elif key == "same_as":
                assert path.read_bytes() == (run.work / value).read_bytes(), \
                    f"{name} differs from {value}"
            elif key == "parses":
                _parses(path, value)
            elif key == "quads":  # an on-disk Oxigraph store holding this many quads
                assert len(pyoxigraph.Store.read_only(str(path))) == value, \
                    f"store {name} does not hold {value} quads"
            else:
                raise AssertionError(f"unknown check {key!r} for {name}")
    else:
        raise AssertionError(f"unknown expectation {want!r} for {name}")


def _check_printed(run: Run) -> None:
    result = run.result
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        trace = "".join(traceback.format_exception(*result.exc_info))
        pytest.fail(f"uncaught exception:\n{trace}\nprinted:\n{result.output}")
    github = run.env.get("GITHUB_ACTIONS") == "true"
    for stream, text in (("stdout", run.stdout), ("stderr", run.stderr)):
        assert not TRACEBACK.search(text), f"traceback on {stream}:\n{text}"
        unsafe = UNSAFE.search(text)
        assert unsafe is None, \
            f"raw {unsafe.group()!r} on {stream} at {unsafe.start()}: {text[:2000]!r}"
        # the older "##[command]" form is run wherever it appears in a line
        assert "##[" not in text, f"{stream} holds a legacy workflow command: {text[:2000]!r}"
        for line in text.splitlines():
            command = line.lstrip()
            if not command.startswith("::"):
                continue
            match = ANNOTATION.match(command)
            assert github and match, f"{stream} line starts a workflow command: {line!r}"
            props = (match.group(2) or "").strip().split(",")
            names = [prop.partition("=")[0] for prop in props]
            assert len(names) == len(set(names)) and "file=README.md" not in props, \
                f"forged annotation: {line!r}"


def _normalised(run: Run, text: str) -> str:
    return text.replace(str(run.root.resolve()), "<root>").replace(str(run.root), "<root>")


def load_case(path: Path) -> dict:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    unknown = set(case) - KEYS
    assert not unknown, f"{path.name}: unknown keys {sorted(unknown)}"
    for key in ("about", "args", "exit", "first_line"):
        assert key in case, f"{path.name}: '{key}' is required"
    return case


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_case(path: Path, tmp_path: Path):
    case = load_case(path)
    run = Run(case, tmp_path / "case")
    printed = f"exit {run.result.exit_code}\nstderr:\n{run.stderr}\nstdout:\n{run.stdout[:3000]}"
    _check_printed(run)
    allowed = case["exit"] if isinstance(case["exit"], list) else [case["exit"]]
    assert run.result.exit_code in allowed, f"exit code not in {allowed}\n{printed}"
    lines = run.message_lines()
    assert lines and re.search(case["first_line"], lines[0]), \
        f"first line does not match {case['first_line']!r}\n{printed}"
    everything = run.stderr + "\n" + run.stdout
    for pattern in case.get("says", []):
        assert re.search(pattern, everything, re.M), f"nothing matches {pattern!r}\n{printed}"
    for pattern in case.get("not_says", []):
        assert not re.search(pattern, everything, re.M), f"{pattern!r} was printed\n{printed}"
    for name, want in case.get("after", {}).items():
        _check_file(run, name, want)
    for name in run.before:
        if name not in case.get("after", {}):
            _check_file(run, name, "unchanged")
    for name, fmt in case.get("output_parses", {}).items():
        _parses(run.work / name, fmt)
    if case.get("no_temp_files", True):
        left = [str(p.relative_to(run.work)) for p in run.work.rglob("*") if p.suffix == ".tmp"]
        assert not left, f"temporary files left behind: {left}"
    assert not run.connections, f"network connection made to {run.connections}"
    if "same_output_as" in case:
        other_path = path.parent / f"{case['same_output_as']}.yaml"
        other = Run(load_case(other_path), tmp_path / "other")
        assert (other.result.exit_code, _normalised(other, other.stderr + other.stdout)) == \
            (run.result.exit_code, _normalised(run, run.stderr + run.stdout)), \
            f"output differs from {other_path.name}"
