"""Reminders: gentle nudges, which run whether or not the window shows (the service is made just
after the first paint), and their page."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from companion.i18n import _
from companion.ui.shell.feature import Feature

if TYPE_CHECKING:
    from companion.ui.reminders.page import RemindersPage
    from companion.ui.reminders.service import ReminderService


class RemindersFeature(Feature):
    page_id = "reminders"

    def start(self) -> None:
        self._service: ReminderService | None = None
        self.services.reminders = self
        self.services.session_changed.connect(self._session_changed)
        if self.services.tray is not None:  # the tray's Pause reminders for an hour
            self.services.tray.pause_reminders_requested.connect(self.pause_for_an_hour)

    def arm_soon(self) -> None:
        """After the first paint: the reminders arm one timer."""
        QTimer.singleShot(0, self.service)

    def build_page(self) -> RemindersPage:
        from companion.ui.reminders.page import RemindersPage

        return RemindersPage(self.service())

    def service(self) -> ReminderService:
        """The reminders, running whether or not the window shows (made on first use)."""
        if self._service is None:
            from companion.reminders.schedule import system_zone
            from companion.reminders.store import ReminderStore
            from companion.ui.reminders.service import ReminderService

            services = self.services
            store = ReminderStore(services.paths.config / "reminders.toml", services.clock)
            balloon = services.tray.show_reminder if services.tray is not None else None
            service = ReminderService(store, services.clock, system_zone(), self._banner,
                                      balloon, busy=services.in_exercise, parent=self)
            service.open_requested.connect(services.request.emit)
            service.checkin_requested.connect(self._later_check_in)
            services.screen_watcher().woke.connect(service.clock_changed)  # re-arm after sleep
            for notice in service.notices():
                services.notice(notice)
            self._service = service
        return self._service

    def _banner(self, text: str, rule) -> None:
        notice = self.services.notice(text)
        if rule.kind.page:
            notice.add_action(_("Start"), lambda: self.service().start(rule))

    def _later_check_in(self) -> None:
        if self.services.sessions is not None:
            self.services.sessions.later_check_in()

    def _session_changed(self, active: bool) -> None:
        if not active:
            self.session_ended()

    def session_ended(self) -> None:
        if self._service is not None:
            self._service.session_ended()

    def pause_for_an_hour(self) -> None:
        self.service().pause_for_an_hour()

    def remind_later(self, minutes: int) -> None:
        """A one-off check-in reminder in this many minutes."""
        from companion.reminders.rules import Kind, Rule, new_id

        service = self.service()
        rule = Rule(new_id(), Kind.CHECKIN,
                    once_at=self.services.clock.now() + timedelta(minutes=minutes))
        service.set_rules([*service.reminders.rules, rule])

    def close(self) -> None:
        if self._service is not None:
            self._service.close()
