"""The interchange layer runs without the terminal UI or the PDF library (DESIGN §1)."""

from __future__ import annotations

import subprocess
import sys

import pytest

MODULES = [
    "observe.interchange.simulate",
    "observe.interchange.csv_events",
    "observe.interchange.csv_session",
    "observe.interchange.csv_export",
    "observe.interchange.bundle",
    "observe.interchange.sdis",
]


@pytest.mark.parametrize("module", MODULES)
def test_interchange_modules_import_neither_textual_nor_reportlab(module: str) -> None:
    code = (
        f"import sys, {module}; "
        "bad = [m for m in ('textual', 'reportlab') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
