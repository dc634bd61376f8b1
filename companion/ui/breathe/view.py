"""The Breathe page's widgets, laid out: the choices, the orb and its words, the controls and the
sound row; quiet mode and the safety note. BreatheChoices (choices.py) and BreathePage (page.py)
build on this."""

from __future__ import annotations

from fractions import Fraction

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.breathing.model import Pattern
from companion.breathing.timeline import SESSION_MINUTES
from companion.i18n import _, ngettext
from companion.ui.breathe.orb import OrbWidget
from companion.ui.shell.base_page import BasePage
from companion.ui.shell.calm_slider import CalmSlider
from companion.ui.shell.theme import page_margins
from companion.ui.shell.wording import decimal

SAFETY_TEXT = (
    _("<p><b>Breathing gently and safely</b></p>"
    "<p>Breathe slower, not bigger: the breaths should feel easy and quiet.</p>"
    "<p>If you feel dizzy, light-headed or tingly, stop and let your breathing return to normal. "
    "That is always fine.</p>"
    "<p>If you are pregnant, or live with a heart, lung or blood-pressure condition, choose a "
    "pattern without holds and check with your clinician.</p>"
    "<p>If panic comes easily for you, keep sessions short and leave out the holds.</p>"
    "<p>Never practise while driving, or in or near water.</p>"))


COUNT_CHOICES = (("1", _("Usual count")), ("1.25", _("Slower count")), ("1.5", _("Slowest count")))


def length_choices(pattern: Pattern) -> list[tuple[str, str]]:
    """(value, label) pairs for the length menu; patterns with a cap are counted in breaths."""
    if pattern.counted_in_breaths:  # a capped pattern offers its cap only, then the close
        count = pattern.max_cycles or 0
        return [("breaths", ngettext("{count} breath", "{count} breaths", count).format(count=count))]
    return [(str(m), ngettext("{count} minute", "{count} minutes", m).format(count=m))
            for m in SESSION_MINUTES] + [("until", _("Until I stop"))]


def minutes_text(seconds: Fraction | float) -> str:
    total = round(float(seconds))
    return f"{total // 60}:{total % 60:02d}"


class BreatheView(BasePage):
    """Every widget of the Breathe page; quiet mode shows only the orb, its words and controls."""

    quiet_mode_requested = Signal(bool)
    help_requested = Signal()
    edit_patterns_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("breathePage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.quiet = False
        self.session_view = False
        self.safety_box: QMessageBox | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*page_margins(20))
        layout.setSpacing(8)
        self.title = QLabel(_("Breathe"))
        self.title.setProperty("role", "title")
        self.title.setObjectName("pageTitle")
        layout.addWidget(self.title)

        self.setup_row = QWidget()
        setup = QGridLayout(self.setup_row)  # one row, or two where the page is narrow
        setup.setContentsMargins(0, 0, 0, 0)
        setup.setSpacing(12)
        self.setup_grid = setup
        self.pattern_box = QComboBox()
        self.pattern_box.setAccessibleName(_("Breathing pattern"))
        self.length_box = QComboBox()
        self.length_box.setAccessibleName(_("Session length"))
        self.pace_box = QComboBox()
        self.pace_box.setAccessibleName(_("Breaths per minute"))
        for value in ("4.5", "5", "5.5", "6", "6.5", "7"):
            self.pace_box.addItem(_("{value} a minute").format(value=decimal(float(value))), value)
        self.count_box = QComboBox()  # for counted patterns: the same counts, each a little longer
        self.count_box.setAccessibleName(_("Count speed"))
        for value, label in COUNT_CHOICES:
            self.count_box.addItem(label, value)
        self.edit_button = QPushButton(_("Your patterns"))
        self.edit_button.setAccessibleName(_("Create or edit your own breathing patterns"))
        self.edit_button.clicked.connect(self.edit_patterns_requested.emit)
        self._setup_rows = 0
        self._arrange_setup(1)
        layout.addWidget(self.setup_row)
        self.description = QLabel()
        self.description.setProperty("role", "muted")
        self.description.setWordWrap(True)
        layout.addWidget(self.description)

        self.orb = OrbWidget()
        layout.addWidget(self.orb, 1)
        self.phase_label = QLabel(_("When you're ready, press Space or Start"))
        self.phase_label.setObjectName("phaseLabel")
        self.phase_label.setProperty("role", "heading")
        self.phase_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phase_label.setAccessibleName(_("Breathing phase"))
        self.phase_label.setWordWrap(True)  # two lines at a large text size, never clipped
        self.status_label = QLabel(" ")
        self.status_label.setProperty("role", "muted")
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status_label.setWordWrap(True)
        layout.addWidget(self.phase_label)
        layout.addWidget(self.status_label)

        controls = QHBoxLayout()
        controls.setSpacing(12)
        self.start_button = QPushButton(_("Start"))
        self.start_button.setProperty("role", "primary")
        self.start_button.setAccessibleName(_("Start breathing (Space)"))
        self.pause_button = QPushButton(_("Pause"))
        self.pause_button.setAccessibleName(_("Pause or resume (Space)"))
        self.stop_button = QPushButton(_("Stop"))
        self.stop_button.setAccessibleName(_("Stop (Esc)"))
        self.quiet_button = QPushButton(_("Quiet mode"))
        self.quiet_button.setAccessibleName(_("Quiet full-screen mode (F11)"))
        self.safety_button = QPushButton(_("Breathing safely"))
        self.safety_button.setAccessibleName(_("About breathing safely"))
        self.cues_box = QCheckBox(_("Sound cues"))
        self.spoken_box = QCheckBox(_("Say in / hold / out"))
        self.spoken_box.setAccessibleName(_("Speak the breathing cues: in, hold, out"))
        self.spoken_note = QLabel("")
        self.spoken_note.setProperty("role", "muted")
        self.spoken_note.setWordWrap(True)
        self.spoken_note.hide()
        self.volume = CalmSlider()
        self.volume.setRange(0, 100)
        self.volume.setMaximumWidth(140)
        self.volume.setAccessibleName(_("Cue volume"))
        controls.addStretch(1)
        for widget in (self.start_button, self.pause_button, self.stop_button):
            widget.setMinimumWidth(110)
            controls.addWidget(widget)
        # In quiet mode the sidebar (and its help button) is hidden: help stays one click away.
        self.quiet_help = QPushButton(_("Need help now?"))
        self.quiet_help.setProperty("role", "help")
        self.quiet_help.setAccessibleName(_("Need help now? Show helplines (F1)"))
        self.quiet_help.hide()
        self.quiet_help.clicked.connect(self.help_requested.emit)
        controls.addWidget(self.quiet_help)
        controls.addStretch(1)
        layout.addLayout(controls)
        self.sound_row = QWidget()  # sound on one line, the quiet mode and the safety note below
        rows = QVBoxLayout(self.sound_row)
        rows.setContentsMargins(0, 8, 0, 0)
        rows.setSpacing(8)
        sound = QHBoxLayout()
        sound.setSpacing(12)
        self.volume.setMinimumWidth(100)
        sound.addWidget(self.cues_box)
        sound.addWidget(self.spoken_box)
        sound.addWidget(self.volume)
        sound.addStretch(1)
        more = QHBoxLayout()
        more.setSpacing(12)
        more.addWidget(self.spoken_note, 1)
        more.addStretch(0)
        more.addWidget(self.quiet_button)
        more.addWidget(self.safety_button)
        rows.addLayout(sound)
        rows.addLayout(more)
        layout.addWidget(self.sound_row)

    def _show_texts(self, phase: str, status: str) -> None:
        # Called every frame: touch the labels only when the words change (about once a second).
        if self.phase_label.text() != phase:
            self.phase_label.setText(phase)
        if self.status_label.text() != status:
            self.status_label.setText(status)

    def _arrange_setup(self, rows: int) -> None:
        """The pattern, length, pace (or count) and Your patterns: on one row, or on two."""
        if rows == self._setup_rows:
            return
        self._setup_rows = rows
        grid = self.setup_grid
        for widget in (self.pattern_box, self.length_box, self.pace_box, self.count_box,
                       self.edit_button):
            grid.removeWidget(widget)
        for column in range(5):
            grid.setColumnStretch(column, 0)
        if rows == 1:
            places = ((self.pattern_box, 0, 0), (self.length_box, 0, 1), (self.pace_box, 0, 2),
                      (self.count_box, 0, 2), (self.edit_button, 0, 3))
            stretches = (2, 1, 1, 0)
        else:
            places = ((self.pattern_box, 0, 0), (self.length_box, 0, 1), (self.pace_box, 1, 0),
                      (self.count_box, 1, 0), (self.edit_button, 1, 1))
            stretches = (1, 1, 0, 0)
        for widget, row, column in places:
            grid.addWidget(widget, row, column)
        for column, stretch in enumerate(stretches):
            grid.setColumnStretch(column, stretch)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        layout = self.layout()
        if layout is None:
            return
        margins = layout.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        metrics = self.pattern_box.fontMetrics()
        arrow_and_padding = 3 * metrics.height()
        menus = sum(metrics.horizontalAdvance(box.currentText()) + arrow_and_padding
                    for box in (self.pattern_box, self.length_box, self.pace_box))
        one_row = menus + self.edit_button.sizeHint().width() + 3 * 12
        self._arrange_setup(1 if room >= one_row else 2)

    def set_session_view(self, on: bool) -> None:
        """While a session runs: the orb, its words in large type, Pause and Stop, the sound row
        and Need help now?; the choices wait until it ends."""
        self.session_view = on
        self._show_parts()

    def _show_parts(self) -> None:
        hide_setup = self.quiet or self.session_view
        for widget in (self.title, self.setup_row, self.description, self.start_button):
            widget.setVisible(not hide_setup)
        self.sound_row.setVisible(not self.quiet)
        self.quiet_help.setVisible(hide_setup)
        self.phase_label.setProperty("large", hide_setup)
        self.phase_label.style().unpolish(self.phase_label)
        self.phase_label.style().polish(self.phase_label)

    def set_quiet(self, quiet: bool) -> None:
        """Full screen with only the orb, the words and Pause/Stop."""
        if quiet == self.quiet:
            return
        self.quiet = quiet
        self._show_parts()
        self.setProperty("quiet", quiet)
        self.orb.quiet = quiet
        self.orb.update()
        self.style().unpolish(self)
        self.style().polish(self)
        self.quiet_mode_requested.emit(quiet)

    def show_safety(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(_("Breathing safely"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(SAFETY_TEXT)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.open()
        self.safety_box = box

    def set_palette(self, palette) -> None:
        self.orb.palette_tokens = palette
        self.orb.update()
