"""Progress: the quiet sessions kept in the journal, how they felt, and deleting them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.ui.shell.feature import Feature

if TYPE_CHECKING:
    from companion.ui.progress.page import ProgressPage


class ProgressFeature(Feature):
    page_id = "progress"

    def build_page(self) -> ProgressPage:
        from companion.ui.progress.page import ProgressPage

        services = self.services
        sessions = services.sessions
        page = ProgressPage(sessions.records if sessions is not None else lambda: None)
        page.set_palette(services.palette())

        def delete(entry_ids: list[str]) -> None:
            if services.journal is not None:
                services.journal.delete_entries(entry_ids)
            page.refresh()

        page.delete_requested.connect(delete)
        page.open_requested.connect(services.window.show_page)
        return page
