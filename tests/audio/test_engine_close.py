"""Closing the sound device while a sound is still being decoded on a worker: the close waits
for the decode (quitting SDL's mixer under a decode crashed or hung the app at quit), and a
decode asked for after the close is refused kindly."""

from __future__ import annotations

import threading

import pytest

from companion.audio import pygame_engine
from companion.audio.pygame_engine import PygameAudioEngine
from companion.resources import asset
from tests.wav_files import noise_wav


class HeldMixer:
    """The real pygame mixer, with Sound(path) held at a gate so a decode is surely in progress,
    and the order of 'decoded' and 'quit' written down."""

    def __init__(self, mixer):
        self._mixer = mixer
        self.entered = threading.Event()
        self.gate = threading.Event()
        self.order: list[str] = []

    def __getattr__(self, name):
        return getattr(self._mixer, name)

    def Sound(self, *args, **kwargs):
        if args:  # decoding a file (buffers made from arrays pass through)
            self.entered.set()
            self.gate.wait(timeout=30)
            sound = self._mixer.Sound(*args, **kwargs)
            self.order.append("decoded")
            return sound
        return self._mixer.Sound(*args, **kwargs)

    def quit(self):
        self.order.append("quit")
        self._mixer.quit()


@pytest.fixture
def engine(monkeypatch):
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    return PygameAudioEngine()


def held_reader(held: HeldMixer):
    """open_loop (the streaming reader's pass through the file), held at the same gate."""
    real = pygame_engine.open_loop

    def open_loop(*args, **kwargs):
        held.entered.set()
        held.gate.wait(timeout=30)
        loop = real(*args, **kwargs)
        held.order.append("decoded")
        return loop
    return open_loop


@pytest.mark.parametrize("kind", ["streamed", "decoded whole"])
def test_close_waits_for_a_decode_in_progress(engine, monkeypatch, tmp_path, kind):
    """The mixer quits only after the loop being read (or decoded whole) is done."""
    held = HeldMixer(engine._mixer)
    engine._mixer = held
    if kind == "streamed":
        monkeypatch.setattr(pygame_engine, "open_loop", held_reader(held))
        path = str(asset("sounds/rain.ogg"))
    else:
        # a second of noise at 48 kHz: the mixer converts it, so it is decoded whole
        path = str(noise_wav(tmp_path / "48k.wav", seconds=1, rate=48000, seed=1))
    results: list[object] = []
    loader = threading.Thread(target=lambda: results.append(engine.load_loop(path)))
    loader.start()
    assert held.entered.wait(timeout=30)
    closer = threading.Thread(target=engine.close)
    closer.start()
    closer.join(timeout=0.5)  # room for a close that does not wait to quit the mixer now
    held.gate.set()
    loader.join(timeout=30)
    closer.join(timeout=30)
    assert held.order == ["decoded", "quit"]
    assert len(results) == 1 and results[0][1] > 0  # the loop and its peak level


def test_a_decode_after_close_is_refused_with_a_kind_message(engine):
    """Asking for a sound once the device is closed raises ValueError, never an SDL error."""
    engine.close()
    with pytest.raises(ValueError, match="sound device had been closed"):
        engine.load_loop(str(asset("sounds/rain.ogg")))
    with pytest.raises(ValueError, match="sound device had been closed"):
        engine.load_sound(str(asset("sounds/rain.ogg")))
