"""Sounds: ambient soundscapes mixed from tiles, presets, your own files and a playlist of them;
also what plays under a quiet session, and the ducking under speech."""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.i18n import _
from companion.ui.shell.feature import Feature

if TYPE_CHECKING:
    from companion.settings import Settings
    from companion.sounds.mix import Mix
    from companion.ui.sounds.page import SoundsPage
    from companion.ui.sounds.playlist_player import PlaylistPlayer
    from companion.ui.sounds.soundscape_player import SoundscapePlayer


class SoundsFeature(Feature):
    page_id = "sounds"

    def start(self) -> None:
        self.player: SoundscapePlayer | None = None
        self.playlist: PlaylistPlayer | None = None
        self.services.soundscape = self

    def build_page(self) -> SoundsPage:
        from companion.sounds.catalog import load_catalog
        from companion.sounds.mix import Mix, mix_from_text, mix_to_text
        from companion.sounds.presets import UserPresetStore, load_builtin_presets
        from companion.ui.sounds.own_sounds import OwnSounds
        from companion.ui.sounds.page import SoundsPage
        from companion.ui.sounds.soundscape_player import SoundscapePlayer

        services = self.services
        model = services.model
        catalog = load_catalog()
        known = {sound.id for sound in catalog}
        store = UserPresetStore(services.paths.config / "sound-presets.toml", services.clock,
                                known)
        mine = store.load()
        for notice in mine.notices:
            services.notice(notice)
        player = SoundscapePlayer(services.audio_service(), catalog, services.clock, self)
        self.player = player
        # The last mix is shown, not played: sound never starts by itself.
        player.mix = Mix(mix_from_text(model.settings.sounds_mix, known),
                         model.settings.sounds_master / 100)
        player.problem.connect(services.notice)
        page = SoundsPage(player, catalog, load_builtin_presets(known) + mine.presets,
                          store.new_id)
        page.set_palette(services.palette())
        user_presets = list(mine.presets)

        def remember(mix: Mix) -> None:
            model.update(sounds_mix=mix_to_text(mix), sounds_master=round(mix.master * 100))

        def keep_preset(preset) -> None:
            if preset is not None:
                user_presets.append(preset)
            services.save_or_say(lambda: store.save(user_presets),
                                 _("Your mix could not be saved ({reason})."))

        def follow_master(settings: Settings) -> None:
            # The ambient volume can also be set on the Settings page.
            master = settings.sounds_master / 100
            if abs(player.mix.master - master) > 0.005:
                player.set_mix(player.mix.with_master(master))

        def replace_presets(presets) -> None:
            user_presets[:] = presets
            keep_preset(None)

        model.changed.connect(follow_master)
        player.mix_changed.connect(remember)
        page.presets_changed.connect(replace_presets)
        self.playlist = OwnSounds(services, player, page, self).playlist
        services.audio_service().warm_up()  # so the first tile plays at once
        page.mix_saved.connect(keep_preset)
        return page

    def set_ducked(self, ducked: bool) -> None:
        """Ambient sound sits 6 dB under breathing cues or a spoken script while either plays."""
        if self.player is not None:
            self.player.set_ducked(ducked)

    def play_for_session(self, sound: str) -> None:
        """A mix from the presets, or the user's own music ('own'), under a whole session."""
        page = self.page  # builds the player and the playlist
        if sound == "own":
            from companion.sounds.own_files import OwnSoundStore

            own, _notices = OwnSoundStore(self.services.paths.config / "my-sounds.toml",
                                          self.services.clock).load()
            if any(not s.missing for s in own):
                getattr(page, "playlist_button").setChecked(True)  # noqa: B009
                return
            sound = "rainy-night"  # no music of their own yet: something soft instead
        from companion.sounds.catalog import load_catalog
        from companion.sounds.mix import Mix
        from companion.sounds.presets import load_builtin_presets

        known = {s.id for s in load_catalog()}
        preset = next((p for p in load_builtin_presets(known) if p.id == sound), None)
        if preset is not None and self.player is not None:
            self.player.set_mix(Mix(preset.volumes, self.player.mix.master))

    def stop_for_session(self) -> None:
        if self.player is not None:
            self.player.stop_all()
        if self.playlist is not None:
            self.playlist.stop()

    def close(self) -> None:
        if self.player is not None:
            self.player.close()
        if self.playlist is not None:
            self.playlist.stop()
