"""Read fact files (YAML or JSON) into checked records.

Everything a person can get wrong in a fact file is caught here, before any RDF
is made: syntax, unknown or missing keys, bad dates, ids used twice, references
to ids that do not exist, and evidence quotes that are not in the source text.
No rdflib here.
"""

from __future__ import annotations

import calendar
import difflib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import yaml

from . import resources
from .cache import Cache, digest
from .errors import FactProblems, UnreadableInput
from .report import Problem

FACT_FILE_SUFFIXES = (".yaml", ".yml", ".json")

# Top-level list -> the kind of fact it holds.  The kind is also the IRI path segment.
SECTIONS = {
    "sources": "source",
    "persons": "person",
    "states": "state",
    "places": "place",
    "visits": "visit",
    "agreements": "agreement",
}

# Fields holding ids of other facts, per kind.  "a.b" looks into the list a.
REFERENCE_FIELDS = {
    "person": ("offices.state", "offices.predecessor", "relatives.person"),
    "state": ("succeeds",),
    "place": ("located_in", "capital_of"),
    "visit": ("visitors", "hosts", "destination", "places", "follows",
              "events.participants", "events.place"),
    "agreement": ("parties", "signatories", "signed_at", "supersedes"),
    "source": (),
}
DATE_FIELDS = ("published", "start", "end", "signed", "expected")
NESTED_LISTS = ("offices", "relatives", "events", "clauses")


@dataclass(frozen=True)
class PartialDate:
    """A date of year, month or day precision, e.g. 2000, 2000-06, 2000-06-19."""

    text: str

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.text)]

    @property
    def earliest(self) -> str:
        return (self.text + "-01-01")[:10] if len(self.text) == 4 else (self.text + "-01")[:10]

    @property
    def latest(self) -> str:
        if len(self.text) == 10:
            return self.text
        year = int(self.text[:4])
        month = 12 if len(self.text) == 4 else int(self.text[5:7])
        return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """Accept 2000 (int), "2000", "2000-06" or "2000-06-19"; raise ValueError otherwise."""
        text = f"{value:04d}" if isinstance(value, int) and not isinstance(value, bool) else value
        if not isinstance(text, str) or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
            raise ValueError(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        year = int(text[:4])
        if year == 0:
            raise ValueError(f"{text!r}: there is no year 0")
        if len(text) >= 7 and not 1 <= int(text[5:7]) <= 12:
            raise ValueError(f"{text!r}: month {text[5:7]} does not exist")
        if len(text) == 10:
            last = calendar.monthrange(year, int(text[5:7]))[1]
            if not 1 <= int(text[8:10]) <= last:
                raise ValueError(f"{text!r}: day {text[8:10]} does not exist in that month")
        return cls(text)


@dataclass
class Fact:
    """One entry of a section: a source, person, state, place, visit or agreement."""

    kind: str
    id: str
    data: dict[str, Any]
    file: str
    line: int
    path: tuple = ()  # where the fact is in its document, e.g. ("visits", 2)
    lines: dict[tuple, int] = field(default_factory=dict, repr=False)  # the file's line map

    @property
    def label(self) -> str:
        return f"{self.kind} {self.id}"

    def line_of(self, inner: tuple | str) -> int:
        """The line of a value inside this fact: ("events", 0, "place"), or a field name as
        reports spell it, "events[0].place"."""
        if isinstance(inner, str):
            inner = tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\[\]]+", inner)
                          if p)
        path = self.path + inner
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, self.line)


@dataclass
class FactFile:
    path: Path
    facts: list[Fact]
    lines: dict[tuple, int]  # JSON path of a value -> its line in the file
    key: str = ""  # hash of the file's path and bytes, when read through a cache

    def line_of(self, path: tuple) -> int:
        """The line of the value at ``path``, or of its nearest enclosing value."""
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


@dataclass
class FactSet:
    """All facts read from a set of files.

    An id may be declared in several files (a person in each article that names
    them); ``declarations`` holds every declaration, in file order, and the merge
    stage makes one entity of them.
    """

    files: list[FactFile]
    declarations: dict[str, list[Fact]] = field(default_factory=dict)

    @property
    def by_id(self) -> dict[str, Fact]:
        """The first declaration of each id."""
        return {fact_id: facts[0] for fact_id, facts in self.declarations.items()}

    def facts(self) -> Iterator[Fact]:
        for fact_file in self.files:
            yield from fact_file.facts


# -- YAML and JSON with line numbers ------------------------------------------


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml, where installed
    """YAML 1.2-like scalars: dates stay strings, only true/false are booleans.

    Under YAML 1.1 rules `iso: NO` would read as false and `start: 2000-06-19`
    as a datetime; both surprise people, and editors using the JSON Schema
    (which follow YAML 1.2) would disagree with the reader.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _walk_nodes(node: yaml.Node, path: tuple, lines: dict, repeated: list) -> None:
    """Record the line of every value; collect paths of keys given twice in a mapping."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                repeated.append((path + (key,), key_node.start_mark.line + 1))
            seen.add(key)
            _walk_nodes(value_node, path + (key,), lines, repeated)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk_nodes(item, path + (index,), lines, repeated)


def _load_yaml(text: str, file: str) -> tuple[Any, dict, list]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}, []
        lines: dict = {}
        repeated: list = []
        _walk_nodes(node, (), lines, repeated)
        return loader.construct_document(node), lines, repeated
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise UnreadableInput(f"{file}{line}: not valid YAML: {error}") from None
    finally:
        loader.dispose()


def _json_lines(text: str) -> dict[tuple, int]:
    """Line of every value in a JSON document, found by re-reading it as YAML.

    JSON is YAML, so the YAML composer gives positions; this is only used for
    messages, so a failure just means messages have no line.
    """
    try:
        lines: dict = {}
        _walk_nodes(_Loader(text).get_single_node(), (), lines, [])
        return lines
    except Exception:
        return {}


def _read_document(path: Path) -> tuple[Any, dict, list]:
    """(data, line of each value, [(path, line) of each key given twice])."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UnreadableInput(f"{path}: no such file") from None
    except UnicodeDecodeError as error:
        raise UnreadableInput(
            f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    except OSError as error:
        raise UnreadableInput(f"{path}: cannot read: {error.strerror}") from None
    if path.suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise UnreadableInput(f"{path}:{error.lineno}: not valid JSON: {error.msg}") from None
        return data, _json_lines(text), []
    return _load_yaml(text, str(path))


# -- schema checks ---------------------------------------------------------------


@cache
def schema() -> dict:
    return json.loads(resources.schema_path().read_text(encoding="utf-8"))


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema())


def _field_name(path: tuple) -> str:
    """("visits", 2, "events", 0, "place") -> "events[0].place" (the part inside the fact)."""
    inner = path[2:] if len(path) >= 2 and path[0] in SECTIONS else path
    text = ""
    for part in inner:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _fact_label(data: Any, path: tuple) -> str:
    if len(path) >= 2 and path[0] in SECTIONS and isinstance(path[1], int):
        try:
            entry = data[path[0]][path[1]]
        except (KeyError, IndexError, TypeError):
            entry = None
        kind = SECTIONS[path[0]]
        fact_id = entry.get("id") if isinstance(entry, dict) else None
        return f"{kind} {fact_id}" if isinstance(fact_id, str) else f"{kind} #{path[1] + 1}"
    return ""


def closest(word: str, choices: Iterable[str]) -> list[str]:
    return difflib.get_close_matches(word, sorted(choices), n=3, cutoff=0.6)


def _allowed_keys(error: jsonschema.ValidationError) -> list[str]:
    allowed = set(error.schema.get("properties", {}))
    if error.validator == "unevaluatedProperties":  # facts also take the common keys
        allowed |= set(schema()["$defs"]["common"]["properties"])
    return sorted(allowed)


def _schema_message(error: jsonschema.ValidationError) -> tuple[str, str, str, str]:
    """(code, message, hint, value found) for a schema error, in fact-file words."""
    hint = error.schema.get("x-hint", "") if isinstance(error.schema, dict) else ""
    value = json.dumps(error.instance, ensure_ascii=False, default=str)
    if len(value) > 80:
        value = value[:77] + "..."
    validator = error.validator
    if validator in ("additionalProperties", "unevaluatedProperties"):
        allowed = _allowed_keys(error)
        unknown = sorted(set(error.instance) - set(allowed))
        message = "unknown key " + ", ".join(f"'{key}'" for key in unknown)
        suggestions = [s for key in unknown for s in closest(key, allowed)]
        hint = (f"did you mean '{suggestions[0]}'? " if suggestions else "") + \
            "allowed keys: " + ", ".join(allowed)
        return "unknown-key", message, hint, ""
    if validator == "required":
        missing = re.search(r"'([^']+)'", error.message)
        name = missing.group(1) if missing else "?"
        return "missing-key", f"required key '{name}' is missing", hint or f"add '{name}:'", ""
    if validator == "enum":
        allowed = error.validator_value
        near = closest(str(error.instance), [str(a) for a in allowed])
        return ("not-allowed-value", "not an allowed value",
                (f"did you mean '{near[0]}'? " if near else "") +
                "allowed values: " + ", ".join(map(str, allowed)), value)
    if validator == "const":
        return ("wrong-version", f"must be {error.validator_value}",
                "this reader knows format version 1 only", value)
    if validator == "type":
        expected = error.validator_value
        noun = {"array": "a list", "object": "a mapping", "integer": "an integer"}.get(
            expected, f"a {expected}")
        return "wrong-type", f"must be {noun}", hint, value
    if validator in ("minItems", "minLength"):
        return "empty", "must not be empty", hint, ""
    if validator == "uniqueItems":
        return "repeated-value", "lists the same value twice", "remove the repeated value", value
    if validator in ("pattern", "anyOf", "minimum", "maximum"):
        return "bad-form", "is not in the expected form", hint, value
    return "schema", error.message, hint, value


@cache
def _fast_validator():
    """jsonschema-rs checks a valid file about a hundred times faster than jsonschema.

    Most files are valid, so it answers first; the pure-Python validator runs
    only on an invalid file, for its detailed error paths.
    """
    return jsonschema_rs.validator_for(schema())


def _schema_problems(data: Any, fact_file: FactFile) -> list[Problem]:
    if _fast_validator().is_valid(data):
        return []
    problems = []
    for error in _validator().iter_errors(data):
        path = tuple(error.absolute_path)
        code, message, hint, value = _schema_message(error)
        if error.validator in ("additionalProperties", "unevaluatedProperties"):
            path += (sorted(set(error.instance) - set(_allowed_keys(error)))[0],)
        problems.append(Problem(str(fact_file.path), fact_file.line_of(path),
                                _fact_label(data, path), _field_name(path),
                                message, hint, value, code=code))
    return problems


def _date_problems(data: dict, fact_file: FactFile) -> list[Problem]:
    """Dates the schema lets through but the calendar does not (2023-02-30)."""
    problems = []
    for path, value in _values(data, ()):
        if path and path[-1] in DATE_FIELDS:
            try:
                PartialDate.parse(value)
            except ValueError as error:
                problems.append(Problem(str(fact_file.path), fact_file.line_of(path),
                                        _fact_label(data, path), _field_name(path),
                                        f"bad date: {error}",
                                        schema()["$defs"]["date"]["x-hint"], str(value),
                                        code="bad-date"))
    return problems


def _values(value: Any, path: tuple) -> Iterator[tuple[tuple, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _values(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _values(item, path + (index,))
    else:
        yield path, value


def _normalise_dates(value: Any, key: str = "") -> Any:
    """Write every date as text ("2000", "2000-06"), whatever YAML made of it."""
    if isinstance(value, dict):
        return {k: _normalise_dates(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise_dates(v, key) for v in value]
    if key in DATE_FIELDS and isinstance(value, int) and not isinstance(value, bool):
        return f"{value:04d}"
    return value


def read_file(path: Path) -> tuple[FactFile, list[Problem]]:
    """Read one fact file; return its facts and what is wrong in it on its own."""
    data, lines, repeated = _read_document(path)
    fact_file = FactFile(path, [], lines)
    problems = [Problem(str(path), line, _fact_label(data, key_path), _field_name(key_path),
                        f"key '{key_path[-1]}' is given twice",
                        "keep one of them; the reader does not guess which", code="duplicate-key")
                for key_path, line in repeated]
    if not isinstance(data, dict):
        problems.append(Problem(str(path), 1, message="a fact file must be a mapping with "
                                "'diplokg: 1' and lists such as 'persons:' and 'visits:'",
                                hint="see `diplokg schema` for the format", code="not-a-fact-file"))
        return fact_file, problems
    problems += _schema_problems(data, fact_file)
    if problems:
        return fact_file, problems
    problems += _date_problems(data, fact_file)
    data = _normalise_dates(data)
    for section, kind in SECTIONS.items():
        for index, entry in enumerate(data.get(section, [])):
            fact_file.facts.append(Fact(kind, entry["id"], entry, str(path),
                                        fact_file.line_of((section, index)), (section, index),
                                        lines))
    return fact_file, problems


# -- checks across files ------------------------------------------------------


_QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                              "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})


def normalise_text(text: str) -> str:
    """What quotes and source texts are compared as: NFC, straight quote marks, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_QUOTE_MARKS).split())


def _evidence(fact: Fact) -> Iterator[tuple[str, str]]:
    """(field, quote) for the fact's own evidence and that of its nested entries."""
    for index, quote in enumerate(fact.data.get("evidence", [])):
        yield f"evidence[{index}]", quote
    for outer in NESTED_LISTS:
        for index, item in enumerate(fact.data.get(outer, [])):
            for quote_index, quote in enumerate(item.get("evidence", [])):
                yield f"{outer}[{index}].evidence[{quote_index}]", quote


def _quote_problems(fact_set: FactSet) -> list[Problem]:
    problems = []
    texts: dict[str, str | None] = {}
    for fact in fact_set.facts():
        if fact.kind != "source":
            continue
        text_path = fact.data.get("text")
        if text_path is None:
            texts[fact.id] = None
            continue
        full = Path(fact.file).parent / text_path
        try:
            texts[fact.id] = normalise_text(full.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            texts[fact.id] = None
            problems.append(Problem(fact.file, fact.line_of("text"), fact.label, "text",
                                    f"cannot read the source text {full}: "
                                    f"{getattr(error, 'strerror', None) or error}",
                                    "give the path of a UTF-8 text file, relative to this "
                                    "fact file", text_path, code="source-text-unreadable"))
    for fact in fact_set.facts():
        text = texts.get(fact.data.get("source", ""))
        if text is None:
            continue
        for field_name, quote in _evidence(fact):
            if normalise_text(quote) not in text:
                problems.append(Problem(
                    fact.file, fact.line_of(field_name), fact.label, field_name,
                    f"quote not found in the text of source '{fact.data['source']}'",
                    "copy the quote verbatim from the source text (white space and curly "
                    "quote marks may differ)", quote if len(quote) <= 80 else quote[:77] + "...",
                    code="quote-not-found"))
    return problems


_DECLARES_FORMAT = re.compile(rb'^(diplokg|"diplokg")\s*:|^\s*\{?\s*"diplokg"\s*:', re.M)


def _is_fact_file(path: Path) -> bool:
    """A YAML or JSON file that declares the fact-file format (a top-level `diplokg:` key).

    Folders hold other YAML and JSON too (CI settings, a docs config); only files
    that say they are fact files are read from a folder.  A file named on the
    command line is always read, so a missing `diplokg:` key is reported there.
    """
    try:
        return bool(_DECLARES_FORMAT.search(path.read_bytes()))
    except OSError:
        return True  # let the reader report why it cannot be read


def fact_file_paths(paths: Iterable[Path]) -> list[Path]:
    """Fact files named directly, or found below folders, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*")
                            if p.suffix in FACT_FILE_SUFFIXES and p.is_file()
                            and not any(part.startswith(".") for part in p.relative_to(path).parts)
                            and _is_fact_file(p))
        elif path.exists():
            found.append(path)
        else:
            raise UnreadableInput(f"{path}: no such file or folder")
    if not found:
        raise UnreadableInput("no fact files found in " + ", ".join(map(str, paths))
                              + f" (looked for {', '.join(FACT_FILE_SUFFIXES)} files with a "
                              "top-level `diplokg: 1`)")
    return found


def _read_cached(path: Path, cache: Cache | None) -> tuple[FactFile, list[Problem]]:
    if cache is None:
        return read_file(path)
    try:
        key = digest(str(path), path.read_bytes())
    except OSError:
        return read_file(path)  # it reports why the file cannot be read
    found = cache.get("read", key)
    if found is None:
        found = read_file(path)
        found[0].key = key
        cache.put("read", key, found)
    return found


def read_facts(paths: Iterable[Path], cache: Cache | None = None,
               progress: Callable[[int, int], None] | None = None) -> FactSet:
    """Read fact files and check each on its own; raise FactProblems listing all problems.

    References between facts are resolved, and facts declared in several files
    merged, by diplokg.merge.  With a cache, a file whose bytes were read before
    is not parsed again.  ``progress`` is told (files read, files in all).
    """
    problems: list[Problem] = []
    fact_set = FactSet([])
    found = fact_file_paths(list(paths))
    for number, path in enumerate(found, 1):
        fact_file, file_problems = _read_cached(path, cache)
        fact_set.files.append(fact_file)
        problems += file_problems
        if progress is not None:
            progress(number, len(found))
    for fact in fact_set.facts():
        earlier = fact_set.declarations.setdefault(fact.id, [])
        clash = next((f for f in earlier if f.kind != fact.kind or f.file == fact.file), None)
        if clash is not None:
            why = "in the same file" if clash.file == fact.file else f"as a {clash.kind}"
            problems.append(Problem(fact.file, fact.line, fact.label, "id",
                                    f"id '{fact.id}' is already used {why}: {clash.label} "
                                    f"at {clash.file}:{clash.line}",
                                    "rename one; the same id in two files means the same "
                                    "thing and is merged", fact.id, code="duplicate-id"))
            continue
        earlier.append(fact)
    if not problems:
        problems += _quote_problems(fact_set)
    if problems:
        raise FactProblems(problems)
    return fact_set
