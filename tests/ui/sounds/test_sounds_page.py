"""The Sounds page with the real pygame mixer on SDL's dummy driver."""

import math

import pytest

from companion.settings import SettingsStore
from companion.sounds.presets import UserPresetStore
from companion.ui.sounds.feature import SoundsFeature


@pytest.fixture
def sounds(make_app, qtbot):
    """The app open on Sounds, with the sound device ready."""
    app = make_app()
    app.show("sounds", start=False, background=False)
    qtbot.waitUntil(lambda: app.services.audio.engine is not None, timeout=10_000)
    page = app.window.page("sounds")
    yield app, page
    page.player.stop_all()


def test_nine_tiles_with_their_names(sounds):
    """Each of the nine sounds has a tile."""
    _app, page = sounds
    assert [t.sound.name for t in page.tiles.values()] == [
        "Pink noise", "Brown noise", "Rain", "Ocean waves", "Wind", "Stream", "Fire", "Night",
        "Singing bowl"]


def test_a_tile_starts_its_sound_and_the_mix_is_remembered(sounds, qtbot, paths, clock):
    """Clicking Rain fades it in at 60 %; the mix is saved for next time."""
    _app, page = sounds
    page.tiles["rain"].toggle.click()
    qtbot.waitUntil(lambda: "rain" in page.player.playing, timeout=10_000)
    assert page.player.mix.volumes == {"rain": 0.6}
    assert page.tiles["rain"].slider.value() == 60
    saved = SettingsStore(paths.settings_file, clock).load().settings
    assert saved.sounds_mix == "rain=0.60"


def test_a_playing_sound_is_kept_decoded_in_the_cache_folder(sounds, qtbot, paths):
    """Rain, once playing, is read from its decoded samples in the cache folder (decoded once on
    this computer, not at every piece it plays)."""
    _app, page = sounds
    page.tiles["rain"].toggle.click()
    qtbot.waitUntil(lambda: "rain" in page.player.playing, timeout=10_000)
    kept = list((paths.cache / "sounds").glob("*.pcm"))
    assert len(kept) == 1 and kept[0].stat().st_size > 0


def test_layers_play_together_at_their_own_volumes(sounds, qtbot):
    """Two sounds play at once, each at its own level under the shared master."""
    _app, page = sounds
    page.tiles["ocean"].slider.setValue(80)
    page.tiles["wind"].slider.setValue(30)
    qtbot.waitUntil(lambda: page.player.playing == {"ocean", "wind"}, timeout=10_000)
    assert page.player.mix.volumes == {"ocean": 0.8, "wind": 0.3}


def test_a_preset_sets_the_whole_mix(sounds):
    """Choosing Seaside plays ocean and wind at the preset's levels."""
    _app, page = sounds
    index = page.preset_box.findText("Seaside")
    page.preset_box.setCurrentIndex(index)
    page.preset_box.activated.emit(index)
    assert page.player.mix.volumes == {"ocean": 0.85, "wind": 0.3}
    assert page.tiles["ocean"].toggle.isChecked()


def test_saving_a_mix_keeps_it_in_the_config_folder(sounds, paths, clock):
    """A named mix is written to sound-presets.toml and offered in the list."""
    _app, page = sounds
    page.player.set_volume("fire", 0.5)
    assert page.save_mix("Evening fire") is not None
    known = set(page.tiles)
    stored = UserPresetStore(paths.config / "sound-presets.toml", clock, known).load().presets
    assert [(p.name, p.volumes) for p in stored] == [("Evening fire", {"fire": 0.5})]
    assert page.preset_box.findText("Evening fire") > 0


def test_saving_an_empty_mix_is_explained(sounds):
    """With nothing playing, saving says why it cannot."""
    _app, page = sounds
    assert page.save_mix("Nothing") is None
    assert "needs at least one sound" in page.sleep_label.text()


def test_mute_silences_and_keeps_the_mix(sounds):
    """Mute sends every gain to 0 and keeps the volumes for unmuting."""
    _app, page = sounds
    page.player.set_volume("rain", 0.6)
    page.mute.click()
    assert page.player.mix.muted and page.player.mix.volumes == {"rain": 0.6}
    assert page.player.mix.gains({"rain": 0.3}) == {"rain": 0.0}


def test_escape_on_the_page_stops_the_sounds_but_not_elsewhere(sounds):
    """Esc on Sounds fades everything out; Esc on another page leaves the sounds playing."""
    app, page = sounds
    page.player.set_volume("rain", 0.6)
    app.window.show_page("home")
    app.window.stop_all()
    assert page.player.mix.volumes == {"rain": 0.6}
    app.window.show_page("sounds")
    app.window.stop_all()
    assert page.player.mix.volumes == {}


def test_sleep_timer_fades_over_the_last_minute_then_stops(sounds):
    """A 15-minute timer arms one timer for the fade (at 14 min) and one for the end."""
    _app, page = sounds
    page.player.set_volume("rain", 0.6)
    index = page.sleep_box.findData(15)
    page.sleep_box.setCurrentIndex(index)
    page.sleep_box.activated.emit(index)
    player = page.player
    assert abs(player._fade_timer.interval() - 14 * 60_000) <= 5
    assert abs(player._end_timer.interval() - 15 * 60_000) <= 5
    assert "stop in 15 min" in page.sleep_label.text()
    player._fade_timer.stop()
    player._fade_timer.timeout.emit()
    player._end_timer.stop()
    player._end_timer.timeout.emit()
    assert player.mix.volumes == {} and not player.sleep.running


def test_ambient_ducks_under_breathing_cues(sounds, qtbot):
    """Starting a breathing session with sound lowers the ambient by 6 dB; stopping restores it."""
    app, page = sounds
    page.player.set_volume("rain", 1.0)
    breathe = app.window.page("breathe")
    breathe.start_main_action()
    qtbot.waitUntil(breathe.is_running, timeout=10_000)  # once its cues are ready
    assert page.player.ducked
    ratio = page.player.mix.gains({"rain": 0.3}, ducked=True)["rain"] / page.player.mix.gains(
        {"rain": 0.3})["rain"]
    assert 20 * math.log10(ratio) == pytest.approx(-6.0)
    breathe.stop()
    assert not page.player.ducked


def test_the_last_mix_is_shown_but_not_played_at_start(make_app, save_settings, qtbot):
    """Reopening shows the last mix on the tiles; sound never starts by itself."""
    save_settings(welcome_seen=True, sounds_mix="rain=0.50;night=0.20")
    app = make_app()
    app.show("sounds", start=False, background=False)
    page = app.window.page("sounds")
    assert page.tiles["rain"].slider.value() == 50
    assert page.player.playing == set()


def test_open_sounds_start_plays_the_last_mix(make_app, save_settings, qtbot):
    """`--open sounds --start` plays the remembered mix."""
    save_settings(welcome_seen=True, sounds_mix="night=0.40")
    app = make_app()
    app.show("sounds", start=True, background=False)
    page = app.window.page("sounds")
    qtbot.waitUntil(lambda: page.player.playing == {"night"}, timeout=10_000)
    page.player.stop_all()


def test_an_undecodable_file_is_explained_and_the_rest_keeps_playing(sounds, qtbot, tmp_path):
    """A broken sound file gives a calm notice; the other sounds go on."""
    app, page = sounds
    broken = tmp_path / "broken.ogg"
    broken.write_bytes(b"OggS this is not audio")
    player = page.player
    player._catalog["rain"] = type(player._catalog["rain"])("rain", "Rain", broken)
    player.set_volume("ocean", 0.5)
    player.set_volume("rain", 0.5)
    qtbot.waitUntil(lambda: any("Rain could not be played" in t
                                for t in app.window.notice_texts()), timeout=10_000)
    qtbot.waitUntil(lambda: player.playing == {"ocean"}, timeout=10_000)
    assert player.mix.volumes == {"ocean": 0.5}


def write_wav(path, seconds=1.0):
    """A short real WAV file (a soft tone), as a user's own sound."""
    import numpy as np

    from tests.wav_files import write_wav as write_samples

    t = np.arange(int(44100 * seconds)) / 44100
    tone = (np.sin(2 * np.pi * 330 * t) * 8000).astype(np.int16)
    return write_samples(path, np.column_stack([tone, tone]))


def test_your_own_file_joins_the_mix_and_is_remembered(sounds, qtbot, tmp_path, paths, clock):
    """An added WAV gets its own tile, plays as a layer, and is listed again next time."""
    from companion.sounds.own_files import OwnSoundStore

    app, page = sounds
    song = write_wav(tmp_path / "my_song.wav")
    page.own_files_chosen.emit([song, tmp_path / "notes.txt"])
    own_id = next(i for i in page.tiles if i.startswith("own-"))
    assert page.tiles[own_id].sound.name == "my song"
    assert any("notes.txt: not a kind of file" in t for t in app.window.notice_texts()), (
        app.window.notice_texts())
    page.tiles[own_id].toggle.click()
    qtbot.waitUntil(lambda: own_id in page.player.playing, timeout=10_000)
    stored, _ = OwnSoundStore(paths.config / "my-sounds.toml", clock).load()
    assert [s.path for s in stored] == [song]


def test_removing_your_own_file_stops_it_and_forgets_it(sounds, qtbot, tmp_path, paths, clock):
    """Remove takes the tile away, stops the layer and drops it from the saved list."""
    from companion.sounds.own_files import OwnSoundStore

    _app, page = sounds
    page.own_files_chosen.emit([write_wav(tmp_path / "rain_song.wav")])
    own_id = next(i for i in page.tiles if i.startswith("own-"))
    page.remove_own(own_id)
    assert own_id not in page.tiles and own_id not in page.player.mix.volumes
    stored, _ = OwnSoundStore(paths.config / "my-sounds.toml", clock).load()
    assert stored == []


def test_a_moved_own_file_is_named_in_a_notice(make_app, paths, clock, qtbot, tmp_path):
    """A file that is no longer where it was is named kindly; everything else works."""
    from companion.sounds.own_files import OwnSoundStore, own_sound

    OwnSoundStore(paths.config / "my-sounds.toml", clock).save([own_sound(tmp_path / "gone.mp3")])
    app = make_app()
    app.show("sounds", start=False, background=False)
    assert any("gone.mp3" in t for t in app.window.notice_texts())


def test_events_wait_on_one_timer_per_sound_that_has_them(sounds, qtbot):
    """Fire playing arms one single-shot timer for its next pop; rain arms none; stopping
    clears it. When it fires, a pop plays and the timer waits again."""
    _app, page = sounds
    player = page.player
    player.set_volume("rain", 0.5)
    player.set_volume("fire", 0.5)
    qtbot.waitUntil(lambda: player.playing == {"rain", "fire"}, timeout=10_000)
    assert set(player._events) == {"fire"}
    timer = player._events["fire"]
    assert timer.isSingleShot() and timer.isActive() and timer.interval() >= 12_000
    timer.stop()
    timer.timeout.emit()
    assert timer.isActive()
    player.stop_all()
    assert player._events == {}


def test_your_mix_can_be_renamed_and_deleted_but_built_ins_cannot(sounds, paths, clock):
    """A saved mix can be renamed, then deleted; the file follows; built-in mixes are kept."""
    _app, page = sounds
    page.player.set_volume("rain", 0.5)
    page.save_mix("First name")
    assert page.rename_mix("Better name")
    store = UserPresetStore(paths.config / "sound-presets.toml", clock, set(page.tiles))
    assert [p.name for p in store.load().presets] == ["Better name"]
    assert page.delete_mix()
    assert store.load().presets == []
    page.preset_box.setCurrentIndex(page.preset_box.findText("Seaside"))
    assert not page.delete_mix() and page.preset_box.findText("Seaside") > 0


def test_a_sleep_timer_of_any_length(sounds):
    """Any number of minutes can be chosen; the fade still takes the last minute."""
    _app, page = sounds
    page.player.set_volume("rain", 0.5)
    page.set_sleep(20)
    assert abs(page.player._fade_timer.interval() - 19 * 60_000) <= 5
    page.set_sleep(0)
    assert not page.player.sleep.running


def test_your_files_play_in_turn(sounds, qtbot, tmp_path):
    """'Play my files in turn' plays the first file, waits one single-shot timer for its end,
    then plays the next, and goes round again; a broken file is named and skipped."""
    app, page = sounds
    first = write_wav(tmp_path / "first.wav", seconds=1.0)
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF but not really")
    second = write_wav(tmp_path / "second.wav", seconds=2.0)
    page.own_files_chosen.emit([first, broken, second])
    page.playlist_button.click()
    qtbot.waitUntil(lambda: page.now_playing.text() == "Now playing: first", timeout=10_000)
    timer = app.feature(SoundsFeature).playlist._next
    assert timer.isSingleShot() and abs(timer.interval() - 1000) <= 5
    timer.stop()
    timer.timeout.emit()
    qtbot.waitUntil(lambda: page.now_playing.text() == "Now playing: second", timeout=10_000)
    assert any("broken could not be played" in t for t in app.window.notice_texts())
    page.playlist_button.click()
    assert page.now_playing.text() == "" and not app.feature(SoundsFeature).playlist.active


def test_a_sound_left_out_is_let_go_after_a_minute(sounds, qtbot):
    """A decoded sound taken out of the mix is kept a minute (quick to bring back), then freed."""
    _app, page = sounds
    player = page.player
    player.set_volume("wind", 0.5)
    qtbot.waitUntil(lambda: "wind" in player.playing, timeout=10_000)
    player.set_volume("wind", 0)
    timer = player._forget["wind"]
    assert timer.isActive() and timer.interval() == 60_000 and "wind" in player._loaded
    timer.stop()
    timer.timeout.emit()
    assert "wind" not in player._loaded


def test_closing_the_idle_device_drops_sounds_decoded_for_it(sounds, qtbot):
    """When the idle device closes, the decoded sounds go with it; playing again reloads them."""
    _app, page = sounds
    player = page.player
    player.set_volume("stream", 0.5)
    qtbot.waitUntil(lambda: "stream" in player.playing, timeout=10_000)
    player.stop_all()
    audio = player._audio
    audio.idle_timer.stop()
    audio.idle_timer.timeout.emit()
    assert audio.engine is None and player._loaded == {}
    player.set_volume("stream", 0.5)
    qtbot.waitUntil(lambda: "stream" in player.playing, timeout=10_000)


def test_rename_and_delete_wait_for_one_of_your_own_mixes(sounds):
    """With no mix or a built-in one chosen they are off; choosing your own turns them on."""
    _app, page = sounds
    assert not page.rename_button.isEnabled() and not page.delete_button.isEnabled()
    page.preset_box.setCurrentIndex(page.preset_box.findText("Seaside"))
    assert not page.rename_button.isEnabled() and not page.delete_button.isEnabled()
    page.player.set_volume("fire", 0.5)
    page.save_mix("Evening fire")
    page.preset_box.setCurrentIndex(page.preset_box.findText("Evening fire"))
    assert page.rename_button.isEnabled() and page.delete_button.isEnabled()


def test_the_sleep_timer_fade_is_the_mixers_own_over_what_is_left(sounds, qtbot, monkeypatch):
    """What is heard: when the fade begins, the mixer ramps every playing layer down over exactly
    the time left (a minute for a one-minute timer), with no timer ticking meanwhile."""
    _app, page = sounds
    page.tiles["rain"].toggle.click()
    qtbot.waitUntil(lambda: "rain" in page.player.playing, timeout=10_000)
    engine = page.player._audio.engine
    fades: list[int] = []
    real_fade = engine.fade_out_layers
    monkeypatch.setattr(engine, "fade_out_layers", lambda ms: (fades.append(ms), real_fade(ms)))
    page.player.start_sleep(1)  # the fade (never shorter than a minute) begins at once
    qtbot.waitUntil(lambda: bool(fades), timeout=5_000)
    assert fades == [60_000] and page.player.playing == set()
    assert page.player.sleep.running  # the mix ends when the minute is up


def icon_colour(tile, state) -> str:
    """The colour of the opaque pixels of a tile's icon (the strokes)."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QColor, QIcon

    image = tile.toggle.icon().pixmap(QSize(32, 32), QIcon.Mode.Normal, state).toImage()
    colours = {QColor(image.pixel(x, y)).name() for x in range(image.width())
               for y in range(image.height()) if QColor.fromRgba(image.pixel(x, y)).alpha() == 255}
    assert len(colours) == 1, colours
    return colours.pop()


def test_icons_keep_3_to_1_in_the_light_look_and_a_playing_tile_is_filled(sounds, qtbot):
    """In the Morning look a tile's icon is drawn in that look's teal (the Evening teal on a grey
    tile was 1.65:1; WCAG 1.4.11 asks 3:1), a playing tile is filled with teal, and its icon and
    name are then drawn in the text colour for teal."""
    from PySide6.QtGui import QColor, QIcon

    from companion.ui.shell.theme import MORNING, contrast

    app, page = sounds
    app.model.update(appearance="light")
    tile = page.tiles["rain"]
    off = icon_colour(tile, QIcon.State.Off)
    assert off == MORNING.teal and contrast(off, MORNING.raised) >= 3
    assert icon_colour(tile, QIcon.State.On) == MORNING.on_accent
    tile.toggle.click()
    qtbot.waitUntil(lambda: "rain" in page.player.playing, timeout=10_000)
    picture = tile.toggle.grab().toImage()
    middle = QColor(picture.pixel(8, picture.height() // 2)).name()
    assert middle == MORNING.teal


def test_a_one_shot_is_made_off_the_gui_thread_and_played_at_its_level(sounds, qtbot,
                                                                        monkeypatch):
    """When an ocean's big wave is due, its samples are made in a worker (a wave is ~20 ms of
    numpy, which would stall the orb) and then played at the ocean's own gain."""
    import threading

    from companion.sounds import oneshots

    app, page = sounds
    made_on: list[str] = []
    real_render = oneshots.render_event

    def render(sound_id, rng):
        made_on.append(threading.current_thread().name)
        return real_render(sound_id, rng)
    monkeypatch.setattr(oneshots, "render_event", render)
    engine = app.services.audio.engine
    played: list[float] = []
    real_play_once = engine.play_once
    monkeypatch.setattr(engine, "play_once",
                        lambda pcm, volume: (played.append(volume), real_play_once(pcm, volume))[1])
    page.tiles["ocean"].toggle.click()
    qtbot.waitUntil(lambda: "ocean" in page.player._events, timeout=10_000)
    page.player._events["ocean"].timeout.emit()  # the wave is due now
    qtbot.waitUntil(lambda: bool(played), timeout=10_000)
    assert made_on and made_on[0] != threading.current_thread().name
    gains = page.player.mix.gains({"ocean": page.player._loaded["ocean"][1]})
    assert played == [pytest.approx(gains["ocean"])]
