"""Read fact files (YAML or JSON) into checked records.

Everything a person can get wrong in a fact file is caught here, before any RDF
is made: syntax, unknown or missing keys, bad dates, ids used twice, references
to ids that do not exist, and evidence quotes that are not in the source text.
No rdflib here.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema
import jsonschema_rs

from diplokg.digests import digest
from diplokg.errors import FactProblems, UnreadableInput
from diplokg.iris import iri_problem
from diplokg.limits import DEFAULT, Limits
from diplokg.model import registry, times
from diplokg.model.dates import PartialDate
from diplokg.model.registry import nested_fields, sections
from diplokg.model.schema import schema as generated_schema
from diplokg.problems import Problem, field_name, field_path
from diplokg.read.documents import Values, all_values, line_in, read_document
from diplokg.read.passages import SourceText, normalise_text
from diplokg.safetext import printable

if TYPE_CHECKING:  # the cache is the build's; the reader only uses what it is given
    from diplokg.build.cache import Cache

FACT_FILE_SUFFIXES = (".yaml", ".yml", ".json")



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
    deeper = None  # the file's DeeperLines while its line map is not complete (no field)

    @property
    def label(self) -> str:
        return f"{self.kind} {self.id}"

    def line_of(self, inner: tuple | str) -> int:
        """The line of a value inside this fact: ("events", 0, "place"), or a field name as
        reports spell it, "events[0].place"."""
        if isinstance(inner, str):
            inner = field_path(inner)
        return line_in(self.lines, self.path + inner, self.line, self.deeper)


@dataclass
class FactFile:
    path: Path
    facts: list[Fact]
    lines: dict[tuple, int]  # JSON path of a value -> its line in the file
    key: str = ""  # hash of the file's bytes, when read through a cache
    broken: list[str] = field(default_factory=list)  # ids of entries with problems of their own
    deeper = None  # DeeperLines while ``lines`` is not complete (no field: not cached)

    def line_of(self, path: tuple) -> int:
        """The line of the value at ``path``, or of its nearest enclosing value."""
        return line_in(self.lines, path, 1, self.deeper)

    def complete_lines(self) -> None:
        """Find every line of the file now (``lines`` is then complete)."""
        if self.deeper is not None:
            self.deeper.complete()


@dataclass
class FactSet:
    """All facts read from a set of files.

    An id may be declared in several files (a person in each article that names
    them); ``declarations`` holds every declaration, in file order, and the merge
    stage makes one entity of them.
    """

    files: list[FactFile]
    declarations: dict[str, list[Fact]] = field(default_factory=dict)
    texts: dict[str, SourceText] = field(default_factory=dict)  # source id -> its text, read

    @property
    def broken(self) -> set[str]:
        """Ids declared by entries that have problems of their own (and so are no facts)."""
        return {fact_id for f in self.files for fact_id in f.broken}

    @property
    def by_id(self) -> dict[str, Fact]:
        """The first declaration of each id."""
        return {fact_id: facts[0] for fact_id, facts in self.declarations.items()}

    def facts(self) -> Iterator[Fact]:
        for fact_file in self.files:
            yield from fact_file.facts

    def inputs(self) -> list[Path]:
        """Every file the facts come from: fact files and the source texts they name."""
        texts = [Path(f.file).parent / f.data["text"] for f in self.facts()
                 if f.kind == "source" and f.data.get("text")]
        return [f.path for f in self.files] + texts


# -- schema checks ---------------------------------------------------------------


def schema() -> dict:
    """The JSON Schema of fact files, as the kind definitions make it (the committed
    facts.schema.json is the same, unless a kind was registered at run time)."""
    return _schema(registry.revision())


@cache
def _schema(revision: int) -> dict:
    return generated_schema()


def _whole_match(validator, pattern: str, instance: Any, schema: dict):
    """``pattern`` as JSON Schema means it: ECMA-262 `$` is the end of the text, while
    Python's also matches before a final newline (so "abc\\n" would pass as an id)."""
    if not validator.is_type(instance, "string"):
        return
    python_pattern = re.sub(r"(?<!\\)\$$", r"\\Z", pattern)
    if not re.search(python_pattern, instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


def _validator() -> jsonschema.Draft202012Validator:
    return _validator_of(registry.revision())


@cache
def _validator_of(revision: int) -> jsonschema.Draft202012Validator:
    strict = jsonschema.validators.extend(jsonschema.Draft202012Validator,
                                          {"pattern": _whole_match})
    return strict(schema())


def _field_name(path: tuple) -> str:
    """("visits", 2, "events", 0, "place") -> "events[0].place" (the part inside the fact)."""
    return field_name(path[2:] if len(path) >= 2 and path[0] in sections() else path)


def _fact_label(data: Any, path: tuple) -> str:
    if len(path) >= 2 and path[0] in sections() and isinstance(path[1], int):
        try:
            entry = data[path[0]][path[1]]
        except (KeyError, IndexError, TypeError):
            entry = None
        kind = sections()[path[0]]
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


def _fast_validator():
    return _fast_validator_of(registry.revision())


@cache
def _fast_validator_of(revision: int):
    """jsonschema-rs checks a valid file about a hundred times faster than jsonschema.

    Most files are valid, so it answers first; the pure-Python validator runs
    only on an invalid file, for its detailed error paths.
    """
    return jsonschema_rs.validator_for(schema())


Found = list[tuple[tuple, Problem]]  # each problem with the path of the value at fault


def _schema_problems(data: Any, fact_file: FactFile, fast: bool = True) -> Found:
    """``fast`` is False for text the Rust validator cannot take (lone surrogates)."""
    if fast and _fast_validator().is_valid(data):
        return []
    problems = []
    for error in _validator().iter_errors(data):
        path = tuple(error.absolute_path)
        code, message, hint, value = _schema_message(error)
        if error.validator in ("additionalProperties", "unevaluatedProperties"):
            path += (sorted(set(error.instance) - set(_allowed_keys(error)))[0],)
        problems.append((path, Problem(str(fact_file.path), fact_file.line_of(path),
                                       _fact_label(data, path), _field_name(path),
                                       message, hint, printable(value), code=code)))
    if not problems:  # the two validators must never disagree in the file's favour
        problems.append(((), Problem(str(fact_file.path), 1, message="does not follow the "
                                     "fact-file format", hint="see `diplokg schema`",
                                     code="schema")))
    return problems


def _date_problems(data: dict, values: Values, fact_file: FactFile) -> Found:
    """Dates the schema lets through but the calendar does not (2023-02-30), and moments
    in a time zone that does not exist."""
    problems = []
    moments = registry.moment_fields()
    for path, value in values.dated:
        moment = path[-1] in moments
        error = _date_error(moment, type(value), value)
        if error is not None:
            problems.append((path, Problem(str(fact_file.path), fact_file.line_of(path),
                                           _fact_label(data, path), _field_name(path),
                                           f"bad {'moment' if moment else 'date'}: {error}",
                                           times.HINT if moment else
                                           schema()["$defs"]["date"]["x-hint"],
                                           printable(str(value)), code="bad-date")))
    return problems


@lru_cache(maxsize=8192)
def _date_error(moment: bool, kind: type, value: Any) -> str | None:
    """Why a date or moment is refused, or None; remembered, since files repeat dates
    (``kind`` tells 2000 from 2000.0 and 1 from true)."""
    try:
        (times.parse if moment else PartialDate.parse)(value)
    except ValueError as error:
        return str(error)
    return None


def _item_id_problems(data: dict, fact_file: FactFile) -> Found:
    """Two entries of one list (two events of a visit) with the same `id:`."""
    problems = []
    for section in sections():
        entries = data.get(section)
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            for name in nested_fields() if isinstance(entry, dict) else ():
                items = entry.get(name)
                seen: set[str] = set()
                for number, item in enumerate(items if isinstance(items, list) else []):
                    item_id = item.get("id") if isinstance(item, dict) else None
                    if not isinstance(item_id, str):
                        continue
                    if item_id in seen:
                        path = (section, index, name, number, "id")
                        problems.append((path, Problem(
                            str(fact_file.path), fact_file.line_of(path),
                            _fact_label(data, path), _field_name(path),
                            f"another entry of `{name}:` has the id '{item_id}'",
                            "give each entry its own id", printable(item_id),
                            code="duplicate-item-id")))
                    seen.add(item_id)
    return problems


def _iri_problems(data: dict, values: Values, fact_file: FactFile) -> Found:
    """IRIs the schema's pattern lets through but a triple store would refuse."""
    problems = []
    for path, value in values.iris:
        why = iri_problem(value)
        if why:
            problems.append((path, Problem(str(fact_file.path), fact_file.line_of(path),
                                           _fact_label(data, path), _field_name(path), why,
                                           "give a full http:// or https:// address; write "
                                           "spaces and other special characters %-encoded "
                                           "(%20), and % itself as %25", printable(value)[:80],
                                           code="bad-iri")))
    return problems


def _text_problems(data: Any, fact_file: FactFile) -> Found:
    """Text that is not valid Unicode (a lone surrogate, from a JSON or YAML escape)."""
    problems = []
    for path, value in all_values(data):
        for text in (value, *(p for p in path if isinstance(p, str))):
            if isinstance(text, str) and _SURROGATE.search(text):
                problems.append((path, Problem(str(fact_file.path), fact_file.line_of(path),
                                        _fact_label(data, path), _field_name(path),
                                        "holds a lone surrogate (\\ud800-\\udfff), which is "
                                        "not valid Unicode text", "remove the escape, or "
                                        "write the character it was meant to be",
                                        printable(text)[:80], code="bad-text")))
                break
    return problems


_SURROGATE = re.compile("[\ud800-\udfff]")


def read_file(path: Path, limits: Limits = DEFAULT) -> tuple[FactFile, list[Problem]]:
    """Read one fact file; return its facts and what is wrong in it on its own."""
    document = read_document(path, limits)
    data = document.data
    fact_file = FactFile(path, [], document.lines)
    fact_file.deeper = document.deeper
    found: Found = [
        (key_path, Problem(str(path), line, _fact_label(data, key_path), _field_name(key_path),
                           f"key '{key_path[-1]}' is given twice",
                           "keep one of them; the reader does not guess which",
                           code="duplicate-key"))
        for key_path, line in document.repeated]
    found += [
        (date_path, Problem(str(path), line, _fact_label(data, date_path),
                            _field_name(date_path),
                            f"bad date: {text} is a number, not a year written YYYY",
                            schema()["$defs"]["date"]["x-hint"], printable(text),
                            code="bad-date"))
        for date_path, line, text in document.odd_dates]
    if not isinstance(data, dict):
        found.append(((), Problem(str(path), 1, message="a fact file must be a mapping with "
                                  "'diplokg: 1' and lists such as 'persons:' and 'visits:'",
                                  hint="see `diplokg schema` for the format",
                                  code="not-a-fact-file")))
        return fact_file, [problem for _, problem in found]
    bad_text = _text_problems(data, fact_file) if document.escapes else []
    found += bad_text + _schema_problems(data, fact_file, fast=not bad_text)
    refused = {path for path, _ in found}
    # dates and IRIs the schema let through (a value it refused is reported once)
    values = document.values
    found += [(path, problem) for path, problem
              in _date_problems(data, values, fact_file) + _iri_problems(data, values, fact_file)
              + _item_id_problems(data, fact_file) if path not in refused]
    values.write_years()  # "2000", as dates are written, now that they are checked
    # Every entry that is sound on its own becomes a fact, so that quotes and references
    # are checked in the same run as keys, values and dates; an entry with a problem of
    # its own is left out, and its id kept, so that references to it are not reported too.
    faulty = {path[:2] for path, _ in found}
    for section, kind in sections().items():
        entries = data.get(section)
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            fact_id = entry.get("id") if isinstance(entry, dict) else None
            if (section, index) in faulty or () in faulty or not isinstance(fact_id, str):
                if isinstance(fact_id, str):
                    fact_file.broken.append(fact_id)
                continue
            fact = Fact(kind, fact_id, entry, str(path), fact_file.line_of((section, index)),
                        (section, index), fact_file.lines)
            fact.deeper = document.deeper
            fact_file.facts.append(fact)
    return fact_file, [problem for _, problem in found]


# -- checks across files ------------------------------------------------------


def _evidence(fact: Fact) -> Iterator[tuple[str, str]]:
    """(field, quote) for the fact's own evidence and that of its nested entries."""
    for index, quote in enumerate(fact.data.get("evidence", [])):
        yield f"evidence[{index}]", quote
    for outer in nested_fields():
        for index, item in enumerate(fact.data.get(outer, [])):
            for quote_index, quote in enumerate(item.get("evidence", [])):
                yield f"{outer}[{index}].evidence[{quote_index}]", quote


def allowed_roots(paths: Iterable[Path]) -> list[Path]:
    """The folders a build may read source texts from: those of the paths it was given
    (a folder itself, or the folder of a file) and the working folder, symlinks resolved."""
    roots = {Path.cwd().resolve()}
    for path in paths:
        path = Path(path)
        roots.add((path if path.is_dir() else path.parent).resolve())
    return sorted(roots)


def _source_text(fact: Fact, roots: list[Path], limits: Limits
                 ) -> tuple[SourceText | None, str]:
    """(the text, "") or (None, why it is refused), for a source's `text:`.

    Only a regular file inside ``roots`` (after resolving symlinks) and under the size
    limit is read: a fact file from a pull request must not make the build read a
    secret (`/proc/self/environ`, `../../token`) and tell its content through which
    quotes match, nor read `/dev/urandom` until memory runs out.
    """
    full = (Path(fact.file).parent / fact.data["text"]).resolve()
    if not any(full.is_relative_to(root) for root in roots):
        return None, ("is outside the folders given to diplokg (and the working folder), "
                      "so it is not read")
    try:
        if not full.is_file():
            return None, ("does not exist" if not full.exists() else
                          "is not a regular file, so it is not read")
        size = full.stat().st_size
        if size > limits.source_bytes:
            return None, (f"has {size} bytes, more than the limit of {limits.source_bytes} "
                          "(raise --limit source-bytes= if it is real)")
        return SourceText(full.read_text(encoding="utf-8")), ""
    except UnicodeDecodeError as error:
        return None, f"is not UTF-8 text ({error.reason} at byte {error.start})"
    except OSError as error:
        return None, f"cannot be read: {error.strerror or error}"


def _quote_problems(fact_set: FactSet, roots: list[Path], limits: Limits) -> list[Problem]:
    """Quotes not found in their source's text; sources whose text is refused.

    The quotes of a source whose text is refused are not checked at all, so the
    outcome never depends on what a refused file holds.
    """
    problems = []
    texts: dict[str, SourceText | None] = {}
    for fact in fact_set.facts():
        if fact.kind != "source":
            continue
        if fact.data.get("text") is None:
            texts[fact.id] = None
            continue
        texts[fact.id], why = _source_text(fact, roots, limits)
        if why:
            problems.append(Problem(fact.file, fact.line_of("text"), fact.label, "text",
                                    f"the source text {why}",
                                    "give the path of a UTF-8 text file inside the fact "
                                    "files' folder, relative to this fact file",
                                    printable(fact.data["text"]), code="source-text-refused"))
    for fact in fact_set.facts():
        text = texts.get(fact.data.get("source", ""))
        if text is None:
            continue
        for where, quote in _evidence(fact):
            if normalise_text(quote) not in text.normalised:
                problems.append(Problem(
                    fact.file, fact.line_of(where), fact.label, where,
                    f"quote not found in the text of source '{fact.data['source']}'",
                    "copy the quote verbatim from the source text (white space and curly "
                    "quote marks may differ)",
                    printable(quote if len(quote) <= 80 else quote[:77] + "..."),
                    code="quote-not-found"))
    fact_set.texts = {source: text for source, text in texts.items() if text is not None}
    return problems


_DECLARES_FORMAT = re.compile(rb'^(diplokg|"diplokg")\s*:|^\s*\{?\s*"diplokg"\s*:', re.M)


def _is_fact_file(path: Path) -> bool:
    """A YAML or JSON file that declares the fact-file format (a top-level `diplokg:` key).

    Folders hold other YAML and JSON too (CI settings, a docs config); only files
    that say they are fact files are read from a folder.  A file named on the
    command line is always read, so a missing `diplokg:` key is reported there.
    """
    try:
        if path.stat().st_size > DEFAULT.file_bytes:
            return True  # the reader says it is too large
        return bool(_DECLARES_FORMAT.search(path.read_bytes()))
    except OSError:
        return True  # let the reader report why it cannot be read


def fact_file_paths(paths: Iterable[Path]) -> list[Path]:
    """Fact files named directly, or found below folders, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*")
                            if p.suffix in FACT_FILE_SUFFIXES and p.is_file()
                            and not any(part.startswith(".") for part in p.relative_to(path).parts))
            for candidate in inside:
                if not candidate.resolve().is_relative_to(path.resolve()):
                    raise UnreadableInput(f"{candidate}: a symbolic link to a file outside "
                                          f"{path}; name that file on the command line if it "
                                          "is meant to be read")
            found += [p for p in inside if _is_fact_file(p)]
        elif path.exists():
            found.append(path)
        else:
            raise UnreadableInput(f"{path}: no such file or folder")
    if not found:
        raise UnreadableInput("no fact files found in " + ", ".join(map(str, paths))
                              + f" (looked for {', '.join(FACT_FILE_SUFFIXES)} files with a "
                              "top-level `diplokg: 1`)")
    return found


def _read_cached(path: Path, cache: Cache | None,
                 limits: Limits) -> tuple[FactFile, list[Problem]]:
    if cache is None or not path.is_file() or path.stat().st_size > limits.file_bytes:
        return read_file(path, limits)  # it reports why the file cannot be read
    try:
        # the bytes, not the path: a cache restored into a renamed or moved folder hits
        key = digest(path.read_bytes(), limits.describe())
    except OSError:
        return read_file(path, limits)
    found = cache.get("read", key)
    if found is None:
        found = read_file(path, limits)
        found[0].key = key
        found[0].complete_lines()  # an entry holds every line, for the builds that find it
        cache.put("read", key, found)
    return _moved_to(found, path)


def _moved_to(found: tuple[FactFile, list[Problem]], path: Path
              ) -> tuple[FactFile, list[Problem]]:
    """A reading of the same bytes under another path (a fresh copy from the cache),
    told where the file is now: its facts and problems name ``path``."""
    fact_file, problems = found
    old, new = str(fact_file.path), str(path)
    if old == new:
        return found
    fact_file.path = path
    for fact in fact_file.facts:
        fact.file = new
    return fact_file, [replace(p, file=new, message=p.message.replace(old, new))
                       if p.file == old else p for p in problems]


def read_facts(paths: Iterable[Path], cache: Cache | None = None,
               progress: Callable[[int, int], None] | None = None,
               limits: Limits = DEFAULT) -> FactSet:
    """Read fact files and check each on its own; raise FactProblems listing all problems.

    References between facts are resolved, and facts declared in several files
    merged, by diplokg.merge.  With a cache, a file whose bytes were read before
    is not parsed again.  ``progress`` is told (files read, files in all).  Source
    texts are read only inside the folders of ``paths`` and the working folder.
    """
    problems: list[Problem] = []
    fact_set = FactSet([])
    paths = list(paths)
    found = fact_file_paths(paths)
    for number, path in enumerate(found, 1):
        fact_file, file_problems = _read_cached(path, cache, limits)
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
    problems += _quote_problems(fact_set, allowed_roots(paths), limits)
    if problems:
        raise FactProblems(problems, fact_set)
    return fact_set
