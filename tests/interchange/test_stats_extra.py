"""Without the optional extra, ``observe export --format sav|dta`` says how to get it.

Runs whether or not pyreadstat is installed: the import is made to fail.
"""

from __future__ import annotations

import sys

import pytest


@pytest.mark.parametrize("fmt", ["sav", "dta"])
def test_without_pyreadstat_one_sentence_says_how_to_get_it(
    cli_archive, monkeypatch, tmp_path, fmt
) -> None:
    """A user without the extra is told how to install it, and nothing is written."""
    assert cli_archive.run("demo").exit_code == 0
    monkeypatch.setitem(sys.modules, "pyreadstat", None)  # import pyreadstat now fails
    result = cli_archive.run("export", "--dyad", "DEMO-01", "--format", fmt, "-o",
                             str(tmp_path / f"x.{fmt}"))  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert "pip install 'observe[stats]'" in result.stderr
    assert "nothing was written" in result.stderr
    assert not (tmp_path / f"x.{fmt}").exists()
    assert not (tmp_path / f"x.visits.{fmt}").exists()
