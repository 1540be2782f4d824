"""Observer agreement stays headless: scripts and the analysis never load the terminal UI,
and only the report loads the PDF library (DESIGN §1)."""

from __future__ import annotations

import subprocess
import sys

import pytest


def loaded_after(module: str) -> set[str]:
    code = f"import sys, {module}\nprint(' '.join({{n.split('.')[0] for n in sys.modules}}))"
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(output.stdout.split())


@pytest.mark.parametrize(
    "module",
    [
        "observe.analysis.reliability",
        "observe.interchange.second_observer",
        "observe.commands.reliability",
    ],
)
def test_agreement_code_loads_neither_textual_nor_reportlab(module: str) -> None:
    assert not {"textual", "reportlab"} & loaded_after(module)


def test_the_reliability_report_does_not_load_textual() -> None:
    assert "textual" not in loaded_after("observe.reports.reliability_report")
