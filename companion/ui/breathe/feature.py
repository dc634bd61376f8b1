"""Breathe: the paced-breathing page, its cues, and the editor for your own patterns."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QDialog

from companion.i18n import _
from companion.ui.shell.feature import Feature

if TYPE_CHECKING:
    from companion.breathing.library import UserPatternStore
    from companion.breathing.model import Pattern
    from companion.ui.breathe.page import BreathePage


class BreatheFeature(Feature):
    page_id = "breathe"

    def start(self) -> None:
        self.pattern_dialog: QDialog | None = None  # kept while open (and for tests)
        self.store: UserPatternStore | None = None
        self.custom_patterns: list[Pattern] = []
        self.services.breathing = self
        if self.services.tray is not None:  # the tray's Breathe now
            self.services.tray.breathe_requested.connect(
                lambda: self.services.request.emit(self.page_id, True))

    def build_page(self) -> BreathePage:
        from companion.breathing.library import UserPatternStore, load_builtin_patterns
        from companion.ui.breathe.cues import CuePlayer
        from companion.ui.breathe.page import BreathePage

        services = self.services
        self.store = UserPatternStore(services.paths.config / "breathing-patterns.toml",
                                      services.clock)
        mine = self.store.load()
        self.custom_patterns = mine.patterns
        for notice in mine.notices:
            services.notice(notice)
        cues = CuePlayer(services.audio_service(), self, words_folder=self._cue_words_folder)
        page = BreathePage(services.model, services.clock, load_builtin_patterns() + mine.patterns,
                           cues)
        page.set_palette(services.palette())
        page.set_reduce_motion(services.reduce_motion)
        page.quiet_mode_requested.connect(services.window.set_quiet)
        page.help_requested.connect(services.window.show_help)
        page.session_active_changed.connect(self._active_changed)
        page.edit_patterns_requested.connect(self.edit_patterns)
        services.reduce_motion_changed.connect(page.set_reduce_motion)
        services.audio_service().warm_up()
        return page

    def _active_changed(self, active: bool) -> None:
        self.services.exercise_changed(self.page_id, active, _("A breathing session is running"),
                                       self.services.model.settings.sound_cues)

    def _cue_words_folder(self):
        """The spoken breathing cues, in the voice that reads the scripts."""
        from companion.audio.cue_words import CUE_FOLDER
        from companion.relax.voice import builtin_voice

        voice = self.services.voice
        folder = (voice.folder() if voice is not None
                  else builtin_voice(self.services.paths.cache / "voice").folder)
        return folder / CUE_FOLDER

    @property
    def breathe_page(self) -> BreathePage:
        return cast("BreathePage", self.page)

    def start_for(self, pattern_id: str, minutes: int) -> None:
        """Show Breathe and begin this pattern for these minutes."""
        self.services.window.show_page(self.page_id)
        self.breathe_page.start_for(pattern_id, minutes)

    def prepare_for(self, pattern_id: str) -> None:
        self.breathe_page.prepare_for(pattern_id)

    def edit_patterns(self) -> None:
        """Open the editor for the user's own breathing patterns."""
        from companion.breathing.library import load_builtin_patterns
        from companion.ui.breathe.pattern_editor import PatternEditorDialog

        page = self.breathe_page
        assert self.store is not None
        dialog = PatternEditorDialog(self.store, self.custom_patterns, self.services.window)

        def saved(patterns: list) -> None:
            self.custom_patterns = patterns
            page.set_patterns(load_builtin_patterns() + patterns)

        dialog.saved.connect(saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.pattern_dialog = dialog
