"""Streaming loops on the real pygame mixer (SDL's dummy driver): a layer stops at once when asked,
a sound that cannot be read on ends alone, and closing the device ends the feeder thread."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import threading
import types
import weakref
from pathlib import Path

import numpy as np
import pytest
import soundfile

from companion.audio.pygame_engine import PygameAudioEngine
from companion.resources import asset
from companion.sounds.loop_reader import LoopFile
from tests.wav_files import noise_wav

RAIN, OCEAN = str(asset("sounds/rain.ogg")), str(asset("sounds/ocean.ogg"))


@pytest.fixture
def engine(monkeypatch):
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    engine = PygameAudioEngine()
    yield engine
    engine.close()


def pieces_made(engine, count: int) -> threading.Event:
    """Set once the feeder has made `count` more pieces (it makes one as each piece ends; the
    first two of a layer are made when it starts)."""
    done, made = threading.Event(), [0]
    make = engine.feeder._make_sound

    def counting(pcm):
        made[0] += 1
        if made[0] >= count:
            done.set()
        return make(pcm)
    engine.feeder._make_sound = counting
    return done


def test_a_loaded_loop_is_streamed_not_held(engine):
    """A built-in loop comes back as a LoopFile holding two seconds, not a decoded sound."""
    loop, peak = engine.load_loop(RAIN)
    assert isinstance(loop, LoopFile) and 0 < peak < 1
    assert loop.opening.nbytes <= 2 * 44100 * 4 and engine.sound_seconds(loop) > 60


def test_stopping_at_once_frees_the_channel(engine):
    loop, _ = engine.load_loop(RAIN)
    assert engine.play_layer("rain", loop, 0.5, fade_ms=0)
    channel = engine._layers["rain"]
    assert channel.get_busy() and channel.get_queue() is not None  # one piece waits queued
    engine.stop_layer("rain", 0)
    assert not channel.get_busy() and engine.feeder.playing() == set()


def test_playing_a_layer_again_replaces_it(engine):
    """The same sound started twice is one layer on one channel, not two."""
    loop, _ = engine.load_loop(RAIN)
    engine.play_layer("rain", loop, 0.5, fade_ms=0)
    engine.play_layer("rain", loop, 0.5, fade_ms=0)
    assert engine.feeder.playing() == {"rain"} and len(engine.feeder._layers) == 1


def test_a_sound_that_cannot_be_read_on_ends_alone(engine, monkeypatch, caplog):
    """The file's read fails partway (a drive unplugged): that layer ends after what is queued,
    with a warning; the other layer streams on and the feeder lives."""
    rain, _ = engine.load_loop(RAIN)
    ocean, _ = engine.load_loop(OCEAN)
    real_read = soundfile.SoundFile.read

    def read(self, *args, **kwargs):
        if self.name == RAIN:
            raise OSError(5, "Input/output error")
        return real_read(self, *args, **kwargs)
    monkeypatch.setattr(soundfile.SoundFile, "read", read)
    with caplog.at_level(logging.WARNING):
        engine.play_layer("rain", rain, 0.5, fade_ms=0)
        engine.play_layer("ocean", ocean, 0.5, fade_ms=0)
        more = pieces_made(engine, 2)
        assert more.wait(timeout=30)  # ocean's next pieces, made as its first ones ended
    assert engine.feeder.playing() == {"ocean"}
    assert "could not be read on" in caplog.text
    assert engine.feeder._thread is not None and engine.feeder._thread.is_alive()


def test_closing_the_device_ends_the_feeder(monkeypatch):
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    engine = PygameAudioEngine()
    for key, path in (("rain", RAIN), ("ocean", OCEAN)):
        engine.play_layer(key, engine.load_loop(path)[0], 0.5, fade_ms=300)
    thread = engine.feeder._thread
    engine.close()
    assert thread is not None and not thread.is_alive()


def test_a_file_at_another_rate_is_decoded_whole_and_plays(engine, tmp_path):
    """The mixer converts what the reader cannot stream (48 kHz here) and holds it whole."""
    path = noise_wav(tmp_path / "48k.wav", seconds=2, rate=48000, seed=2)
    sound, peak = engine.load_loop(str(path))
    assert not isinstance(sound, LoopFile) and peak > 0
    assert engine.play_layer("mine", sound, 0.5, fade_ms=0) and engine._layers["mine"].get_busy()


LEAVE_PLAYING = """
import os, sys, threading
os.environ["SDL_AUDIODRIVER"] = "dummy"
from companion.audio.pygame_engine import PygameAudioEngine
from companion.resources import asset
engine = PygameAudioEngine()
made = threading.Event()
make = engine.feeder._make_sound
engine.feeder._make_sound = lambda pcm: (made.set(), make(pcm))[1]
for key in ("rain", "ocean"):
    engine.play_layer(key, engine.load_loop(str(asset(f"sounds/{key}.ogg")))[0], 0.5, fade_ms=0)
made.clear()
assert made.wait(timeout=30)  # streaming: a piece has ended and the next was made
print("leaving")
"""


def test_leaving_the_process_with_sounds_streaming_exits_cleanly():
    """Nobody closes the engine (an error path, a test): pieces keep ending as Python shuts down,
    yet the process ends without a crash (the engine closes itself before pygame's exit)."""
    result = subprocess.run([sys.executable, "-c", LEAVE_PLAYING], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "leaving"


def test_a_short_loop_is_held_whole(engine, tmp_path):
    """Five seconds of loop is kept decoded (under 1 MB) rather than decoded again every few
    seconds all evening; it still plays as a loop, and it is the same loop the reader gives."""
    from companion.sounds.loop_reader import open_loop, whole_loop

    path = noise_wav(tmp_path / "short.wav", seconds=5, seed=5)
    sound, _peak = engine.load_loop(str(path))
    assert not isinstance(sound, LoopFile)
    assert np.array_equal(np.frombuffer(sound.get_raw(), dtype=np.int16).reshape(-1, 2),
                          whole_loop(open_loop(str(path))))
    assert engine.play_layer("short", sound, 0.5, fade_ms=0) and engine._layers["short"].get_busy()


def test_playing_reads_nothing_on_the_calling_thread(engine, monkeypatch):
    """play_layer runs on the GUI thread: it plays the opening read at load time, and the file is
    opened by the feeder thread when the next piece is needed."""
    loop, _ = engine.load_loop(RAIN)
    opened_on: list[str] = []
    real_init = soundfile.SoundFile.__init__

    def init(self, *args, **kwargs):
        opened_on.append(threading.current_thread().name)
        real_init(self, *args, **kwargs)
    monkeypatch.setattr(soundfile.SoundFile, "__init__", init)
    engine.play_layer("rain", loop, 0.5, fade_ms=0)
    assert opened_on == []
    assert pieces_made(engine, 1).wait(timeout=30)
    assert opened_on == ["loop-feeder"]


def test_a_piece_ending_runs_no_python_code_in_the_mixer_thread(engine):
    """SDL's mixer thread frees each piece as it ends; what that wakes is a C function (the
    queue's put), never Python code, which would map and unmap a frame stack in that thread
    four times a second. Every piece the mixer holds is watched only through such callbacks."""
    loop, _ = engine.load_loop(RAIN)
    engine.play_layer("rain", loop, 0.5, fade_ms=0)
    assert pieces_made(engine, 1).wait(timeout=30)
    channel = engine._layers["rain"]
    held = [sound for sound in (channel.get_sound(), channel.get_queue()) if sound is not None]
    callbacks = [ref.__callback__ for sound in held for ref in weakref.getweakrefs(sound)]
    assert held and callbacks
    assert all(isinstance(callback, types.BuiltinMethodType) for callback in callbacks)


def test_once_playing_a_layer_is_read_a_few_seconds_at_a_time(engine):
    """A layer starts on the two one-second pieces of its opening (read at load time, so the
    first deadline is a second away); the feeder then reads four seconds at a time, so it
    wakes once for each four seconds of a sound rather than each second."""
    loop, _ = engine.load_loop(RAIN)
    lengths: list[int] = []
    make = engine.feeder._make_sound

    def measuring(pcm):
        lengths.append(len(pcm))
        return make(pcm)
    engine.feeder._make_sound = measuring
    engine.play_layer("rain", loop, 0.5, fade_ms=0)
    assert pieces_made(engine, 1).wait(timeout=30)
    assert lengths[:3] == [44100, 44100, 4 * 44100]


def test_built_in_loops_are_kept_decoded_but_never_the_users_own_files(monkeypatch, tmp_path):
    """With a cache folder, a built-in loop (one with a stored tail) is kept decoded there; the
    user's own file (played as it is) is streamed from its own file, with no copy made."""
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    own = shutil.copy(OCEAN, tmp_path / "my ocean.ogg")
    engine = PygameAudioEngine(pcm_cache=tmp_path / "sounds")
    try:
        built_in, _ = engine.load_loop(RAIN)
        yours, _ = engine.load_loop(str(own), has_tail=False)
    finally:
        engine.close()
    assert built_in.pcm is not None and yours.pcm is None
    assert [p.name for p in (tmp_path / "sounds").iterdir()] == [Path(built_in.pcm).name]
