"""A user's own scheme, started as a copy of an installed one (``observe scheme new``,
and "copy to edit" in the terminal app's scheme list).

The copy is the original's TOML text with a new id and a name that says it is a copy, and
a first comment line saying where it came from: the comments and layout that make a
scheme file readable come along.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from observe.errors import ObserveError
from observe.scheme import (
    Scheme,
    SchemeNotFound,
    load_scheme,
    parse_scheme,
    scheme_catalogue,
    user_schemes_dir,
)
from observe.scheme.validation import SLUG, SLUG_HINT
from observe.store.perms import durable_fsync, make_private_dir, open_private


def create_user_scheme(archive_dir: Path, name: str, from_id: str) -> Path:
    """Copy the TOML of scheme ``from_id`` to ``<archive>/schemes/NAME.toml`` with id NAME."""
    if not SLUG.match(name):
        raise ObserveError(f'"{name}" cannot be a scheme id; use {SLUG_HINT}, e.g. "my-feeding"')
    catalogue = scheme_catalogue(archive_dir)
    taken = catalogue.get(name)
    if taken is not None:
        raise ObserveError(
            f'there is already a scheme "{name}" ({taken.path}); choose another name'
        )
    source = catalogue.get(from_id)
    source_path = source.path if source is not None else Path(from_id).expanduser()
    looks_like_a_path = source_path.suffix == ".toml" or any(sep in from_id for sep in "/\\")
    if source is None and not looks_like_a_path and not source_path.is_file():
        raise SchemeNotFound(
            f'there is no coding scheme "{from_id}" to copy; the installed schemes are '
            f"{', '.join(catalogue.ids)} (or give the path to a .toml file)"
        )
    original = load_scheme(source_path)
    text = source_path.read_text(encoding="utf-8-sig")
    copied = _with_new_identity(text, original, name, str(source_path))
    parse_scheme(copied, f"the copy of {source_path}")  # the copy must load as it is written

    folder = user_schemes_dir(archive_dir)
    make_private_dir(folder.parent)
    make_private_dir(folder)
    target = folder / f"{name}.toml"
    try:
        descriptor = open_private(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    except FileExistsError:
        raise ObserveError(
            f"{target} already exists; choose another name or edit that file"
        ) from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(copied)
            handle.flush()
            durable_fsync(handle.fileno())
    except OSError as error:
        target.unlink(missing_ok=True)  # never leave half a scheme behind
        raise ObserveError(
            f"could not write {target} ({error.strerror or error}); "
            "free some disk space or check the folder, then try again"
        ) from None
    return target


_SCHEME_HEADER = re.compile(r"^\s*\[\s*scheme\s*\]\s*(#.*)?$")
_ANY_HEADER = re.compile(r"^\s*\[")
_STARTED_FROM = "# Started from"
_ASSIGNMENT = r"^(\s*{field}\s*=\s*)(\"(?:[^\"\\]|\\.)*\"|'[^']*')(\s*(#.*)?)$"


def _with_new_identity(text: str, original: Scheme, new_id: str, origin: str) -> str:
    """``text`` with the [scheme] table's id set to ``new_id`` and its name marked as a copy.

    Editing the text (rather than writing the Scheme out again) keeps the comments and
    layout of the original, which are what make a scheme file readable.
    """
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if _SCHEME_HEADER.match(line)), None)
    if start is None:
        raise ObserveError(f"cannot find the [scheme] table in {origin}; copy the file by hand")
    end = next((i for i in range(start + 1, len(lines)) if _ANY_HEADER.match(lines[i])), len(lines))
    base_name = original.name.removesuffix(f" ({original.id})")  # a copy of a copy
    replacements = {
        "id": json.dumps(new_id),
        "name": json.dumps(f"{base_name} ({new_id})", ensure_ascii=False),
    }
    done = set()
    for index in range(start + 1, end):
        for field, value in replacements.items():
            match = re.match(_ASSIGNMENT.format(field=field), lines[index].rstrip("\r\n"))
            if match and field not in done:
                ending = lines[index][len(lines[index].rstrip("\r\n")) :]
                lines[index] = f"{match.group(1)}{value}{match.group(3)}{ending}"
                done.add(field)
    if "id" not in done:
        raise ObserveError(
            f"cannot find the id line of [scheme] in {origin}; copy the file by hand"
        )
    if lines and lines[0].startswith(_STARTED_FROM):
        del lines[0]  # the new line below says where this copy came from
    header = (
        f"{_STARTED_FROM} {original.id} (version {original.version}) "
        f"with: observe scheme new {new_id} --from {original.id}\n"
    )
    return header + "".join(lines)
