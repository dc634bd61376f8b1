"""A calm, dismissible notice shown above the page (never a red alarm, never a modal)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from companion.i18n import _


class NoticeWidget(QFrame):
    """One message with a 'Got it' button that removes it."""

    dismissed = Signal()

    def __init__(self, text: str, parent=None):
        super().__init__(parent)
        self.setProperty("role", "notice")
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 12, 12, 12)
        row.setSpacing(12)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setAccessibleName(_("Notice"))
        self.label.setAccessibleDescription(text)
        button = QPushButton(_("Got it"))
        button.setAccessibleName(_("Dismiss this notice"))
        button.clicked.connect(self._dismiss)
        row.addWidget(self.label, 1)
        row.addWidget(button)
        self._row = row

    def add_action(self, label: str, act) -> QPushButton:
        """A button before 'Got it' that does something, then dismisses the notice."""
        button = QPushButton(label)
        button.setProperty("role", "primary")
        button.clicked.connect(act)
        button.clicked.connect(self._dismiss)
        self._row.insertWidget(1, button)
        return button

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
        self.deleteLater()
