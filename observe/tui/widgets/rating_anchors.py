"""What a rating's anchors say, under its field in the ratings form (DESIGN §12).

A rating whose scheme writes anchors (``anchors = { 1 = "…", 5 = "…", 9 = "…" }``) shows
them under its field. While the field has the focus, the whole scale: one line per anchor,
the one of the value typed marked ``▶`` (a value between two anchors marks both, as
"between"). Once the focus has moved on, one line: the anchor of the value given (or the
two it lies between). A rating without anchors shows nothing.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from observe.scheme import Rating


def typed_value(rating: Rating, raw: str) -> int | None:
    """The value typed, if it is a whole number on the rating's scale."""
    try:
        value = int(raw.strip())
    except ValueError:
        return None
    return value if rating.min <= value <= rating.max else None


def neighbours(rating: Rating, value: int) -> tuple[int, ...]:
    """The anchor points that say what ``value`` means: its own, else the nearest below
    and above it (one of them at the scale's ends)."""
    if value in rating.anchors:
        return (value,)
    below = [point for point in rating.anchors if point < value]
    above = [point for point in rating.anchors if point > value]
    return tuple([*below[-1:], *above[:1]])


def value_line(rating: Rating, value: int | None) -> str:
    """One line: what the value given means by the anchors ("" when no value)."""
    if value is None or not rating.anchors:
        return ""
    points = neighbours(rating, value)
    if points == (value,):
        return f"{value} = {rating.anchors[value]}"
    between = " and ".join(f"{p} “{rating.anchors[p]}”" for p in points)
    return f"{value} lies between {between}" if len(points) == 2 else f"{value}: near {between}"


def scale_text(rating: Rating, value: int | None) -> Text:
    """The scale's anchors, one a line, those of the value typed marked."""
    marked = set(neighbours(rating, value)) if value is not None else set()
    text = Text()
    for index, (point, words) in enumerate(rating.anchors.items()):
        if index:
            text.append("\n")
        mark = "▶" if point in marked else " "
        style = "bold" if point in marked else ""
        text.append(f"{mark}{point:>2} ", style="bold")
        text.append(words, style=style)
    return text


class RatingAnchors(Static):
    """The anchors of one rating, for the value in its field (see the module)."""

    DEFAULT_CSS = """
    RatingAnchors { height: auto; color: $text-muted; padding-left: 2; }
    RatingAnchors.-scale { color: $text; }
    """

    def __init__(self, rating: Rating, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rating = rating
        self.display = False  # until the form says what to show

    def show(self, raw: str, *, focused: bool) -> None:
        if not self.rating.anchors:
            return
        value = typed_value(self.rating, raw)
        self.set_class(focused, "-scale")
        shown = scale_text(self.rating, value) if focused else value_line(self.rating, value)
        self.update(shown)
        self.display = bool(shown)
