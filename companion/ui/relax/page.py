"""The Relax page: choose a script (or take the suggestion), leave out what hurts, lie back and
listen. Large words, a body outline that lights the area in focus, pause, back, skip and pace."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QListWidget,
    QWidget,
)

from companion.clock import Clock
from companion.i18n import _
from companion.relax.body import AREAS
from companion.relax.library import BrokenScript
from companion.relax.model import Script, StepKind
from companion.relax.player import PlayerState, ScriptPlayer
from companion.relax.progress import Answer, RelaxProgress, after_less_relaxed
from companion.ui.relax.choices import RelaxChoices
from companion.ui.relax.voice import VoiceGuide
from companion.ui.shell.settings_model import SettingsModel
from companion.ui.shell.wording import duration_words

log = logging.getLogger(__name__)

KIND_WORDS = {StepKind.INTRO: _("Settling in"), StepKind.ATTEND: _("Notice"),
              StepKind.TENSE: _("Tense gently"), StepKind.RELEASE: _("Let go"),
              StepKind.BREATHE: _("Breathe"), StepKind.REST: _("Rest"), StepKind.RETURN: _("Coming back")}
PROGRESS_MS = 1000  # the progress bar and time left move once a second while shown and playing

class RelaxPage(RelaxChoices):
    """session_active_changed(bool) while a script plays or is paused (ambient sound ducks)."""

    page_id = "relax"
    session_active_changed = Signal(bool)

    def __init__(self, model: SettingsModel, clock: Clock, scripts: list[Script],
                 broken: list[BrokenScript], builtin_ids: set[str], progress: RelaxProgress,
                 save_progress: Callable[[RelaxProgress], None], voice: VoiceGuide,
                 user_folder: Path, parent: QWidget | None = None):
        super().__init__(model, scripts, broken, progress, voice, user_folder, parent)
        self._clock = clock
        self._builtin_ids = builtin_ids
        self._save_progress = save_progress
        self._unspoken = False  # a step was entered while paused: speak it on resume

        self.step_timer = QTimer(self)
        self.step_timer.setObjectName("relax-step")
        self.step_timer.setSingleShot(True)
        self.step_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.step_timer.timeout.connect(self._tick)
        self.progress_timer = QTimer(self)
        self.progress_timer.setObjectName("relax-progress")
        self.progress_timer.setInterval(PROGRESS_MS)
        self.progress_timer.timeout.connect(self._show_progress)

        self.note_begin.clicked.connect(self._note_accepted)
        self.note_scan.clicked.connect(self._note_chose_scan)
        self.play_button.clicked.connect(self._play_pressed)
        self.back_button.clicked.connect(self.previous)
        self.skip_button.clicked.connect(self.next)
        self.stop_button.clicked.connect(self.stop)
        self.session_active_changed.connect(self.set_session_view)
        for answer, button in self.answer_buttons.items():
            button.clicked.connect(lambda _c=False, a=answer: self.answer(a))
        self._load_choices()
        self.page_shortcuts = [QShortcut(QKeySequence(Qt.Key.Key_Space), self)]
        self.page_shortcuts[0].activated.connect(self._space)
        for shortcut in self.page_shortcuts:
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setEnabled(False)
        self._show_idle()

    # --- playing ----------------------------------------------------------------------------------

    def start_main_action(self) -> None:
        """Begin the chosen script (after the gentle-tensing note, the first time), or resume."""
        if self.player is not None and self.player.state is PlayerState.PAUSED:
            self.toggle_pause()
            return
        if self.is_running():
            return
        script = self.current_script()
        if script is None:
            return
        if script.tenses and not self._model.settings.pmr_note_seen:
            self.rating_card.hide()
            self.note_card.show()
            self.note_begin.setFocus()
            return
        self._begin(script)

    def _note_accepted(self) -> None:
        self.note_card.hide()
        self._model.update(pmr_note_seen=True)
        script = self.current_script()
        if script is not None:
            self._begin(script)

    def _note_chose_scan(self) -> None:
        self.note_card.hide()
        self._model.update(pmr_note_seen=True)
        scan = next((s for s in self.scripts if s.stage.value == "scan"), None)
        if scan is not None:
            self.select(scan.id)

    def _begin(self, script: Script) -> None:
        plan = script.without(self.left_out())
        if not plan.steps:
            return
        bundled = script.id in self._builtin_ids
        lengths = self.voice.builtin().length if bundled else (lambda _step: 0.0)
        self.player = ScriptPlayer(plan, self._clock, self.pace_slider.value() / 100, lengths)
        self.player.on_step(self._on_step)
        self.player.on_state(self._on_state)
        self.rating_card.hide()
        self.note_card.hide()
        self.voice.begin(bundled)
        log.info("relaxation started: %s, %d steps", plan.id, len(plan.steps))
        self.player.play()
        self.session_active_changed.emit(True)

    def _play_pressed(self) -> None:
        if self.player is not None and self.player.state is PlayerState.PLAYING:
            self.toggle_pause()
        else:
            self.start_main_action()

    def toggle_pause(self) -> None:
        player = self.player
        if player is None:
            return
        if player.state is PlayerState.PLAYING:
            player.pause()
        elif player.state is PlayerState.PAUSED:
            player.resume()

    def next(self) -> None:
        if self.player is not None:
            self.player.next()

    def previous(self) -> None:
        if self.player is not None:
            self.player.previous()

    def stop(self) -> None:
        """Esc: stop now, quietly; nothing is asked."""
        if not self.is_running():
            self.note_card.hide()
            return
        self.step_timer.stop()
        self.progress_timer.stop()
        self.voice.stop()
        self.player = None
        self._show_idle()
        self.session_active_changed.emit(False)

    def is_running(self) -> bool:
        return self.player is not None and self.player.state in (PlayerState.PLAYING,
                                                                 PlayerState.PAUSED)

    def _on_step(self, index: int) -> None:
        player = self.player
        assert player is not None
        step = player.script.steps[index]
        self._show_step()
        if player.state is PlayerState.PLAYING:
            self.voice.say(step)
            self._unspoken = False
        else:
            self._unspoken = True
        if index + 1 < len(player.script.steps):
            self.voice.prepare(player.script.steps[index + 1])
        self._arm()

    def _on_state(self, state: PlayerState) -> None:
        if state is PlayerState.PAUSED:
            self.step_timer.stop()
            self.voice.pause()
        elif state is PlayerState.PLAYING and self.player is not None:
            if self._unspoken:
                self._unspoken = False
                self.voice.begin(self.player.script.id in self._builtin_ids)
                self.voice.say(self.player.step)
            else:
                self.voice.resume()
            self._arm()
        elif state is PlayerState.FINISHED:
            self._finished()
        self._show_buttons()
        self._show_progress()
        self._schedule_progress()

    def _finished(self) -> None:
        self.step_timer.stop()
        self.voice.stop()
        self.kind_label.setText(_("Finished"))
        self.step_label.setText(_("That is the end. Take all the time you need before you move on."))
        self.outline.set_lit(frozenset())
        self.rating_label.setText(_("How relaxed do you feel now?"))
        self.answers_row.show()
        self.rating_card.show()
        self.session_active_changed.emit(False)

    def answer(self, answer: Answer) -> None:
        """The one-tap answer after a script; a couple of 'more relaxed' suggest the next stage."""
        player = self.player
        if player is None:
            return
        self.progress.record(player.script.stage, answer)
        self._save_progress(self.progress)
        self.answers_row.hide()
        suggested = self.progress.suggestion(self.scripts, self._model.settings.relax_script)
        words = {Answer.MORE: _("Thank you. It is good that this helped."),
                 Answer.SAME: _("Thank you. Some days it takes longer, and that is fine.")}.get(answer)
        if answer is Answer.LESS:  # something that fits what was just done, never the same
            other, words = after_less_relaxed(player.script, self.scripts)
            if other is not None:
                self.select(other.id)
        assert words is not None
        if suggested is not None and suggested[0].stage is not player.script.stage \
                and answer is Answer.MORE:
            words += " " + suggested[1]
            self.select(suggested[0].id)
        self.rating_label.setText(words)
        self.player = None

    def _arm(self) -> None:
        wait = self.player.seconds_to_next() if self.player is not None else None
        if wait is None:
            self.step_timer.stop()
        else:
            self.step_timer.start(max(0, round(wait * 1000)))

    def _tick(self) -> None:
        if self.player is not None:
            self.player.update()
            if self.player is not None and self.player.state is PlayerState.PLAYING:
                self._arm()

    def _space(self) -> None:
        focused = QApplication.focusWidget()
        if isinstance(focused, QAbstractButton) and focused is not self.play_button:
            focused.click()
            return
        if isinstance(focused, QListWidget):
            item = focused.currentItem()
            if item is not None and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                checked = item.checkState() == Qt.CheckState.Checked
                item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
                return
        if self.is_running():
            self.toggle_pause()
        else:
            self.start_main_action()

    # --- showing ----------------------------------------------------------------------------------

    def _show_idle(self) -> None:
        script = self.current_script()
        self.kind_label.setText(" ")
        if script is None:
            self.step_label.setText(_("No script is chosen."))
        else:
            plan = script.without(self.left_out())
            minutes = max(1, round(plan.seconds / 60 * 100 / self.pace_slider.value()))
            # The length said once: worked out here (pace, areas left out), not the summary's.
            # (every language's summary ends with its length: "About 25 minutes.")
            summary = re.sub(r"\s*[^.]*\d+[^.]*\.?\s*$", "", script.summary)
            self.step_label.setText(
                "\n\n".join((script.title, summary, _("About {minutes} minutes. When you are ready, lie "
                                                      "back and press Begin."
                ).format(minutes=minutes))))
        self.outline.set_lit(frozenset())
        self.progress_bar.setValue(0)
        self.time_label.setText(" ")
        self.note_card.hide()
        self._show_buttons()

    def _show_step(self) -> None:
        player = self.player
        assert player is not None
        step = player.step
        self.kind_label.setText(_("{value}  ·  step {value2} of {count}").format(
            value=KIND_WORDS[step.kind], value2=player.index + 1, count=len(player.script.steps)))
        self.step_label.setText(step.text)
        self.step_label.setAccessibleDescription(step.text)
        regions = frozenset(AREAS[step.area].regions) if step.area else frozenset()
        self.outline.set_lit(regions, _(AREAS[step.area].label) if step.area else "")
        self._show_progress()

    def _show_progress(self) -> None:
        player = self.player
        if player is None or player.state is PlayerState.READY:
            return
        self.progress_bar.setValue(round(player.progress() * 1000))
        paused = _("Paused  ·  ") if player.state is PlayerState.PAUSED else ""
        self.time_label.setText(paused + duration_words(player.time_left()) + " left")

    def _show_buttons(self) -> None:
        running = self.is_running()
        paused = self.player is not None and self.player.state is PlayerState.PAUSED
        self.play_button.setText(_("Resume") if paused else _("Pause") if running else _("Begin"))
        for button in (self.back_button, self.skip_button, self.stop_button):
            button.setEnabled(running)
        self.script_list.setEnabled(not running)
        self.area_list.setEnabled(not running)

    def _schedule_progress(self) -> None:
        moving = self.isVisible() and self.player is not None \
            and self.player.state is PlayerState.PLAYING
        if moving and not self.progress_timer.isActive():
            self.progress_timer.start()
        elif not moving:
            self.progress_timer.stop()

    def set_palette(self, palette) -> None:
        self.outline.palette_tokens = palette
        self.outline.update()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        for shortcut in self.page_shortcuts:
            shortcut.setEnabled(True)
        self._show_progress()
        self._schedule_progress()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        for shortcut in self.page_shortcuts:
            shortcut.setEnabled(False)
        self._schedule_progress()
