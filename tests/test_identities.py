"""The identity file: a fact keeps the IRI it was first built with, whatever is added later."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from diplokg.cli import app

LATER = """diplokg: 1
sources:
  - {id: later, title: Later report, publisher: Paper B, published: 2024-06-19}
persons:
  - {id: p, source: later, name: P, evidence: [P went]}
states:
  - {id: s, source: later, name: S, evidence: [to S]}
visits:
  - {id: b-visit, source: later, visitors: [p], destination: s, start: 2024-06-19,
     status: took-place, evidence: [P went]}
"""
# an older report of the same visit, added after the first build
EARLIER = """diplokg: 1
sources:
  - {id: earlier, title: Earlier report, publisher: Paper A, published: 2024-06-10}
visits:
  - {id: a-visit, source: earlier, visitors: [p], destination: s, start: 2024-06,
     status: planned, evidence: [P will go]}
"""


def build(folder: Path, *args: str):
    return CliRunner().invoke(app, ["build", *args], catch_exceptions=False)


def subjects(path: Path) -> set[str]:
    return {line.split()[0] for line in path.read_text().splitlines()
            if line.startswith("visit:")}


def test_an_older_report_added_later_takes_the_name_without_the_file(tmp_path):
    (tmp_path / "later.yaml").write_text(LATER)
    (tmp_path / "earlier.yaml").write_text(EARLIER)
    result = build(tmp_path, str(tmp_path / "later.yaml"), str(tmp_path / "earlier.yaml"),
                   "-o", str(tmp_path / "out.ttl"))
    assert result.exit_code == 0, result.output
    # the earliest declaration names the visit: the control of the test below
    assert subjects(tmp_path / "out.ttl") == {"visit:a-visit"}


def test_the_identity_file_keeps_the_first_name_and_ci_checks_it(tmp_path):
    later, earlier = tmp_path / "later.yaml", tmp_path / "earlier.yaml"
    ids, out = tmp_path / "ids.yaml", tmp_path / "out.ttl"
    later.write_text(LATER)
    assert build(tmp_path, str(later), "-o", str(out), "--ids", str(ids)).exit_code == 0
    assert "  - \"b-visit\"" in ids.read_text().splitlines()
    earlier.write_text(EARLIER)
    before = ids.read_bytes()
    checked = build(tmp_path, str(later), str(earlier), "-o", str(out), "--ids", str(ids),
                    "--check-ids")
    assert checked.exit_code == 1 and "ids-out-of-date" not in checked.output
    assert "does not list 1 name(s) the build gave: earlier" in checked.output
    assert ids.read_bytes() == before  # --check-ids changes nothing
    result = build(tmp_path, str(later), str(earlier), "-o", str(out), "--ids", str(ids))
    assert result.exit_code == 0, result.output
    assert subjects(out) == {"visit:b-visit"}
    assert "owl:sameAs visit:a-visit" in out.read_text()
    assert '  - "earlier"' in ids.read_text().splitlines()
    again = build(tmp_path, str(earlier), str(later), "-o", str(out), "--ids", str(ids),
                  "--check-ids")
    assert again.exit_code == 0, again.output


def test_a_broken_identity_file_is_an_error_naming_it(tmp_path):
    (tmp_path / "later.yaml").write_text(LATER)
    ids = tmp_path / "ids.yaml"
    ids.write_text("ids: {not: a list}\n")
    result = build(tmp_path, str(tmp_path / "later.yaml"), "-o", str(tmp_path / "out.ttl"),
                   "--ids", str(ids))
    assert result.exit_code == 3
    assert f"{ids}: not an identity file" in result.output
    assert not (tmp_path / "out.ttl").exists()


def test_check_ids_needs_the_file(tmp_path):
    (tmp_path / "later.yaml").write_text(LATER)
    result = build(tmp_path, str(tmp_path / "later.yaml"), "-o", str(tmp_path / "o.ttl"),
                   "--check-ids")
    assert result.exit_code == 2
