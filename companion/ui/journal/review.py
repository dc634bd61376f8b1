"""A card that names something found in the journal folder that only the person may accept: an
older copy put back, a deleted entry come back, an entry removed outside Companion, or one written
with an earlier key. Two plain choices; nothing is decided for them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QWidget

from companion.i18n import _
from companion.journal.vault import Review
from companion.ui.shell.base_page import card_in


class ReviewCardWidget(QWidget):
    """decided(True) to keep, decided(False) to discard the review shown."""

    decided = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        inner = card_in(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setMaximumHeight(90)
        self.text.setAccessibleName(_("The entry's text"))
        buttons = QHBoxLayout()
        self.keep_button = QPushButton()
        self.discard_button = QPushButton()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        inner.addWidget(self.label)
        inner.addWidget(self.text)
        inner.addLayout(buttons)
        self.keep_button.clicked.connect(lambda: self.decided.emit(True))
        self.discard_button.clicked.connect(lambda: self.decided.emit(False))
        self.hide()

    def show_review(self, review: Review | None, waiting: int) -> None:
        if review is None:
            self.text.clear()
            self.hide()
            return
        more = _(" ({value} more after this one.)").format(value=waiting - 1) if waiting > 1 else ""
        self.label.setText(_("{text}. Nothing was changed; what would you like to do?{more}")
                             .format(text=review.text, more=more))
        self.text.setPlainText(review.entry.body if review.entry is not None else "")
        self.text.setVisible(review.entry is not None)
        keep, discard = review.choices
        self.keep_button.setText(keep)
        self.keep_button.setVisible(bool(keep))
        self.discard_button.setText(discard)
        self.show()

    def forget(self) -> None:
        self.text.clear()
        self.hide()
