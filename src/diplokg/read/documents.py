"""Fact files as documents: YAML or JSON text -> plain values, with the line of each value.

Both formats are read into what JSON can hold (mappings with text keys, lists, text,
numbers, true/false, null) under the limits of diplokg.limits, and every value gets the
line it starts on, by its JSON path (``("visits", 2, "events", 0, "place")``):

* YAML is composed by libyaml into nodes, and one walk over the nodes checks them,
  records their lines and builds the values;
* JSON is parsed once: the top two levels (the sections and their entries: the facts)
  by the reader, which notes their lines, and each entry by ``json``'s scanner.  The
  lines below the facts are found in the text only when one is asked for (reading a
  file without problems needs none), or at once when the file has a key given twice,
  a number for a date or too many values.  They count line breaks as YAML does, so a
  JSON file has the lines a YAML reader gives it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from json.decoder import scanstring
from pathlib import Path
from typing import Any

import yaml

from diplokg.errors import UnreadableInput
from diplokg.limits import MAX_NUMBER_LENGTH, Limits
from diplokg.model.registry import date_fields, iri_fields, moment_fields
from diplokg.safetext import printable

TOP_LEVELS = 2  # the depth of a JSON document whose lines are found at once: its facts


@dataclass
class Document:
    """A fact file read: its values and what reading it found."""

    data: Any
    lines: dict[tuple, int]  # JSON path of a value -> its line; see DeeperLines
    deeper: DeeperLines | None  # finds the lines below TOP_LEVELS, when they are not in lines
    repeated: list[tuple[tuple, int]]  # (path of a key given twice, its line)
    odd_dates: list[tuple[tuple, int, str]]  # (path, line, text) of a number for a date
    values: Values
    escapes: bool  # whether the text has escapes that may stand for lone surrogates


def read_document(path: Path, limits: Limits) -> Document:
    """The values of a fact file and what reading it found; UnreadableInput if it cannot be
    read, is not valid YAML or JSON, or is beyond the limits."""
    try:
        if not path.is_file():
            raise UnreadableInput(f"{path}: not a regular file")
        size = path.stat().st_size
        if size > limits.file_bytes:
            raise UnreadableInput(f"{path}: {size} bytes, more than the limit of "
                                  f"{limits.file_bytes}; raise --limit file-bytes= if it is "
                                  "real")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UnreadableInput(f"{path}: no such file") from None
    except UnicodeDecodeError as error:
        raise UnreadableInput(
            f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    except OSError as error:
        raise UnreadableInput(f"{path}: cannot read: {error.strerror}") from None
    text = text.removeprefix("\ufeff")  # a byte order mark says UTF-8, nothing more
    if path.suffix == ".json":
        return _load_json(text, str(path), limits)
    return _load_yaml(text, str(path), limits)


def line_in(lines: dict[tuple, int], path: tuple, default: int,
            deeper: DeeperLines | None = None) -> int:
    """The line of the value at ``path``, or of its nearest enclosing value, or ``default``."""
    if deeper is not None and len(path) > TOP_LEVELS:
        deeper.complete()
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, default)


# Lone surrogates come only from escapes (UTF-8 text cannot hold them): \ud800 in JSON and
# YAML, \U0000d800 in YAML.  Text without such an escape needs no search for them.
_SURROGATE_ESCAPE = re.compile(r"\\(?:u|U0000)[dD][89a-fA-F]")


def _may_hold_surrogates(text: str) -> bool:
    return ("\\u" in text or "\\U" in text) and bool(_SURROGATE_ESCAPE.search(text))


# -- what the checks after the schema look at --------------------------------------


@cache
def _field_keys(dates: tuple, moments: tuple, iris: tuple) -> tuple[frozenset, ...]:
    return frozenset(dates), frozenset(dates + moments), frozenset(iris), \
        frozenset(dates + moments + iris)


class Values:
    """One pass over a document's values for what is checked after the schema: the values
    of date, moment and IRI fields, in document order, and the numbers given for dates
    (years, which are written as text once checked).  It also counts the values and sees
    whether they nest deeper than ``depth``.  The values must share no list or mapping (as
    the readers build them), since ``write_years`` changes them in place.
    """

    def __init__(self, data: Any, depth: int):
        self.dated: list[tuple[tuple, Any]] = []  # (path, value) for date and moment fields
        self.iris: list[tuple[tuple, str]] = []  # (path, text) for IRI fields
        self.numbers: list[tuple[dict | list, str | int]] = []  # (where, key) of numbers
        self.count = 1  # values, the document itself included
        self.too_deep = False
        self._depth = depth
        self._dates, self._dated, self._iris, self._fields = _field_keys(
            date_fields(), moment_fields(), iri_fields())
        if type(data) is dict or type(data) is list:
            self._visit(data, (), "")

    def _visit(self, container: dict | list, path: tuple, key: str) -> None:
        """``key`` is the key of the nearest mapping: that of a list's items."""
        if container and len(path) >= self._depth:
            self.too_deep = True  # its items are nested deeper than the limit
            return
        self.count += len(container)
        visit = self._visit
        if type(container) is dict:
            fields = self._fields  # of dates, moments and IRIs: few values are theirs
            for name, value in container.items():
                kind = type(value)
                if kind is dict or kind is list:
                    visit(value, path + (name,), name)
                elif name in fields:
                    if name in self._dated:
                        self.dated.append((path + (name,), value))
                    if name in self._iris and kind is str:
                        self.iris.append((path + (name,), value))
                    if name in self._dates and (kind is int or kind is float):
                        self.numbers.append((container, name))
        elif key in self._dates:
            for index, value in enumerate(container):
                kind = type(value)
                if kind is dict or kind is list:
                    visit(value, path + (index,), key)
                elif kind is int or kind is float:
                    self.numbers.append((container, index))
        else:
            for index, value in enumerate(container):
                kind = type(value)
                if kind is dict or kind is list:
                    visit(value, path + (index,), key)

    def only_years(self) -> bool:
        """Whether every number given for a date is written as a year, YYYY (in JSON, where a
        whole number has no other way of being written, a number from 1000 to 9999)."""
        return all(type(where[key]) is int and 1000 <= where[key] <= 9999
                   for where, key in self.numbers)

    def write_years(self) -> None:
        """Write the whole numbers given for dates as text: 2000 -> "2000"."""
        for where, key in self.numbers:
            if type(where[key]) is int:
                where[key] = f"{where[key]:04d}"


def all_values(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """(path, value) of every value that is no list or mapping, in document order."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from all_values(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from all_values(item, path + (index,))
    else:
        yield path, value


# -- walks: lines, keys given twice, numbers given for dates, limits --------------------


class _Walk:
    """What a walk over a document's values finds besides them: the line of every value,
    keys given twice and numbers given for dates; it stops a document that nests too
    deep or has more values than the limit (YAML aliases count each time they are used).
    """

    def __init__(self, file: str, limits: Limits):
        self.file, self.limits = file, limits
        self.lines: dict[tuple, int] = {}
        self.repeated: list[tuple[tuple, int]] = []  # (path of the key, line)
        self.odd_dates: list[tuple[tuple, int, str]] = []  # (path, line, text)
        self.nodes = 0

    def refuse(self, line: int, why: str) -> UnreadableInput:
        return UnreadableInput(f"{self.file}:{line}: {why}")

    def enter(self, path: tuple, line: int) -> None:
        """Count the value at ``path`` and record its line (_YamlWalk does it inline)."""
        self.nodes += 1
        if self.nodes > self.limits.yaml_nodes or len(path) > self.limits.depth:
            raise self.beyond_limits(path, line)
        self.lines[path] = line

    def beyond_limits(self, path: tuple, line: int) -> UnreadableInput:
        if self.nodes > self.limits.yaml_nodes:
            return self.refuse(line, f"the document expands to more than "
                               f"{self.limits.yaml_nodes} values (YAML aliases are counted "
                               "each time they are used); raise --limit yaml-nodes= if it is "
                               "real")
        return self.refuse(line, f"nested more than {self.limits.depth} levels deep")

    def number(self, path: tuple, line: int, text: str) -> None:
        """A number written ``text``: for a date, it must be a year YYYY."""
        date_field = next((p for p in reversed(path) if isinstance(p, str)), "")
        if date_field in date_fields() and not re.fullmatch(r"[0-9]{4}", text):
            self.odd_dates.append((path, line, text))


# -- YAML -------------------------------------------------------------------------------


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml, where installed
    """The YAML 1.2 core schema: dates stay strings, only true/false are booleans.

    Under YAML 1.1 rules `iso: NO` would read as false, `start: 2000-06-19` as a
    datetime, `start: 02024` as the octal 1044 and `33:40` as 2020; all surprise
    people, and editors using the JSON Schema (which follow YAML 1.2) would disagree
    with the reader.  Tags beyond the core ones are refused while walking the nodes.
    """

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
        """The tag of a node without one: PyYAML's ``resolve`` for these resolvers (no
        path resolvers), with less to do; libyaml asks it for every value."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_CORE_TAGS = {_INT, _FLOAT, _STR, "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
              _SEQ, _MAP}
_Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"true|True|TRUE|false|False|FALSE", list("tTfF")),
    (_INT, r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", list("-+0123456789")),
    (_FLOAT, r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
     r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)", list("-+.0123456789")),
):
    _Loader.add_implicit_resolver(_tag, re.compile(f"^(?:{_pattern})$"), _first)


def _construct_int(loader: yaml.BaseConstructor, node: yaml.ScalarNode) -> int:
    """YAML 1.2 core integers: decimal (a leading zero is still decimal), 0o and 0x."""
    text = node.value
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-")
    if digits.startswith(("0o", "0x")):
        return sign * int(digits[2:], 8 if digits[1] == "o" else 16)
    return sign * int(digits, 10)


_Loader.add_constructor(_INT, _construct_int)


class _YamlWalk(_Walk):
    """Walks a YAML node graph, building its values as it goes.

    Besides what any walk finds, it refuses what a JSON document cannot hold (tags such
    as !!binary, keys that are not text).  A value whose explicit tag does not fit it
    (`!!int abc`, `!!map` on a list) is left to PyYAML, which says why: ``misfit`` is
    the first such node.
    """

    def __init__(self, loader: _Loader, file: str, limits: Limits):
        super().__init__(file, limits)
        self.loader = loader
        self.misfit: yaml.Node | None = None

    def __call__(self, node: yaml.Node, path: tuple = ()) -> Any:
        line = node.start_mark.line + 1
        self.nodes += 1  # what enter does, inline: this runs for every node
        if self.nodes > self.limits.yaml_nodes or len(path) > self.limits.depth:
            raise self.beyond_limits(path, line)
        self.lines[path] = line
        tag = node.tag
        if tag not in _CORE_TAGS:
            raise self.refuse(line, f"the YAML tag {printable(tag)} is not allowed in "
                              "fact files: use plain text, numbers, true/false, lists and "
                              "mappings")
        kind = type(node)
        if kind is yaml.MappingNode:
            if tag != _MAP:
                self.misfit = self.misfit or node
            mapping: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if type(key_node) is not yaml.ScalarNode or key_node.tag != _STR:
                    raise self.refuse(key_node.start_mark.line + 1, "a key must be plain "
                                      "text, not a number, true/false, list or mapping")
                key = key_node.value
                if key in mapping:
                    self.repeated.append((path + (key,), key_node.start_mark.line + 1))
                mapping[key] = self(value_node, path + (key,))  # the last one given counts
            return mapping
        if kind is yaml.SequenceNode:
            if tag != _SEQ:
                self.misfit = self.misfit or node
            return [self(item, path + (index,)) for index, item in enumerate(node.value)]
        if tag == _STR:
            return node.value
        if tag in (_SEQ, _MAP):
            self.misfit = self.misfit or node
            return None
        if tag in (_INT, _FLOAT):
            if len(node.value) > MAX_NUMBER_LENGTH:
                raise self.refuse(line, f"a number of {len(node.value)} characters; numbers "
                                  f"have at most {MAX_NUMBER_LENGTH}")
            self.number(path, line, node.value)
        try:
            return self.loader.yaml_constructors[tag](self.loader, node)
        except Exception:  # noqa: BLE001 - PyYAML says why, below
            self.misfit = self.misfit or node
            return None


def _load_yaml(text: str, file: str, limits: Limits) -> Document:
    loader = _Loader(text)
    walk = _YamlWalk(loader, file, limits)
    try:
        node = loader.get_single_node()
        data = None if node is None else walk(node)
        if walk.misfit is not None:
            data = loader.construct_document(node)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        reason = printable(" ".join(str(error).split()))
        raise UnreadableInput(f"{file}{line}: not valid YAML: {reason}") from None
    except (ValueError, KeyError):  # PyYAML's int, float and bool tags on other text
        misfit = walk.misfit
        if misfit is None:
            raise
        raise UnreadableInput(
            f"{file}:{misfit.start_mark.line + 1}: not valid YAML: "
            f"{printable(repr(misfit.value))} is not a value of the tag "
            f"{printable(misfit.tag)}") from None
    finally:
        loader.dispose()
    escapes = _may_hold_surrogates(text)
    return Document(data, walk.lines, None, walk.repeated, walk.odd_dates,
                    Values(data, limits.depth), escapes)


# -- JSON -------------------------------------------------------------------------------


def _short(text: str) -> str:
    """A JSON number's text, refused when longer than any number a fact file holds."""
    if len(text) > MAX_NUMBER_LENGTH:
        raise ValueError(f"a number of {len(text)} characters; numbers have at most "
                         f"{MAX_NUMBER_LENGTH}")
    return text


def _json_number(text: str) -> int:
    return int(_short(text))


def _json_float(text: str) -> float:
    return float(_short(text))


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


class _KeyGivenTwice(Exception):
    pass


def _distinct_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) < len(pairs):
        raise _KeyGivenTwice
    return mapping


def _parse_json(text: str, file: str, limits: Limits) -> tuple[Any, bool]:
    """JSON, strictly (NaN and Infinity refused, long numbers refused); and whether an object
    gives a key twice (then, as in YAML, the last one given counts)."""
    strict = {"parse_int": _json_number, "parse_float": _json_float,
              "parse_constant": _no_constant}
    try:
        try:
            return json.loads(text, object_pairs_hook=_distinct_keys, **strict), False
        except _KeyGivenTwice:
            return json.loads(text, **strict), True
    except json.JSONDecodeError as error:
        raise UnreadableInput(
            f"{file}:{error.lineno}: not valid JSON: {printable(error.msg)}") from None
    except RecursionError:
        raise UnreadableInput(f"{file}: not valid JSON: nested more than "
                              f"{limits.depth} levels deep") from None
    except ValueError as error:
        raise UnreadableInput(f"{file}: not valid JSON: {printable(error)}") from None


_WHITESPACE = re.compile(r"[ \t\n\r]*")  # JSON's white space, as json.decoder has it
_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # line breaks, to YAML
_STRICT = json.JSONDecoder(parse_int=_json_number, parse_float=_json_float,
                           parse_constant=_no_constant, object_pairs_hook=_distinct_keys)
# Tokens of valid JSON: a member of an object up to its value (and the comma or brace
# after a value that is no object or list), an item of a list the same way, and what
# comes after an object or list.
_SCALAR = r'("[^"\\]*(?:\\.[^"\\]*)*"|[-0-9][-+.0-9eE]*|true|false|null)'
_WS = r"[ \t\n\r]*"
_MEMBER = re.compile(f'{_WS}"([^"\\\\]*(?:\\\\.[^"\\\\]*)*)"{_WS}:{_WS}'
                     f"(?:{_SCALAR}{_WS}([,}}])|([\\[{{]))")
_ITEM = re.compile(f"{_WS}(?:{_SCALAR}{_WS}([,\\]])|([\\[{{]))")
_AFTER = re.compile(f"{_WS}([,}}\\]])")
_EMPTY = re.compile(f"{_WS}[}}\\]]")


class _JsonWalk(_Walk):
    """Walks the text of a JSON document that ``json`` has accepted (and so is valid).

    Lines count the line breaks YAML counts (also U+0085, U+2028 and U+2029), so that they
    are those a YAML reader gives the document.
    """

    def __init__(self, text: str, file: str, limits: Limits):
        super().__init__(file, limits)
        self.text = text
        self._line, self._at = 1, 0  # the line at offset _at, which only grows
        self._rare_breaks = "\r" in text or not text.isascii() and any(
            char in text for char in "\x85\u2028\u2029")

    def _line_at(self, offset: int) -> int:
        if self._rare_breaks:
            self._line += len(_BREAKS.findall(self.text, self._at, offset))
        else:
            self._line += self.text.count("\n", self._at, offset)
        self._at = offset
        return self._line

    def walk(self) -> _JsonWalk:
        """Walk every value."""
        text = self.text
        at = _WHITESPACE.match(text, 0).end()
        if text[at] in "{[":
            self.enter((), self._line_at(at))
            self._container(text[at], at + 1, ())
        else:
            self._scalar((), at, _SCAN_SCALAR.match(text, at).group())
        return self

    def _scalar(self, path: tuple, at: int, written: str) -> None:
        line = self._line_at(at)
        self.enter(path, line)
        if written[0] in "-0123456789":
            self.number(path, line, written)

    def _container(self, opening: str, at: int, path: tuple) -> int:
        """Walk the members of an object or the items of a list, from just after its
        opening brace or bracket; return the offset after its closing one."""
        text = self.text
        empty = _EMPTY.match(text, at)
        if empty:
            return empty.end()
        keys: set[str] = set()
        index = 0
        while True:
            if opening == "{":
                token = _MEMBER.match(text, at)
                key = token.group(1)
                if "\\" in key:
                    key = scanstring(text, token.start(1))[0]
                if key in keys:
                    self.repeated.append((path + (key,), self._line_at(token.start(1) - 1)))
                keys.add(key)
                inner = path + (key,)
                value, close, nested = token.group(2, 3, 4)
                start = token.start(2) if nested is None else token.start(4)
            else:
                token = _ITEM.match(text, at)
                inner = path + (index,)
                index += 1
                value, close, nested = token.group(1, 2, 3)
                start = token.start(1) if nested is None else token.start(3)
            if nested is None:
                self._scalar(inner, start, value)
                at = token.end()
            else:
                self.enter(inner, self._line_at(start))
                after = _AFTER.match(text, self._container(nested, token.end(), inner))
                close, at = after.group(1), after.end()
            if close != ",":
                return at

    def parse(self, levels: int) -> Any:
        """The document's values, as json.loads gives them with the reader's rules, walking
        (into ``lines``) only the top ``levels`` levels of objects and lists and scanning
        the rest with json's scanner.  An error of any kind where the text is not such JSON
        (json.loads then says why)."""
        text = self.text
        value, at = self._parse(_WHITESPACE.match(text, 0).end(), (), levels)
        if _WHITESPACE.match(text, at).end() != len(text):
            raise ValueError("extra data")
        return value

    def _parse(self, at: int, path: tuple, levels: int) -> tuple[Any, int]:
        text, skip = self.text, _WHITESPACE.match
        self.enter(path, self._line_at(at))
        if len(path) >= levels or text[at] not in "{[":
            return _STRICT.scan_once(text, at)
        closing = "}" if text[at] == "{" else "]"
        pairs: list[tuple[str, Any]] = []
        items: list[Any] = []
        at = skip(text, at + 1).end()
        while text[at] != closing:
            if closing == "}":
                if text[at] != '"':
                    raise ValueError("expected a key")
                key, at = scanstring(text, at + 1)
                at = skip(text, at).end()
                if text[at] != ":":
                    raise ValueError("expected ':'")
                value, at = self._parse(skip(text, at + 1).end(), path + (key,), levels)
                pairs.append((key, value))
            else:
                value, at = self._parse(at, path + (len(items),), levels)
                items.append(value)
            at = skip(text, at).end()
            if text[at] == ",":
                at = skip(text, at + 1).end()
                if text[at] == closing:
                    raise ValueError("a comma before the end")
            elif text[at] != closing:
                raise ValueError("expected ','")
        return (_distinct_keys(pairs) if closing == "}" else items), at + 1


_SCAN_SCALAR = re.compile(_SCALAR)


class DeeperLines:
    """The lines of a JSON document below its top levels, found in its text when first
    asked for (into ``lines``, which holds those of the top levels).  Only the text is kept
    until then, as UTF-8."""

    def __init__(self, lines: dict[tuple, int], text: str, file: str, limits: Limits):
        self.lines, self.file, self.limits = lines, file, limits
        self._text: bytes | None = text.encode("utf-8")

    def complete(self) -> None:
        if self._text is not None:
            walk = _JsonWalk(self._text.decode("utf-8"), self.file, self.limits).walk()
            self.lines.update(walk.lines)
            self._text = None


def _load_json(text: str, file: str, limits: Limits) -> Document:
    top = _JsonWalk(text, file, limits)
    try:
        data, repeated = top.parse(TOP_LEVELS), False
    except Exception:  # noqa: BLE001 - json.loads says what is wrong, or finds a key twice
        data, repeated = _parse_json(text, file, limits)
        top = None
    escapes = _may_hold_surrogates(text)
    try:
        values = Values(data, limits.depth)
        if (top is None or repeated or values.too_deep or values.count > limits.yaml_nodes
                or not values.only_years()):  # what the walk reports or refuses: walk now
            walk = _JsonWalk(text, file, limits).walk()
            return Document(data, walk.lines, None, walk.repeated, walk.odd_dates, values,
                            escapes)
    except RecursionError:  # only with the depth limit raised near Python's own
        raise UnreadableInput(f"{file}: not valid JSON: nested more than "
                              f"{limits.depth} levels deep") from None
    return Document(data, top.lines, DeeperLines(top.lines, text, file, limits), [], [],
                    values, escapes)
