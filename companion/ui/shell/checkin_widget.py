"""A mood check-in: distress from 0 to 10, one pleasant-to-unpleasant choice, optional words."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.i18n import _
from companion.sessions.checkin import FEELING_WORDS, VALENCE, CheckIn
from companion.ui.shell.base_page import card
from companion.ui.shell.calm_slider import CalmSlider
from companion.ui.shell.theme import GAP

COMPACT = "padding: 6px 6px;"  # small toggle buttons: room for the words
DISTRESS_WORDS = {0: _("completely calm"), 3: _("a little unsettled"), 5: _("uneasy"), 7: _("very upset"),
                  10: _("the worst I can imagine")}


class CheckInWidget(QWidget):
    """given(CheckIn) on Continue; skipped() on 'Skip this'."""

    given = Signal(object)
    skipped = Signal()
    help_requested = Signal()
    calmer_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(GAP)
        frame, inner = card()
        self.heading = QLabel()
        self.heading.setProperty("role", "heading")
        self.heading.setWordWrap(True)
        self.distress = CalmSlider()
        self.distress.setRange(0, 10)
        self.distress.setPageStep(1)
        self.distress.setAccessibleName(_("How distressed do you feel, 0 to 10"))
        self.distress_label = QLabel()
        self.distress_label.setWordWrap(True)
        self.chosen = False  # a default is never recorded as an answer
        self.valence_chosen = False
        self.distress.valueChanged.connect(self._show_distress)
        self.distress.actionTriggered.connect(self._chose)  # keys, clicks and drags
        self.distress.sliderPressed.connect(self._chose)
        feel = QLabel(_("Right now it feels…"))
        valence_row = QHBoxLayout()
        self.valence = QButtonGroup(self)
        self.valence.setExclusive(True)
        self.valence.buttonClicked.connect(self._valence_clicked)
        unpleasant = QLabel(_("unpleasant"))
        unpleasant.setProperty("role", "muted")
        valence_row.addWidget(unpleasant)
        for value, words in VALENCE.items():
            button = QPushButton(str(value))
            button.setCheckable(True)
            button.setToolTip(words)
            button.setAccessibleName(_("It feels {words}").format(words=words))
            button.setStyleSheet(COMPACT)
            self.valence.addButton(button, value)
            valence_row.addWidget(button)
        pleasant = QLabel(_("pleasant"))
        pleasant.setProperty("role", "muted")
        valence_row.addWidget(pleasant)
        words_label = QLabel(_("Any words that fit? (optional)"))
        words_label.setProperty("role", "muted")
        words_grid = QGridLayout()
        self.word_buttons: list[QPushButton] = []
        for index, word in enumerate(FEELING_WORDS):
            button = QPushButton(word)
            button.setCheckable(True)
            button.setStyleSheet(COMPACT)
            self.word_buttons.append(button)
            words_grid.addWidget(button, index // 7, index % 7)
        self.care_row = QWidget()  # before a session, at 8 or more: help and a calmer flow
        self.care_row.setObjectName("careRow")
        self.care_row.setStyleSheet("#careRow { background: transparent; }")  # the card shows
        care = QVBoxLayout(self.care_row)
        care.setContentsMargins(0, 0, 0, 0)
        care.setSpacing(GAP)
        care_text = QLabel(_("That sounds like a lot to hold. If talking to someone would help, "
                           "they are there now. Or you could start with something calmer."))
        care_text.setWordWrap(True)
        care_buttons = QHBoxLayout()
        self.care_help = QPushButton(_("Need help now?"))
        self.care_help.setProperty("role", "help")
        self.care_calmer = QPushButton(_("Try Wind down instead"))
        care_buttons.addWidget(self.care_help)
        care_buttons.addWidget(self.care_calmer)
        care_buttons.addStretch(1)
        care.addWidget(care_text)
        care.addLayout(care_buttons)
        self.care_row.hide()
        self.offer_care = False
        self.care_help.clicked.connect(self.help_requested.emit)
        self.care_calmer.clicked.connect(self.calmer_requested.emit)
        buttons = QHBoxLayout()
        self.continue_button = QPushButton(_("Continue"))
        self.continue_button.setProperty("role", "primary")
        self.skip_button = QPushButton(_("Skip this"))
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.continue_button)
        for widget in (self.heading, self.distress, self.distress_label, feel):
            inner.addWidget(widget)
        inner.addLayout(valence_row)
        inner.addWidget(words_label)
        inner.addLayout(words_grid)
        inner.addWidget(self.care_row)
        inner.addLayout(buttons)
        layout.addWidget(frame)
        layout.addStretch(1)
        self.continue_button.clicked.connect(self._give)
        self.skip_button.clicked.connect(self.skipped.emit)
        self.reset(_("How are you, right now?"))

    def reset(self, question: str, offer_care: bool = False,
              calmer: str = _("Try Wind down instead")) -> None:
        """A fresh check-in; offer_care shows help and something calmer at 8 or more (before a
        session or writing: gently, beside Continue, never in the way)."""
        self.offer_care = offer_care
        self.care_calmer.setText(calmer)
        self.care_row.hide()
        self.heading.setText(question)
        self.distress.setValue(5)
        self.chosen = False
        self._show_distress(5)
        self.valence.setExclusive(False)
        for button in self.valence.buttons():
            button.setChecked(False)
        self.valence.setExclusive(True)
        self.valence_chosen = False  # none is preselected: a default is never an answer
        for button in self.word_buttons:
            button.setChecked(False)

    def _valence_clicked(self, *_args: object) -> None:
        self.valence_chosen = True

    def _chose(self, *_args: object) -> None:
        self.chosen = True
        self._show_distress(self.distress.value())

    def _show_distress(self, value: int) -> None:
        if self.sender() is self.distress:
            self.chosen = True  # set by the program (or a test) on the person's behalf
        if not self.chosen:
            self.distress_label.setText(_("Distress: not chosen yet. Move the slider: 0 is "
                                        "completely calm, 10 the worst you can imagine."))
            self.distress.setAccessibleDescription(self.distress_label.text())
            return
        self.care_row.setVisible(self.offer_care and value >= 8)
        nearest = max(k for k in DISTRESS_WORDS if k <= value)
        words = DISTRESS_WORDS[nearest] if value == nearest else ""
        said = _(", {words}").format(words=words) if words else ""
        self.distress_label.setText(_("Distress: {value} of 10").format(value=value) + said)
        self.distress.setAccessibleDescription(self.distress_label.text())

    def current(self) -> CheckIn:
        words = tuple(b.text() for b in self.word_buttons if b.isChecked())
        chosen = self.valence.checkedId()
        return CheckIn(self.distress.value(), chosen if chosen > 0 else None, words)

    def keyPressEvent(self, event) -> None:
        """Enter answers (Continue), wherever the focus is in the check-in."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._give()
            return
        super().keyPressEvent(event)

    def _give(self) -> None:
        if not self.chosen:
            self.distress_label.setText(_("Choose a number on the slider first (0 to 10), or "
                                        "press Skip this. Either is fine."))
            self.distress.setFocus()
            return
        self.given.emit(self.current())
