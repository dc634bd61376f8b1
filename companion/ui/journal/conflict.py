"""Two versions of one entry that a sync tool kept: both shown side by side, each named by when
(and, where the sync tool says, on which device) it was saved; keep either, or both."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QWidget

from companion.i18n import _
from companion.journal.vault import Conflict
from companion.ui.shell.base_page import card_in


class ConflictCardWidget(QWidget):
    """decided('original' | 'copy' | 'both') for the conflict shown."""

    decided = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        inner = card_in(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        versions = QGridLayout()
        self.names = (QLabel(), QLabel())
        self.texts = (QPlainTextEdit(), QPlainTextEdit())
        for column, (name, text) in enumerate(zip(self.names, self.texts, strict=True)):
            name.setProperty("role", "muted")
            text.setReadOnly(True)
            text.setMaximumHeight(110)
            versions.addWidget(name, 0, column)
            versions.addWidget(text, 1, column)
        buttons = QHBoxLayout()
        self.keep_buttons = {"original": QPushButton(_("Keep the first")),
                             "copy": QPushButton(_("Keep the second")),
                             "both": QPushButton(_("Keep both"))}
        for keep, button in self.keep_buttons.items():
            button.clicked.connect(lambda _c=False, k=keep: self.decided.emit(k))
            buttons.addWidget(button)
        buttons.addStretch(1)
        inner.addWidget(self.label)
        inner.addLayout(versions)
        inner.addLayout(buttons)
        self.hide()

    def show_conflict(self, conflict: Conflict | None) -> None:
        if conflict is None:
            self.forget()
            return
        self.label.setText(_("Two versions of “{heading}” were found: a syncing app kept both. Nothing is "
                             "lost. Which would you like to keep?").format(heading=conflict.copy.heading))
        bodies = (conflict.original.body if conflict.original is not None else "",
                  conflict.copy.body)
        for name, text, label, body in zip(self.names, self.texts, conflict.labels, bodies,
                                           strict=True):
            name.setText(label)
            text.setPlainText(body)
            text.setAccessibleName(_("The version {value}{value2}")
                                     .format(value=label[0].lower(), value2=label[1:]))
        self.keep_buttons["original"].setVisible(conflict.original is not None)
        self.show()

    def forget(self) -> None:
        for text in self.texts:
            text.clear()
        self.hide()
