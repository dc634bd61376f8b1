"""The composition root: builds the domain objects and the Qt skin, and wires them together."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

import shiboken6
from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from companion import APP_NAME, APP_TITLE, __version__
from companion.autostart import starts_at_login
from companion.clock import Clock, SystemClock
from companion.motion import reduce_motion
from companion.paths import Paths
from companion.resources import asset
from companion.settings import Settings, SettingsStore
from companion.ui.app_quiet import QuietWiring
from companion.ui.home.page import HomePage
from companion.ui.shell.base_page import BasePage
from companion.ui.shell.main_window import MainWindow
from companion.ui.shell.settings_model import SettingsModel
from companion.ui.shell.single_instance import InstanceServer, send_to_running
from companion.ui.shell.theme import apply_theme, palette_for
from companion.ui.shell.tray import TrayController, tray_available
from companion.ui.shell.workers import serial_pool

# Modules used only after the window shows are imported where they are used, to keep start-up
# close to a bare Qt window (see tests/benchmarks/bench_startup.py).
if TYPE_CHECKING:
    from companion.audio.engine import AudioEngine
    from companion.ui.relax.voice_renderer import NaturalVoiceRenderer
    from companion.ui.reminders.service import ReminderService
    from companion.ui.settings.page import SettingsPage
    from companion.ui.shell.audio_service import AudioService
    from companion.ui.shell.screen_lock_watcher import ScreenLockWatcher
    from companion.ui.shell.welcome_dialog import WelcomeDialog
    from companion.ui.sounds.playlist_player import PlaylistPlayer
    from companion.ui.sounds.soundscape_player import SoundscapePlayer

log = logging.getLogger(__name__)

FIRST_PAINT_ENV = "COMPANION_REPORT_FIRST_PAINT"  # benchmark hook: write first-paint time, then quit


def qt_motion_preference(app: QGuiApplication) -> bool | None:
    """Qt 6.12+'s own reduce-motion reading; None where this Qt cannot tell."""
    hints = app.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is None:
        return None
    getter = getattr(accessibility(), "motionPreference", None)
    if getter is None:
        return None
    reduced = getattr(getattr(Qt, "MotionPreference", None), "ReducedMotion", None)
    return None if reduced is None else getter() == reduced


class CompanionApp(QuietWiring, QObject):
    """One running app: settings, window, tray, single-instance server and their wiring."""

    reduce_motion_changed = Signal(bool)

    def __init__(self, qapp: QApplication, paths: Paths, clock: Clock,
                 tray_enabled: bool | None = None,
                 audio_opener: Callable[[], AudioEngine | str] | None = None):
        super().__init__()
        self.quitting = False
        self.audio_opener = audio_opener
        self.qapp = qapp
        self.paths = paths
        self.clock = clock
        self.store = SettingsStore(paths.settings_file, clock)
        loaded = self.store.load()
        self.model = SettingsModel(self.store, loaded.settings, self)
        self.system_reduced_motion: bool | None = qt_motion_preference(qapp)
        self.icon = QIcon(str(asset("icons/companion.svg")))
        # The open dialogs, kept so they are not collected while shown (and for tests).
        self.welcome_dialog: WelcomeDialog | None = None
        self._start_after_welcome: str | None = None  # a page to start once the welcome closes
        self.delete_box: QMessageBox | None = None
        self.pattern_dialog: QDialog | None = None
        qapp.setWindowIcon(self.icon)

        self.audio: AudioService | None = None
        self.reminders: ReminderService | None = None
        self.screen_lock: ScreenLockWatcher | None = None
        self.player: SoundscapePlayer | None = None
        self.playlist: PlaylistPlayer | None = None
        self._voice_renderer: NaturalVoiceRenderer | None = None
        from companion.screensaver import ScreenSaverInhibitor

        self.inhibitor = ScreenSaverInhibitor()
        self.dbus_pool = serial_pool(self)  # inhibit, then uninhibit: order matters
        self.window = MainWindow({"home": self._build_home_page,
                                  "session": self._build_session_page,
                                  "breathe": self._build_breathe_page,
                                  "relax": self._build_relax_page,
                                  "journal": self._build_journal_page,
                                  "reminders": self._build_reminders_page,
                                  "progress": self._build_progress_page,
                                  "sounds": self._build_sounds_page,
                                  "settings": self._build_settings_page})
        self.window.close_handler = self._window_may_close
        self._apply_look(self.model.settings)
        self.model.changed.connect(self._on_settings_changed)
        self.model.save_failed.connect(self.window.add_notice)
        for notice in loaded.notices:
            self.window.add_notice(notice)

        use_tray = tray_available() if tray_enabled is None else tray_enabled
        self.tray: TrayController | None = None
        if use_tray:
            self.tray = TrayController(self.icon, self)
            self.tray.open_requested.connect(self.window.bring_to_front)
            self.tray.breathe_requested.connect(lambda: self.handle_request("breathe", True))
            self.tray.relax_requested.connect(lambda: self.handle_request("relax", True))
            self.tray.pause_reminders_requested.connect(
                lambda: self.reminder_service().pause_for_an_hour())
            self.tray.quit_requested.connect(self.request_quit)
        self.server = InstanceServer(paths.instance_key(), self)
        self.server.request.connect(self.handle_request)
        qapp.setQuitOnLastWindowClosed(False)
        qapp.aboutToQuit.connect(self.save_state)
        qapp.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)
        self._restore_window(self.model.settings)
        self._sync_autostart(self.model.settings)

    def _build_home_page(self) -> HomePage:
        page = HomePage(self.clock)
        page.open_page.connect(self.window.show_page)
        page.help_requested.connect(self.window.show_help)
        page.one_minute_requested.connect(self.one_minute_of_breathing)
        page.shown.connect(lambda: page.set_suggestion(self.flow_suggestion_text()))
        return page

    def one_minute_of_breathing(self) -> None:
        """Always on offer from home: resonance breathing for a minute."""
        self.window.show_page("breathe")
        self.window.page("breathe").start_for("resonance", 1)  # type: ignore[attr-defined]

    def _build_breathe_page(self) -> BasePage:
        from companion.breathing.library import UserPatternStore, load_builtin_patterns
        from companion.ui.breathe.cues import CuePlayer
        from companion.ui.breathe.page import BreathePage

        store = UserPatternStore(self.paths.config / "breathing-patterns.toml", self.clock)
        self.pattern_store = store
        mine = store.load()
        self.custom_patterns = mine.patterns
        for notice in mine.notices:
            self.window.add_notice(notice)
        cues = CuePlayer(self.audio_service(), self, words_folder=self._cue_words_folder)
        page = BreathePage(self.model, self.clock, load_builtin_patterns() + mine.patterns, cues)
        page.set_palette(palette_for(self.model.settings.appearance))
        page.set_reduce_motion(self.reduce_motion)
        page.quiet_mode_requested.connect(self.window.set_quiet)
        page.help_requested.connect(self.window.show_help)
        page.session_active_changed.connect(
            lambda on: self._keep_screen_awake(on, "A breathing session is running"))
        page.session_active_changed.connect(self._duck_sounds)
        page.session_active_changed.connect(self._session_changed)
        page.edit_patterns_requested.connect(self.edit_patterns)
        self.reduce_motion_changed.connect(page.set_reduce_motion)
        self.audio_service().warm_up()
        return page

    def _build_relax_page(self) -> BasePage:
        from companion.relax.library import USER_FOLDER, load_builtin_scripts, load_user_scripts
        from companion.relax.progress import ProgressStore
        from companion.ui.relax.page import RelaxPage
        from companion.ui.relax.voice import VoiceGuide

        builtins = load_builtin_scripts()
        builtin_ids = {script.id for script in builtins}
        folder = self.paths.config / USER_FOLDER
        mine = load_user_scripts(folder, builtin_ids)
        store = ProgressStore(self.paths.config / "relax-progress.toml", self.clock)
        progress = store.load()
        for notice in progress.notices:
            self.window.add_notice(notice)

        def save_progress(updated) -> None:
            try:
                store.save(updated)
            except OSError as exc:
                self.window.add_notice(f"How this session felt could not be saved "
                                       f"({exc.strerror}); nothing else is affected.")

        voice = VoiceGuide(self.audio_service(), self.paths.cache / "voice",
                           lambda: self.voice_renderer().current, self)
        voice.problem.connect(self.window.add_notice)
        page = RelaxPage(self.model, self.clock, builtins + mine.scripts, mine.broken,
                         builtin_ids, progress, save_progress, voice, folder)
        page.set_palette(palette_for(self.model.settings.appearance))
        page.session_active_changed.connect(
            lambda on: self._keep_screen_awake(on, "A guided relaxation is playing"))
        page.session_active_changed.connect(self._duck_sounds)
        page.session_active_changed.connect(self._session_changed)
        self.audio_service().warm_up()  # so the first words play at once
        return page

    def audio_service(self) -> AudioService:
        """The one audio engine service, shared by cues and soundscapes (made on first use)."""
        if self.audio is None:
            from companion.ui.shell.audio_service import AudioService, open_pygame_engine

            self.audio = AudioService(opener=self.audio_opener or open_pygame_engine, parent=self)
            self.audio.unavailable.connect(self.window.add_notice)
        return self.audio

    def _build_sounds_page(self) -> BasePage:
        from companion.sounds.catalog import load_catalog
        from companion.sounds.mix import Mix, mix_from_text, mix_to_text
        from companion.sounds.presets import UserPresetStore, load_builtin_presets
        from companion.ui.sounds.page import SoundsPage
        from companion.ui.sounds.soundscape_player import SoundscapePlayer

        catalog = load_catalog()
        known = {sound.id for sound in catalog}
        store = UserPresetStore(self.paths.config / "sound-presets.toml", self.clock, known)
        mine = store.load()
        for notice in mine.notices:
            self.window.add_notice(notice)
        self.player = SoundscapePlayer(self.audio_service(), catalog, self.clock, self)
        settings = self.model.settings
        # The last mix is shown, not played: sound never starts by itself.
        self.player.mix = Mix(mix_from_text(settings.sounds_mix, known),
                              settings.sounds_master / 100)
        self.player.problem.connect(self.window.add_notice)
        page = SoundsPage(self.player, catalog, load_builtin_presets(known) + mine.presets,
                          store.new_id)
        user_presets = list(mine.presets)

        def remember(mix: Mix) -> None:
            self.model.update(sounds_mix=mix_to_text(mix), sounds_master=round(mix.master * 100))

        def keep_preset(preset) -> None:
            if preset is not None:
                user_presets.append(preset)
            try:
                store.save(user_presets)
            except OSError as exc:
                self.window.add_notice(f"Your mix could not be saved ({exc.strerror}).")

        def follow_master(settings: Settings) -> None:
            # The ambient volume can also be set on the Settings page.
            master = settings.sounds_master / 100
            if self.player is not None and abs(self.player.mix.master - master) > 0.005:
                self.player.set_mix(self.player.mix.with_master(master))

        self.model.changed.connect(follow_master)

        def replace_presets(presets) -> None:
            user_presets[:] = presets
            keep_preset(None)

        self.player.mix_changed.connect(remember)
        page.presets_changed.connect(replace_presets)
        self._add_own_sounds(page)
        self.audio_service().warm_up()  # so the first tile plays at once
        page.mix_saved.connect(keep_preset)
        return page

    def _add_own_sounds(self, page) -> None:
        """The user's own files: tiles now, and adding or removing them later."""
        from companion.sounds.own_files import OwnSoundStore

        store = OwnSoundStore(self.paths.config / "my-sounds.toml", self.clock)
        own, notices = store.load()
        for notice in notices:
            self.window.add_notice(notice)
        player = self.player
        assert player is not None

        def offer(sounds) -> None:
            for sound in sounds:
                player.add_own(sound.id, sound.name, sound.path)
                page.add_tile(sound, own=True)

        def save(sounds) -> None:
            try:
                store.save(sounds)
            except OSError as exc:
                self.window.add_notice(f"Your list of sound files could not be saved "
                                       f"({exc.strerror}); it applies until you quit.")

        def chosen(paths) -> None:
            nonlocal own
            updated, refused = store.add(own, paths)
            offer(updated[len(own):])
            own = updated
            save(own)
            if refused:
                self.window.add_notice(
                    f"{', '.join(refused)}: not a kind of file Companion can play. It plays OGG, "
                    "WAV, FLAC and MP3 files.")

        def removed(sound_id: str) -> None:
            nonlocal own
            own = [sound for sound in own if sound.id != sound_id]
            save(own)

        from companion.sounds.catalog import SoundInfo
        from companion.ui.sounds.playlist_player import PlaylistPlayer

        tracks = PlaylistPlayer(self.audio_service(), self)
        self.playlist = tracks

        def playlist(on: bool) -> None:
            if on and not own:
                page.show_now_playing("")
                self.window.add_notice("Add some of your own files first, then they can play "
                                       "in turn.")
            elif on:
                tracks.start([SoundInfo(s.id, s.name, s.path) for s in own if not s.missing])
            else:
                tracks.stop()

        tracks.now_playing.connect(page.show_now_playing)
        tracks.problem.connect(self.window.add_notice)
        offer(own)
        page.own_files_chosen.connect(chosen)
        page.own_removed.connect(removed)
        page.playlist_toggled.connect(playlist)

    def edit_patterns(self) -> None:
        """Open the editor for the user's own breathing patterns."""
        from companion.breathing.library import load_builtin_patterns
        from companion.ui.breathe.pattern_editor import PatternEditorDialog

        page = self.window.page("breathe")
        dialog = PatternEditorDialog(self.pattern_store, self.custom_patterns, self.window)

        def saved(patterns: list) -> None:
            self.custom_patterns = patterns
            page.set_patterns(load_builtin_patterns() + patterns)  # type: ignore[attr-defined]

        dialog.saved.connect(saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.pattern_dialog = dialog

    def _duck_sounds(self, _active: bool = False) -> None:
        """Ambient sound sits 6 dB under breathing cues or a spoken script while either plays."""
        if self.player is None:
            return
        built = self._built_page_ids()
        breathing = "breathe" in built and self.window.page("breathe").is_running() \
            and self.model.settings.sound_cues
        relaxing = "relax" in built and self.window.page("relax").is_running() \
            and self.model.settings.relax_voice
        self.player.set_ducked(breathing or relaxing)

    def _keep_screen_awake(self, active: bool, reason: str) -> None:
        from companion.ui.shell.workers import run_in_background

        if active:
            run_in_background(lambda: self.inhibitor.inhibit(reason),
                              lambda ok: log.info("screen kept awake: %s", ok), self,
                              pool=self.dbus_pool)
        else:
            run_in_background(self.inhibitor.uninhibit, lambda _r: None, self,
                              pool=self.dbus_pool)

    def _build_settings_page(self) -> BasePage:
        from companion.ui.settings.page import SettingsPage

        page = SettingsPage(self.model, self.paths)
        page.set_voice_renderer(self.voice_renderer())
        page.delete_all_requested.connect(self.confirm_delete_all)
        page.set_system_motion(self.system_reduced_motion)
        return page

    def _cue_words_folder(self) -> Path:
        """The spoken breathing cues, in the voice that reads the scripts."""
        from companion.audio.cue_words import CUE_FOLDER

        return self.voice_renderer().current.folder / CUE_FOLDER

    def voice_renderer(self) -> NaturalVoiceRenderer:
        """Prepares the natural voice in its own process (made on first use)."""
        if self._voice_renderer is None:
            from companion.ui.relax.voice_renderer import NaturalVoiceRenderer

            self._voice_renderer = NaturalVoiceRenderer(self.paths.cache / "voice", self)
            self._voice_renderer.ready.connect(self._voice_ready)
            self.qapp.aboutToQuit.connect(self._voice_renderer.stop)
        return self._voice_renderer

    def prepare_voice_if_needed(self) -> None:
        """The first time the voice extra is found (or the words changed since), prepare the
        natural voice in the background."""
        if self.voice_renderer().needed():
            self.voice_renderer().start()

    def _voice_ready(self, ok: bool) -> None:
        if ok:
            self.window.add_notice("The natural voice is ready: the relaxation scripts are read "
                                   "with it from the next one you begin.")

    @property
    def home_page(self) -> HomePage:
        return cast(HomePage, self.window.page("home"))

    @property
    def settings_page(self) -> SettingsPage:
        return cast("SettingsPage", self.window.page("settings"))

    @property
    def reduce_motion(self) -> bool:
        """Whether animations should be stilled right now."""
        return reduce_motion(self.model.settings.motion, self.system_reduced_motion)

    # --- start-up -----------------------------------------------------------------------------

    def show(self, page: str | None, start: bool, background: bool) -> None:
        """Open on a page; start hidden only where the user can get back (tray or background)."""
        self.window.show_page(page or self.model.settings.last_page)
        can_hide = self.tray is not None or self.model.settings.keep_running_in_background
        if not (background and can_hide):
            if self.model.settings.window_maximized:
                self.window.showMaximized()
            else:
                self.window.show()
            self.window.first_paint.connect(self._after_first_paint)
        if start and not self.model.settings.welcome_seen and self.window.isVisible():
            self._start_after_welcome = self.window.current_page_id()  # never behind the card
        elif start:
            self.window.page(self.window.current_page_id()).start_main_action()
        QTimer.singleShot(0, self.reminder_service)  # after the first paint: arms one timer

    def _after_first_paint(self) -> None:
        log.info("window shown")
        if not self.model.settings.welcome_seen:
            self.show_welcome()
        if self.system_reduced_motion is None and sys.platform.startswith("linux"):
            from companion.motion import system_prefers_reduced_motion
            from companion.ui.shell.workers import run_in_background

            run_in_background(system_prefers_reduced_motion, self._on_system_motion, self)

    def show_welcome(self) -> WelcomeDialog:
        """The first-run welcome, window-modal and non-blocking."""
        from companion.ui.shell.welcome_dialog import WelcomeDialog

        dialog = WelcomeDialog(self.window)
        dialog.finished.connect(self._welcome_finished)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.welcome_dialog = dialog
        return dialog

    def _welcome_finished(self) -> None:
        if not self.quitting:  # closed by the user, not by the app shutting down around it
            self.model.update(welcome_seen=True)
            waiting, self._start_after_welcome = self._start_after_welcome, None
            if waiting is not None:  # `--open X --start` on the very first launch
                self.window.show_page(waiting, start=True)

    def _on_system_motion(self, prefers_reduced: bool | None) -> None:
        before = self.reduce_motion
        self.system_reduced_motion = prefers_reduced
        if "settings" in self._built_page_ids():
            self.settings_page.set_system_motion(prefers_reduced)
        if self.reduce_motion != before:
            self.reduce_motion_changed.emit(self.reduce_motion)

    # --- live changes -------------------------------------------------------------------------

    def handle_request(self, page: str | None, start: bool) -> None:
        """A later launch asked for the window (and maybe a page)."""
        log.info("request from another launch: page=%s start=%s", page, start)
        dialog = self.welcome_dialog
        if start and page is not None and dialog is not None and shiboken6.isValid(dialog) \
                and dialog.isVisible():
            self.window.show_page(page)
            self._start_after_welcome = page  # starts when the welcome is closed
        elif page is not None:
            self.window.show_page(page, start=start)
        self.window.bring_to_front()

    def _on_color_scheme_changed(self) -> None:
        self._apply_look(self.model.settings)

    def _apply_look(self, settings: Settings) -> None:
        self._look = (settings.appearance, settings.text_size)
        palette = palette_for(settings.appearance)
        apply_theme(self.qapp, palette, settings.text_size)
        for page in self.window.built_pages():
            if hasattr(page, "set_palette"):
                page.set_palette(palette)

    def _built_page_ids(self) -> set[str]:
        return {page.page_id for page in self.window.built_pages()}

    def _on_settings_changed(self, settings: Settings) -> None:
        look = (settings.appearance, settings.text_size)
        if look != self._look:  # restyling every widget is costly; only when the look changed
            self._apply_look(settings)
        self._sync_autostart(settings)
        self.reduce_motion_changed.emit(self.reduce_motion)

    def _sync_autostart(self, settings: Settings) -> None:
        if starts_at_login(self.paths.autostart) == settings.start_at_login:
            return
        from companion.autostart import set_start_at_login
        from companion.desktop_entry import launch_command

        try:
            set_start_at_login(self.paths.autostart, settings.start_at_login, launch_command())
        except OSError as exc:
            self.window.add_notice(
                "Companion could not change whether it starts at login "
                f"({exc.strerror}). You can try again from Settings.")

    def _restore_window(self, settings: Settings) -> None:
        screen = QGuiApplication.primaryScreen()
        size = QSize(settings.window_width, settings.window_height)
        if screen is not None:
            size = size.boundedTo(screen.availableGeometry().size())
        self.window.resize(size)

    # --- closing ------------------------------------------------------------------------------

    def _window_may_close(self) -> bool:
        """Close the window: stay in the tray, stay in the background by choice, or quit."""
        if self.quitting:
            return True
        self.save_state()
        if self.tray is not None:
            if not self.model.settings.tray_notice_seen:
                self.tray.say_still_here()
                self.model.update(tray_notice_seen=True)
            return False
        if self.model.settings.keep_running_in_background:
            return False
        return self.request_quit()

    def request_quit(self) -> bool:
        """Quit, unless a quiet session still waits for the locked journal: then ask first.
        True when quitting now."""
        history = getattr(self, "history", None)
        if history is None or not history.held or self.quitting:
            self.quit()
            return True
        box = QMessageBox(self.window)
        box.setWindowTitle("A session is waiting to be kept")
        box.setIcon(QMessageBox.Icon.Question)
        box.setText("Your journal is locked, so your last quiet session has not been saved yet. "
                    "Unlock the journal to keep it, or quit without keeping it.")
        keep = box.addButton("Unlock my journal", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Quit without keeping it", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)

        def answered(_result: int) -> None:
            if box.clickedButton() is keep:
                self.window.show_page("journal")
                self.window.bring_to_front()
            else:
                self.quit()

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        box.open()
        self.held_box = box
        return False

    def save_state(self) -> None:
        """Remember the window's size and page."""
        if not self.model.saving_enabled:
            return
        maximized = self.window.isMaximized()
        size = self.window.normalGeometry().size() if maximized else self.window.size()
        changes = {"window_maximized": maximized, "last_page": self.window.current_page_id()}
        if size.width() >= 480 and size.height() >= 240:
            changes.update(window_width=size.width(), window_height=size.height())
        self.model.update(**changes)

    def quit(self) -> None:
        """Stop everything, save, and leave."""
        if self.quitting:
            return
        self.window.stop_all()
        self.save_state()
        self.quitting = True
        self.server.close()
        if self.tray is not None:
            self.tray.hide()
        self.dbus_pool.waitForDone(2000)
        self.inhibitor.uninhibit()
        if self.player is not None:
            self.player.close()
        if self.playlist is not None:
            self.playlist.stop()
        if self.audio is not None:
            self.audio.close()
        if self.reminders is not None:
            self.reminders.close()
        if "journal" in self._built_page_ids():
            self.window.page("journal").close_journal()  # type: ignore[attr-defined]
        self.window.close()
        self.qapp.quit()

    def confirm_delete_all(self) -> None:
        """Ask clearly, then delete every file of the user's and close."""
        box = QMessageBox(self.window)
        box.setWindowTitle("Delete all your data?")
        box.setIcon(QMessageBox.Icon.Question)
        box.setText("This removes everything Companion has kept on this computer: settings, "
                    "your journal and history, and the logs. It cannot be undone.")
        box.setInformativeText(delete_all_wording(self.paths, self.journal_folder()))
        delete = box.addButton("Delete everything", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep my data", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.finished.connect(lambda _r: self._delete_answered(box.clickedButton() is delete))
        box.open()
        self.delete_box = box

    def _delete_answered(self, confirmed: bool) -> None:
        if not confirmed:
            return
        from companion.wipe import delete_all_data

        self.window.stop_all()
        self.model.saving_enabled = False
        if "journal" in self._built_page_ids():  # nothing may write the journal again
            self.window.page("journal").lock("deleting", save=False)  # type: ignore[attr-defined]
        problems = delete_all_data(self.paths, self.journal_folder())
        if problems:
            log.warning("delete all: %d items remained", len(problems))
            QMessageBox.warning(self.window, "Some files remain",
                                "Companion could not remove everything:\n" + "\n".join(problems))
        self.quit()


def delete_all_wording(paths: Paths, journal: Path) -> str:
    """Exactly which folders go, and what a synced journal folder means."""
    folders = [str(folder) for folder in paths.user_folders()]
    text = "These folders are removed: " + ", ".join(folders) + "."
    if not journal.is_relative_to(paths.data):
        text += (f" In {journal}, only the journal's own files are removed (anything else "
                 "there stays). If that folder is synced, the deletion reaches every computer it "
                 "is synced with.")
    return text + " Companion will close afterwards and start fresh next time."


def _needs_display_message() -> str | None:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return ("companion: no graphical desktop was found (neither DISPLAY nor WAYLAND_DISPLAY is "
            "set). Start Companion from your desktop session, or run it without a screen with "
            "QT_QPA_PLATFORM=offscreen.")


def run_gui(args: argparse.Namespace, paths: Paths) -> int:
    """Open the window (or hand the request to the running one) and run until quit."""
    message = _needs_display_message()
    if message:
        print(message, file=sys.stderr)
        return 1
    QGuiApplication.setDesktopFileName(APP_NAME)
    existing = QApplication.instance()
    qapp = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    qapp.setApplicationName(APP_NAME)
    qapp.setApplicationDisplayName(APP_TITLE)
    qapp.setApplicationVersion(__version__)
    if send_to_running(paths.instance_key(), args.page, args.start):
        log.info("handed the request to the running window")
        return 0
    from companion.ui.shell.unix_signals import UnixSignalBridge

    app = CompanionApp(qapp, paths, SystemClock())
    bridge = UnixSignalBridge(app)

    def on_signal(signum: int) -> None:
        log.info("signal %d: quitting", signum)
        app.quit()

    bridge.terminate.connect(on_signal)
    report = os.environ.get(FIRST_PAINT_ENV)
    if report:
        def report_and_quit() -> None:
            Path(report).write_text(f"{time.monotonic()!r}\n")
            app.quit()

        app.window.first_paint.connect(report_and_quit)
    app.show(args.page, args.start, args.background)
    from companion.ui.relax.voice_renderer import AUTO_RENDER_DELAY_MS

    QTimer.singleShot(AUTO_RENDER_DELAY_MS, app.prepare_voice_if_needed)
    if args.verbose:
        print("companion: ready", flush=True)  # tests and scripts wait for these lines
        app.window.first_paint.connect(lambda: QTimer.singleShot(
            0, lambda: print("companion: window painted", flush=True)))  # after the flush to X
    code = qapp.exec()
    bridge.restore()
    log.info("quit with code %d", code)
    return code
