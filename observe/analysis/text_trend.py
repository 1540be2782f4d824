"""The readable trend ``observe analyze --dyad D`` prints, per contingency rule (DESIGN §5,
§12): the visits' figures of each rule under its label. A dyad whose schemes have only the
default rule reads exactly as before rules existed (:func:`observe.analysis.text.trend_text`).
"""

from __future__ import annotations

import textwrap

from attrs import evolve

from observe.analysis.results import DyadTrend
from observe.analysis.text import WIDTH, trend_text
from observe.scheme import DEFAULT_RULE_ID, DEFAULT_RULE_LABEL


def dyad_text(trend: DyadTrend) -> str:
    """Every rule's trend, each under its label; the plain trend for the default rule."""
    plain = [(rule.id, rule.label) for rule in trend.rules] in (
        [],
        [(DEFAULT_RULE_ID, DEFAULT_RULE_LABEL)],
    )
    if plain:
        return trend_text(trend)
    parts = []
    for rule in trend.rules:
        heading = textwrap.wrap(f"{rule.label} (rule {rule.id})", WIDTH)
        parts.append("\n".join([*heading, "", trend_text(evolve(trend, sessions=rule.sessions))]))
    return "\n\n".join(parts)
