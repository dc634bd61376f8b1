"""The Breathe page's choices: pattern, length, pace or count speed, and the sound, remembered in
the settings; the description and the cues prepared for what is chosen. BreathePage (page.py)
builds on this with running a session."""

from __future__ import annotations

from fractions import Fraction

from PySide6.QtWidgets import QWidget

from companion.breathing.library import DEFAULT_PATTERN_ID
from companion.breathing.model import Pattern
from companion.breathing.timeline import (
    SessionPlan,
    plan_for_breaths,
    plan_for_minutes,
    plan_until_stop,
)
from companion.i18n import _, ngettext
from companion.ui.breathe.cues import CuePlayer
from companion.ui.breathe.view import BreatheView, length_choices
from companion.ui.shell.settings_model import SettingsModel
from companion.ui.shell.wording import decimal


class BreatheChoices(BreatheView):
    """What to breathe, as chosen on the page and kept for next time."""

    def __init__(self, model: SettingsModel, patterns: list[Pattern], cues: CuePlayer,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._model = model
        self._patterns = patterns
        self._cues = cues

    def _show_idle(self) -> None:
        """Show what a session with these choices would be (BreathePage does this)."""
        raise NotImplementedError

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
            self.length_box.addItem(ngettext("{count} minute", "{count} minutes", minutes).format(
                count=minutes),
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
        holds = _(" Includes holds; breathe normally instead if they feel uneasy.") \
            if pattern.has_holds else ""
        if shown.count_seconds == 1:
            timing = _("{value} seconds").format(value=shown.timings_text())
        else:
            timing = _("{counts} counts of {seconds} seconds").format(
                counts=shown.counts_text(), seconds=decimal(shown.count_seconds))
        self.description.setText(_("{description} ({timing}).{holds}")
                                   .format(description=pattern.description, timing=timing, holds=holds))
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
        self.spoken_note.setText(_("This pattern's phases are too short for the spoken words, so "
                                 "its tones play instead."))
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
