"""Order-preserving alignment of two observers' codes for one actor (DESIGN §6).

Each observer's events are ``(time in ms, code)`` in time order; the second observer's
times are already on the first observer's clock (the offset added). An **alignment** pairs
some event ``a[i]`` with some event ``b[j]``; it keeps both orders (if ``a[i]`` pairs with
``b[j]`` and ``a[k]`` with ``b[l]``, then ``i < k`` exactly when ``j < l``), only pairs
events at most ``tolerance`` apart (inclusive), and every event left over pairs with nil.

**Objective**, in this order (lexicographic):

1. the most pairs with the same code (agreements);
2. then the most pairs in all (so a disagreement on the code shows as a confusion between
   two codes rather than as two events each paired with nil);
3. then the smallest total time difference over the pairs (the tightest fit).

Why not greedy nearest-neighbour: pairing each event with its nearest unpaired partner can
use up the one partner a later event needed and lose a pair (or an agreement) that an
order-preserving choice keeps; the tests show such a case.

**Method**: only events within the tolerance can pair, so instead of the full
``len(a) × len(b)`` sequence-alignment table this works on the pairable cells only (the
band around the diagonal): the best alignment is the heaviest chain of pairable cells
whose ``i`` and ``j`` both increase, found row by row with a Fenwick tree of prefix
maxima over ``j`` — ``O(E log len(b))`` for ``E`` pairable cells. The three criteria are
folded into one integer weight per pair, each tier outweighing every possible total of
the tiers below it, so the chain's weight orders alignments exactly as the list above.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

Timed = tuple[int, str]
"""An event as the alignment sees it: onset in whole milliseconds, and its code."""

Pair = tuple[int | None, int | None]
"""Indices into the first and the second observer's events; ``None`` is nil."""


def align(first: Sequence[Timed], second: Sequence[Timed], tolerance_ms: int) -> list[Pair]:
    """The best alignment (see the module docstring) of two time-ordered event lists.

    Returns every event of both lists exactly once, as pairs in time order: ``(i, j)`` for
    aligned events, ``(i, None)`` and ``(None, j)`` for events paired with nil.
    """
    matched = _best_chain(first, second, tolerance_ms)
    paired_first = {i for i, _ in matched}
    paired_second = {j for _, j in matched}
    rows: list[tuple[int, int, Pair]] = []
    for i, j in matched:
        rows.append((min(first[i][0], second[j][0]), 0, (i, j)))
    for i, (t, _code) in enumerate(first):
        if i not in paired_first:
            rows.append((t, 1, (i, None)))
    for j, (t, _code) in enumerate(second):
        if j not in paired_second:
            rows.append((t, 2, (None, j)))
    rows.sort(key=lambda row: (row[0], row[1]))
    return [pair for _t, _order, pair in rows]


def _best_chain(
    first: Sequence[Timed], second: Sequence[Timed], tolerance_ms: int
) -> list[tuple[int, int]]:
    """The aligned pairs ``(i, j)`` of the best alignment, in order."""
    size = len(second)
    if not first or not size:
        return []
    second_times = [t for t, _ in second]
    most_pairs = min(len(first), size)
    pair_weight = tolerance_ms * most_pairs + 1  # > any total time difference
    same_weight = (most_pairs + 1) * pair_weight  # > any total of the two tiers below
    # Fenwick tree over positions 1..size (position j + 1 is second[j]): prefix maxima of
    # the best chain weight ending at that column, with the cell that ends it.
    tree_weight = [0] * (size + 1)
    tree_cell = [-1] * (size + 1)
    cell_i: list[int] = []
    cell_j: list[int] = []
    previous: list[int] = []
    best_weight, best_cell = 0, -1
    for i, (t, code) in enumerate(first):
        low = bisect_left(second_times, t - tolerance_ms)
        high = bisect_right(second_times, t + tolerance_ms)
        if low == high:
            continue
        row: list[tuple[int, int, int]] = []
        for j in range(low, high):
            # Best chain over columns before j (rows before i: this row is not yet stored).
            weight, cell, position = 0, -1, j
            while position > 0:
                if tree_weight[position] > weight:
                    weight, cell = tree_weight[position], tree_cell[position]
                position &= position - 1
            gain = pair_weight - abs(second_times[j] - t)
            if second[j][1] == code:
                gain += same_weight
            row.append((j, weight + gain, cell))
        for j, weight, cell in row:
            index = len(cell_i)
            cell_i.append(i)
            cell_j.append(j)
            previous.append(cell)
            if weight > best_weight:
                best_weight, best_cell = weight, index
            position = j + 1
            while position <= size:
                if weight > tree_weight[position]:
                    tree_weight[position], tree_cell[position] = weight, index
                position += position & -position
    chain: list[tuple[int, int]] = []
    while best_cell >= 0:
        chain.append((cell_i[best_cell], cell_j[best_cell]))
        best_cell = previous[best_cell]
    chain.reverse()
    return chain


def most_agreements(
    first: Sequence[Timed],
    second_by_code: dict[str, tuple[list[int], list[int]]],
    shift_ms: int,
    tolerance_ms: int,
) -> int:
    """How many same-code pairs the best alignment has with the second observer's events
    shifted by ``shift_ms`` (objective 1 alone, for the offset search).

    ``second_by_code`` maps each code to the second observer's times of that code and their
    positions in the second observer's list (see :func:`by_code`). The same-code pairable
    cells are visited row by row with their columns in decreasing order, so the longest
    strictly increasing run of columns (patience sorting) is the longest order-preserving
    chain: the number of agreements.
    """
    tails: list[int] = []
    for t, code in first:
        entry = second_by_code.get(code)
        if entry is None:
            continue
        times, positions = entry
        low = bisect_left(times, t - tolerance_ms - shift_ms)
        high = bisect_right(times, t + tolerance_ms - shift_ms)
        for k in range(high - 1, low - 1, -1):
            column = positions[k]
            place = bisect_left(tails, column)
            if place == len(tails):
                tails.append(column)
            else:
                tails[place] = column
    return len(tails)


def by_code(events: Sequence[Timed]) -> dict[str, tuple[list[int], list[int]]]:
    """Each code's times (in order) and positions in ``events``."""
    grouped: dict[str, tuple[list[int], list[int]]] = {}
    for position, (t, code) in enumerate(events):
        times, positions = grouped.setdefault(code, ([], []))
        times.append(t)
        positions.append(position)
    return grouped
