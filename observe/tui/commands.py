"""Command palette entries for the home screen's actions (alongside Textual's own).

The home screen lists this provider in its ``COMMANDS``, so the palette offers these only
there; the entries come from the home screen's table of actions.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from observe.tui.screens.home_actions import palette_entries


class HomeCommands(Provider):
    """Offers the home screen's actions that apply right now (as the footer does)."""

    def _available(self) -> list[tuple[str, str, str]]:
        screen = self.screen
        return [entry for entry in palette_entries() if screen.check_action(entry[0], ()) is True]

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
