"""The Relax page's widgets, laid out: the chooser card (scripts, areas to leave out, voice and
pace), the words and the body outline, the first-time note, the rating and the controls.
RelaxChoices (choices.py) and RelaxPage (page.py) build on this."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from companion.i18n import _
from companion.relax.progress import Answer
from companion.ui.relax.body_outline import BodyOutlineWidget
from companion.ui.shell.base_page import BasePage, card, choice_list
from companion.ui.shell.calm_slider import CalmSlider
from companion.ui.shell.theme import GAP, TYPE_BODY, TYPE_HEADING, TYPE_WORDS, text_scale
from companion.ui.shell.words_label import WordsLabel

PMR_NOTE = (_("<p><b>Before you begin</b></p>"
            "<p>Tense firmly, but never to the point of pain, and only gently where something "
            "hurts. Keep breathing while you tense.</p>"
            "<p>Leave out an area, or choose the body scan, which asks for no tensing at all, if "
            "you are pregnant (leave out the belly), have high blood pressure or a heart "
            "condition, a recent injury or surgery, or live with pain, arthritis or cramps. You "
            "can leave out any area below.</p>"))


CHOOSER_WIDTH = 290
QWIDGETSIZE_MAX = 16_777_215


class RelaxView(BasePage):
    """Every widget of the Relax page, with nothing connected yet."""

    help_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("relaxPage")
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.columns.setContentsMargins(16, 12, 24, 20)  # the card's title where every page has it
        self.columns.setSpacing(24)
        self.chooser = self._build_chooser()
        self.player_column = self._build_player()
        self.columns.addWidget(self.chooser, 0)
        self.columns.addLayout(self.player_column, 1)

    def set_session_view(self, on: bool) -> None:
        """While a script plays, the words, the outline and the controls have the page; the
        chooser waits until it ends. Need help now? stays beside the controls."""
        self.chooser.setVisible(not on)
        self.session_help.setVisible(on)

    def resizeEvent(self, event) -> None:
        """Side by side where there is room; where there is not (a narrow window, large text),
        the chooser above the player, each as wide as the page."""
        super().resizeEvent(event)
        room = self.width() - self.columns.contentsMargins().left() - 24 \
            - self.columns.contentsMargins().right()
        chooser = max(CHOOSER_WIDTH, round(CHOOSER_WIDTH * text_scale(self)))
        side_by_side = room >= chooser + self.player_column.minimumSize().width()
        stacked = self.columns.direction() == QBoxLayout.Direction.TopToBottom
        if side_by_side and not stacked and self.chooser.width() != chooser:
            self.chooser.setFixedWidth(chooser)  # the text size changed
        if side_by_side == stacked:
            if side_by_side:
                self.columns.setDirection(QBoxLayout.Direction.LeftToRight)
                self.chooser.setFixedWidth(chooser)
            else:
                self.columns.setDirection(QBoxLayout.Direction.TopToBottom)
                self.chooser.setMinimumWidth(0)
                self.chooser.setMaximumWidth(QWIDGETSIZE_MAX)

    def _build_chooser(self) -> QWidget:
        frame, inner = card()
        frame.setFixedWidth(CHOOSER_WIDTH)
        heading = QLabel(_("Relax"))
        heading.setProperty("role", "title")
        heading.setObjectName("pageTitle")
        inner.addWidget(heading)
        self.script_list = choice_list(_("Relaxation scripts"))
        inner.addWidget(self.script_list, 3)
        self.suggestion_label = QLabel()
        self.suggestion_label.setProperty("role", "muted")
        self.suggestion_label.setWordWrap(True)
        inner.addWidget(self.suggestion_label)
        left_out = QLabel(_("Leave out any area that hurts:"))
        left_out.setWordWrap(True)
        inner.addWidget(left_out)
        self.area_list = choice_list(_("Body areas to leave out"))
        inner.addWidget(self.area_list, 2)
        inner.addLayout(self._build_options())
        self.broken_label = QLabel()
        self.broken_label.setProperty("role", "muted")
        self.broken_label.setWordWrap(True)
        self.broken_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner.addWidget(self.broken_label)
        self.folder_button = QPushButton(_("Your own scripts…"))
        self.folder_button.setAccessibleName(_("Open the folder for your own relaxation scripts"))
        inner.addWidget(self.folder_button)
        return frame

    def _build_player(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(12)
        self.kind_label = QLabel(" ")
        self.kind_label.setProperty("role", "muted")
        self.kind_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.kind_label)
        middle = QHBoxLayout()
        # Large, and a step smaller (heading, then body) only where the room is short.
        self.step_label = WordsLabel((TYPE_WORDS, TYPE_HEADING, TYPE_BODY))
        self.step_label.setObjectName("relaxStepText")
        self.step_label.setAccessibleName(_("Current step"))
        # The words take the room the column leaves them (at least three lines); the page
        # scrolls only where even at the body size they would not fit (see WordsLabel).
        self.step_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.step_label.setMinimumHeight(3 * self.step_label.fontMetrics().lineSpacing())
        middle.addWidget(self.step_label, 3)
        self.outline = BodyOutlineWidget()
        middle.addWidget(self.outline, 2)
        column.addLayout(middle, 1)

        self.note_card, note = card()
        self.note_label = QLabel(PMR_NOTE)
        self.note_label.setWordWrap(True)
        note.addWidget(self.note_label)
        note_buttons = QHBoxLayout()
        self.note_begin = QPushButton(_("Begin gently"))
        self.note_begin.setProperty("role", "primary")
        self.note_scan = QPushButton(_("Choose the body scan instead"))
        note_buttons.addWidget(self.note_begin)
        note_buttons.addWidget(self.note_scan)
        note_buttons.addStretch(1)
        note.addLayout(note_buttons)
        column.addWidget(self.note_card)

        self.rating_card, rating = card()
        self.rating_label = QLabel(_("How relaxed do you feel now?"))
        self.rating_label.setProperty("role", "heading")
        self.rating_label.setWordWrap(True)
        rating.addWidget(self.rating_label)
        answers = QHBoxLayout()
        answers.setContentsMargins(GAP, GAP, GAP, GAP)
        answers.setSpacing(GAP)
        self.answer_buttons: dict[Answer, QPushButton] = {}
        for answer, words in ((Answer.MORE, _("More relaxed")), (Answer.SAME, _("About the same")),
                              (Answer.LESS, _("Less relaxed"))):
            button = QPushButton(words)
            answers.addWidget(button)
            self.answer_buttons[answer] = button
        answers.addStretch(1)
        self.answers_row = QWidget()
        self.answers_row.setLayout(answers)
        rating.addWidget(self.answers_row)
        column.addWidget(self.rating_card)

        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setAccessibleName(_("Progress through the script"))
        self.progress_bar.setMaximumHeight(8)
        column.addWidget(self.progress_bar)
        self.time_label = QLabel(" ")
        self.time_label.setProperty("role", "muted")
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.time_label)

        controls = QHBoxLayout()
        controls.setSpacing(8)
        self.play_button = QPushButton(_("Begin"))
        self.play_button.setProperty("role", "primary")
        self.play_button.setAccessibleName(_("Begin, pause or resume (Space)"))
        self.back_button = QPushButton(_("Back"))
        self.back_button.setAccessibleName(_("Back to the start of this step, or the one before"))
        self.skip_button = QPushButton(_("Skip"))
        self.skip_button.setAccessibleName(_("Skip to the next step"))
        self.stop_button = QPushButton(_("Stop"))
        self.stop_button.setAccessibleName(_("Stop (Esc)"))
        self.session_help = QPushButton(_("Need help now?"))  # while the chooser is away
        self.session_help.setProperty("role", "help")
        self.session_help.setAccessibleName(_("Need help now? Show helplines (F1)"))
        self.session_help.hide()
        self.session_help.clicked.connect(self.help_requested.emit)
        controls.addStretch(1)
        for button in (self.play_button, self.back_button, self.skip_button, self.stop_button,
                       self.session_help):
            controls.addWidget(button)
        self.play_button.setMinimumWidth(96)
        controls.addStretch(1)
        column.addLayout(controls)

        return column

    def _build_options(self) -> QVBoxLayout:
        options = QVBoxLayout()
        options.setSpacing(8)
        voice_row = QHBoxLayout()
        pace_row = QHBoxLayout()
        self.voice_box = QCheckBox(_("Voice"))
        self.voice_box.setAccessibleName(_("Speak the words aloud"))
        self.voice_volume = CalmSlider()
        self.voice_volume.setRange(0, 100)
        self.voice_volume.setAccessibleName(_("Voice volume"))
        self.pace_label = QLabel()
        self.pace_slider = CalmSlider()
        self.pace_slider.setRange(75, 150)
        self.pace_slider.setSingleStep(5)
        self.pace_slider.setPageStep(25)
        self.pace_slider.setAccessibleName(_("Pace: lower is slower, with more time in each step"))
        voice_row.addWidget(self.voice_box)
        voice_row.addWidget(self.voice_volume, 1)
        pace_row.addWidget(self.pace_label)
        pace_row.addWidget(self.pace_slider, 1)
        options.addLayout(voice_row)
        options.addLayout(pace_row)
        return options
