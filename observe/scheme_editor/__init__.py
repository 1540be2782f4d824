"""Editing a coding scheme in forms, for people who do not write TOML (headless).

The terminal app's scheme editor is a view over these; the command line edits the same
files by hand and checks them with ``observe scheme validate``, and both give the same file.

- :mod:`~observe.scheme_editor.document`: :class:`SchemeDocument`, a scheme file's TOML as
  a tomlkit document that keeps its comments and layout (:mod:`~observe.scheme_editor.layout`),
  its changes (ids renamed everywhere they are named: :mod:`~observe.scheme_editor.references`)
  and its problems, in the words of the one validation; while it has some, a
  :mod:`~observe.scheme_editor.draft` of it feeds the previews;
- :mod:`~observe.scheme_editor.forms`: the fields of each form, and what typing writes;
- :mod:`~observe.scheme_editor.fits`: which responses fit which cue, per rule, as a grid;
- :mod:`~observe.scheme_editor.keyboard`: where keys sit (left or right hand) and which key
  presses can be code keys;
- :mod:`~observe.scheme_editor.usage`, :mod:`~observe.scheme_editor.listing`: the schemes
  with the sessions coded with each version;
- :mod:`~observe.scheme_editor.saving`: writing the file back, a new version when sessions
  used the old one (:mod:`~observe.scheme_editor.versions`);
- :mod:`~observe.scheme_editor.copying`: a user's scheme started as a copy of another;
- :mod:`~observe.scheme_editor.practice`: a practice session kept in memory ("Try it").
"""

from observe.scheme_editor.copying import create_user_scheme
from observe.scheme_editor.document import SchemeDocument
from observe.scheme_editor.listing import SchemeRow, scheme_rows
from observe.scheme_editor.practice import PracticeRecorder, practice_session
from observe.scheme_editor.saving import EditedFile, NotSaved, Saved
from observe.scheme_editor.usage import SchemeUsage

__all__ = [
    "EditedFile",
    "NotSaved",
    "PracticeRecorder",
    "Saved",
    "SchemeDocument",
    "SchemeRow",
    "SchemeUsage",
    "create_user_scheme",
    "practice_session",
    "scheme_rows",
]
