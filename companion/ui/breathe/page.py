"""The Breathe page: pick a pattern and a length, press Space, follow the orb (or the sound)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
)

from companion.breathing.model import Pattern
from companion.breathing.session import BreathingSession, SessionState
from companion.breathing.timeline import (
    Moment,
    SessionPlan,
    Stage,
    plan_for_minutes,
)
from companion.clock import Clock
from companion.i18n import _, ngettext
from companion.ui.breathe.choices import BreatheChoices
from companion.ui.breathe.cues import CuePlayer
from companion.ui.breathe.view import minutes_text
from companion.ui.shell.settings_model import SettingsModel
from companion.ui.shell.wording import duration_words

log = logging.getLogger(__name__)

FRAME_MS = 16  # About 60 repaints a second while the orb is visible and moving
CUE_WAIT_MS = 3000  # a session's step waits this long at most for its sound to be ready


class BreathePage(BreatheChoices):
    """Owns the session while it runs; the orb and labels render its moments."""

    page_id = "breathe"
    session_active_changed = Signal(bool)

    def __init__(self, model: SettingsModel, clock: Clock, patterns: list[Pattern],
                 cues: CuePlayer, parent=None):
        super().__init__(model, patterns, cues, parent)
        self._clock = clock
        self.session: BreathingSession | None = None
        self.reduce_motion = False
        self._was_active = False  # whether a session was running at the last state change
        self._watching_window = False  # minimising the window stops the frame timer too

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
        self._waiting_plan: SessionPlan | None = None  # a session waiting for its sound
        self.cue_wait = QTimer(self)
        self.cue_wait.setObjectName("cue-wait")
        self.cue_wait.setSingleShot(True)
        self.cue_wait.setInterval(CUE_WAIT_MS)
        self.cue_wait.timeout.connect(self._start_waiting)
        cues.ready_changed.connect(self._cues_maybe_ready)
        cues.ready_changed.connect(self._show_spoken_note)

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

    # --- running ------------------------------------------------------------------------------

    def start_main_action(self) -> None:
        """Start a session with the current choices (or resume a paused one)."""
        if self.session is not None and self.session.state is SessionState.PAUSED:
            self.session.resume()
            self._after_state_change()
            return
        if self.is_running() or self._waiting_plan is not None:
            return
        self.start_when_ready(self.plan())

    def prepare_for(self, pattern_id: str) -> None:
        """Render a pattern's cues ahead (a quiet session about to breathe with it)."""
        pattern = next((p for p in self._patterns if p.id == pattern_id), None)
        if pattern is not None:
            self._cues.prepare(pattern, self._model.settings.hold_tone)

    def start_for(self, pattern_id: str, minutes: float) -> bool:
        """Start a pattern for about this many minutes (a quiet session's step), as soon as its
        cues are ready; False when the pattern is unknown."""
        pattern = next((p for p in self._patterns if p.id == pattern_id), None)
        if pattern is None or self.is_running():
            return False
        whole = max(1, round(minutes))
        self._show_length(pattern, whole)
        self.start_when_ready(plan_for_minutes(pattern, whole))
        return True

    def start_when_ready(self, plan: SessionPlan) -> None:
        """Start this plan; with sound on, once its cues are ready (waiting at most CUE_WAIT_MS),
        so the first breath is heard rather than joined a breath late."""
        hold = self._model.settings.hold_tone
        if not self._model.settings.sound_cues or self._cues.unavailable() \
                or self._cues.is_ready_for(plan.pattern, hold):
            self.start_plan(plan)
            return
        self._cues.prepare(plan.pattern, hold)
        self._cues.keep_device()
        self._waiting_plan = plan
        self.phase_label.setText(_("Getting ready…"))
        self.cue_wait.start()

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
            self.set_session_view(running)
            self.session_active_changed.emit(running)
        self.setup_row.setEnabled(not running)
        self.pause_button.setEnabled(running)
        self.stop_button.setEnabled(running)
        self.pause_button.setText(_("Resume") if state is SessionState.PAUSED else _("Pause"))
        self.start_button.setText(_("Start again") if state in (
            SessionState.FINISHED, SessionState.STOPPED) else _("Start"))
        self.start_button.setEnabled(not running)
        if state is SessionState.PAUSED:
            self.phase_label.setText(_("Paused"))
            self.status_label.setText(_("Take your time. Press Space to carry on, or Esc to stop."))
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
            self._show_texts(_("Breathe freely"), _(
                "No pacing now: let your breath find its own rhythm · {value}").format(
                    value=minutes_text(moment.phase_left)))
            return
        assert moment.kind is not None and plan is not None
        if plan.cycles is None:
            status = _("Breath {cycle} · until you stop").format(cycle=moment.cycle)
        else:
            status = _("Breath {cycle} of {cycles} · {value} left").format(
                cycle=moment.cycle, cycles=plan.cycles,
                value=minutes_text(moment.session_left or 0))
        self._show_texts(f"{moment.kind.word} · {moment.count}", status)

    def _show_idle(self) -> None:
        self.orb.show_moment(None, 0.0)
        self.phase_label.setText(_("When you're ready, press Space or Start"))
        plan = self.plan()
        if plan.total_seconds is None:
            self.status_label.setText(_("Breathe for as long as you like; Esc ends it."))
        else:
            self.status_label.setText(
                ngettext("{cycles} breath, then a quiet moment of free breathing ({value} in "
                         "all). Esc stops at any time.",
                         "{cycles} breaths, then a quiet moment of free breathing ({value} in "
                         "all). Esc stops at any time.",
                         plan.cycles or 0).format(cycles=plan.cycles,
                                             value=minutes_text(plan.total_seconds)))
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
            self.phase_label.setText(_("Stopped"))
            self.status_label.setText(
                _("You breathed with the orb for {time} ({breaths}). Stopping is always fine. "
                  "Breathe normally for a moment before you move on.").format(
                    time=duration_words(elapsed),
                    breaths=ngettext("{count} full breath", "{count} full breaths",
                                     breaths).format(count=breaths)))
        else:
            self.phase_label.setText(_("Finished"))
            self.status_label.setText(
                _("{breaths} and a quiet close, {time} in all. Notice how you feel right now; "
                  "there is no right answer.").format(
                    breaths=ngettext("{count} slow breath", "{count} slow breaths",
                                     breaths).format(count=breaths),
                    time=duration_words(elapsed)))

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

    def set_reduce_motion(self, reduce: bool) -> None:
        self.reduce_motion = reduce
        self.orb.reduce_motion = reduce
        self.orb.update()
        self.schedule()

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
