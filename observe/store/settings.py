"""The archive's settings: one TOML file, ``<archive>/settings.toml``, read by every command
that works on the archive (DESIGN §3).

A programme sets its standards once for its archive — the agreement two observers must
reach, the tolerance their codes are compared with — and every comparison, report and
(later) training check uses the same figures. Each setting is declared once in
:data:`SETTINGS` (its section, name, kind, default, bounds and one line of help); the
file and ``observe settings show`` are generated from that list, and a test checks that the
README's table names every setting with its default.

- **Missing file**: every setting has its default. Nothing is written until a setting is
  changed.
- **Reading** checks the whole file: bad TOML (line and column), a section or a name this
  version does not know (with the nearest known name), a value of the wrong kind or outside
  its bounds — each problem named with the file, its line and the setting, in one
  :class:`SettingsError` sentence. A damaged settings file is never guessed around: the
  command stops and says what to fix.
- **Writing** (:func:`write_settings`) replaces the file atomically (temporary file, fsync,
  rename, fsync of the folder: :func:`observe.store.atomic.atomic_write`), private (0600).
  The file is generated: each setting with its help as a comment, the ones left at their
  default commented out, so the file documents itself. Comments of a hand-edited file are
  not kept.

Later sections (certification criteria) join :data:`SETTINGS` the same way; an older
observe reading a newer file names the section it does not know. The ``caseload`` section
holds text, not numbers: when families are due an observation (a schedule,
:mod:`observe.schedule`) and how often a visitor's reliability is checked (a period); a
schedule that cannot be read is named with its line and the character it fails at.
"""

from __future__ import annotations

import json
import math
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from attrs import frozen

from observe import schedule
from observe.display import shorten
from observe.errors import ObserveError
from observe.reading import InputRefused, read_bounded
from observe.scheme.loading import _toml_problem  # the one reading of tomllib's positions
from observe.scheme.problems import Locator, describe_type, did_you_mean
from observe.store import messages
from observe.store.atomic import atomic_write

FILE_NAME = "settings.toml"
#: A settings file is refused, unread, above this size: the file observe writes, every
#: setting with its comment, is under 2 KB.
MAX_SETTINGS_BYTES = 64 << 10

Kind = Literal["fraction", "coefficient", "seconds", "schedule", "period"]
Value = float | str  # text for the schedule and period kinds, a number for the others
TEXT_KINDS = ("schedule", "period")


class SettingsError(ObserveError):
    """The settings file cannot be read as valid settings, or a value given is not valid."""


@frozen
class Setting:
    section: str
    key: str
    kind: Kind  # fraction: 0–1 shown as a percentage; coefficient: a kappa or ICC; seconds;
    # schedule / period: text read by observe.schedule
    default: Value
    low: Value
    high: Value
    help: str

    @property
    def name(self) -> str:
        return f"{self.section}.{self.key}"

    def what(self) -> str:
        """What a valid value is, in words."""
        if self.kind == "fraction":
            return (
                f"a fraction from {self.low:g} to {self.high:g} "
                f"({self.default:g} = {self.default * 100:g}%)"
            )
        if self.kind == "seconds":
            return f"a number of seconds from {self.low:g} to {self.high:g}"
        if self.kind == "schedule":
            return f"a schedule such as {schedule.EXAMPLES}"
        if self.kind == "period":
            return 'a time such as "6 months", "90 days" or "1 year"'
        return f"a number from {self.low:g} to {self.high:g}"

    def shown(self, value: Value) -> str:
        """The value as people read it: ``85%``, ``0.60``, ``2 s``, ``every 90 days``."""
        if isinstance(value, str):
            return value
        if self.kind == "fraction":
            return f"{value * 100:g}%"
        if self.kind == "seconds":
            return f"{value:g} s"
        return f"{value:.2f}"


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "reliability", "min_agreement", "fraction", 0.85, 0.0, 1.0,
        "Percent agreement of two observers' codings below this is flagged.",
    ),
    Setting(
        "reliability", "min_kappa", "coefficient", 0.60, 0.0, 1.0,
        "Cohen's kappa (event-based, and time-unit with tolerance) below this is flagged.",
    ),
    Setting(
        "reliability", "min_rating_kappa", "coefficient", 0.60, 0.0, 1.0,
        "A global rating's weighted kappa over double-coded visits below this is flagged.",
    ),
    Setting(
        "reliability", "min_rating_icc", "coefficient", 0.75, 0.0, 1.0,
        "A global rating's ICC over double-coded visits below this is flagged.",
    ),
    Setting(
        "reliability", "tolerance", "seconds", 2.0, 0.0, 60.0,
        "How far apart two observers' codes may be and still be the same moment.",
    ),
    Setting(
        "reliability", "time_unit", "seconds", 1.0, 0.1, 10.0,
        "The unit the time-unit kappa compares the two records in.",
    ),
    Setting(
        "caseload", "schedule", "schedule", "every 90 days", 0, 0,
        "When a family is due an observation: since its last one, or since its first visit.",
    ),
    Setting(
        "caseload", "reliability_every", "period", "6 months", 0, 0,
        "How long after a visitor's last double-coded visit the next reliability check is due.",
    ),
)  # fmt: skip

_BY_NAME = {setting.name: setting for setting in SETTINGS}
_SECTIONS = tuple(dict.fromkeys(setting.section for setting in SETTINGS))


@frozen
class ArchiveSettings:
    """Every setting's value (the file's, else the default) and where they were read."""

    path: Path
    values: dict[str, Value]
    from_file: frozenset[str]

    def __getitem__(self, name: str) -> Value:
        return self.values[name]

    def explicit(self) -> dict[str, Value]:
        """The settings the file sets (the others are at their default)."""
        return {name: value for name, value in self.values.items() if name in self.from_file}


def settings_path(archive_dir: Path) -> Path:
    return Path(archive_dir) / FILE_NAME


def find_setting(name: str) -> Setting:
    """The setting called ``name`` (``section.key``); an unknown name is one sentence."""
    found = _BY_NAME.get(name)
    if found is None:
        raise SettingsError(
            f"there is no setting {name!r}{did_you_mean(name, list(_BY_NAME))}; "
            "`observe settings show` lists them all."
        )
    return found


def read_settings(archive_dir: Path) -> ArchiveSettings:
    """The settings of the archive in ``archive_dir`` (defaults where the file is silent)."""
    path = settings_path(archive_dir)
    try:
        # Like every file of the archive, never read through a link (or from a pipe, or
        # whole when it is larger than any settings file).
        raw = read_bounded(path, MAX_SETTINGS_BYTES, what="a settings file", follow_links=False)
    except FileNotFoundError:
        return _settings(path, {})
    except InputRefused as refused:
        remedy = (
            "put the file itself in its place"
            if refused.link
            else "move it away to use the default settings"
        )
        raise SettingsError(f"the settings file {path} {refused.reason}; {remedy}.") from None
    except OSError as error:
        raise SettingsError(
            f"the settings file {path} cannot be read ({error.strerror}); check that it is "
            "a file you may read, or move it away to use the default settings."
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SettingsError(
            f"the settings file {path} is not UTF-8 text (byte {error.start + 1}); save it "
            "as UTF-8, or move it away to use the default settings."
        ) from None
    return _settings(path, parse_settings(text, path))


def parse_settings(text: str, path: Path) -> dict[str, Value]:
    """The settings ``text`` (the file at ``path``, named in messages) sets, checked."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        _fail(path, [_toml_problem(str(error))])
    except RecursionError:
        _fail(path, ["the TOML is nested too deeply to read"])
    locator = Locator(text)
    problems: list[tuple[int, str]] = []

    def problem(where: tuple[str, ...], message: str) -> None:
        line = locator.line_of(where)
        problems.append((line or 0, f"line {line}: {message}" if line else message))

    found: dict[str, Value] = {}
    for section, table in data.items():
        if section not in _SECTIONS:
            problem(
                (section,),
                f"[{section}] is not a section of settings this version of observe knows"
                f"{did_you_mean(section, _SECTIONS)} (known: {', '.join(_SECTIONS)})",
            )
            continue
        if not isinstance(table, Mapping):
            problem((section,), f"{section} must be a section [{section}], not a single value")
            continue
        for key, value in table.items():
            name = f"{section}.{key}"
            setting = _BY_NAME.get(name)
            if setting is None:
                keys = [s.key for s in SETTINGS if s.section == section]
                problem((section, key), f"{name} is not a setting{did_you_mean(key, keys)}")
                continue
            message = _invalid(setting, value)
            if message is not None:
                problem((section, key), message)
                continue
            found[name] = value.strip() if isinstance(value, str) else float(value)
    if problems:
        _fail(path, [message for _line, message in sorted(problems, key=lambda p: p[0])])
    return found


def _invalid(setting: Setting, value: object) -> str | None:
    if setting.kind in TEXT_KINDS:
        return _invalid_text(setting, value)
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    if ok and math.isfinite(value) and setting.low <= value <= setting.high:  # type: ignore[operator]
        return None
    return f"{setting.name} must be {setting.what()}, not {describe_type(value)}"


def _invalid_text(setting: Setting, value: object) -> str | None:
    if not isinstance(value, str):
        return f"{setting.name} must be {setting.what()}, in quotes, not {describe_type(value)}"
    try:
        if setting.kind == "schedule":
            schedule.parse_schedule(value)
        else:
            schedule.parse_period(value)
    except schedule.ScheduleError as error:
        return (
            f'{setting.name} = "{shorten(value)}" cannot be read at character {error.position}: '
            f"{error.problem}; it must be {setting.what()}"
        )
    return None


def _fail(path: Path, problems: list[str]) -> None:
    listed = "; ".join(problems)
    fix = (
        "fix the file (`observe settings show` says what each setting is), or move it away "
        "to use the default settings"
    )
    noun = "a problem" if len(problems) == 1 else f"{len(problems)} problems"
    raise SettingsError(f"the settings file {path} has {noun}: {listed}; {fix}.")


def value_from_text(setting: Setting, text: str) -> Value:
    """A value typed on the command line: a number, or for a fraction also ``80%``."""
    cleaned = text.strip()
    if setting.kind in TEXT_KINDS:
        message = _invalid_text(setting, cleaned)
        if message is not None:
            raise SettingsError(
                f"{message}; e.g. `observe settings set {setting.name} '{setting.default}'`."
            )
        return cleaned
    scale = 1.0
    if setting.kind == "fraction" and cleaned.endswith("%"):
        cleaned, scale = cleaned[:-1].strip(), 0.01
    elif setting.kind == "seconds" and cleaned.endswith("s"):
        cleaned = cleaned[:-1].strip()
    try:
        value = float(cleaned) * scale
    except ValueError:
        value = None
    if value is None or _invalid(setting, value) is not None:
        example = "80%" if setting.kind == "fraction" else setting.shown(setting.default)
        raise SettingsError(
            f"{setting.name} must be {setting.what()}, not {text!r}; "
            f"e.g. `observe settings set {setting.name} {example.replace(' ', '')}`."
        )
    return value


def write_settings(archive_dir: Path, values: Mapping[str, Value]) -> ArchiveSettings:
    """Replace the settings file by one that sets ``values`` (name → value; every other
    setting at its default), atomically and privately; returns the settings now in force."""
    for name, value in values.items():
        message = _invalid(find_setting(name), value)
        if message is not None:
            raise SettingsError(message)
    path = settings_path(archive_dir)
    try:
        atomic_write(path, settings_text(values).encode("utf-8"))
    except OSError as error:
        raise SettingsError(
            messages.disk_problem(error, path, "write the settings file")
        ) from error
    return _settings(path, dict(values))


def settings_text(values: Mapping[str, Value]) -> str:
    """The settings file that sets ``values``, documented by its comments."""
    lines = [
        "# observe archive settings, read by every observe command on this archive.",
        "# Change them with `observe settings set NAME VALUE`, or edit this file: it is",
        "# checked when read, and a mistake is reported with its line. A line starting",
        "# with # shows a setting at its default. Comments added by hand are not kept.",
    ]
    for section in _SECTIONS:
        lines += ["", f"[{section}]"]
        for setting in (s for s in SETTINGS if s.section == section):
            lines.append(f"# {setting.help} {setting.what()[0].upper()}{setting.what()[1:]}.")
            if setting.name in values:
                lines.append(f"{setting.key} = {_toml_number(values[setting.name])}")
            else:
                lines.append(f"# {setting.key} = {_toml_number(setting.default)}")
    return "\n".join(lines) + "\n"


def _toml_number(value: Value) -> str:
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a TOML basic string
    return repr(float(value))


def _settings(path: Path, found: dict[str, Value]) -> ArchiveSettings:
    values = {setting.name: found.get(setting.name, setting.default) for setting in SETTINGS}
    return ArchiveSettings(path=path, values=values, from_file=frozenset(found))
