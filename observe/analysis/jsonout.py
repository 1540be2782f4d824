"""The stable ``--json`` structures of ``observe analyze`` and ``observe reliability``
(DESIGN §5, §6, §8).

The result types' field names are the JSON keys, so the one converter produces the
structure; tuples become lists so the value is exactly what ``json.loads`` gives back.
Numbers are not rounded: rates and times are the exact floats the analysis computed
(latencies are whole milliseconds, shown in seconds).
"""

from __future__ import annotations

import json
from typing import Any

from observe.analysis.reliability_results import Reliability, ReliabilitySummary
from observe.analysis.results import DyadTrend, SessionAnalysis
from observe.convert import unstructure

Result = SessionAnalysis | DyadTrend | Reliability | ReliabilitySummary


def to_json(result: Result) -> dict[str, Any]:
    return _lists(unstructure(result))


def json_text(result: Result) -> str:
    """The structure as ``--json`` prints it: indented, text kept as written, and no NaN
    (JSON has none: a figure that cannot be computed is already ``null``)."""
    return json.dumps(to_json(result), indent=2, ensure_ascii=False, allow_nan=False)


def _lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _lists(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists(item) for item in value]
    return value
