"""The form of one table of a scheme: each field on a line, written to the file as typed,
and each problem validation finds in it shown under its field, in validate's words.

The fields are :data:`observe.scheme_editor.forms.FORMS`; what typing writes is
:func:`~observe.scheme_editor.forms.value_of`. An id typed over is renamed everywhere the
scheme names it (:meth:`~observe.scheme_editor.SchemeDocument.rename`); a new table's id
follows its label until the id is typed into. A code's key is not typed but pressed
(:class:`~observe.tui.dialogs.scheme_key.KeyDialog`). After every change the form calls
``changed`` so the editor's other views follow.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from observe.scheme_editor import SchemeDocument
from observe.scheme_editor.choices import choices_for, codes_for
from observe.scheme_editor.forms import DEFAULTS, FORMS, FormField, shown, slug_of, value_of
from observe.scheme_editor.keyboard import where
from observe.tui.dialogs.scheme_key import KeyDialog

#: A rating's anchors get a field per point up to this many points.
MAX_ANCHOR_FIELDS = 11


class FieldForm(Vertical):
    """The fields of ``[scheme]`` (``index`` None) or of table ``index`` of ``table``."""

    DEFAULT_CSS = """
    FieldForm { height: auto; }
    FieldForm .field { height: 1; }
    FieldForm .field-label { width: 20; color: $text-muted; }
    FieldForm .field Input, FieldForm .field Select { width: 1fr; }
    FieldForm .field Input { background: $boost; }
    FieldForm .field Button { min-width: 5; }
    FieldForm .key-place { padding-left: 2; color: $text-muted; }
    FieldForm SelectionList { height: auto; max-height: 8; width: 1fr; }
    FieldForm .codes { height: auto; }
    FieldForm .problem, FieldForm #entry-problems {
        color: $text-error; height: auto; display: none; padding-left: 20;
    }
    FieldForm #entry-problems { padding-left: 0; }
    FieldForm .problem.-shown, FieldForm #entry-problems.-shown { display: block; }
    FieldForm #anchors { height: auto; }
    """

    def __init__(
        self,
        document: SchemeDocument,
        table: str,
        index: int | None,
        *,
        changed: Callable[[], None],
        new: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.document = document
        self.table = table
        self.index = index
        self.changed = changed
        self.fields = FORMS[table]
        #: The id the scheme names this table by (follows the id field when it is free).
        self.named_as: str | None = self._value("id")
        #: A new table's id follows its label until the id is typed into.
        self.id_follows_label = new
        #: Optional fields typed blank, still in the file until the form leaves them.
        self._cleared: set[str] = set()

    @property
    def base(self) -> tuple[str | int, ...]:
        return (self.table,) if self.index is None else (self.table, self.index)

    def _value(self, name: str) -> Any:
        return self.document.value((*self.base, name), DEFAULTS.get(name))

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="entry-problems")
        for field in self.fields:
            if field.kind == "anchors":
                yield Label("Anchors (what points of the scale mean; blank: none)")
                yield Vertical(*self._anchor_rows(), id="anchors")
            elif field.kind == "codes":
                with Horizontal(classes="field codes"):
                    yield Label(field.label, classes="field-label")
                    yield self._codes_list(field)
            else:
                with Horizontal(classes="field"):
                    yield Label(field.label, classes="field-label")
                    yield from self._editor(field)
            yield Static(classes="problem", id=f"problem-{field.name}")

    def _editor(self, field: FormField) -> ComposeResult:
        value = self._value(field.name)
        widget_id = f"field-{field.name}"
        if field.kind == "choice":
            options = choices_for(self.document, self.table, self.index, field.name)
            current = "" if value is None else str(value)
            if current not in [v for _, v in options]:
                options.append((f"{current} (not in this scheme)", current))
            yield Select(options, value=current, allow_blank=False, compact=True, id=widget_id)
        elif field.kind == "flag":
            options = [("yes", "yes"), ("no", "no")]
            current = "yes" if value is True else "no"
            yield Select(options, value=current, allow_blank=False, compact=True, id=widget_id)
        elif field.kind == "key":
            yield Button(f" {value or '·'} ", compact=True, id=widget_id)
            yield Static(self._key_place(value), classes="key-place", id="key-place")
        else:
            yield Input(shown(value), placeholder=field.blank, compact=True, id=widget_id)

    def _key_place(self, key: object) -> str:
        if not isinstance(key, str) or not key:
            return "no key yet: press Enter, then the key"
        return f"{where(key)} · Enter: press another key"

    def _codes_list(self, field: FormField) -> SelectionList[str]:
        listed = self._value(field.name)
        listed = [x for x in listed if isinstance(x, str)] if isinstance(listed, list) else []
        options = codes_for(self.document, self.table, field.name, listed)
        return SelectionList[str](
            *[(label, code, code in listed) for label, code in options],
            compact=True,
            id=f"field-{field.name}",
        )

    def _anchor_rows(self) -> list[Horizontal]:
        low, high = self._value("min"), self._value("max")
        if not (isinstance(low, int) and isinstance(high, int)) or high < low:
            return [Horizontal(Label("(set the lowest and highest points first)"))]
        anchors = self._value("anchors")
        anchors = anchors if isinstance(anchors, dict) else {}
        points = range(low, high + 1)
        if len(points) > MAX_ANCHOR_FIELDS:  # a long scale: its ends and the points written
            points = sorted({low, high, *(int(p) for p in anchors if p.lstrip("-").isdigit())})
        rows = []
        for point in points:
            text = anchors.get(str(point), "")
            rows.append(
                Horizontal(
                    Label(f"  {point}", classes="field-label"),
                    Input(str(text), placeholder="none", compact=True, id=f"anchor-{point}"),
                    classes="field",
                )
            )
        return rows

    def on_mount(self) -> None:
        self.show_problems()

    # -- changes -------------------------------------------------------------------------

    def field(self, name: str) -> FormField:
        return next(f for f in self.fields if f.name == name)

    # A field shown (or reloaded) says what the file has; a change event that says the same
    # (as every field sends when it appears) writes nothing, so a field never rewrites a value
    # the file writes in a way of its own (a long description in triple quotes).

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        name = event.input.id or ""
        if name.startswith("anchor-"):
            point = name.removeprefix("anchor-")
            anchors = self._value("anchors")
            written = anchors.get(point, "") if isinstance(anchors, dict) else ""
            if event.value != written:
                self._set(("anchors", point), event.value if event.value.strip() else None)
            return
        name = name.removeprefix("field-")
        if not name or (event.value == shown(self._value(name)) and name not in self._cleared):
            return
        if name == "id":
            self.id_follows_label = False
            self.named_as = self.document.rename(
                self.table, self.index or 0, event.value.strip(), self.named_as
            )
            self._after_change()
            return
        value = value_of(self.field(name), event.value)
        if value is None:  # an optional field cleared: left out once the form leaves it
            self._cleared.add(name)
            return
        self._cleared.discard(name)
        self._set((name,), value, refresh=False)
        if name == "label" and self.id_follows_label:
            self._follow_label(event.value)
        if name in ("min", "max"):
            self.call_later(self._rebuild_anchors)
        self._after_change()

    async def _rebuild_anchors(self) -> None:
        """A field per point of the scale as it is now."""
        anchors = self.query_one("#anchors", Vertical)
        await anchors.remove_children()
        await anchors.mount_all(self._anchor_rows())

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        self.flush()

    def flush(self) -> None:
        """Leave out of the file the optional fields left blank (the form is leaving them)."""
        if not self._cleared:
            return
        for name in self._cleared:
            self.document.set((*self.base, name), None)
        self._cleared.clear()
        self._after_change()

    def _follow_label(self, label: str) -> None:
        wanted = slug_of(label) or self.table
        if wanted != self.named_as:
            wanted = self.document.free_id(wanted, self.table)
        self.named_as = self.document.rename(self.table, self.index or 0, wanted, self.named_as)
        self.query_one("#field-id", Input).value = wanted  # the file has it: not written again

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        event.stop()
        name = (event.select.id or "").removeprefix("field-")
        if not name or event.value is Select.BLANK or event.value == shown(self._value(name)):
            return
        if self.field(name).kind == "flag":
            self._set((name,), event.value == "yes")
        else:
            self._set((name,), event.value or None)

    @on(SelectionList.SelectedChanged)
    def _selected(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        name = (event.selection_list.id or "").removeprefix("field-")
        chosen = set(event.selection_list.selected)
        options = event.selection_list.options
        ordered = [option.value for option in options if option.value in chosen]
        if name and ordered != self._value(name):
            self._set((name,), ordered)

    @on(Button.Pressed, "#field-key")
    def _press_key(self, event: Button.Pressed) -> None:
        event.stop()
        label = self._value("label") or self._value("id") or "this code"

        def pressed(key: str | None) -> None:
            if key is None:
                return
            self._set(("key",), key)
            event.button.label = f" {key} "
            self.query_one("#key-place", Static).update(self._key_place(key))

        self.app.push_screen(
            KeyDialog(str(label), self.document.data, table=self.table, index=self.index), pressed
        )

    def _set(self, path: tuple[str, ...], value: Any, *, refresh: bool = True) -> None:
        self.document.set((*self.base, *path), value)
        if refresh:
            self._after_change()

    def _after_change(self) -> None:
        self.show_problems()
        self.changed()

    def reload(self) -> None:
        """Show the values the file has now (after saving gave it a new version)."""
        for field in self.fields:
            if field.kind in ("text", "id", "seconds", "whole"):
                self.query_one(f"#field-{field.name}", Input).value = shown(self._value(field.name))
        self.show_problems()

    def show_problems(self) -> None:
        """Each problem of this table under its field; the others at the top."""
        by_field: dict[str, list[str]] = {field.name: [] for field in self.fields}
        elsewhere: list[str] = []
        depth = len(self.base)
        for problem in self.document.problems_at(*self.base):
            name = problem.path[depth] if len(problem.path) > depth else None
            if isinstance(name, str) and name in by_field:
                by_field[name].append(problem.message)
            else:
                elsewhere.append(problem.message)
        for name, messages in by_field.items():
            line = self.query_one(f"#problem-{name}", Static)
            line.update("\n".join(f"⚠ {m}" for m in messages))
            line.set_class(bool(messages), "-shown")
        top = self.query_one("#entry-problems", Static)
        top.update("\n".join(f"⚠ {m}" for m in elsewhere))
        top.set_class(bool(elsewhere), "-shown")
