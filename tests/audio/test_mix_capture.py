"""Ambient loops through the real pygame mixer into SDL's disk driver (SDL_DISKAUDIODELAY=3 runs it
about eight times faster than real time, so the loops' streaming must keep ahead of a device far
quicker than a real one): seamless over several loop periods, and no clipping at full."""

import os
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from companion.sounds.catalog import load_catalog

CAPTURE = """
import os, sys
delay = sys.argv[6] if len(sys.argv) > 6 else "3"
os.environ.update(SDL_AUDIODRIVER="disk", SDL_DISKAUDIOFILE=sys.argv[1], SDL_DISKAUDIODELAY=delay)
from companion.audio.pygame_engine import PygameAudioEngine
from companion.sounds.catalog import load_catalog
from companion.sounds.mix import Mix
import pygame.time
ids, seconds = sys.argv[2].split(","), float(sys.argv[3])
volume = float(sys.argv[4]) if len(sys.argv) > 4 else None
fade_ms = int(sys.argv[5]) if len(sys.argv) > 5 else 0
engine = PygameAudioEngine()
catalog = {s.id: s for s in load_catalog()}
loaded = {i: engine.load_loop(str(catalog[i].path)) for i in ids}
mix = Mix(master=1.0)
for i in ids:
    mix = mix.with_volume(i, 1.0)
gains = mix.gains({i: loaded[i][1] for i in ids})
already = os.path.getsize(sys.argv[1]) if os.path.exists(sys.argv[1]) else 0
for i in ids:
    engine.play_layer(i, loaded[i][0], gains[i] if volume is None else volume, fade_ms=fade_ms)
import numpy as np
target = already + seconds * 44100 * 4
while True:  # the disk driver writes as fast as it can, silence too, even before play starts
    size = os.path.getsize(sys.argv[1]) if os.path.exists(sys.argv[1]) else 0
    if size >= target:
        frames = np.memmap(sys.argv[1], dtype=np.int16, mode="r", shape=(size // 4, 2))
        sounding = np.flatnonzero(np.any(frames != 0, axis=1))
        # Enough audio counted from the first sound, however much silence came before it.
        if len(sounding) and size >= (sounding[0] + seconds * 44100) * 4:
            break
        target = size + 44100 * 4
    pygame.time.wait(5)
late = engine.feeder.late
engine.close()
print(repr(gains), late)
"""


def capture(tmp_path: Path, ids: list[str], seconds: float, volume: float | None = None,
            fade_ms: int = 0, real_time: bool = False) -> np.ndarray:
    """The mixer's output; real_time paces the disk driver at one buffer per 23 ms, for what is
    timed by the wall clock (fades), which would otherwise race ahead of the audio. Every piece
    of every streamed loop reached its channel in time (else a gap would be heard)."""
    raw = tmp_path / "mix.raw"
    extra = [] if volume is None else [str(volume), str(fade_ms), "23" if real_time else "3"]
    out = subprocess.run([sys.executable, "-c", CAPTURE, str(raw), ",".join(ids), str(seconds),
                          *extra], check=True, timeout=300, capture_output=True, text=True,
                         env={**os.environ}).stdout
    assert out.split()[-1] == "0", "a piece reached its channel late"
    return np.frombuffer(raw.read_bytes(), dtype=np.int16).reshape(-1, 2)


def streamed_loop(sound_id: str) -> np.ndarray:
    """One period of the loop as the engine streams it, read through by the streaming reader."""
    from companion.sounds.loop_reader import open_loop, whole_loop

    return whole_loop(open_loop(str(next(s.path for s in load_catalog() if s.id == sound_id))))


def decoded_loop(sound_id: str) -> np.ndarray:
    """The loop as the engine once held it (tail joined), decoded whole by pygame itself."""
    code = ("import sys, numpy as np, pygame.mixer, pygame.sndarray; "
            "pygame.mixer.init(44100, -16, 2); "
            "from companion.sounds.synth import join_tail; "
            "a = join_tail(pygame.sndarray.array(pygame.mixer.Sound(sys.argv[1]))); "
            "sys.stdout.buffer.write(a.astype(np.int16).tobytes())")
    path = next(s.path for s in load_catalog() if s.id == sound_id)
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, check=True,
                         timeout=120).stdout
    return np.frombuffer(out, dtype=np.int16).reshape(-1, 2)


@pytest.mark.parametrize("sound_id", ["pink-noise"])
def test_a_loop_repeats_sample_for_sample_over_three_periods(tmp_path, sound_id):
    """Played alone at full volume, the captured output is the loop repeated exactly: no gap, no
    step, no drift at any of the wrap points."""
    loop = streamed_loop(sound_id)
    captured = capture(tmp_path, [sound_id], seconds=3.2 * len(loop) / 44100)
    start = int(np.flatnonzero(np.any(captured != 0, axis=1))[0]) - int(
        np.flatnonzero(np.any(loop != 0, axis=1))[0])
    three = captured[start:start + 3 * len(loop)]
    assert len(three) == 3 * len(loop)
    assert np.array_equal(three, np.tile(loop, (3, 1)))


@pytest.mark.parametrize("sound_id", ["pink-noise", "rain"])
def test_the_streamed_loop_is_the_loop_pygame_decodes_whole(sound_id):
    """Reading a piece at a time changes nothing: the streamed period is the whole-file loop of
    before, to within one step of rounding (two decoders of the same Ogg Vorbis file)."""
    streamed, whole = streamed_loop(sound_id).astype(int), decoded_loop(sound_id).astype(int)
    assert streamed.shape == whole.shape
    assert np.max(np.abs(streamed - whole)) <= 1


def test_all_nine_at_full_volume_never_clip(tmp_path):
    """Every sound at full with the master at full: the mixed output never reaches full scale."""
    ids = [sound.id for sound in load_catalog()]
    captured = capture(tmp_path, ids, seconds=100)  # longer than the longest loop (97 s)
    assert np.max(np.abs(captured.astype(int))) < 32767
    assert np.std(captured) > 100  # and it is really playing


def first_sound(samples: np.ndarray) -> int:
    return int(np.flatnonzero(np.any(samples != 0, axis=1))[0])


def test_a_layer_at_half_volume_is_exactly_half(tmp_path):
    """A layer's own volume is applied as the mixer promises: 0.5 gives each sample halved."""
    loop = streamed_loop("rain")
    captured = capture(tmp_path, ["rain"], seconds=5, volume=0.5)
    start = first_sound(captured)
    got = captured[start:start + 5 * 44100].astype(int)
    offset = first_sound(np.trunc(loop.astype(int) * 64 / 128).astype(int))
    expected = np.trunc(loop[offset:offset + len(got)].astype(int) * 64 / 128).astype(int)
    assert np.array_equal(got, expected)


def test_a_fade_in_adds_no_click(tmp_path):
    """Fading a layer in over 1.5 s adds no jump: the sample-to-sample change never exceeds the
    loop's own largest change at full volume."""
    loop = streamed_loop("ocean").astype(int)
    captured = capture(tmp_path, ["ocean"], seconds=3, volume=1.0, fade_ms=1500,
                       real_time=True).astype(int)
    start = first_sound(captured)
    fade = captured[max(0, start - 10):start + int(1.6 * 44100)]
    assert np.max(np.abs(np.diff(fade, axis=0))) <= np.max(np.abs(np.diff(loop, axis=0)))
    assert np.max(np.abs(fade[:441])) < np.max(np.abs(fade[-4410:]))  # it does rise


FADE_OUT = """
import os, sys
os.environ.update(SDL_AUDIODRIVER="disk", SDL_DISKAUDIOFILE=sys.argv[1], SDL_DISKAUDIODELAY="23")
import numpy as np, pygame.time
from companion.audio.pygame_engine import PygameAudioEngine
from companion.resources import asset
engine = PygameAudioEngine()
loop, _peak = engine.load_loop(str(asset("sounds/rain.ogg")))
engine.play_layer("rain", loop, 1.0, fade_ms=0)

def captured_seconds():
    size = os.path.getsize(sys.argv[1]) if os.path.exists(sys.argv[1]) else 0
    frames = np.memmap(sys.argv[1], dtype=np.int16, mode="r", shape=(size // 4, 2)) if size else []
    sounding = np.flatnonzero(np.any(frames != 0, axis=1)) if size else []
    return (size // 4 - sounding[0]) / 44100 if len(sounding) else 0.0

while captured_seconds() < 0.6:  # into the first piece, so the fade crosses into the next ones
    pygame.time.wait(5)
engine.stop_layer("rain", 1500)
while captured_seconds() < 3.0:
    pygame.time.wait(5)
print(engine.feeder.playing(), engine.feeder.late)
engine.close()
"""


def test_a_fade_out_crosses_pieces_and_ends_in_silence(tmp_path):
    """Stopping with a 1.5 s fade, begun inside one streamed piece and running over the next: the
    level falls all the way (never held at some level when the next piece starts), nothing
    jumps, and then the output is silent for good."""
    raw = tmp_path / "fade.raw"
    out = subprocess.run([sys.executable, "-c", FADE_OUT, str(raw)], check=True, timeout=120,
                         capture_output=True, text=True).stdout
    assert out.split() == ["set()", "0"]  # no longer playing; every piece on time
    captured = np.frombuffer(raw.read_bytes(), dtype=np.int16).reshape(-1, 2).astype(int)
    start = first_sound(captured)
    windows = [np.sqrt(np.mean(captured[start + i:start + i + 4410] ** 2))
               for i in range(int(0.8 * 44100), int(2.0 * 44100), 4410)]
    assert all(later <= earlier * 1.25 for earlier, later in pairwise(windows))
    assert windows[-1] < windows[0] / 4  # well down, and not stuck part way
    loop = streamed_loop("rain").astype(int)
    assert np.max(np.abs(np.diff(captured[start:], axis=0))) <= np.max(np.abs(np.diff(loop, axis=0)))
    assert not np.any(captured[start + int(2.4 * 44100):])  # silent for good after the fade
