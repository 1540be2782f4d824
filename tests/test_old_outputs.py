"""Reports and exports of sessions of the schemes written before contingency rules, state
groups and excluded periods are byte for byte what they were (:mod:`old_outputs`).

A family's report may not change because observe learned about actors and rules: the same
session and date give the same PDF, and every export the same file, as main wrote them
before reports and exports handled rules (``before_rules/outputs.json``).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest


def _helper():
    path = Path(__file__).parent / "old_outputs.py"
    spec = importlib.util.spec_from_file_location("old_outputs", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


old_outputs = _helper()


@pytest.fixture(scope="module")
def before() -> dict[str, dict[str, str]]:
    return json.loads(old_outputs.OUTPUTS.read_text(encoding="utf-8"))


def test_every_report_and_export_of_an_old_session_is_what_it_was(
    tmp_path: Path, before: dict[str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session and trend reports (21 + 30 sessions, 5 + 7 dyads) and the csv, json,
    sdis, cues, visits, codebooks, REDCap files and statistics tables of the demo archive and
    the 186 regression sessions: every sha256 as recorded, none missing, none added."""
    import observe.reports.document as document

    monkeypatch.setattr(document, "__version__", document.__version__)  # restored after
    data, pdfs = tmp_path / "data", tmp_path / "pdfs"
    pdfs.mkdir()
    changed: list[str] = []
    seen: dict[str, set[str]] = {}
    for group, name, made in old_outputs.all_outputs(data, pdfs):
        seen.setdefault(group, set()).add(name)
        if old_outputs.sha(made()) != before[group].get(name):
            changed.append(f"{group}: {name}")
    assert changed == []
    assert {group: set(names) for group, names in before.items()} == seen
    assert len(seen["demo"]) == 78 and len(seen["regression"]) == 419
