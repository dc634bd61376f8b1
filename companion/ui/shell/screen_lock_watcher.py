"""Tells when the screen locks or the machine is about to sleep (freedesktop and GNOME screen
savers on the session bus, login1 on the system bus), so the journal can lock itself."""

from __future__ import annotations

import logging

from PySide6.QtCore import SLOT, QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection

from companion.i18n import _

log = logging.getLogger(__name__)

SCREEN_SAVERS = (("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
                 ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"))


class ScreenLockWatcher(QObject):
    """away() when the screen locks or the system suspends; listens only, never polls."""

    away = Signal(str)
    woke = Signal()  # the machine resumed from sleep: timers may have slept too

    def __init__(self, session: QDBusConnection | None = None,
                 system: QDBusConnection | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.listening: list[str] = []
        session = session if session is not None else QDBusConnection.sessionBus()
        system = system if system is not None else QDBusConnection.systemBus()
        if session.isConnected():
            for path, interface in SCREEN_SAVERS:
                if session.connect("", path, interface, "ActiveChanged", self,  # type: ignore[call-overload]
                                   SLOT("_screen_saver(bool)")):
                    self.listening.append(interface)
        if system.isConnected() and system.connect(  # type: ignore[call-overload]
                "org.freedesktop.login1", "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager", "PrepareForSleep", self,
                SLOT("_prepare_for_sleep(bool)")):
            self.listening.append("org.freedesktop.login1")
        log.info("watching for screen lock and sleep: %s", ", ".join(self.listening) or "nothing")

    @Slot(bool)
    def _screen_saver(self, active: bool) -> None:
        if active:
            self.away.emit("screen locked")

    @Slot(bool)
    def _prepare_for_sleep(self, going: bool) -> None:
        if going:
            self.away.emit(_("going to sleep"))
        else:
            self.woke.emit()
