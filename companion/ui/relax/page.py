"""The Relax page: choose a script (or take the suggestion), leave out what hurts, lie back and
listen. Large words, a body outline that lights the area in focus, pause, back, skip and pace."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.clock import Clock
from companion.relax.body import AREAS
from companion.relax.library import BrokenScript
from companion.relax.model import Script, StepKind
from companion.relax.player import PlayerState, ScriptPlayer
from companion.relax.progress import Answer, RelaxProgress, after_less_relaxed
from companion.ui.relax.body_outline import BodyOutlineWidget
from companion.ui.relax.voice import VoiceGuide
from companion.ui.shell.base_page import BasePage, card, choice_list
from companion.ui.shell.calm_slider import CalmSlider
from companion.ui.shell.settings_model import SettingsModel
from companion.ui.shell.wording import duration_words

log = logging.getLogger(__name__)

KIND_WORDS = {StepKind.INTRO: "Settling in", StepKind.ATTEND: "Notice",
              StepKind.TENSE: "Tense gently", StepKind.RELEASE: "Let go",
              StepKind.BREATHE: "Breathe", StepKind.REST: "Rest", StepKind.RETURN: "Coming back"}
PROGRESS_MS = 1000  # the progress bar and time left move once a second while shown and playing

PMR_NOTE = ("<p><b>Before you begin</b></p>"
            "<p>Tense firmly, but never to the point of pain, and only gently where something "
            "hurts. Keep breathing while you tense.</p>"
            "<p>Leave out an area, or choose the body scan, which asks for no tensing at all, if "
            "you are pregnant (leave out the belly), have high blood pressure or a heart "
            "condition, a recent injury or surgery, or live with pain, arthritis or cramps. You "
            "can leave out any area below.</p>")


class RelaxPage(BasePage):
    """session_active_changed(bool) while a script plays or is paused (ambient sound ducks)."""

    page_id = "relax"
    session_active_changed = Signal(bool)

    def __init__(self, model: SettingsModel, clock: Clock, scripts: list[Script],
                 broken: list[BrokenScript], builtin_ids: set[str], progress: RelaxProgress,
                 save_progress: Callable[[RelaxProgress], None], voice: VoiceGuide,
                 user_folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("relaxPage")
        self._model = model
        self._clock = clock
        self.scripts = scripts
        self._builtin_ids = builtin_ids
        self.progress = progress
        self._save_progress = save_progress
        self.voice = voice
        self._user_folder = user_folder
        self.player: ScriptPlayer | None = None
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

        outer = QHBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 20)
        outer.setSpacing(24)
        outer.addWidget(self._build_chooser(broken), 0)
        outer.addLayout(self._build_player(), 1)

        self._load_choices()
        self.page_shortcuts = [QShortcut(QKeySequence(Qt.Key.Key_Space), self)]
        self.page_shortcuts[0].activated.connect(self._space)
        for shortcut in self.page_shortcuts:
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setEnabled(False)
        self._show_idle()

    # --- building ---------------------------------------------------------------------------------

    def _build_chooser(self, broken: list[BrokenScript]) -> QWidget:
        frame, inner = card()
        frame.setFixedWidth(290)
        heading = QLabel("Relax")
        heading.setProperty("role", "title")
        heading.setObjectName("pageTitle")
        inner.addWidget(heading)
        self.script_list = choice_list("Relaxation scripts")
        inner.addWidget(self.script_list, 3)
        self.suggestion_label = QLabel()
        self.suggestion_label.setProperty("role", "muted")
        self.suggestion_label.setWordWrap(True)
        inner.addWidget(self.suggestion_label)
        left_out = QLabel("Leave out any area that hurts:")
        left_out.setWordWrap(True)
        inner.addWidget(left_out)
        self.area_list = choice_list("Body areas to leave out")
        inner.addWidget(self.area_list, 2)
        inner.addLayout(self._build_options())
        self.broken_label = QLabel()
        self.broken_label.setProperty("role", "muted")
        self.broken_label.setWordWrap(True)
        self.broken_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner.addWidget(self.broken_label)
        self.folder_button = QPushButton("Your own scripts…")
        self.folder_button.setAccessibleName("Open the folder for your own relaxation scripts")
        self.folder_button.clicked.connect(self.open_user_folder)
        inner.addWidget(self.folder_button)
        self.set_broken(broken)
        self.script_list.currentRowChanged.connect(self._script_chosen)
        self.area_list.itemChanged.connect(self._areas_changed)
        return frame

    def _build_player(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(14)
        self.kind_label = QLabel(" ")
        self.kind_label.setProperty("role", "muted")
        self.kind_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.kind_label)
        middle = QHBoxLayout()
        self.step_label = QLabel()
        self.step_label.setObjectName("relaxStepText")
        self.step_label.setWordWrap(True)
        self.step_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.step_label.setAccessibleName("Current step")
        font = self.step_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.step_label.setFont(font)
        middle.addWidget(self.step_label, 3)
        self.outline = BodyOutlineWidget()
        middle.addWidget(self.outline, 2)
        column.addLayout(middle, 1)

        self.note_card, note = card()
        self.note_label = QLabel(PMR_NOTE)
        self.note_label.setWordWrap(True)
        note.addWidget(self.note_label)
        note_buttons = QHBoxLayout()
        self.note_begin = QPushButton("Begin gently")
        self.note_begin.setProperty("role", "primary")
        self.note_scan = QPushButton("Choose the body scan instead")
        note_buttons.addWidget(self.note_begin)
        note_buttons.addWidget(self.note_scan)
        note_buttons.addStretch(1)
        note.addLayout(note_buttons)
        self.note_begin.clicked.connect(self._note_accepted)
        self.note_scan.clicked.connect(self._note_chose_scan)
        column.addWidget(self.note_card)

        self.rating_card, rating = card()
        self.rating_label = QLabel("How relaxed do you feel now?")
        self.rating_label.setProperty("role", "heading")
        self.rating_label.setWordWrap(True)
        rating.addWidget(self.rating_label)
        answers = QHBoxLayout()
        self.answer_buttons: dict[Answer, QPushButton] = {}
        for answer, words in ((Answer.MORE, "More relaxed"), (Answer.SAME, "About the same"),
                              (Answer.LESS, "Less relaxed")):
            button = QPushButton(words)
            button.clicked.connect(lambda _c=False, a=answer: self.answer(a))
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
        self.progress_bar.setAccessibleName("Progress through the script")
        self.progress_bar.setMaximumHeight(8)
        column.addWidget(self.progress_bar)
        self.time_label = QLabel(" ")
        self.time_label.setProperty("role", "muted")
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.time_label)

        controls = QHBoxLayout()
        controls.setSpacing(10)
        self.play_button = QPushButton("Begin")
        self.play_button.setProperty("role", "primary")
        self.play_button.setAccessibleName("Begin, pause or resume (Space)")
        self.back_button = QPushButton("Back")
        self.back_button.setAccessibleName("Back to the start of this step, or the one before")
        self.skip_button = QPushButton("Skip")
        self.skip_button.setAccessibleName("Skip to the next step")
        self.stop_button = QPushButton("Stop")
        self.stop_button.setAccessibleName("Stop (Esc)")
        controls.addStretch(1)
        for button in (self.play_button, self.back_button, self.skip_button, self.stop_button):
            controls.addWidget(button)
        self.play_button.setMinimumWidth(110)
        controls.addStretch(1)
        column.addLayout(controls)
        self.play_button.clicked.connect(self._play_pressed)
        self.back_button.clicked.connect(self.previous)
        self.skip_button.clicked.connect(self.next)
        self.stop_button.clicked.connect(self.stop)

        return column

    def _build_options(self) -> QVBoxLayout:
        options = QVBoxLayout()
        options.setSpacing(6)
        voice_row = QHBoxLayout()
        pace_row = QHBoxLayout()
        self.voice_box = QCheckBox("Voice")
        self.voice_box.setAccessibleName("Speak the words aloud")
        self.voice_volume = CalmSlider()
        self.voice_volume.setRange(0, 100)
        self.voice_volume.setAccessibleName("Voice volume")
        self.pace_label = QLabel()
        self.pace_slider = CalmSlider()
        self.pace_slider.setRange(75, 150)
        self.pace_slider.setSingleStep(5)
        self.pace_slider.setPageStep(25)
        self.pace_slider.setAccessibleName("Pace: lower is slower, with more time in each step")
        voice_row.addWidget(self.voice_box)
        voice_row.addWidget(self.voice_volume, 1)
        pace_row.addWidget(self.pace_label)
        pace_row.addWidget(self.pace_slider, 1)
        options.addLayout(voice_row)
        options.addLayout(pace_row)
        self.voice_box.toggled.connect(self._voice_toggled)
        self.voice_volume.valueChanged.connect(self._voice_volume_changed)
        self.pace_slider.valueChanged.connect(self._pace_changed)
        return options

    # --- choices ----------------------------------------------------------------------------------

    def _load_choices(self) -> None:
        settings = self._model.settings
        self.voice_box.setChecked(settings.relax_voice)
        self.voice_volume.setValue(settings.voice_volume)
        self.pace_slider.setValue(settings.relax_pace)
        self._show_pace(settings.relax_pace)
        self.voice.set_enabled(settings.relax_voice)
        self.voice.set_volume(settings.voice_volume / 100)
        self.voice.cue_volume = settings.cue_volume / 100
        self.set_scripts(self.scripts)

    def set_scripts(self, scripts: list[Script]) -> None:
        """Fill the list and select the remembered script, or the suggested one."""
        self.scripts = scripts
        self.script_list.blockSignals(True)
        self.script_list.clear()
        for script in scripts:
            item = QListWidgetItem(f"{script.title}  ·  {script.minutes} min")
            item.setToolTip(script.summary)
            item.setData(Qt.ItemDataRole.UserRole, script.id)
            self.script_list.addItem(item)
        self.script_list.blockSignals(False)
        suggested = self.progress.suggestion(scripts, self._model.settings.relax_script)
        if suggested is None:
            self.suggestion_label.setText("No scripts could be loaded.")
            return
        script, why = suggested
        self.suggestion_label.setText(f"Suggested: {script.title}. {why}")
        self.select(script.id)

    def set_broken(self, broken: list[BrokenScript]) -> None:
        if not broken:
            self.broken_label.hide()
            return
        self.broken_label.setText(
            "Some of your scripts could not be used:\n" + "\n".join(f"• {b.message}" for b in broken))
        self.broken_label.show()

    def select(self, script_id: str) -> None:
        for row in range(self.script_list.count()):
            if self.script_list.item(row).data(Qt.ItemDataRole.UserRole) == script_id:
                self.script_list.setCurrentRow(row)
                self._fill_areas()
                return

    def current_script(self) -> Script | None:
        row = self.script_list.currentRow()
        return self.scripts[row] if 0 <= row < len(self.scripts) else None

    def left_out(self) -> set[str]:
        return {a for a in self._model.settings.relax_left_out.split(",") if a in AREAS}

    def _script_chosen(self, _row: int) -> None:
        script = self.current_script()
        if script is None:
            return
        self._fill_areas()
        if not self.is_running():
            self.rating_card.hide()
            self._show_idle()
            if script.id != self._model.settings.relax_script:
                self._model.update(relax_script=script.id)

    def _fill_areas(self) -> None:
        script = self.current_script()
        left_out = self.left_out()
        self.area_list.blockSignals(True)
        self.area_list.clear()
        for area_id in script.areas() if script else []:
            item = QListWidgetItem(AREAS[area_id].label)
            item.setData(Qt.ItemDataRole.UserRole, area_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if area_id in left_out
                               else Qt.CheckState.Unchecked)
            self.area_list.addItem(item)
        self.area_list.blockSignals(False)

    def set_left_out(self, area_id: str, leave_out: bool) -> None:
        """Leave an area out of (or back in) every script that visits it."""
        for row in range(self.area_list.count()):
            item = self.area_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == area_id:
                item.setCheckState(Qt.CheckState.Checked if leave_out
                                   else Qt.CheckState.Unchecked)

    def _areas_changed(self, item: QListWidgetItem) -> None:
        chosen = self.left_out()
        area_id = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked:
            chosen.add(area_id)
        else:
            chosen.discard(area_id)
        self._model.update(relax_left_out=",".join(sorted(chosen)))
        if not self.is_running():
            self._show_idle()

    def _voice_toggled(self, on: bool) -> None:
        self.voice.set_enabled(on)
        self.voice_volume.setEnabled(on)
        if on != self._model.settings.relax_voice:
            self._model.update(relax_voice=on)

    def _voice_volume_changed(self, value: int) -> None:
        self.voice.set_volume(value / 100)
        if value != self._model.settings.voice_volume:
            self._model.update(voice_volume=value)

    def _pace_changed(self, value: int) -> None:
        value = 5 * round(value / 5)
        self._show_pace(value)
        if self.player is not None and self.is_running():
            self.player.set_pace(value / 100)
            self._arm()
            self._show_progress()
        elif not self.is_running():
            self._show_idle()
        if value != self._model.settings.relax_pace:
            self._model.update(relax_pace=value)

    def _show_pace(self, value: int) -> None:
        words = "Steady" if value == 100 else ("Slower" if value < 100 else "Quicker")
        self.pace_label.setText(f"Pace: {words.lower()}")
        self.pace_slider.setAccessibleDescription(f"{words}, {value} percent")

    def open_user_folder(self) -> None:
        self._user_folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._user_folder)))

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
        self.kind_label.setText("Finished")
        self.step_label.setText("That is the end. Take all the time you need before you move on.")
        self.outline.set_lit(frozenset())
        self.rating_label.setText("How relaxed do you feel now?")
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
        words = {Answer.MORE: "Thank you. It is good that this helped.",
                 Answer.SAME: "Thank you. Some days it takes longer, and that is fine."}.get(answer)
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
            self.step_label.setText("No script is chosen.")
        else:
            plan = script.without(self.left_out())
            minutes = max(1, round(plan.seconds / 60 * 100 / self.pace_slider.value()))
            # The length said once: worked out here (pace, areas left out), not the summary's.
            summary = re.sub(r"\s*About \d+ minutes?\.?\s*$", "", script.summary)
            self.step_label.setText(
                f"{script.title}\n\n{summary}\n\nAbout {minutes} minutes. When you are "
                "ready, lie back and press Begin.")
        self.outline.set_lit(frozenset())
        self.progress_bar.setValue(0)
        self.time_label.setText(" ")
        self.note_card.hide()
        self._show_buttons()

    def _show_step(self) -> None:
        player = self.player
        assert player is not None
        step = player.step
        self.kind_label.setText(f"{KIND_WORDS[step.kind]}  ·  step {player.index + 1} of "
                                f"{len(player.script.steps)}")
        self.step_label.setText(step.text)
        self.step_label.setAccessibleDescription(step.text)
        regions = frozenset(AREAS[step.area].regions) if step.area else frozenset()
        self.outline.set_lit(regions, AREAS[step.area].label if step.area else "")
        self._show_progress()

    def _show_progress(self) -> None:
        player = self.player
        if player is None or player.state is PlayerState.READY:
            return
        self.progress_bar.setValue(round(player.progress() * 1000))
        paused = "Paused  ·  " if player.state is PlayerState.PAUSED else ""
        self.time_label.setText(paused + duration_words(player.time_left()) + " left")

    def _show_buttons(self) -> None:
        running = self.is_running()
        paused = self.player is not None and self.player.state is PlayerState.PAUSED
        self.play_button.setText("Resume" if paused else "Pause" if running else "Begin")
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
