"""Scheme files to edit: a copy of a shipped scheme with a comment added by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from observe.scheme_editor import create_user_scheme

#: A comment a programme lead wrote by hand, on a line of its own and at a line's end.
HAND_COMMENT = "# Our programme: keep the hunger cues first (agreed 2026-02)\n"
LINE_END_COMMENT = "   # we shortened this after the pilot"


@pytest.fixture
def own_scheme(isolated_data_dir: Path) -> Path:
    """``<archive>/schemes/ours.toml``: a copy of infant-cues with two hand comments."""
    path = create_user_scheme(isolated_data_dir, "ours", "infant-cues")
    text = path.read_text(encoding="utf-8")
    text = text.replace('[[cues]]\nid = "hungry"', HAND_COMMENT + '[[cues]]\nid = "hungry"', 1)
    text = text.replace("repair_window = 30.0\n", f"repair_window = 30.0{LINE_END_COMMENT}\n", 1)
    path.write_text(text, encoding="utf-8")
    return path
