"""The floor: what a build of generated facts costs at the least, in plain Python.

    .venv/bin/python bench/floor.py DATA_DIR [--output FILE] [--no-json] [--json FILE]

DATA_DIR is a data set made by ``bench/generate.py`` (its ``facts/`` folder is read).  The
floor does what any build must do and nothing else:

* **load**: read every fact file and parse it with libyaml (``yaml.CSafeLoader``; a
  ``.json`` fact file with ``json``), no checks;
* **write**: one pass over the loaded facts printing N-Triples lines with f-strings into
  FILE (a temporary file by default).

It does not reproduce diplokg's mapping, but makes triples of the same number and shape,
derived from the facts by these rules (its count is printed next to diplokg's from the
data set's ``generated.json``, or generate.py's estimate of it; at seed 0 the floor is
within 1% of what diplokg builds at 100k and 1M):

* each entry of a section (``persons``, ``visits``, ...) is a node
  ``<base/kind/id>`` with an ``rdf:type`` triple, the kind being the section's name less
  its final ``s``;
* each value of a field is one triple (each item of a list one triple); a text that is the
  id of a fact is an IRI (a reference), any other value a literal;
* a date field with bounds in diplokg (``start``, ``end``, ``date``, ``signed``) makes two
  more triples, its earliest and latest day;
* each evidence quote makes an evidence node: four triples (link, type, quote, source);
  a quote from a source that names its text (``text:``) makes ten more, its place in the
  text (the source link, two selector links, each selector's type, start, end, exact,
  prefix, suffix), with made-up offsets: the floor does not look for the quote;
* each item of a list of mappings (offices, events, clauses) is a node of its own, linked
  from its owner, with a type triple, a source triple and its fields under the same rules;
* each visitor and host of a visit also makes a role node of nine triples (link, type,
  source, agent, capacity, title, office held, state represented, "derived"): diplokg
  derives these from the offices the person holds on the day.

What the floor leaves out is diplokg's work proper: checking the facts (schema, dates,
references, quotes in the source texts), merging facts declared twice, validating the
graph and writing Turtle rather than N-Triples.

It also times loading the same facts as JSON: the facts are converted once into
``DATA_DIR/.json/facts`` (hidden, so ``diplokg validate DATA_DIR`` does not read them
twice; converted again when ``facts/`` changes) beside copies of the source texts, and
loaded with ``orjson`` where it is installed and with the standard ``json``.  ``scale.py
--json-facts`` builds that folder with diplokg.  The conversion reads YAML 1.1 (PyYAML),
diplokg YAML 1.2: they agree on what generate.py writes (PyYAML quotes whatever 1.1 would
read otherwise), and ``scale.py`` checks that both builds write the same bytes.

Peak memory is the process's largest resident set (VmHWM; see ``peak_mb``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from json.encoder import encode_basestring  # a JSON string is an N-Triples literal
from pathlib import Path

import yaml

BASE = "https://w3id.org/diplokg/id/"
DK = "https://w3id.org/diplokg/ontology#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
XSD = "http://www.w3.org/2001/XMLSchema#"
OA = "http://www.w3.org/ns/oa#"
BOUNDED_DATES = {"start", "end", "date", "signed"}  # diplokg adds earliest and latest days
ROLE_FIELDS = {"visitors", "hosts"}  # diplokg derives a role node for each person named
ROLE_PROPERTIES = ("agent", "capacity", "capacityTitle", "heldOffice", "represents")
DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
DATATYPE_OF_LENGTH = {4: "gYear", 7: "gYearMonth", 10: "date"}
JSON_FOLDER = Path(".json") / "facts"


# -- loading ------------------------------------------------------------------------------


def fact_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if ".facts." in p.name
                  and p.suffix in (".yaml", ".yml", ".json"))


def load_yaml_facts(paths: list[Path]) -> list[dict]:
    """Every fact file parsed with libyaml (JSON files with json, as diplokg would)."""
    documents = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        documents.append(json.loads(text) if path.suffix == ".json"
                         else yaml.load(text, Loader=yaml.CSafeLoader))
    return documents


def json_loaders() -> dict[str, Callable[[bytes], object]]:
    """The JSON parsers to time: orjson where installed, and the standard library's."""
    loaders: dict[str, Callable[[bytes], object]] = {}
    try:
        import orjson
    except ImportError:
        pass
    else:
        loaders["orjson"] = orjson.loads
    loaders["json"] = json.loads
    return loaders


def load_json_facts(paths: list[Path], parse: Callable[[bytes], object]) -> list[dict]:
    return [parse(path.read_bytes()) for path in paths]


# -- the same facts as JSON, converted once --------------------------------------------------


def _facts_stamp(facts: Path) -> str:
    """Names, sizes and modification times of the facts: the conversion is redone when
    any of them changes."""
    digest = hashlib.sha1()
    for path in sorted(facts.iterdir()):
        stat = path.stat()
        digest.update(f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or no hard links
        shutil.copy2(source, target)


def json_facts(data: Path) -> Path:
    """``data/facts`` as JSON fact files (written as generate.py writes its JSON ones), with
    the source texts beside them; converted on the first call and kept in ``data/.json``."""
    facts, folder = data / "facts", data / JSON_FOLDER
    stamp_file = folder.parent / "converted-from.txt"
    stamp = _facts_stamp(facts)
    if stamp_file.exists() and stamp_file.read_text(encoding="utf-8") == stamp:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for path in sorted(facts.iterdir()):
        if ".facts." not in path.name:  # a source text
            _link_or_copy(path, folder / path.name)
            continue
        document = load_yaml_facts([path])[0]
        stem = path.name.split(".facts.")[0]
        (folder / f"{stem}.facts.json").write_text(
            json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n",
            encoding="utf-8")
    stamp_file.write_text(stamp, encoding="utf-8")
    return folder


# -- writing N-Triples -------------------------------------------------------------------------


def id_index(documents: list[dict]) -> dict[str, str]:
    """Fact id -> kind, to spell a reference as an IRI."""
    kinds = {}
    for document in documents:
        for section, entries in document.items():
            if isinstance(entries, list):
                kind = section.removesuffix("s")
                for entry in entries:
                    if isinstance(entry, dict) and "id" in entry:
                        kinds[entry["id"]] = kind
    return kinds


class NTriples:
    """Prints the floor's triples of the loaded facts; see the module's docstring."""

    def __init__(self, kinds: dict[str, str], with_text: set[str] = frozenset()):
        self.kinds = kinds
        self.with_text = with_text  # the sources that name their text
        self.count = 0

    def document(self, document: dict) -> Iterator[str]:
        for section, entries in document.items():
            if not isinstance(entries, list):
                continue
            kind = section.removesuffix("s")
            for entry in entries:
                if isinstance(entry, dict) and "id" in entry:
                    yield from self.node(f"<{BASE}{kind}/{entry['id']}>", kind, entry,
                                         entry.get("source", entry["id"]))

    def node(self, node: str, kind: str, data: dict, source: str) -> Iterator[str]:
        yield f"{node} {RDF_TYPE} <{DK}{kind.capitalize()}> .\n"
        self.count += 1
        for key, value in data.items():
            if key == "id":
                continue
            if key == "evidence":
                yield from self.evidence(node, value, source)
                continue
            for index, item in enumerate(value if isinstance(value, list) else [value]):
                if isinstance(item, dict):
                    child = f"{node[:-1]}/{key}/{index}>"
                    yield f"{node} <{DK}{key}> {child} .\n"
                    yield f"{child} <{DK}source> <{BASE}source/{source}> .\n"
                    self.count += 2
                    yield from self.node(child, key, item, source)
                    continue
                yield from self.value(node, key, item)
                if key in ROLE_FIELDS:
                    yield from self.role(f"{node[:-1]}/{key}/{index}>", node, item, source)

    def value(self, node: str, key: str, value) -> Iterator[str]:
        prop = f"<{DK}{key}>"
        self.count += 1
        if isinstance(value, str) and value in self.kinds:
            yield f"{node} {prop} <{BASE}{self.kinds[value]}/{value}> .\n"
            return
        text = str(value)
        if key in BOUNDED_DATES and DATE.fullmatch(text):
            datatype = DATATYPE_OF_LENGTH[len(text)]
            yield f'{node} {prop} "{text}"^^<{XSD}{datatype}> .\n'
            yield f'{node} <{DK}{key}Earliest> "{text}"^^<{XSD}date> .\n'
            yield f'{node} <{DK}{key}Latest> "{text}"^^<{XSD}date> .\n'
            self.count += 2
            return
        yield f"{node} {prop} {encode_basestring(text)} .\n"

    def role(self, role: str, node: str, person, source: str) -> Iterator[str]:
        """What diplokg derives of a visitor or host: the office held, the state represented."""
        yield f"{node} <{DK}role> {role} .\n"
        yield f"{role} {RDF_TYPE} <{DK}Role> .\n"
        yield f"{role} <{DK}source> <{BASE}source/{source}> .\n"
        for prop in ROLE_PROPERTIES:
            yield f"{role} <{DK}{prop}> {encode_basestring(str(person))} .\n"
        yield f'{role} <{DK}derived> "true"^^<{XSD}boolean> .\n'
        self.count += 4 + len(ROLE_PROPERTIES)

    def evidence(self, node: str, quotes: list, source: str) -> Iterator[str]:
        for index, quote in enumerate(quotes):
            iri = f"{node[:-1]}/evidence/{index}>"
            yield f"{node} <{DK}evidence> {iri} .\n"
            yield f"{iri} {RDF_TYPE} <{DK}Evidence> .\n"
            yield f"{iri} <{DK}quote> {encode_basestring(str(quote))} .\n"
            yield f"{iri} <{DK}source> <{BASE}source/{source}> .\n"
            self.count += 4
            if source in self.with_text:
                yield from self.passage(iri, quote, source)

    def passage(self, iri: str, quote, source: str) -> Iterator[str]:
        position, words = f"{iri[:-1]}/position>", f"{iri[:-1]}/text-quote>"
        text = encode_basestring(str(quote))
        yield f"{iri} <{OA}hasSource> <{BASE}source/{source}> .\n"
        yield f"{iri} <{OA}hasSelector> {position} .\n"
        yield f"{iri} <{OA}hasSelector> {words} .\n"
        yield f"{position} {RDF_TYPE} <{OA}TextPositionSelector> .\n"
        yield f'{position} <{OA}start> "0"^^<{XSD}integer> .\n'
        yield f'{position} <{OA}end> "{len(str(quote))}"^^<{XSD}integer> .\n'
        yield f"{words} {RDF_TYPE} <{OA}TextQuoteSelector> .\n"
        yield f"{words} <{OA}exact> {text} .\n"
        yield f"{words} <{OA}prefix> {text} .\n"
        yield f"{words} <{OA}suffix> {text} .\n"
        self.count += 10


def write_ntriples(documents: list[dict], output: Path) -> int:
    """Print the floor's triples of ``documents`` into ``output``; return how many."""
    with_text = {entry["id"] for document in documents
                 for entry in document.get("sources", []) or []
                 if isinstance(entry, dict) and entry.get("text")}
    printer = NTriples(id_index(documents), with_text)
    with output.open("w", encoding="utf-8") as out:
        for document in documents:
            out.writelines(printer.document(document))
    return printer.count


# -- measuring ---------------------------------------------------------------------------------


def peak_mb() -> float:
    """The largest resident set of this process so far, in MB.

    VmHWM, not ``ru_maxrss``: a process started by another keeps the parent's peak as its
    own ``ru_maxrss`` through exec, so a small child of a large parent would show the
    parent's figure.  Writing 5 to /proc/self/clear_refs starts VmHWM afresh.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(data: Path, output: Path | None = None, json_variant: bool = True) -> dict:
    """The floor of the data set: load and write seconds, triples, peak memory; and the
    seconds of loading the same facts as JSON with each parser."""
    paths = fact_files(data / "facts")
    start = time.perf_counter()
    documents = load_yaml_facts(paths)
    load = time.perf_counter() - start
    with tempfile.TemporaryDirectory(prefix="diplokg-floor-") as scratch:
        target = output or Path(scratch) / "floor.nt"
        start = time.perf_counter()
        triples = write_ntriples(documents, target)
        write = time.perf_counter() - start
    figures: dict = {"files": len(paths), "triples": triples, "load": load, "write": write,
                     "total": load + write, "peak_mb": peak_mb()}
    del documents
    if json_variant:
        json_paths = fact_files(json_facts(data))
        figures["json_load"] = {}
        for name, parse in json_loaders().items():
            start = time.perf_counter()
            load_json_facts(json_paths, parse)
            figures["json_load"][name] = time.perf_counter() - start
    generated = data / "generated.json"
    if generated.exists():
        summary = json.loads(generated.read_text(encoding="utf-8"))
        figures["diplokg_triples"] = summary.get("triples") or summary.get("triples_estimated")
        figures["diplokg_counted"] = "triples" in summary  # else generate.py's estimate
    return figures


def report(figures: dict) -> str:
    triples, total = figures["triples"], figures["total"]
    lines = [f"floor of {figures['files']} fact files: {triples:,} triples"
             + (f" (diplokg: {'' if figures['diplokg_counted'] else 'about '}"
                f"{figures['diplokg_triples']:,})" if figures.get("diplokg_triples") else ""),
             f"  load (libyaml)  {figures['load']:7.2f} s",
             f"  write (f-strings, N-Triples)  {figures['write']:7.2f} s",
             f"  total  {total:7.2f} s, {triples / total:,.0f} triples/s, "
             f"peak {figures['peak_mb']:,.0f} MB"]
    for name, seconds in figures.get("json_load", {}).items():
        lines.append(f"  the same facts as JSON, load ({name})  {seconds:7.2f} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="a data set made by bench/generate.py")
    parser.add_argument("--output", type=Path, help="keep the N-Triples in this file")
    parser.add_argument("--no-json", action="store_true",
                        help="skip loading the same facts as JSON")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if not (args.data / "facts").is_dir():
        parser.error(f"{args.data} has no facts/ folder: make one with bench/generate.py")
    figures = measure(args.data, args.output, json_variant=not args.no_json)
    print(report(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
