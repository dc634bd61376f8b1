"""The check-in that comes back about 90 minutes after a quiet session: how are you now?
Mood often dips just after a hard session or a cry and lifts later, so this rating is kept beside
the session's own before and after."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from companion.i18n import _
from companion.sessions.checkin import CheckIn
from companion.ui.shell.checkin_widget import CheckInWidget
from companion.ui.shell.theme import GAP

log = logging.getLogger(__name__)

KEPT_WORDS = {
    "saved": _("Thank you. It is kept, encrypted, beside your session in the journal."),
    "held": _("Thank you. Your journal is locked: this will be saved when you next unlock it."),
    "no-journal": _("Thank you. Nothing was kept: there is no journal yet."),
    "off": _("Thank you. Nothing was kept: session history is switched off."),
    "failed": _("Thank you. This could not be saved; nothing else is affected."),
}


class LaterCheckInView(QWidget):
    """finished() when the person is done here (answered or skipped); keep(feeling) stores the
    answer and says where it went ('saved', 'held', 'no-journal', 'off' or 'failed')."""

    finished = Signal()

    def __init__(self, keep: Callable[[CheckIn], str], parent: QWidget | None = None):
        super().__init__(parent)
        self._keep = keep
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(GAP)
        self.intro = QLabel(_("A while after a quiet session, feelings often settle differently: "
                            "mood can dip just after a hard moment and lift later. There is no "
                            "right answer."))
        self.intro.setWordWrap(True)
        self.checkin = CheckInWidget()
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.done_button = QPushButton(_("Done"))
        self.done_button.setProperty("role", "primary")
        done_row = QHBoxLayout()
        done_row.addStretch(1)
        done_row.addWidget(self.done_button)
        layout.addWidget(self.intro)
        layout.addWidget(self.checkin, 1)
        layout.addWidget(self.result)
        layout.addLayout(done_row)
        self.checkin.given.connect(self._given)
        self.checkin.skipped.connect(self.finished.emit)
        self.done_button.clicked.connect(self.finished.emit)
        self.reset()

    def reset(self) -> None:
        self.checkin.reset(_("How are you now?"), offer_care=True)
        self.checkin.show()
        self.intro.show()
        self.result.hide()
        self.done_button.hide()

    def keep_quietly(self, feeling: CheckIn) -> str:
        """Store the answer; 'failed' (logged) when it cannot be, without raising."""
        try:
            return self._keep(feeling)
        except Exception as exc:  # a full disk, say: the answer is lost, nothing else is
            log.warning("later check-in not kept: %s", exc)
            return "failed"

    def _given(self, feeling: CheckIn | None) -> None:
        if feeling is None:
            self.finished.emit()
            return
        kept = self.keep_quietly(feeling)
        self.checkin.hide()
        self.intro.hide()
        self.result.setText(KEPT_WORDS[kept])
        self.result.show()
        self.done_button.show()
        self.done_button.setFocus()
