"""The streaming reader: the loop it gives, a piece at a time, is the loop the whole file makes
(tail crossfaded onto the head), repeated sample for sample; it holds only the loop's first seconds."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile

from companion.resources import asset
from companion.sounds.loop_reader import LoopReader, open_loop
from companion.sounds.synth import join_tail
from tests.wav_files import write_wav

PINK = str(asset("sounds/pink-noise.ogg"))


def read_through(reader: LoopReader, frames: int, sizes: list[int]) -> np.ndarray:
    pieces, got, turn = [], 0, 0
    while got < frames:
        piece = reader.read(sizes[turn % len(sizes)])
        if not len(piece):
            break
        pieces.append(piece)
        got += len(piece)
        turn += 1
    return np.concatenate(pieces)


@pytest.mark.parametrize("sizes", [[44100], [1000, 77777, 3], [2_000_000]])
def test_the_streamed_loop_repeats_the_whole_file_loop_exactly(sizes):
    """Two and a half periods read in pieces of any size are the whole-file loop, tiled: the
    wrap point and every piece boundary are sample-exact."""
    whole = join_tail(soundfile.read(PINK, dtype="int16", always_2d=True)[0])
    loop = open_loop(PINK)
    reader = LoopReader(loop)
    frames = int(2.5 * len(whole))
    streamed = np.concatenate([loop.opening, read_through(reader, frames, sizes)])[:frames]
    assert loop.frames == len(whole)
    assert np.array_equal(streamed, np.tile(whole, (3, 1))[:frames])


def test_the_peak_is_the_loops_own():
    """The peak (for the mix's headroom) is that of the joined loop, as when it was held whole."""
    whole = join_tail(soundfile.read(PINK, dtype="int16", always_2d=True)[0])
    assert open_loop(PINK).peak == np.max(np.abs(whole.astype(int))) / 32768


def test_only_the_first_two_seconds_are_held():
    """What a loaded loop keeps in memory is its opening, not its 61 s of samples."""
    loop = open_loop(PINK)
    assert loop.opening.shape == (2 * 44100, 2) and loop.seconds > 60


def test_a_file_played_once_ends_with_the_file(tmp_path):
    """Without a stored tail and without repeating (a track of your own), the reader gives the
    file once, as it is, then nothing."""
    samples = np.random.default_rng(3).integers(-9000, 9000, (3 * 44100 + 17, 2))
    path = str(write_wav(tmp_path / "track.wav", samples))
    loop = open_loop(path, has_tail=False)
    rest = read_through(LoopReader(loop, repeat=False), 10 * 44100, [44100])
    assert np.array_equal(np.concatenate([loop.opening, rest]), samples)


def test_a_mono_file_plays_in_both_ears(tmp_path):
    samples = np.random.default_rng(4).integers(-9000, 9000, (44100, 1))
    loop = open_loop(str(write_wav(tmp_path / "mono.wav", samples)), has_tail=False)
    assert np.array_equal(loop.opening, np.repeat(samples, 2, axis=1))


def test_another_sample_rate_is_left_to_the_mixer(tmp_path):
    """A 48 kHz file is refused with the reason (the engine then decodes it whole, converted)."""
    path = str(write_wav(tmp_path / "48k.wav", np.zeros((48000, 2)), rate=48000))
    with pytest.raises(ValueError, match="48000 Hz"):
        open_loop(path)


def test_a_file_that_is_not_sound_is_refused_kindly(tmp_path):
    path = tmp_path / "notes.ogg"
    path.write_text("not a sound at all")
    with pytest.raises(ValueError, match="could not be read"):
        open_loop(str(path))
