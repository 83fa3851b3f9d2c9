"""Where the ontology, shapes and JSON Schema shipped with diplokg live.

In a wheel, ontology/ and shapes/ are copied into the package; in an editable
install or a checkout they stay at the top of the repository.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _folder(name: str) -> Path:
    packaged = Path(str(files("diplokg"))) / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / name


def ontology_files() -> list[Path]:
    return sorted(_folder("ontology").glob("*.ttl"))


def shapes_files() -> list[Path]:
    return sorted(_folder("shapes").glob("*.shapes.ttl"))


def schema_path() -> Path:
    return Path(__file__).with_name("facts.schema.json")
