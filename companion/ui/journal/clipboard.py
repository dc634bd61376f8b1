"""What the journal puts on the clipboard does not outlive the unlocked journal: on lock, the
clipboard and the X11 primary selection are emptied when they hold text that came from the
journal (copied, cut or just selected there). The recovery key is offered to clipboard managers
as a secret (x-kde-passwordManagerHint) and taken back after a minute and on lock."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

SECRET_HINT = "x-kde-passwordManagerHint"
SECRET_SECONDS = 60
MODES = (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection)


class JournalClipboard(QObject):
    def __init__(self, page: QWidget):
        super().__init__(page)
        self._page = page
        self._from_journal: dict[QClipboard.Mode, str] = {}
        self._secret = ""
        self.secret_timer = QTimer(self)
        self.secret_timer.setObjectName("journal-secret-clipboard")
        self.secret_timer.setSingleShot(True)
        self.secret_timer.setInterval(SECRET_SECONDS * 1000)
        self.secret_timer.timeout.connect(self.take_back_secret)
        QGuiApplication.clipboard().changed.connect(self._changed)

    def _changed(self, mode: QClipboard.Mode) -> None:
        focus = QApplication.focusWidget() or self._page.window().focusWidget()
        if focus is not None and (focus is self._page or self._page.isAncestorOf(focus)):
            text = QGuiApplication.clipboard().text(mode)
            if text and text != self._secret:
                self._from_journal[mode] = text

    def copy_secret(self, text: str) -> None:
        """The recovery key, marked secret for clipboard managers, taken back in a minute."""
        data = QMimeData()
        data.setText(text)
        data.setData(SECRET_HINT, b"secret")
        self._secret = text
        QGuiApplication.clipboard().setMimeData(data)
        self.secret_timer.start()

    def take_back_secret(self) -> None:
        self.secret_timer.stop()
        clipboard = QGuiApplication.clipboard()
        if self._secret and clipboard.text() == self._secret:
            clipboard.clear()
        self._secret = ""

    def forget(self, journal_texts: list[str]) -> None:
        """Empty the clipboard and the selection where they hold the journal's words."""
        self.take_back_secret()
        clipboard = QGuiApplication.clipboard()
        for mode in MODES:
            if mode == QClipboard.Mode.Selection and not clipboard.supportsSelection():
                continue
            held = clipboard.text(mode)
            came = self._from_journal.get(mode)
            if held and (held == came or any(held in text for text in journal_texts if text)):
                clipboard.clear(mode)
        self._from_journal.clear()
