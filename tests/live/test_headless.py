"""The live core and its tests need no terminal UI: a script (or a video-coding front end)
can drive a session with nothing but observe's headless layers.

The subprocess check of tests/test_import_hygiene.py proves it for the package; this one
reads the sources, so a test of the core that starts importing Textual fails here too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted([*(ROOT / "observe" / "live").glob("*.py"), *Path(__file__).parent.glob("*.py")])
FORBIDDEN = ("textual", "rich", "observe.tui")


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: path.name)
def test_no_textual_in_the_live_core_or_its_tests(path: Path) -> None:
    for name in imported(path):
        assert not any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN), name
