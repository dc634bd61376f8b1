"""Home: the greeting, the suggested session, and a minute of breathing always on offer."""

from __future__ import annotations

from companion.ui.home.page import HomePage
from companion.ui.shell.feature import Feature


class HomeFeature(Feature):
    page_id = "home"

    def build_page(self) -> HomePage:
        window = self.services.window
        page = HomePage(self.services.clock)
        page.open_page.connect(window.show_page)
        page.help_requested.connect(window.show_help)
        page.one_minute_requested.connect(self.one_minute_of_breathing)
        page.shown.connect(lambda: page.set_suggestion(self.suggestion()))
        return page

    def suggestion(self) -> str:
        sessions = self.services.sessions
        return sessions.suggestion_text() if sessions is not None else ""

    def one_minute_of_breathing(self) -> None:
        """Resonance breathing for a minute."""
        if self.services.breathing is not None:
            self.services.breathing.start_for("resonance", 1)
