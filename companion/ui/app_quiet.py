"""The app's wiring for the private and guided parts: the journal, reminders, the quiet session
and progress. A mixin of CompanionApp (see app.py), kept apart so each file stays readable."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject

from companion.clock import Clock
from companion.paths import Paths
from companion.ui.shell.base_page import BasePage
from companion.ui.shell.main_window import MainWindow
from companion.ui.shell.settings_model import SettingsModel
from companion.ui.shell.theme import palette_for

if TYPE_CHECKING:
    from companion.audio.engine import AudioEngine
    from companion.sessions.history import HistoryKeeper
    from companion.ui.reminders.service import ReminderService
    from companion.ui.shell.audio_service import AudioService
    from companion.ui.shell.screen_lock_watcher import ScreenLockWatcher
    from companion.ui.shell.tray import TrayController
    from companion.ui.sounds.playlist_player import PlaylistPlayer
    from companion.ui.sounds.soundscape_player import SoundscapePlayer


class QuietWiring:
    """Builds and connects the Journal, Reminders, Quiet session and Progress pages."""

    # Provided by CompanionApp.
    window: MainWindow
    model: SettingsModel
    clock: Clock
    paths: Paths
    tray: TrayController | None
    player: SoundscapePlayer | None
    playlist: PlaylistPlayer | None
    reminders: ReminderService | None
    screen_lock: ScreenLockWatcher | None
    history: HistoryKeeper
    audio_opener: Callable[[], AudioEngine | str] | None
    handle_request: Callable[[str | None, bool], None]
    audio_service: Callable[[], AudioService]
    _built_page_ids: Callable[[], set[str]]

    def flow_suggestion_text(self) -> str:
        """'Suggested: Wind down. Something gentle for the evening.' for the home page."""
        from companion.sessions.flows import load_builtin_flows
        from companion.sessions.progress import suggest_flow

        flows = load_builtin_flows()
        flow_id, why = suggest_flow(self.session_records() or [], self.clock.now().hour,
                                    [f.id for f in flows])
        title = next(f.title for f in flows if f.id == flow_id)
        return f"Suggested: {title}. {why}".strip()

    def journal_folder(self) -> Path:
        chosen = self.model.settings.journal_folder
        return Path(chosen).expanduser() if chosen else self.paths.data / "journal"

    def prompts(self):
        """The built-in writing prompts and the person's own (prompts.toml in the config folder);
        a file that cannot be used is named in a notice and left as it is."""
        from companion.journal.prompts import load_prompts, load_user_prompts

        if getattr(self, "_prompts", None) is None:
            mine, problem = load_user_prompts(self.paths.config / "prompts.toml")
            if problem:
                self.window.add_notice(f"Your own writing prompts could not be used: {problem}. "
                                       "The file is left as it is.")
            self._prompts = load_prompts() + mine
        return self._prompts

    def _build_journal_page(self) -> BasePage:
        from companion.ui.journal.page import JournalPage
        page = JournalPage(self.model, self.clock, self.journal_folder(), self.prompts(),
                           cache=self.paths.cache)
        page.breathe_requested.connect(self.one_minute_of_breathing)  # type: ignore[attr-defined]
        self.screen_watcher().away.connect(page.lock)
        page.locked_changed.connect(self._journal_locked_changed)
        self.model.changed.connect(lambda _s: page.settings_changed())
        return page

    def reminder_service(self) -> ReminderService:
        """The reminders, running whether or not the window shows (made on first use)."""
        if self.reminders is None:
            from companion.reminders.schedule import system_zone
            from companion.reminders.store import ReminderStore
            from companion.ui.reminders.service import ReminderService

            store = ReminderStore(self.paths.config / "reminders.toml", self.clock)
            balloon = self.tray.show_reminder if self.tray is not None else None
            service = ReminderService(store, self.clock, system_zone(), self._reminder_banner,
                                      balloon, busy=self._in_session, parent=cast(QObject, self))
            service.open_requested.connect(self.handle_request)
            service.checkin_requested.connect(self._later_check_in)
            self.screen_watcher()  # waking from sleep re-arms the reminders
            for notice in service.notices():
                self.window.add_notice(notice)
            self.reminders = service
        return self.reminders

    def _journal_locked_changed(self, locked: bool) -> None:
        """Sessions kept in memory while the journal was locked are saved when it opens."""
        history = getattr(self, "history", None)
        if not locked and history is not None and history.held:
            try:
                saved = history.flush()
            except Exception as exc:  # the journal's own errors say what happened
                self.window.add_notice(f"Your quiet sessions could not be saved yet ({exc}).")
                return
            self.window.add_notice(f"{saved} quiet session(s) from while your journal was locked "
                                   "are now saved in it.")

    def screen_watcher(self) -> ScreenLockWatcher:
        """Screen lock and sleep, heard over D-Bus (made on first use)."""
        if self.screen_lock is None:
            from companion.ui.shell.screen_lock_watcher import ScreenLockWatcher

            self.screen_lock = ScreenLockWatcher(parent=cast(QObject, self))
            self.screen_lock.woke.connect(self._woke)
        return self.screen_lock

    def _woke(self) -> None:
        if self.reminders is not None:
            self.reminders.clock_changed()

    def _reminder_banner(self, text: str, rule) -> None:
        notice = self.window.add_notice(text)
        if rule.kind.page:
            notice.add_action("Start", lambda: self.reminder_service().start(rule))

    def _in_session(self) -> bool:
        """Whether the person is in a breathing or relaxation session (reminders then wait)."""
        built = self._built_page_ids()
        return any(self.window.page(p).is_running() for p in ("breathe", "relax") if p in built)

    def _session_changed(self, active: bool) -> None:
        if not active and self.reminders is not None:
            self.reminders.session_ended()

    def _quiet_session_changed(self, active: bool) -> None:
        """A quiet session begins: open the sound device and render the first breathing cues
        while the person reads the first screens, so the first cue is on time."""
        self._session_changed(active)
        page = self.window.page("session")
        run = getattr(page, "run", None)
        if not active or run is None:
            return
        self.audio_service().warm_up()
        breathe = self.window.page("breathe")
        for step in run.flow.steps:
            if step.pattern:
                breathe.prepare_for(step.pattern)  # type: ignore[attr-defined]

    def _build_session_page(self) -> BasePage:
        from companion.journal.vault import is_vault
        from companion.sessions.flows import load_builtin_flows, load_user_flows
        from companion.sessions.history import HistoryKeeper
        from companion.ui.session.page import SessionPage

        mine, problem = load_user_flows(self.paths.config / "session-flows.toml")
        if problem:
            self.window.add_notice(f"Your own session flows could not be used: {problem}. The "
                                   "file is left as it is.")

        def open_vault():
            """The open journal, which saves records in its own worker; None while locked."""
            if "journal" not in self._built_page_ids():
                return None
            journal = self.window.page("journal")
            if getattr(journal, "vault", None) is None:
                return None
            return SimpleNamespace(save=journal.save_record)

        self.history = HistoryKeeper(open_vault, lambda: is_vault(self.journal_folder()),
                                     lambda: self.model.settings.session_history, self.clock.now)

        def open_exercise(page_id: str) -> BasePage:
            self.window.show_page(page_id)
            return self.window.page(page_id)

        page = SessionPage(self.clock, load_builtin_flows() + mine, self.prompts(), self.history,
                           open_exercise, lambda: self.window.show_page("session"))
        self.window.notices.insertWidget(0, page.bar)
        page.play_sound = self._play_session_sound
        page.stop_sound = self._stop_session_sound
        page.remind_later = self._remind_later
        page.help_requested = self.window.show_help
        page.open_journal = lambda: self.window.show_page("journal")
        page.session_active_changed.connect(self._quiet_session_changed)
        page.shown.connect(lambda: self._suggest_flow(page))
        return page

    def session_records(self):
        """The quiet-session records in the open journal; None while it is locked or missing."""
        if "journal" not in self._built_page_ids():
            return None
        journal = self.window.page("journal")
        if getattr(journal, "vault", None) is None:
            return None
        from companion.sessions.history import records

        return records(getattr(journal, "entries", {}))

    def _build_progress_page(self) -> BasePage:
        from companion.ui.progress.page import ProgressPage

        page = ProgressPage(self.session_records)
        page.set_palette(palette_for(self.model.settings.appearance))

        def delete(entry_ids: list[str]) -> None:
            journal = self.window.page("journal")
            journal.delete_entries(entry_ids)  # type: ignore[attr-defined]
            page.refresh()

        page.delete_requested.connect(delete)
        page.open_requested.connect(self.window.show_page)
        return page

    def _suggest_flow(self, page) -> None:
        from companion.sessions.progress import suggest_flow

        flow_id, why = suggest_flow(self.session_records() or [], self.clock.now().hour,
                                    [f.id for f in page.flows])
        page.suggest(flow_id, why)

    def _play_session_sound(self, sound: str) -> None:
        """A mix from the presets, or the user's own music ('own'), under the whole session."""
        sounds = self.window.page("sounds")  # builds the player and the playlist
        if sound == "own":
            from companion.sounds.own_files import OwnSoundStore

            own, _notices = OwnSoundStore(self.paths.config / "my-sounds.toml", self.clock).load()
            if any(not s.missing for s in own):
                getattr(sounds, "playlist_button").setChecked(True)  # noqa: B009
                return
            sound = "rainy-night"  # no music of their own yet: something soft instead
        from companion.sounds.catalog import load_catalog
        from companion.sounds.mix import Mix
        from companion.sounds.presets import load_builtin_presets

        known = {s.id for s in load_catalog()}
        preset = next((p for p in load_builtin_presets(known) if p.id == sound), None)
        if preset is not None and self.player is not None:
            self.player.set_mix(Mix(preset.volumes, self.player.mix.master))

    def _stop_session_sound(self) -> None:
        if self.player is not None:
            self.player.stop_all()
        if self.playlist is not None:
            self.playlist.stop()

    def _remind_later(self, minutes: int) -> None:
        from datetime import timedelta

        from companion.reminders.rules import Kind, Rule, new_id

        service = self.reminder_service()
        rule = Rule(new_id(), Kind.CHECKIN, once_at=self.clock.now() + timedelta(minutes=minutes))
        service.set_rules([*service.reminders.rules, rule])

    def _later_check_in(self) -> None:
        """The later check-in's Start: the Session page asks how the person is now."""
        self.window.show_page("session")
        self.window.page("session").later_check_in()  # type: ignore[attr-defined]
        self.window.bring_to_front()

    def _build_reminders_page(self) -> BasePage:
        from companion.ui.reminders.page import RemindersPage

        return RemindersPage(self.reminder_service())
