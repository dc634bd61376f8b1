"""Relax: guided muscle relaxation and body scans, and the voice that reads them (bundled
recordings, or the natural voice once prepared in its own process)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from companion.i18n import _
from companion.ui.shell.feature import Feature

if TYPE_CHECKING:
    from companion.ui.relax.page import RelaxPage
    from companion.ui.relax.voice_renderer import NaturalVoiceRenderer


class RelaxFeature(Feature):
    page_id = "relax"

    def start(self) -> None:
        self._renderer: NaturalVoiceRenderer | None = None
        self.services.voice = self
        if self.services.tray is not None:  # the tray's Relax now
            self.services.tray.relax_requested.connect(
                lambda: self.services.request.emit(self.page_id, True))

    def build_page(self) -> RelaxPage:
        from companion.relax.library import USER_FOLDER, load_builtin_scripts, load_user_scripts
        from companion.relax.progress import ProgressStore
        from companion.ui.relax.page import RelaxPage
        from companion.ui.relax.voice import VoiceGuide

        services = self.services
        builtins = load_builtin_scripts()
        builtin_ids = {script.id for script in builtins}
        folder = services.paths.config / USER_FOLDER
        mine = load_user_scripts(folder, builtin_ids)
        store = ProgressStore(services.paths.config / "relax-progress.toml", services.clock)
        progress = store.load()
        for notice in progress.notices:
            services.notice(notice)

        def save_progress(updated) -> None:
            services.save_or_say(lambda: store.save(updated),
                                 _("How this session felt could not be saved ({reason}); nothing "
                                 "else is affected."))

        voice = VoiceGuide(services.audio_service(), services.paths.cache / "voice",
                           lambda: self.renderer().current, self)
        voice.problem.connect(services.notice)
        page = RelaxPage(services.model, services.clock, builtins + mine.scripts, mine.broken,
                         builtin_ids, progress, save_progress, voice, folder)
        page.set_palette(services.palette())
        page.session_active_changed.connect(self._active_changed)
        page.help_requested.connect(services.window.show_help)
        services.audio_service().warm_up()  # so the first words play at once
        return page

    def _active_changed(self, active: bool) -> None:
        self.services.exercise_changed(self.page_id, active, _("A guided relaxation is playing"),
                                       self.services.model.settings.relax_voice)

    def renderer(self) -> NaturalVoiceRenderer:
        """Prepares the natural voice in its own process (made on first use)."""
        if self._renderer is None:
            from companion.ui.relax.voice_renderer import NaturalVoiceRenderer

            self._renderer = NaturalVoiceRenderer(self.services.paths.cache / "voice", self)
            self._renderer.ready.connect(self._voice_ready)
            self.services.qapp.aboutToQuit.connect(self._renderer.stop)
        return self._renderer

    def folder(self) -> Path:
        """Where the recordings of the built-in words are (bundled or natural)."""
        return self.renderer().current.folder

    def prepare_if_needed(self) -> None:
        """The first time the voice extra is found (or the words changed since), prepare the
        natural voice in the background."""
        if self.renderer().needed():
            self.renderer().start()

    def _voice_ready(self, ok: bool) -> None:
        if ok:
            self.services.notice(_("The natural voice is ready: the relaxation scripts are read "
                                 "with it from the next one you begin."))
