"""SPSS and Stata files of the research tables (``observe export --format sav|dta``).

Written through pyreadstat, the optional extra ``observe[stats]``
(``pip install 'observe[stats]'``); :func:`missing_extra` says how to get it when it is
not installed. An export is two files, the cue table (one row per infant cue) and the
visit table (one row per session), with the variables of
:mod:`observe.interchange.variables`: each has its label, each coded one (codes,
outcomes, intensity fits, origins, booleans) and each anchored rating its value labels,
so a file read back with its value labels applied holds the values of the CSV exports.

**The formats' limits, and what is shortened.** Every name is made of lower-case letters,
digits and ``_`` (a rating id's ``-`` becomes ``_``) and cut to fit, ending in ``_2``,
``_3`` where two cut names would be the same (:func:`~observe.interchange.variables.fitted_names`);
labels are cut with "…". Only ratings can have names that long, and only labels written
in a scheme (a rating's label, an anchor) can be that long.

- Stata (format 118: Stata 14 and newer, UTF-8): a name at most 32 characters, less the
  digits pyreadstat adds to a name to name its value-label set (31 for the cue file);
  a variable label 80 characters; a value label 32,000 bytes; a string 2,045 bytes.
- SPSS: a name 64 bytes; a variable label 256 bytes; a value label 120 bytes; a string
  32,767 bytes.

Text values (ids, codes, visit labels) are at most 64 characters by the archive's limits
(``observe/validity/limits.py``), 256 bytes of UTF-8, within both formats' strings: no
value is ever cut. Times stay seconds with their decimals; a count is a whole number.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from attrs import frozen

from observe.errors import InterchangeError
from observe.interchange.variables import Dataset, Variable, fit, fitted_names

FILE_LABELS = {"cues": "observe: one row per infant cue", "visits": "observe: one row per session"}
STATA_VERSION = 14  # writes format 118, which Stata 14 and every later Stata reads


@frozen
class Limits:
    """What one format allows."""

    program: str
    name: int
    variable_label_characters: int | None
    variable_label_bytes: int | None
    value_label_bytes: int


LIMITS = {
    "dta": Limits("Stata", 32, 80, None, 32_000),
    "sav": Limits("SPSS", 64, None, 256, 120),
}


@frozen
class StatsFile:
    """One written file: its bytes, and what had to be shortened to fit the format."""

    dataset: str  # "cues" or "visits"
    data: bytes
    #: ``column → variable name`` for each name that had to change.
    renamed: dict[str, str]
    #: The labels cut to fit, as ``variable: label…``.
    shortened: list[str]


def missing_extra(fmt: str) -> str | None:
    """The sentence saying how to get pyreadstat when it is not installed, else None."""
    try:
        import pandas  # noqa: F401
        import pyreadstat  # noqa: F401
    except ImportError:
        program = LIMITS[fmt].program
        return (
            f"--format {fmt} writes {program} files through the optional package pyreadstat, "
            "which is not installed here; install it with pip install 'observe[stats]' and "
            "export again (nothing was written)"
        )
    return None


def stats_file(dataset: Dataset, fmt: str) -> StatsFile:
    """``dataset`` as a ``.sav`` (``fmt`` ``sav``) or ``.dta`` file."""
    import pyreadstat

    limits = LIMITS[fmt]
    labelled = sum(1 for v in dataset.variables if v.values)
    longest = limits.name
    if fmt == "dta":  # pyreadstat names a value-label set after its variable, plus a number
        longest -= len(str(max(labelled - 1, 0)))
    names = fitted_names([v.name for v in dataset.variables], longest)
    shortened: list[str] = []
    labels: dict[str, str] = {}
    value_labels: dict[str, dict[int, str]] = {}
    for variable, name in zip(dataset.variables, names):
        label = fit(
            variable.label,
            characters=limits.variable_label_characters,
            utf8_bytes=limits.variable_label_bytes,
        )
        if label != variable.label:
            shortened.append(f"{name}: {label}")
        labels[name] = label
        if variable.values:
            value_labels[name] = {}
            for value, text in variable.values:
                cut = fit(text, utf8_bytes=limits.value_label_bytes)
                if cut != text:
                    shortened.append(f"{name} = {value}: {cut}")
                value_labels[name][value] = cut
    frame = _frame(dataset, names)
    options: dict[str, object] = {
        "file_label": FILE_LABELS.get(dataset.name, "observe"),
        "column_labels": labels,
        "variable_value_labels": value_labels,
    }
    if fmt == "sav":
        options["variable_measure"] = {
            name: _measure(variable) for variable, name in zip(dataset.variables, names)
        }
        options["variable_format"] = {
            name: form
            for variable, name in zip(dataset.variables, names)
            if (form := _spss_format(variable))
        }
    else:
        options["version"] = STATA_VERSION
    writer = pyreadstat.write_sav if fmt == "sav" else pyreadstat.write_dta
    with tempfile.TemporaryDirectory(prefix="observe-export-") as folder:  # 0700
        path = Path(folder) / f"{dataset.name}.{fmt}"
        try:
            writer(frame, path, **options)
        except pyreadstat.ReadstatError as error:
            raise InterchangeError(
                f"the {limits.program} file of the {dataset.name} could not be made "
                f"({error}); nothing was written — run the export with --debug and report "
                "the output"
            ) from None
        data = path.read_bytes()
    renamed = {v.name: name for v, name in zip(dataset.variables, names) if v.name != name}
    return StatsFile(dataset.name, data, renamed, shortened)


def _frame(dataset: Dataset, names: list[str]):  # type: ignore[no-untyped-def]
    """The pandas DataFrame pyreadstat writes: text as strings ("" where empty), a date
    and time as a datetime, everything else as a number (missing: NaN)."""
    import pandas as pd

    columns = {}
    for variable, name in zip(dataset.variables, names):
        values = dataset.column(variable.name)
        if variable.kind == "text":
            columns[name] = pd.Series(["" if v is None else str(v) for v in values], dtype=object)
        elif variable.kind == "datetime":
            # Milliseconds: pyreadstat writes datetime64[s] as 1970 (pyreadstat 1.3.8).
            columns[name] = pd.Series(values, dtype="datetime64[ms]")
        else:
            numbers = [float("nan") if v is None else float(v) for v in values]  # type: ignore[arg-type]
            columns[name] = pd.Series(numbers, dtype="float64")
    return pd.DataFrame(columns)


def _measure(variable: Variable) -> str:
    """SPSS's measurement level of a variable."""
    if variable.kind in ("text", "coded", "boolean"):
        return "nominal"
    if variable.scale is not None:  # a rating or an intensity
        return "ordinal"
    return "scale"


def _spss_format(variable: Variable) -> str | None:
    """How SPSS shows a number: whole numbers without decimals, seconds and rates with
    three (the file keeps every digit)."""
    if variable.kind in ("integer", "coded", "boolean"):
        return "F8.0"
    if variable.kind == "number":
        return "F12.3"
    return None
