"""The one report of a BORIS import: everything that changed on the way in, everything that
could not come in, and every choice made for the user.

Nothing of a project is dropped in silence: a part of it observe has no place for (a
modifier that is no number, an independent variable, a media file's path, a time offset)
is named here, with how much of the project it concerns; so is every key that had to
change (a BORIS key the coding screen keeps for itself, or one that needs Shift) and every
choice the import made that the user may want to make otherwise (which subject is the
infant, whose events with no subject are).
"""

from __future__ import annotations

from collections import Counter, defaultdict

#: The report's parts, in the order it is printed.
SECTIONS = ("Changed", "Not carried over", "Chosen for you")


class ImportReport:
    """The report, filled in as the import goes (lines are kept in the order added, once)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._lines: dict[str, dict[str, None]] = {section: {} for section in SECTIONS}
        self._tallies: dict[str, dict[str, Counter[str]]] = defaultdict(dict)
        self._units: dict[str, str] = {}

    def changed(self, line: str) -> None:
        self._lines["Changed"].setdefault(line, None)

    def left_out(self, line: str) -> None:
        self._lines["Not carried over"].setdefault(line, None)

    def chose(self, line: str) -> None:
        self._lines["Chosen for you"].setdefault(line, None)

    def tally(self, topic: str, item: str, value: str = "", *, unit: str = "event") -> None:
        """Count one more ``unit`` (an event, an observation) of ``item`` under ``topic``
        (with ``value``, shown after it): many that lose the same thing make one line."""
        self._tallies[topic].setdefault(item, Counter())[value] += 1
        self._units[topic] = unit

    def lines(self, section: str) -> list[str]:
        found = list(self._lines[section])
        if section == "Not carried over":
            found += [self._tally_line(topic, items) for topic, items in self._tallies.items()]
        return found

    def _tally_line(self, topic: str, items: dict[str, Counter[str]]) -> str:
        unit = self._units.get(topic, "event")
        parts = []
        for item, values in items.items():
            count = sum(values.values())
            shown = [v for v in values if v][:6]
            more = (
                f", {', '.join(shown)}{', …' if len(values) > len(shown) else ''}" if shown else ""
            )
            if count == 1 and not shown:
                parts.append(item)
            else:
                parts.append(f"{item} ({count:,} {unit}{'' if count == 1 else 's'}{more})")
        return f"{topic}: {'; '.join(parts)}"

    def text(self) -> str:
        """The report as printed: a heading, then each part with its lines."""
        out = [f"What observe did with {self.source}:"]
        for section in SECTIONS:
            lines = self.lines(section)
            if not lines and section != "Not carried over":
                continue
            out.append(f"  {section}:{'' if lines else ' nothing'}")
            out.extend(f"    - {line}" for line in lines)
        return "\n".join(out)
