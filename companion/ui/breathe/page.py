"""The Breathe page: pick a pattern and a length, press Space, follow the orb (or the sound)."""

from __future__ import annotations

import logging
from fractions import Fraction

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.breathing.library import DEFAULT_PATTERN_ID
from companion.breathing.model import Pattern
from companion.breathing.session import BreathingSession, SessionState
from companion.breathing.timeline import (
    SESSION_MINUTES,
    Moment,
    SessionPlan,
    Stage,
    plan_for_breaths,
    plan_for_minutes,
    plan_until_stop,
)
from companion.clock import Clock
from companion.ui.breathe.cues import CuePlayer
from companion.ui.breathe.orb import OrbWidget
from companion.ui.shell.base_page import BasePage
from companion.ui.shell.calm_slider import CalmSlider
from companion.ui.shell.settings_model import SettingsModel
from companion.ui.shell.wording import count_words, duration_words

log = logging.getLogger(__name__)

FRAME_MS = 16  # About 60 repaints a second while the orb is visible and moving
CUE_WAIT_MS = 3000  # a session's step waits this long at most for its sound to be ready

SAFETY_TEXT = (
    "<p><b>Breathing gently and safely</b></p>"
    "<p>Breathe slower, not bigger: the breaths should feel easy and quiet.</p>"
    "<p>If you feel dizzy, light-headed or tingly, stop and let your breathing return to normal. "
    "That is always fine.</p>"
    "<p>If you are pregnant, or live with a heart, lung or blood-pressure condition, choose a "
    "pattern without holds and check with your clinician.</p>"
    "<p>If panic comes easily for you, keep sessions short and leave out the holds.</p>"
    "<p>Never practise while driving, or in or near water.</p>")


COUNT_CHOICES = (("1", "Usual count"), ("1.25", "Slower count"), ("1.5", "Slowest count"))


def length_choices(pattern: Pattern) -> list[tuple[str, str]]:
    """(value, label) pairs for the length menu; patterns with a cap are counted in breaths."""
    if pattern.counted_in_breaths:  # a capped pattern offers its cap only, then the close
        return [("breaths", f"{pattern.max_cycles} breaths")]
    return [(str(m), f"{m} minutes") for m in SESSION_MINUTES] + [("until", "Until I stop")]


def minutes_text(seconds: Fraction | float) -> str:
    total = round(float(seconds))
    return f"{total // 60}:{total % 60:02d}"


class BreathePage(BasePage):
    """Owns the session while it runs; the orb and labels render its moments."""

    page_id = "breathe"
    quiet_mode_requested = Signal(bool)
    help_requested = Signal()
    session_active_changed = Signal(bool)
    edit_patterns_requested = Signal()

    def __init__(self, model: SettingsModel, clock: Clock, patterns: list[Pattern],
                 cues: CuePlayer, parent=None):
        super().__init__(parent)
        self.setObjectName("breathePage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._model = model
        self._clock = clock
        self._patterns = patterns
        self._cues = cues
        self.session: BreathingSession | None = None
        self.quiet = False
        self.reduce_motion = False
        self._was_active = False  # whether a session was running at the last state change
        self._watching_window = False  # minimising the window stops the frame timer too
        self.safety_box: QMessageBox | None = None

        self.frame_timer = QTimer(self)
        self.frame_timer.setObjectName("orb-frames")
        self.frame_timer.setInterval(FRAME_MS)
        self.frame_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.frame_timer.timeout.connect(self.refresh)
        self.tick_timer = QTimer(self)
        self.tick_timer.setObjectName("breath-tick")
        self.tick_timer.setSingleShot(True)
        self.tick_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.tick_timer.timeout.connect(self.refresh)
        self._waiting_plan: SessionPlan | None = None  # a quiet session's step, waiting for sound
        self.cue_wait = QTimer(self)
        self.cue_wait.setObjectName("cue-wait")
        self.cue_wait.setSingleShot(True)
        self.cue_wait.setInterval(CUE_WAIT_MS)
        self.cue_wait.timeout.connect(self._start_waiting)
        cues.ready_changed.connect(self._cues_maybe_ready)
        cues.ready_changed.connect(self._show_spoken_note)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 28, 40, 24)
        layout.setSpacing(14)
        self.title = QLabel("Breathe")
        self.title.setProperty("role", "title")
        self.title.setObjectName("pageTitle")
        layout.addWidget(self.title)

        self.setup_row = QWidget()
        setup = QHBoxLayout(self.setup_row)
        setup.setContentsMargins(0, 0, 0, 0)
        setup.setSpacing(12)
        self.pattern_box = QComboBox()
        self.pattern_box.setAccessibleName("Breathing pattern")
        self.length_box = QComboBox()
        self.length_box.setAccessibleName("Session length")
        self.pace_box = QComboBox()
        self.pace_box.setAccessibleName("Breaths per minute")
        for value in ("4.5", "5", "5.5", "6", "6.5", "7"):
            self.pace_box.addItem(f"{value} a minute", value)
        self.count_box = QComboBox()  # for counted patterns: the same counts, each a little longer
        self.count_box.setAccessibleName("Count speed")
        for value, label in COUNT_CHOICES:
            self.count_box.addItem(label, value)
        setup.addWidget(self.pattern_box, 2)
        setup.addWidget(self.length_box, 1)
        setup.addWidget(self.pace_box, 1)
        setup.addWidget(self.count_box, 1)
        self.edit_button = QPushButton("Your patterns")
        self.edit_button.setAccessibleName("Create or edit your own breathing patterns")
        self.edit_button.clicked.connect(self.edit_patterns_requested.emit)
        setup.addWidget(self.edit_button)
        layout.addWidget(self.setup_row)
        self.description = QLabel()
        self.description.setProperty("role", "muted")
        self.description.setWordWrap(True)
        layout.addWidget(self.description)

        self.orb = OrbWidget()
        layout.addWidget(self.orb, 1)
        self.phase_label = QLabel("When you're ready, press Space or Start")
        self.phase_label.setObjectName("phaseLabel")
        self.phase_label.setProperty("role", "heading")
        self.phase_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phase_label.setAccessibleName("Breathing phase")
        self.status_label = QLabel(" ")
        self.status_label.setProperty("role", "muted")
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status_label.setWordWrap(True)
        layout.addWidget(self.phase_label)
        layout.addWidget(self.status_label)

        controls = QHBoxLayout()
        controls.setSpacing(12)
        self.start_button = QPushButton("Start")
        self.start_button.setProperty("role", "primary")
        self.start_button.setAccessibleName("Start breathing (Space)")
        self.pause_button = QPushButton("Pause")
        self.pause_button.setAccessibleName("Pause or resume (Space)")
        self.stop_button = QPushButton("Stop")
        self.stop_button.setAccessibleName("Stop (Esc)")
        self.quiet_button = QPushButton("Quiet mode")
        self.quiet_button.setAccessibleName("Quiet full-screen mode (F11)")
        self.safety_button = QPushButton("Breathing safely")
        self.safety_button.setAccessibleName("About breathing safely")
        self.cues_box = QCheckBox("Sound cues")
        self.spoken_box = QCheckBox("Say in / hold / out")
        self.spoken_box.setAccessibleName("Speak the breathing cues: in, hold, out")
        self.spoken_note = QLabel("")
        self.spoken_note.setProperty("role", "muted")
        self.spoken_note.setWordWrap(True)
        self.spoken_note.hide()
        self.volume = CalmSlider()
        self.volume.setRange(0, 100)
        self.volume.setMaximumWidth(140)
        self.volume.setAccessibleName("Cue volume")
        controls.addStretch(1)
        for widget in (self.start_button, self.pause_button, self.stop_button):
            widget.setMinimumWidth(110)
            controls.addWidget(widget)
        # In quiet mode the sidebar (and its help button) is hidden: help stays one click away.
        self.quiet_help = QPushButton("Need help now?")
        self.quiet_help.setProperty("role", "help")
        self.quiet_help.setAccessibleName("Need help now? Show helplines (F1)")
        self.quiet_help.hide()
        self.quiet_help.clicked.connect(self.help_requested.emit)
        controls.addWidget(self.quiet_help)
        controls.addStretch(1)
        layout.addLayout(controls)
        self.sound_row = QWidget()  # sound on one line, the quiet mode and the safety note below
        rows = QVBoxLayout(self.sound_row)
        rows.setContentsMargins(0, 6, 0, 0)
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

        self._load_choices()
        model.changed.connect(self._settings_changed)
        self.pattern_box.activated.connect(self._pattern_chosen)
        self.length_box.activated.connect(self._remember_choices)
        self.pace_box.activated.connect(self._pace_chosen)
        self.count_box.activated.connect(self._pace_chosen)
        self.start_button.clicked.connect(self.start_main_action)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        self.quiet_button.clicked.connect(lambda: self.set_quiet(not self.quiet))
        self.safety_button.clicked.connect(self.show_safety)
        self.cues_box.toggled.connect(self._cues_toggled)
        self.spoken_box.toggled.connect(self._spoken_toggled)
        self.volume.valueChanged.connect(self._volume_changed)
        # Window-wide while this page is shown, so Space works wherever the focus is (the sidebar,
        # say); _space leaves Space its usual meaning on buttons, check boxes and lists.
        self.page_shortcuts = [QShortcut(QKeySequence(Qt.Key.Key_Space), self),
                               QShortcut(QKeySequence(Qt.Key.Key_F11), self)]
        self.page_shortcuts[0].activated.connect(self._space)
        self.page_shortcuts[1].activated.connect(lambda: self.set_quiet(not self.quiet))
        for shortcut in self.page_shortcuts:
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setEnabled(False)
        self._show_idle()

    # --- choices ------------------------------------------------------------------------------

    def _load_choices(self) -> None:
        settings = self._model.settings
        for pattern in self._patterns:
            self.pattern_box.addItem(pattern.name, pattern.id)
        index = self.pattern_box.findData(settings.breathe_pattern)
        if index < 0:
            index = max(0, self.pattern_box.findData(DEFAULT_PATTERN_ID))
        self.pattern_box.setCurrentIndex(index)
        self.pace_box.setCurrentIndex(max(0, self.pace_box.findData(settings.breathe_pace)))
        self.count_box.setCurrentIndex(max(0, self.count_box.findData(settings.breathe_count)))
        self.cues_box.setChecked(settings.sound_cues)
        self.spoken_box.setChecked(settings.spoken_cues)
        self._cues.spoken = settings.spoken_cues
        self.volume.setValue(settings.cue_volume)
        self._cues.enabled = settings.sound_cues
        self._cues.volume = settings.cue_volume / 100
        self._refresh_choice_widgets(settings.breathe_length)

    def set_patterns(self, patterns: list[Pattern]) -> None:
        """Replace the list (custom patterns changed), keeping the current choice where it exists."""
        current = self.pattern_box.currentData()
        self._patterns = patterns
        self.pattern_box.clear()
        for pattern in patterns:
            self.pattern_box.addItem(pattern.name, pattern.id)
        self.pattern_box.setCurrentIndex(max(0, self.pattern_box.findData(current)))
        self._refresh_choice_widgets(self._model.settings.breathe_length)

    def current_pattern(self) -> Pattern:
        """The chosen pattern, at the chosen pace where it has one, else at the chosen count."""
        pattern = self._patterns[max(0, self.pattern_box.currentIndex())]
        if pattern.rate is not None:
            return pattern.at_rate(Fraction(self.pace_box.currentData()))
        return pattern.with_count(Fraction(self.count_box.currentData()))

    def _show_length(self, pattern: Pattern, minutes: int) -> None:
        """A session's step runs this pattern for these minutes: the page shows them (not the
        length last chosen here), without changing what is remembered for next time."""
        index = self.pattern_box.findData(pattern.id)
        if index >= 0 and index != self.pattern_box.currentIndex():
            self.pattern_box.setCurrentIndex(index)
            self._refresh_choice_widgets(self.length_box.currentData())
        if pattern.counted_in_breaths:
            return
        found = self.length_box.findData(str(minutes))
        if found < 0:
            self.length_box.addItem("1 minute" if minutes == 1 else f"{minutes} minutes",
                                    str(minutes))
            found = self.length_box.count() - 1
        self.length_box.setCurrentIndex(found)

    def _refresh_choice_widgets(self, length: str) -> None:
        pattern = self._patterns[max(0, self.pattern_box.currentIndex())]
        self.length_box.clear()
        for value, label in length_choices(pattern):
            self.length_box.addItem(label, value)
        index = self.length_box.findData(length)
        if index < 0:
            index = self.length_box.findData("breaths" if pattern.counted_in_breaths
                                             else str(pattern.default_minutes))
        self.length_box.setCurrentIndex(max(0, index))
        self.pace_box.setVisible(pattern.rate is not None)
        self.count_box.setVisible(pattern.rate is None)
        shown = self.current_pattern()
        holds = " Includes holds; breathe normally instead if they feel uneasy." \
            if pattern.has_holds else ""
        if shown.count_seconds == 1:
            timing = f"{shown.timings_text()} seconds"
        else:
            timing = f"{shown.counts_text()} counts of {float(shown.count_seconds):g} seconds"
        self.description.setText(f"{pattern.description} ({timing}).{holds}")
        self._cues.prepare(shown, self._model.settings.hold_tone)
        self._show_spoken_note()

    def _pattern_chosen(self) -> None:
        pattern = self._patterns[self.pattern_box.currentIndex()]
        self._refresh_choice_widgets(self.length_box.currentData())
        self._remember_choices()
        if pattern.has_holds and not self._model.settings.holds_note_seen:
            self.show_safety()
            self._model.update(holds_note_seen=True)

    def _pace_chosen(self) -> None:
        self._refresh_choice_widgets(self.length_box.currentData())
        self._remember_choices()

    def _remember_choices(self) -> None:
        self._model.update(breathe_pattern=self.pattern_box.currentData(),
                           breathe_length=self.length_box.currentData(),
                           breathe_pace=self.pace_box.currentData(),
                           breathe_count=self.count_box.currentData())
        self._cues.prepare(self.current_pattern(), self._model.settings.hold_tone)
        if not self.is_running():
            self._show_idle()

    def _settings_changed(self, settings) -> None:
        """Sound choices made on the Settings page show here too."""
        if self.cues_box.isChecked() != settings.sound_cues:
            self.cues_box.setChecked(settings.sound_cues)
        if self.volume.value() != settings.cue_volume:
            self.volume.setValue(settings.cue_volume)
        if not self.is_running():
            self._cues.prepare(self.current_pattern(), settings.hold_tone)

    def _cues_toggled(self, on: bool) -> None:
        self._model.update(sound_cues=on)
        self._cues.set_enabled(on)

    def _spoken_toggled(self, on: bool) -> None:
        """Spoken cues apply from the next session (a running one keeps its sound)."""
        self._model.update(spoken_cues=on)
        self._cues.spoken = on
        self._cues.prepare(self.current_pattern(), self._model.settings.hold_tone)
        self._show_spoken_note()

    def _show_spoken_note(self) -> None:
        speaks = self._cues.speaks_for(self.current_pattern(), self._model.settings.hold_tone)
        self.spoken_note.setText("This pattern's phases are too short for the spoken words, so "
                                 "its tones play instead.")
        self.spoken_note.setVisible(self._cues.spoken and speaks is False)

    def _volume_changed(self, value: int) -> None:
        self._model.update(cue_volume=value)
        self._cues.set_volume(value / 100)

    def plan(self) -> SessionPlan:
        """The session the current choices describe."""
        pattern = self.current_pattern()
        length = self.length_box.currentData()
        if length == "until":
            return plan_until_stop(pattern)
        if length == "breaths":
            return plan_for_breaths(pattern, pattern.max_cycles or 4)
        return plan_for_minutes(pattern, int(length))

    # --- running ------------------------------------------------------------------------------

    def start_main_action(self) -> None:
        """Start a session with the current choices (or resume a paused one)."""
        if self.session is not None and self.session.state is SessionState.PAUSED:
            self.session.resume()
            self._after_state_change()
            return
        if self.is_running():
            return
        self.start_plan(self.plan())

    def prepare_for(self, pattern_id: str) -> None:
        """Render a pattern's cues ahead (a quiet session about to breathe with it)."""
        pattern = next((p for p in self._patterns if p.id == pattern_id), None)
        if pattern is not None:
            self._cues.prepare(pattern, self._model.settings.hold_tone)

    def start_for(self, pattern_id: str, minutes: float) -> bool:
        """Start a pattern for about this many minutes (a quiet session's step); False when the
        pattern is unknown. With sound on, it waits (at most CUE_WAIT_MS) for the cues to be
        ready, so the first breath is heard rather than joined a breath later."""
        pattern = next((p for p in self._patterns if p.id == pattern_id), None)
        if pattern is None or self.is_running():
            return False
        whole = max(1, round(minutes))
        plan = plan_for_minutes(pattern, whole)
        self._show_length(pattern, whole)
        hold = self._model.settings.hold_tone
        if not self._model.settings.sound_cues or self._cues.unavailable() \
                or self._cues.is_ready_for(pattern, hold):
            self.start_plan(plan)
            return True
        self._cues.prepare(pattern, hold)
        self._cues.keep_device()
        self._waiting_plan = plan
        self.phase_label.setText("Getting ready…")
        self.cue_wait.start()
        return True

    def _cues_maybe_ready(self) -> None:
        plan = self._waiting_plan
        if plan is not None and (self._cues.unavailable() or self._cues.is_ready_for(
                plan.pattern, self._model.settings.hold_tone)):
            self._start_waiting()

    def _start_waiting(self) -> None:
        plan, self._waiting_plan = self._waiting_plan, None
        self.cue_wait.stop()
        if plan is not None and not self.is_running():
            self.start_plan(plan)

    def start_plan(self, plan: SessionPlan) -> None:
        """Start a session with this plan."""
        self.session = BreathingSession(plan, self._clock)
        self.session.on_state_changed(lambda _s: self._after_state_change())
        self.session.start()
        log.info("breathing session started: %s, %s breaths", self.session.plan.pattern.id,
                 self.session.plan.cycles or "open-ended")
        self._cues.follow(self.session, self._model.settings.hold_tone)
        self.refresh()

    def toggle_pause(self) -> None:
        if self.session is None:
            return
        if self.session.state is SessionState.RUNNING:
            self.session.pause()
        elif self.session.state is SessionState.PAUSED:
            self.session.resume()

    def stop(self) -> None:
        """Esc: end the session now; leave quiet mode."""
        self._waiting_plan = None
        self.cue_wait.stop()
        if self.session is not None and self.session.is_active:
            self.session.stop()
        self.set_quiet(False)

    def is_running(self) -> bool:
        return self.session is not None and self.session.is_active

    def _space(self) -> None:
        focused = QApplication.focusWidget()
        if isinstance(focused, QAbstractButton) and focused not in (
                self.start_button, self.pause_button):
            focused.click()  # Space keeps its usual meaning on other buttons and check boxes
            return
        if isinstance(focused, QComboBox):
            focused.showPopup()
            return
        if self.session is not None and self.session.is_active:
            self.toggle_pause()
        else:
            self.start_main_action()

    def _after_state_change(self) -> None:
        state = self.session.state if self.session is not None else SessionState.IDLE
        running = state in (SessionState.RUNNING, SessionState.PAUSED)
        if running != self._was_active:
            self._was_active = running
            self.session_active_changed.emit(running)
        self.setup_row.setEnabled(not running)
        self.pause_button.setEnabled(running)
        self.stop_button.setEnabled(running)
        self.pause_button.setText("Resume" if state is SessionState.PAUSED else "Pause")
        self.start_button.setText("Start again" if state in (
            SessionState.FINISHED, SessionState.STOPPED) else "Start")
        self.start_button.setEnabled(not running)
        if state is SessionState.PAUSED:
            self.phase_label.setText("Paused")
            self.status_label.setText("Take your time. Press Space to carry on, or Esc to stop.")
        elif state is SessionState.STOPPED:
            self._show_ended(early=True)
        elif state is SessionState.FINISHED:
            self._show_ended(early=False)
        self.schedule()

    def refresh(self) -> None:
        """Render the session's current moment, then arrange the next wake-up."""
        if self.session is None:
            return
        moment = self.session.moment()  # may finish the session, which re-renders the end
        if self.session.state is SessionState.RUNNING:
            self._render(moment)
        self.schedule()

    def _render(self, moment: Moment) -> None:
        plan = self.session.plan if self.session else None
        total = plan.total_seconds if plan else None
        progress = float(moment.elapsed / total) if total else 0.0
        self.orb.reduce_motion = self.reduce_motion
        self.orb.show_moment(moment, progress)
        if moment.stage is Stage.CLOSING:
            self._show_texts("Breathe freely", "No pacing now: let your breath find its own "
                             f"rhythm · {minutes_text(moment.phase_left)}")
            return
        assert moment.kind is not None and plan is not None
        if plan.cycles is None:
            status = f"Breath {moment.cycle} · until you stop"
        else:
            status = (f"Breath {moment.cycle} of {plan.cycles} · "
                      f"{minutes_text(moment.session_left or 0)} left")
        self._show_texts(f"{moment.kind.word} · {moment.count}", status)

    def _show_texts(self, phase: str, status: str) -> None:
        # Called every frame: touch the labels only when the words change (about once a second).
        if self.phase_label.text() != phase:
            self.phase_label.setText(phase)
        if self.status_label.text() != status:
            self.status_label.setText(status)

    def _show_idle(self) -> None:
        self.orb.show_moment(None, 0.0)
        self.phase_label.setText("When you're ready, press Space or Start")
        plan = self.plan()
        if plan.total_seconds is None:
            self.status_label.setText("Breathe for as long as you like; Esc ends it.")
        else:
            self.status_label.setText(
                f"{plan.cycles} breaths, then a quiet moment of free breathing "
                f"({minutes_text(plan.total_seconds)} in all). Esc stops at any time.")
        self.pause_button.setEnabled(False)
        self.stop_button.setEnabled(False)

    def _show_ended(self, early: bool) -> None:
        assert self.session is not None
        elapsed = self.session.elapsed()
        plan = self.session.plan
        breaths = int(elapsed // plan.pattern.cycle_seconds)
        if plan.cycles is not None:
            breaths = min(breaths, plan.cycles)
        self.orb.show_moment(None, 0.0)
        self.set_quiet(False)
        if early:
            self.phase_label.setText("Stopped")
            self.status_label.setText(
                f"You breathed with the orb for {duration_words(elapsed)} "
                f"({count_words(breaths, 'full breath')}). Stopping is always fine. Breathe "
                "normally for a moment before you move on.")
        else:
            self.phase_label.setText("Finished")
            self.status_label.setText(
                f"{count_words(breaths, 'slow breath')} and a quiet close, "
                f"{duration_words(elapsed)} in all. Notice how you feel right now; there is no "
                "right answer.")

    def schedule(self) -> None:
        """Repaint every frame only while the orb is visible, moving and running; otherwise arm
        one single-shot timer for the next change worth showing (or nothing while paused)."""
        running = self.session is not None and self.session.state is SessionState.RUNNING
        visible = self.isVisible() and not self.window().isMinimized()
        animate = running and visible and not self.reduce_motion
        if animate:
            self.tick_timer.stop()
            if not self.frame_timer.isActive():
                self.frame_timer.start()
            return
        self.frame_timer.stop()
        if not running or self.session is None:
            self.tick_timer.stop()
            return
        moment = self.session.plan.phase_at(self.session.elapsed())
        if visible:  # reduced motion: wake when the count or the phase changes
            wait = moment.until_next_count
        else:  # hidden: wake only when the session ends, to finish it
            total = self.session.plan.total_seconds
            if total is None:
                self.tick_timer.stop()
                return
            wait = total - moment.elapsed
        self.tick_timer.start(max(1, int(float(wait) * 1000) + 1))

    # --- quiet mode, visibility -----------------------------------------------------------------

    def set_quiet(self, quiet: bool) -> None:
        """Full screen with only the orb, the words and Pause/Stop."""
        if quiet == self.quiet:
            return
        self.quiet = quiet
        for widget in (self.title, self.setup_row, self.description, self.sound_row,
                       self.start_button):
            widget.setVisible(not quiet)
        self.quiet_help.setVisible(quiet)
        self.setProperty("quiet", quiet)
        self.orb.quiet = quiet
        self.orb.update()
        self.style().unpolish(self)
        self.style().polish(self)
        self.quiet_mode_requested.emit(quiet)

    def show_safety(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle("Breathing safely")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(SAFETY_TEXT)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.open()
        self.safety_box = box

    def set_reduce_motion(self, reduce: bool) -> None:
        self.reduce_motion = reduce
        self.orb.reduce_motion = reduce
        self.orb.update()
        self.schedule()

    def set_palette(self, palette) -> None:
        self.orb.palette_tokens = palette
        self.orb.update()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        handle = self.window().windowHandle()
        if handle is not None and not self._watching_window:
            handle.visibilityChanged.connect(lambda _v: self.schedule())
            self._watching_window = True
        for shortcut in self.page_shortcuts:
            shortcut.setEnabled(True)
        if self.is_running():
            self.refresh()
        self.schedule()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        for shortcut in self.page_shortcuts:
            shortcut.setEnabled(False)
        self.schedule()
