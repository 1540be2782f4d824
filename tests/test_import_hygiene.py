"""The headless layers stay headless (DESIGN §1).

If this failed, a researcher scripting the archive or the analysis would pull in the
whole terminal UI (or the PDF library) for nothing, and the layering would start to rot.
Each module is imported in a fresh interpreter so nothing else has loaded Textual first.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

NO_UI_NO_PDF = [
    "observe.model",
    "observe.changes",
    "observe.labels",
    "observe.privacy",
    "observe.pairing",
    "observe.validity",
    "observe.scheme",
    "observe.scheme_editor",
    "observe.convert",
    "observe.errors",
    "observe.locations",
    "observe.reading",
    "observe.store",
    "observe.analysis",
    "observe.interchange",
    "observe.workspace",
    "observe.live",
    "observe.keys",
    "observe.media",
]
NO_UI = ["observe.reports", "observe.training"]


def _loaded_after_import(module: str) -> set[str]:
    """Top-level packages loaded by importing ``module`` and, for a package, every module
    in it: a submodule its ``__init__`` does not import is just as headless a promise."""
    code = (
        "import importlib, pkgutil, sys\n"
        f"top = importlib.import_module({module!r})\n"
        "for info in pkgutil.walk_packages(getattr(top, '__path__', []), top.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
        "print(' '.join(sorted({name.split('.')[0] for name in sys.modules})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


@pytest.mark.parametrize("module", NO_UI_NO_PDF)
def test_headless_module_imports_neither_textual_nor_reportlab(module: str) -> None:
    loaded = _loaded_after_import(module)
    assert "textual" not in loaded
    assert "reportlab" not in loaded


@pytest.mark.parametrize("module", NO_UI)
def test_reports_do_not_import_textual(module: str) -> None:
    assert "textual" not in _loaded_after_import(module)
