"""Command palette entries for the home screen's actions (alongside Textual's own)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (action on the home screen, name in the palette, what it does)
HOME_COMMANDS = (
    ("new_session", "New session", "Start coding a new session"),
    ("resume", "Resume session", "Continue the selected interrupted session"),
    ("review", "Review session", "Look through the selected ended session"),
    ("report", "Write report", "PDF report of the selected ended session"),
    ("delete", "Delete session", "Delete the selected session (asks first)"),
    ("filter", "Filter by dyad", "Show only one dyad's sessions"),
    ("open_archive", "Open archive", "Open another archive folder"),
    ("help", "Keys", "Every key on this screen"),
)


class ObserveCommands(Provider):
    """Offers the home screen's actions that apply right now (as the footer does)."""

    def _available(self) -> list[tuple[str, str, str]]:
        from observe.tui.screens.home import HomeScreen

        screen = self.screen
        if not isinstance(screen, HomeScreen):
            return []
        return [c for c in HOME_COMMANDS if screen.check_action(c[0], ()) is True]

    async def discover(self) -> Hits:
        for action, name, help_text in self._available():
            yield DiscoveryHit(name, partial(self.screen.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for action, name, help_text in self._available():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    partial(self.screen.run_action, action),
                    help=help_text,
                )
