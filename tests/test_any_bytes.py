"""Any bytes as a fact file: an exit code that says what is wrong, never a traceback.

Property tests (hypothesis): arbitrary bytes, and a valid fact file with bytes
inserted, deleted or replaced anywhere, given to `validate` and `build` as YAML
and as JSON. The command must end with a documented exit code and a message, and
`build` must write nothing unless the facts conform.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import SMALL
from diplokg.cli import app

runner = CliRunner()
VALID = (SMALL / "facts.yaml").read_bytes()
ARTICLE = (SMALL / "article.txt").read_bytes()
PROPERTY = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def run_on(data: bytes, suffix: str) -> list[tuple[int, str]]:
    """(exit code, output) of validate and build on ``data`` as a fact file."""
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        (here / "article.txt").write_bytes(ARTICLE)
        path = here / f"facts{suffix}"
        path.write_bytes(data)
        out = here / "out.ttl"
        cwd = os.getcwd()
        os.chdir(here)
        try:
            found = []
            for args in (["validate", str(path)], ["build", str(path), "-o", str(out)]):
                result = runner.invoke(app, args)
                assert result.exception is None or isinstance(result.exception, SystemExit), \
                    f"{args[0]} raised {result.exception!r}"
                assert "Traceback" not in result.output
                found.append((result.exit_code, result.output))
            if found[1][0] != 0:
                assert not out.exists(), "a failed build wrote its output"
            return found
        finally:
            os.chdir(cwd)


@PROPERTY
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".yaml", ".json"]))
def test_any_bytes_fail_with_a_documented_code(data, suffix):
    for code, output in run_on(data, suffix):
        assert code in (1, 2, 3), output
        assert output.strip(), "no message"


@PROPERTY
@given(at=st.integers(min_value=0, max_value=len(VALID)), cut=st.integers(0, 40),
       insert=st.binary(max_size=20))
def test_a_damaged_fact_file_never_crashes(at, cut, insert):
    data = VALID[:at] + insert + VALID[at + cut:]
    (validated, _), (built, _) = run_on(data, ".yaml")
    assert validated in (0, 1, 2, 3) and built in (0, 1, 2, 3)
    assert (validated == 0) == (built == 0), "validate and build disagree"
