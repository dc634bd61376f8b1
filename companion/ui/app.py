"""The composition root: makes the shared services, registers the features, and runs the app's
own life (showing, the welcome, later launches, closing and quitting)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

import shiboken6
from PySide6.QtCore import QObject, QSize
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from companion.clock import Clock
from companion.i18n import language
from companion.paths import Paths
from companion.resources import asset
from companion.settings import Settings, SettingsStore
from companion.ui.breathe.feature import BreatheFeature
from companion.ui.home.feature import HomeFeature
from companion.ui.journal.feature import JournalFeature
from companion.ui.progress.feature import ProgressFeature
from companion.ui.relax.feature import RelaxFeature
from companion.ui.reminders.feature import RemindersFeature
from companion.ui.session.feature import SessionFeature
from companion.ui.settings.feature import SettingsFeature
from companion.ui.shell.feature import Feature
from companion.ui.shell.main_window import MainWindow
from companion.ui.shell.qt_language import apply_locale
from companion.ui.shell.services import Services
from companion.ui.shell.settings_model import SettingsModel
from companion.ui.shell.single_instance import InstanceServer
from companion.ui.shell.theme import Palette, apply_theme, palette_for
from companion.ui.shell.tray import TrayController, tray_available
from companion.ui.sounds.feature import SoundsFeature

if TYPE_CHECKING:
    from companion.audio.engine import AudioEngine
    from companion.ui.home.page import HomePage
    from companion.ui.settings.page import SettingsPage
    from companion.ui.shell.welcome_dialog import WelcomeDialog

log = logging.getLogger(__name__)

# In the order their pages are listed; each offers the others what it offers through Services.
FEATURES: tuple[type[Feature], ...] = (
    HomeFeature, SessionFeature, BreatheFeature, RelaxFeature, JournalFeature, SoundsFeature,
    RemindersFeature, ProgressFeature, SettingsFeature)
F = TypeVar("F", bound=Feature)


class CompanionApp(QObject):
    """One running app: settings, window, tray, single-instance server and the features."""

    def __init__(self, qapp: QApplication, paths: Paths, clock: Clock,
                 tray_enabled: bool | None = None,
                 audio_opener: Callable[[], AudioEngine | str] | None = None):
        super().__init__()
        self.quitting = False
        self.qapp, self.paths, self.clock = qapp, paths, clock
        apply_locale(language())  # day and month names in the app's language
        self.store = SettingsStore(paths.settings_file, clock)
        loaded = self.store.load()
        self.model = SettingsModel(self.store, loaded.settings, self)
        self.icon = QIcon(str(asset("icons/companion.svg")))
        qapp.setWindowIcon(self.icon)
        self.welcome_dialog: WelcomeDialog | None = None  # kept while shown (and for tests)
        self._start_after_welcome: str | None = None  # a page to start once the welcome closes
        palette = self._apply_theme(self.model.settings)  # before any widget: each is styled once
        self.window = MainWindow()
        self.window.set_palette(palette)
        self.window.close_handler = self._window_may_close
        self.services = Services(qapp, paths, clock, self.model, self.window, audio_opener, self)
        self.services.quit = self.quit
        self.services.request.connect(self.handle_request)
        use_tray = tray_available() if tray_enabled is None else tray_enabled
        self.tray = TrayController(self.icon, self) if use_tray else None
        self.services.tray = self.tray
        self.features = [kind(self.services) for kind in FEATURES]
        for feature in self.features:
            self.window.set_factory(feature.page_id, feature.build_page)
            feature.start()
        self.model.changed.connect(self._on_settings_changed)
        self.model.save_failed.connect(self.window.add_notice)
        for notice in loaded.notices:
            self.window.add_notice(notice)
        if self.tray is not None:  # the app's own entries; features wire theirs (Breathe now, ...)
            self.tray.open_requested.connect(self.window.bring_to_front)
            self.tray.quit_requested.connect(self.request_quit)
        self.server = InstanceServer(paths.instance_key(), self)  # listens from the first paint
        self.server.request.connect(self.handle_request)
        qapp.setQuitOnLastWindowClosed(False)
        qapp.aboutToQuit.connect(self.save_state)
        qapp.styleHints().colorSchemeChanged.connect(lambda: self._apply_look(self.model.settings))
        self._restore_window(self.model.settings)

    def feature(self, kind: type[F]) -> F:
        """The registered feature of this kind."""
        return next(f for f in self.features if isinstance(f, kind))

    def reminder_service(self):
        return self.feature(RemindersFeature).service()

    @property
    def home_page(self) -> HomePage:
        return cast("HomePage", self.window.page("home"))

    @property
    def settings_page(self) -> SettingsPage:
        return cast("SettingsPage", self.window.page("settings"))

    # --- start-up -----------------------------------------------------------------------------

    def show(self, page: str | None, start: bool, background: bool) -> None:
        """Open on a page; start hidden only where the user can get back (tray or background)."""
        self.window.show_page(page or self.model.settings.last_page)
        can_hide = self.tray is not None or self.model.settings.keep_running_in_background
        if not (background and can_hide):
            (self.window.showMaximized if self.model.settings.window_maximized else self.window.show)()
            self.window.first_paint.connect(self._after_first_paint)
        else:
            self.feature(RemindersFeature).arm_soon()
            self.server.listen()
        if start and not self.model.settings.welcome_seen and self.window.isVisible():
            self._start_after_welcome = self.window.current_page_id()  # never behind the card
        elif start:
            self.window.page(self.window.current_page_id()).start_main_action()

    def _after_first_paint(self) -> None:
        log.info("window shown")
        self.server.listen()
        self.feature(RemindersFeature).arm_soon()  # its store, time zones and sleep watcher
        if not self.model.settings.welcome_seen:
            self.show_welcome()
        if self.services.system_reduced_motion is None and sys.platform.startswith("linux"):
            from companion.desktop.motion import system_prefers_reduced_motion
            from companion.ui.shell.workers import run_in_background

            run_in_background(system_prefers_reduced_motion, self.services.set_system_motion,
                              self)

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

    # --- live changes -------------------------------------------------------------------------

    def handle_request(self, page: str | None, start: bool) -> None:
        """A later launch (or a reminder) asked for the window, and maybe a page."""
        log.info("request from another launch: page=%s start=%s", page, start)
        dialog = self.welcome_dialog
        if start and page is not None and dialog is not None and shiboken6.isValid(dialog) \
                and dialog.isVisible():
            self.window.show_page(page)
            self._start_after_welcome = page  # starts when the welcome is closed
        elif page is not None:
            self.window.show_page(page, start=start)
        self.window.bring_to_front()

    def _apply_theme(self, settings: Settings) -> Palette:
        self._look = (settings.appearance, settings.text_size)
        palette = palette_for(settings.appearance)
        apply_theme(self.qapp, palette, settings.text_size)
        return palette

    def _apply_look(self, settings: Settings) -> None:
        palette = self._apply_theme(settings)
        self.window.set_palette(palette)
        for page in self.window.built_pages():
            if hasattr(page, "set_palette"):
                page.set_palette(palette)

    def _on_settings_changed(self, settings: Settings) -> None:
        if (settings.appearance, settings.text_size) != self._look:  # restyling is costly
            self._apply_look(settings)
        self.services.reduce_motion_changed.emit(self.services.reduce_motion)

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
        if not self.quitting and self.feature(SessionFeature).ask_before_quitting(self.quit):
            return False
        self.quit()
        return True

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
        for feature in self.features:
            feature.close()
        self.services.close()
        self.window.close()
        self.qapp.quit()
