"""The quiet session: a guided flow through check-in, exercises, writing and check-out; what it
records (kept in the journal, held in memory while the journal is locked), and the suggestion of
which flow to try."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

from companion.i18n import _, ngettext
from companion.ui.shell.base_page import BasePage
from companion.ui.shell.feature import Feature

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from companion.sessions.history import HistoryKeeper
    from companion.ui.session.page import SessionPage


class SessionFeature(Feature):
    page_id = "session"

    def start(self) -> None:
        self.history: HistoryKeeper | None = None
        self.held_box: QMessageBox | None = None
        self.services.sessions = self

    def build_page(self) -> SessionPage:
        from companion.journal.opening import is_vault
        from companion.sessions.flows import load_builtin_flows, load_user_flows
        from companion.sessions.history import HistoryKeeper
        from companion.ui.session.page import SessionPage

        services = self.services
        window = services.window
        mine, problem = load_user_flows(services.paths.config / "session-flows.toml")
        if problem:
            services.notice(_("Your own session flows could not be used: {problem}. The file is left as it "
                              "is.").format(problem=problem))
        journal = services.journal

        def open_vault():
            """The open journal, which saves records in its own worker; None while locked."""
            if journal is None or not journal.is_open():
                return None
            return SimpleNamespace(save=journal.save_record)

        def journal_exists() -> bool:
            return journal is not None and is_vault(journal.folder())

        self.history = HistoryKeeper(open_vault, journal_exists,
                                     lambda: services.model.settings.session_history,
                                     services.clock.now)

        def open_exercise(page_id: str) -> BasePage:
            window.show_page(page_id)
            return window.page(page_id)

        prompts = journal.prompts() if journal is not None else []
        page = SessionPage(services.clock, load_builtin_flows() + mine, prompts, self.history,
                           open_exercise, lambda: window.show_page("session"))
        window.notices.insertWidget(0, page.bar)
        page.bar.help_button.clicked.connect(window.show_help)
        page.bar.shown_changed.connect(window.set_session_view)  # the whole window, sidebar away
        if services.soundscape is not None:
            page.play_sound = services.soundscape.play_for_session
            page.stop_sound = services.soundscape.stop_for_session
        if services.reminders is not None:
            page.remind_later = services.reminders.remind_later
        page.help_requested = window.show_help
        page.open_journal = lambda: window.show_page("journal")
        page.session_active_changed.connect(self._active_changed)
        page.shown.connect(lambda: self._suggest(page))
        return page

    @property
    def session_page(self) -> SessionPage:
        return cast("SessionPage", self.page)

    def _active_changed(self, active: bool) -> None:
        """A quiet session begins: open the sound device and render the first breathing cues
        while the person reads the first screens, so the first cue is on time."""
        self.services.session_changed.emit(active)
        run = getattr(self.session_page, "run", None)
        if not active or run is None:
            return
        self.services.audio_service().warm_up()
        breathing = self.services.breathing
        for step in run.flow.steps:
            if step.pattern and breathing is not None:
                breathing.prepare_for(step.pattern)

    def records(self):
        """The quiet-session records in the open journal; None while it is locked or missing."""
        journal = self.services.journal
        if journal is None or not journal.is_open():
            return None
        from companion.sessions.history import records

        return records(journal.entries())

    def _suggestion(self, flows) -> tuple[str, str]:
        """Which of these flows to suggest now, and why (recent sessions, else the hour)."""
        from companion.sessions.suggestion import suggest_flow

        return suggest_flow(self.records() or [], self.services.clock.now().hour,
                            [f.id for f in flows])

    def suggestion_text(self) -> str:
        """'Suggested: Wind down. Something gentle for the evening.' for the home page."""
        from companion.sessions.flows import load_builtin_flows

        flows = load_builtin_flows()
        flow_id, why = self._suggestion(flows)
        title = next(f.title for f in flows if f.id == flow_id)
        return _("Suggested: {title}. {why}").format(title=title, why=why).strip()

    def _suggest(self, page: SessionPage) -> None:
        page.suggest(*self._suggestion(page.flows))

    def later_check_in(self) -> None:
        """The later check-in's Start: the Session page asks how the person is now."""
        window = self.services.window
        window.show_page("session")
        self.session_page.later_check_in()
        window.bring_to_front()

    def journal_opened(self) -> None:
        """Sessions kept in memory while the journal was locked are saved when it opens."""
        history = self.history
        if history is None or not history.held:
            return
        try:
            saved = history.flush()
        except Exception as exc:  # the journal's own errors say what happened
            self.services.notice(_("Your quiet sessions could not be saved yet ({exc}).").format(exc=exc))
            return
        self.services.notice(ngettext(
            "{count} quiet session from while your journal was locked is now saved in it.",
            "{count} quiet sessions from while your journal was locked are now saved in it.",
            saved).format(count=saved))

    def ask_before_quitting(self, quit_now: Callable[[], None]) -> bool:
        """While a session waits for the locked journal, ask before quitting: True when the
        question is asked (the answer quits, or opens the journal)."""
        if self.history is None or not self.history.held:
            return False
        from PySide6.QtWidgets import QMessageBox  # only when quitting with a session held

        window = self.services.window
        box = QMessageBox(window)
        box.setWindowTitle(_("A session is waiting to be kept"))
        box.setIcon(QMessageBox.Icon.Question)
        box.setText(_("Your journal is locked, so your last quiet session has not been saved yet. "
                    "Unlock the journal to keep it, or quit without keeping it."))
        keep = box.addButton(_("Unlock my journal"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("Quit without keeping it"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)

        def answered(_result: int) -> None:
            if box.clickedButton() is keep:
                window.show_page("journal")
                window.bring_to_front()
            else:
                quit_now()

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        box.open()
        self.held_box = box
        return True
