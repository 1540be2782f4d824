"""A gold-standard pack (``.obpack``): what a trainee codes and is scored against.

A pack is one plain JSON file (UTF-8, keys sorted) that a programme shares::

    {"format": "observe-training-pack", "version": 1, "name": "feeding01",
     "created_at": "…", "generator": "observe …",
     "master": {the master coder's session, with its locked scheme snapshot and digest},
     "recording": {"name", "size", "sha256", "duration", "frame_rate"},
     "criteria": {"agreement", "kappa", "per_code", "tolerance", "consecutive",
                  "valid_months"},
     "digest": "<sha256 of everything above>"}

The recording itself travels beside the pack, never inside it; the pack names it by its
size and sha256, so a trainee's copy can be told from another video. The ``digest`` is the
sha256 of the pack's content written canonically (the JSON of everything but the digest,
keys sorted, no spaces): a pack changed after it was made, or cut short, does not match it
and is refused. The digest is also the pack's identity: importing the same pack twice adds
nothing, and a trainee's coding names its pack by it (``Session.training``).

A pack is read as untrusted input, like a bundle: bounded in size, every field of exactly
the type the model declares, the master session checked by :mod:`observe.validity`.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from attrs import evolve, frozen

from observe import __version__
from observe.convert import unstructure
from observe.errors import ObserveError
from observe.interchange.bundle import bundle_session_problems
from observe.model import Recording, Session
from observe.reading import InputRefused, read_bounded, size_text
from observe.training.criteria import Criteria
from observe.validity import NotExactly, structure_exactly
from observe.validity.text import shown, text_problem

PACK_FORMAT = "observe-training-pack"
PACK_VERSION = 1
PACK_SUFFIX = ".obpack"
#: A pack holds one session: no plausible one is near this size.
MAX_PACK_BYTES = 32 << 20
MAX_NAME_LENGTH = 64
_AGAIN = "ask the programme lead for the pack again"


class PackError(ObserveError):
    """A pack that cannot be made or used (the sentence says why and what to do)."""


@frozen
class Pack:
    """A pack as read (or made): its content and its digest."""

    name: str
    created_at: str
    generator: str
    master: Session
    recording: Recording
    criteria: Criteria
    digest: str

    @property
    def short(self) -> str:
        """The pack's digest as people quote it (its first 12 hex digits)."""
        return self.digest[:12]


def content_of(pack: Pack) -> dict[str, Any]:
    """Everything the digest is taken over (the pack without its digest)."""
    return {
        "format": PACK_FORMAT,
        "version": PACK_VERSION,
        "name": pack.name,
        "created_at": pack.created_at,
        "generator": pack.generator,
        "master": unstructure(pack.master),
        "recording": unstructure(pack.recording),
        "criteria": unstructure(pack.criteria),
    }


def content_digest(content: dict[str, Any]) -> str:
    """The sha256 of ``content`` written canonically."""
    canonical = json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def make_pack(
    name: str,
    master: Session,
    recording: Recording,
    criteria: Criteria,
    *,
    created_at: datetime | None = None,
) -> Pack:
    """A new pack of ``master`` (an ended session) coded from ``recording``."""
    problem = text_problem(name, MAX_NAME_LENGTH, one_line=True)
    if problem is not None or not name.strip():
        raise PackError(
            f"the pack's name {shown(name)!r} cannot be used ({problem or 'it is empty'}); "
            f"give a short name of one line, e.g. -o feeding01{PACK_SUFFIX}."
        )
    if master.status != "ended":
        raise PackError(
            f"session {master.id[:8]} is {master.status}, not ended: a master coding must be "
            "complete; end it (or resume and end it in observe) and make the pack again."
        )
    if master.training is not None:
        raise PackError(
            f"session {master.id[:8]} is a trainee's coding of a training pack, not a master "
            "coding; make the pack from the master coder's session."
        )
    if not any(event.kind != "stop" for event in master.events):
        raise PackError(
            f"session {master.id[:8]} has no coded events, so a trainee could not be compared "
            "with it; make the pack from the master coder's session of the recording."
        )
    moment = (created_at or datetime.now().astimezone()).isoformat(timespec="seconds")
    # The master's own second-coding mark means nothing outside its archive.
    master = evolve(master, second_coding_of=None, second_coding_at=None, left_at=None)
    draft = Pack(name.strip(), moment, f"observe {__version__}", master, recording, criteria, "")
    return evolve(draft, digest=content_digest(content_of(draft)))


def pack_text(pack: Pack) -> str:
    """The pack file's text (indented, keys sorted: diffable and deterministic)."""
    data = {**content_of(pack), "digest": pack.digest}
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


def read_pack(path: Path) -> Pack:
    """The pack in the file ``path``, checked; :class:`PackError` says what is wrong."""
    try:
        raw = read_bounded(path, MAX_PACK_BYTES, what="a training pack")
    except InputRefused as refused:
        raise PackError(f"{path} {refused.reason}; give the {PACK_SUFFIX} file itself.") from None
    except IsADirectoryError:
        raise PackError(
            f"{path} is a folder, not a training pack; give the {PACK_SUFFIX} file."
        ) from None
    except FileNotFoundError:
        raise PackError(
            f"there is no file {path}; check the path to the {PACK_SUFFIX} file."
        ) from None
    except OSError as error:
        raise PackError(
            f"{path} cannot be read ({error.strerror or error}); check the path and try again."
        ) from None
    return parse_pack(raw, str(path))


def parse_pack(raw: bytes, source: str) -> Pack:
    """The pack whose file holds ``raw`` (``source`` names it in sentences)."""
    try:
        data = json.loads(raw.decode("utf-8").removeprefix("\ufeff"), parse_constant=_refuse)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise PackError(
            f"{source} is not a training pack (it is not JSON text, or it was cut short); {_AGAIN}."
        ) from None
    if not isinstance(data, dict) or data.get("format") != PACK_FORMAT:
        raise PackError(
            f'{source} is not a training pack (it has no "format": "{PACK_FORMAT}"); give a '
            f"{PACK_SUFFIX} file made by observe train pack."
        )
    version = data.get("version")
    if type(version) is not int or version < 1:
        raise PackError(f"{source} has no valid pack version; {_AGAIN}.")
    if version > PACK_VERSION:
        raise PackError(
            f"{source} was made by a newer observe (pack version {version}; this one reads up "
            f"to {PACK_VERSION}); update observe and open it again."
        )
    digest = data.get("digest")
    content = {key: value for key, value in data.items() if key != "digest"}
    if not isinstance(digest, str) or content_digest(content) != digest:
        raise PackError(
            f"{source} has been changed or damaged since it was made (its content does not "
            f"match its digest), so it cannot be used for training; {_AGAIN}."
        )
    extra = sorted(set(content) - set(_FIELDS))
    if extra:
        raise PackError(f"{source} has a field this observe does not know ({extra[0]}); {_AGAIN}.")
    return _checked(content, digest, source)


_FIELDS = ("format", "version", "name", "created_at", "generator", "master", "recording")
_FIELDS += ("criteria",)


def _checked(content: dict[str, Any], digest: str, source: str) -> Pack:
    for key in ("name", "created_at", "generator"):
        value = content.get(key)
        if not isinstance(value, str) or text_problem(value, 200, one_line=True) is not None:
            raise PackError(f"{source}: its field {key} is not one line of text; {_AGAIN}.")
    parts: dict[str, Any] = {}
    for key, cls in (("master", Session), ("recording", Recording), ("criteria", Criteria)):
        try:
            parts[key] = structure_exactly(content.get(key), cls)
        except NotExactly as wrong:
            field = f"{key}.{wrong.field}" if wrong.field else key
            raise PackError(f"{source}: its field {field} {wrong.reason}; {_AGAIN}.") from None
    problems = bundle_session_problems(parts["master"])
    if problems:
        raise PackError(f"{source}: its master coding cannot be used: {problems[0]}; {_AGAIN}.")
    return Pack(
        name=content["name"],
        created_at=content["created_at"],
        generator=content["generator"],
        master=parts["master"],
        recording=parts["recording"],
        criteria=parts["criteria"],
        digest=digest,
    )


def _refuse(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def recording_matches(pack: Pack, facts: Recording) -> str | None:
    """None when ``facts`` (a video as read here) are the pack's recording; otherwise why
    not, as words to follow "the video …"."""
    expected = pack.recording
    if facts.size != expected.size:
        return (
            f"is {size_text(facts.size)} ({facts.size:,} bytes), not the {expected.size:,} bytes "
            f"of the pack's recording {expected.name}"
        )
    if facts.sha256 != expected.sha256:
        return f"is not the pack's recording {expected.name} (its sha256 differs)"
    return None
