"""The first-run welcome: what Companion is, and what it is not."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from companion.i18n import _

WELCOME_TEXT = (
    _("<p>This is a quiet place for you: slow breathing, soft sounds, gentle relaxation and "
    "somewhere private to write.</p>"
    "<p><b>It stays on this computer.</b> Companion works offline and sends nothing anywhere: "
    "no accounts, no tracking.</p>"
    "<p><b>Go at your own pace.</b> You can pause or stop anything at any moment: press Esc. "
    "If tears come, they are welcome here.</p>"
    "<p><b>A companion, not a substitute for care.</b> Companion helps you relax; it does not "
    "treat any condition. If things feel like too much, the <i>Need help now?</i> button is "
    "on every page.</p>")
)


class WelcomeDialog(QDialog):
    """Shown once, the first time the app opens."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Welcome to Companion"))
        self.setMinimumWidth(500)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 24)
        layout.setSpacing(16)
        title = QLabel(_("Welcome"))
        title.setProperty("role", "title")
        text = QLabel(WELCOME_TEXT)
        text.setObjectName("welcomeText")
        text.setWordWrap(True)
        text.setFixedWidth(text.fontMetrics().averageCharWidth() * 60)  # wrapped text needs a width
        row = QHBoxLayout()
        row.addStretch(1)
        self.begin_button = QPushButton(_("When you're ready, begin"))
        self.begin_button.setProperty("role", "primary")
        self.begin_button.setAccessibleName(_("Close the welcome and begin"))
        self.begin_button.setDefault(True)
        self.begin_button.clicked.connect(self.accept)
        row.addWidget(self.begin_button)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addLayout(row)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetFixedSize)  # grow to fit all text
