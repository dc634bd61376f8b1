"""The tray icon where the desktop has a tray: Open and Quit, and a one-time 'still here' note."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from companion.i18n import _


def tray_available() -> bool:
    """Whether the desktop shows tray icons (False offscreen and on GNOME without an extension)."""
    return QSystemTrayIcon.isSystemTrayAvailable()


class TrayController(QObject):
    """Owns the tray icon and its menu; later features add their own actions to menu."""

    open_requested = Signal()
    breathe_requested = Signal()
    relax_requested = Signal()
    pause_reminders_requested = Signal()
    quit_requested = Signal()

    def __init__(self, icon: QIcon, parent: QObject | None = None):
        super().__init__(parent)
        self.menu = QMenu()
        open_action = QAction(_("Open Companion"), self.menu)
        open_action.triggered.connect(self.open_requested.emit)
        breathe_action = QAction(_("Breathe now"), self.menu)
        breathe_action.triggered.connect(self.breathe_requested.emit)
        relax_action = QAction(_("Relax now"), self.menu)
        relax_action.triggered.connect(self.relax_requested.emit)
        pause_action = QAction(_("Pause reminders for an hour"), self.menu)
        pause_action.triggered.connect(self.pause_reminders_requested.emit)
        quit_action = QAction(_("Quit"), self.menu)
        quit_action.triggered.connect(self.quit_requested.emit)
        self.menu.addAction(open_action)
        self.menu.addAction(breathe_action)
        self.menu.addAction(relax_action)
        self.menu.addAction(pause_action)
        self.menu.addSeparator()
        self.menu.addAction(quit_action)
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setToolTip(_("Companion"))
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)
        self.icon.show()

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger,
                      QSystemTrayIcon.ActivationReason.DoubleClick):
            self.open_requested.emit()

    def say_still_here(self) -> None:
        """Tell the user, once, that closing the window left Companion in the tray."""
        self.icon.showMessage(_("Companion is still here"),
                              _("It keeps running in the tray. Choose Quit from its menu to close it."),
                              QSystemTrayIcon.MessageIcon.Information, 8000)

    def show_reminder(self, title: str, text: str) -> bool:
        """A tray balloon (the fallback when no notification service answers)."""
        if not QSystemTrayIcon.supportsMessages():
            return False
        self.icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 15000)
        return True

    def hide(self) -> None:
        self.icon.hide()
