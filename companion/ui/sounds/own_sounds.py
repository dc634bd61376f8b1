"""Your own sound files on the Sounds page: their tiles, adding and removing them, and playing
them in turn."""

from __future__ import annotations

from PySide6.QtCore import QObject

from companion.i18n import _
from companion.sounds.catalog import SoundInfo
from companion.sounds.own_files import OwnSound, OwnSoundStore
from companion.ui.shell.services import Services
from companion.ui.sounds.page import SoundsPage
from companion.ui.sounds.playlist_player import PlaylistPlayer
from companion.ui.sounds.soundscape_player import SoundscapePlayer


class OwnSounds(QObject):
    """Keeps the list of the user's files (my-sounds.toml) in step with the page."""

    def __init__(self, services: Services, player: SoundscapePlayer, page: SoundsPage,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.services = services
        self.player = player
        self.page = page
        self.store = OwnSoundStore(services.paths.config / "my-sounds.toml", services.clock)
        self.own, notices = self.store.load()
        for notice in notices:
            services.notice(notice)
        self.playlist = PlaylistPlayer(services.audio_service(), parent)
        self.playlist.now_playing.connect(page.show_now_playing)
        self.playlist.problem.connect(services.notice)
        self._offer(self.own)
        page.own_files_chosen.connect(self._chosen)
        page.own_removed.connect(self._removed)
        page.playlist_toggled.connect(self._playlist_toggled)

    def _offer(self, sounds: list[OwnSound]) -> None:
        for sound in sounds:
            self.player.add_own(sound.id, sound.name, sound.path)
            self.page.add_tile(SoundInfo(sound.id, sound.name, sound.path), own=True)

    def _save(self) -> None:
        self.services.save_or_say(lambda: self.store.save(self.own),
                                  _("Your list of sound files could not be saved ({reason}); it "
                                  "applies until you quit."))

    def _chosen(self, paths) -> None:
        updated, refused = self.store.add(self.own, paths)
        self._offer(updated[len(self.own):])
        self.own = updated
        self._save()
        if refused:
            self.services.notice(
                _("{value}: not a kind of file Companion can play. It plays OGG, WAV, FLAC and MP3 files.")
                  .format(value=', '.join(refused)))

    def _removed(self, sound_id: str) -> None:
        self.own = [sound for sound in self.own if sound.id != sound_id]
        self._save()

    def _playlist_toggled(self, on: bool) -> None:
        if on and not self.own:
            self.page.show_now_playing("")
            self.services.notice(_("Add some of your own files first, then they can play in turn."))
        elif on:
            self.playlist.start([SoundInfo(s.id, s.name, s.path)
                                 for s in self.own if not s.missing])
        else:
            self.playlist.stop()
