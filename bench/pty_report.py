"""The figures of ``bench/tui_pty.py``: percentiles, ratios to the baseline, the targets."""

from __future__ import annotations

import math

from attrs import frozen


@frozen
class Row:
    name: str
    samples: list[float | None]  # seconds; None = a key whose line never came (or not its own)
    app: str = ""
    report: bool = False

    @property
    def values(self) -> list[float]:
        return sorted(value for value in self.samples if value is not None)

    @property
    def lost(self) -> int:
        return sum(1 for value in self.samples if value is None)


@frozen
class Comparison:
    """``measured`` ÷ ``baseline`` (medians), to be at most ``target``."""

    label: str
    measured: Row
    baseline: Row
    target: float | None  # None: shown for information, no target of the issue


def percentile(values: list[float], q: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default), on sorted values."""
    if not values:
        return math.nan
    position = (len(values) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def ms(seconds: float) -> str:
    return "–" if math.isnan(seconds) else f"{seconds * 1000:,.1f}"


def key_summary(app: str, report: bool, latencies: list[float | None]) -> Row:
    who = "observe" if app == "observe" else "bare Textual app"
    when = "report rendering" if report else "quiet"
    return Row(f"{who}, {when}", latencies, app, report)


def spread(row: Row) -> str:
    """One line for the log: the percentiles, and which keys were slow or lost."""
    values = row.values
    numbers = [n + 1 for n, v in enumerate(row.samples) if v is None or v > 0.1]
    slow = f" (keys {', '.join(map(str, numbers[:20]))})" if numbers else ""
    return (
        f"p50 {ms(percentile(values, 0.5))} · p90 {ms(percentile(values, 0.9))} · "
        f"p99 {ms(percentile(values, 0.99))} · max {ms(values[-1] if values else math.nan)} ms; "
        f"{sum(1 for v in values if v > 0.1)} over 100 ms, {row.lost} lost{slow}"
    )


def _ratio(value: float, baseline: float) -> str:
    if math.isnan(value) or math.isnan(baseline) or baseline == 0:
        return "–"
    return f"{value / baseline:.2f}"


def _verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def print_tables(key_rows: list[Row], comparisons: list[Comparison]) -> None:
    if key_rows:
        print()
        print("Key press → journal line through the pty (ms):")
        print()
        print("| case | keys | p50 | p90 | p99 | max | > 100 ms | lost | p99 ÷ bare p99 |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        bare = {row.report: row for row in key_rows if row.app == "bare"}
        for row in key_rows:
            values = row.values
            p99 = percentile(values, 0.99)
            baseline = bare.get(row.report)
            ratio = _ratio(p99, percentile(baseline.values, 0.99)) if baseline else "–"
            print(
                f"| {row.name} | {len(row.samples)} | {ms(percentile(values, 0.5))} | "
                f"{ms(percentile(values, 0.9))} | {ms(p99)} | "
                f"{ms(values[-1] if values else math.nan)} | "
                f"{sum(1 for v in values if v > 0.1)} | {row.lost} | {ratio} |"
            )
        print()
        for row in key_rows:
            if row.app != "observe" or row.report not in bare:
                continue
            p99 = percentile(row.values, 0.99)
            limit = 2 * percentile(bare[row.report].values, 0.99)
            slow = sum(1 for v in row.values if v > 0.1) + row.lost
            print(
                f"target, {row.name}: p99 ≤ 2× bare p99 ({ms(p99)} ≤ {ms(limit)} ms) — "
                f"{_verdict(p99 <= limit and not row.lost)}; no key over 100 ms "
                f"({slow} over or lost) — {_verdict(slow == 0)}"
            )
    if comparisons:
        print()
        print("Start-up and Enter → coding screen through the pty (ms):")
        print()
        print("| case | runs | median | min | max |")
        print("|---|---:|---:|---:|---:|")
        shown: list[Row] = []
        for comparison in comparisons:
            for row in (comparison.measured, comparison.baseline):
                if row in shown:
                    continue
                shown.append(row)
                values = row.values
                print(
                    f"| {row.name} | {len(values)} | {ms(percentile(values, 0.5))} | "
                    f"{ms(values[0])} | {ms(values[-1])} |"
                )
        print()
        for comparison in comparisons:
            value = percentile(comparison.measured.values, 0.5)
            base = percentile(comparison.baseline.values, 0.5)
            ratio = value / base if base else math.nan
            paired = _paired(comparison)
            if comparison.target is None:
                print(f"{comparison.label}: {ratio:.2f} (medians){paired}")
                continue
            print(
                f"target, {comparison.label}: {ratio:.2f} ≤ {comparison.target} (medians) — "
                f"{_verdict(ratio <= comparison.target)}{paired}"
            )


def _paired(comparison: Comparison) -> str:
    """The ratio run by run (each measured run next to the baseline run beside it), which
    a load that comes and goes disturbs less than the ratio of the medians."""
    pairs = zip(comparison.measured.samples, comparison.baseline.samples, strict=False)
    ratios = sorted(m / b for m, b in pairs if m is not None and b)
    if len(ratios) < 2:
        return ""
    return (
        f"; run by run {percentile(ratios, 0.5):.2f} "
        f"({ratios[0]:.2f}–{ratios[-1]:.2f}, {len(ratios)} pairs)"
    )
