"""Journal: the encrypted journal for expressive writing, with prompts; it also keeps the quiet
sessions' records, and locks itself when the screen locks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from companion.i18n import _
from companion.ui.shell.feature import Feature

if TYPE_CHECKING:
    from companion.journal.prompts import Prompt
    from companion.ui.journal.page import JournalPage


class JournalFeature(Feature):
    page_id = "journal"

    def start(self) -> None:
        self._prompts: list[Prompt] | None = None
        self.services.journal = self

    def build_page(self) -> JournalPage:
        from companion.ui.journal.page import JournalPage

        services = self.services
        page = JournalPage(services.model, services.clock, self.folder(), self.prompts(),
                           cache=services.paths.cache)
        page.breathe_requested.connect(self._breathe_first)
        services.screen_watcher().away.connect(page.lock)
        page.locked_changed.connect(self._locked_changed)
        services.model.changed.connect(lambda _s: page.settings_changed())
        return page

    def _breathe_first(self) -> None:
        if self.services.breathing is not None:
            self.services.breathing.start_for("resonance", 1)

    def _locked_changed(self, locked: bool) -> None:
        if not locked and self.services.sessions is not None:
            self.services.sessions.journal_opened()

    @property
    def journal_page(self) -> JournalPage:
        return cast("JournalPage", self.page)

    def folder(self) -> Path:
        chosen = self.services.model.settings.journal_folder
        return Path(chosen).expanduser() if chosen else self.services.paths.data / "journal"

    def prompts(self) -> list[Prompt]:
        """The built-in writing prompts and the person's own (prompts.toml in the config folder);
        a file that cannot be used is named in a notice and left as it is."""
        if self._prompts is None:
            from companion.journal.prompts import load_prompts, load_user_prompts

            mine, problem = load_user_prompts(self.services.paths.config / "prompts.toml")
            if problem:
                self.services.notice(_("Your own writing prompts could not be used: {problem}. The file is "
                                       "left as it is.").format(problem=problem))
            self._prompts = load_prompts() + mine
        return self._prompts

    def is_open(self) -> bool:
        """Whether the journal is unlocked (never builds the page to find out)."""
        return self.page_built() and getattr(self.page, "vault", None) is not None

    def entries(self) -> dict[str, Any]:
        return self.journal_page.entries if self.is_open() else {}

    def save_record(self, record: Any) -> None:
        self.journal_page.save_record(record)

    def delete_entries(self, entry_ids: list[str]) -> None:
        self.journal_page.delete_entries(entry_ids)

    def lock_for_deletion(self) -> None:
        """Nothing may write the journal again (everything is about to be deleted)."""
        if self.page_built():
            self.journal_page.lock("deleting", save=False)

    def close(self) -> None:
        if self.page_built():
            self.journal_page.close_journal()
