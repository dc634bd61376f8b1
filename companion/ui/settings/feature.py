"""Settings: the page, starting at login (kept in step with the setting), and deleting all data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.desktop.autostart import starts_at_login
from companion.i18n import _
from companion.settings import Settings
from companion.ui.shell.feature import Feature

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from companion.ui.settings.page import SettingsPage


class SettingsFeature(Feature):
    page_id = "settings"

    def start(self) -> None:
        self.delete_box: QMessageBox | None = None  # kept while open (and for tests)
        self.services.model.changed.connect(self.sync_autostart)
        self.sync_autostart(self.services.model.settings)

    def build_page(self) -> SettingsPage:
        from companion.ui.settings.page import SettingsPage

        services = self.services
        page = SettingsPage(services.model, services.paths)
        if services.voice is not None:
            page.set_voice_renderer(services.voice.renderer())
        page.delete_all_requested.connect(self.confirm_delete_all)
        page.set_system_motion(services.system_reduced_motion)
        services.system_motion_changed.connect(page.set_system_motion)
        return page

    def confirm_delete_all(self) -> None:
        from companion.ui.settings.delete_all import confirm_delete_all

        self.delete_box = confirm_delete_all(self.services)

    def sync_autostart(self, settings: Settings) -> None:
        """Start at login exactly when the setting says so."""
        autostart = self.services.paths.autostart
        if starts_at_login(autostart) == settings.start_at_login:
            return
        from companion.desktop.autostart import set_start_at_login
        from companion.desktop.desktop_entry import launch_command

        self.services.save_or_say(
            lambda: set_start_at_login(autostart, settings.start_at_login, launch_command()),
            _("Companion could not change whether it starts at login ({reason}). You can try "
            "again from Settings."))
