"""A loop read from its file a piece at a time, so that only a few seconds of it are ever held
decoded: four sounds of 70-90 s each would otherwise keep about 55 MB of samples in memory.

The loop is the same one `synth.join_tail` makes from the whole file: the stored tail crossfaded
onto the head, the rest as decoded, repeated sample for sample. `open_loop` reads the file through
once (for its peak level, its crossfaded head and its first seconds), off the GUI thread;
`LoopReader.read` then gives the loop's next samples, wrapping at its end.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

import numpy as np

from companion.sounds.pcm_cache import PcmCache, RawPcm
from companion.sounds.synth import RATE, TAIL_SECONDS, join_tail

BLOCK = 65536  # frames decoded at once while reading a file through


@dataclass(frozen=True)
class LoopFile:
    """What playing a loop needs, without its samples: where it is, how long one period is, its
    peak (0..1), its crossfaded head, and the first seconds ready to play at once."""

    path: str
    frames: int  # one period of the loop (for a file played once, the whole file)
    peak: float
    tail: int  # frames crossfaded onto the head (0: played as the file is)
    head: np.ndarray  # int16 (tail, 2): the loop's first frames, crossfaded
    opening: np.ndarray  # int16 (n, 2): the loop's first n frames
    pcm: str | None = None  # the file's samples, decoded once into the cache (read instead)

    @property
    def seconds(self) -> float:
        return self.frames / RATE


def _stereo(block: np.ndarray) -> np.ndarray:
    return np.repeat(block, 2, axis=1) if block.shape[1] == 1 else block[:, :2]


def _open_samples(path: str, pcm: str | None) -> Any:
    """The loop's samples as kept in the cache (RawPcm) when there are any, else the sound file
    itself (also when the cache was emptied since). The decoder's errors when it cannot be read."""
    if pcm is not None:
        with contextlib.suppress(OSError):
            return RawPcm(pcm)
    import soundfile  # loaded with the first sound, off the start-up path

    return soundfile.SoundFile(path)


def open_loop(path: str, has_tail: bool = True, opening_frames: int = 2 * RATE,
              cache: PcmCache | None = None) -> LoopFile:
    """Read the file through once (from the cache when it holds the file decoded; otherwise
    decoding it, and keeping what is decoded in the cache when one is given). ValueError (a
    short reason) when it cannot be read this way: not a sound file the decoder knows, or not at
    the mixer's rate (the caller then decodes it whole with the mixer, which converts)."""
    import soundfile

    cached = cache.find(path) if cache is not None else None
    try:
        source = _open_samples(path, str(cached) if cached else None)
    except (soundfile.LibsndfileError, RuntimeError, TypeError) as exc:
        raise ValueError(f"could not be read ({exc})") from exc
    if not isinstance(source, RawPcm):
        cached = None  # decoding the file itself (the cache file went since it was found)
    writer = None
    with source:
        if source.samplerate != RATE:
            raise ValueError(f"is at {source.samplerate} Hz, not {RATE} Hz")
        total = source.frames
        tail = int(TAIL_SECONDS * RATE) if has_tail and total > 4 * int(TAIL_SECONDS * RATE) else 0
        frames = total - tail
        if frames <= 0:
            raise ValueError("holds no sound")
        if cache is not None and cached is None:
            writer = cache.writer(path, total)
        peak = 0
        start: list[np.ndarray] = []  # the file's first frames, kept for the opening
        kept = 0
        last = np.zeros((0, 2), dtype=np.int16)  # the file's last `tail` frames
        position = 0
        try:
            while position < total:
                block = _stereo(source.read(min(BLOCK, total - position), dtype="int16",
                                            always_2d=True))
                if not len(block):
                    break
                if writer is not None:
                    writer.write(block)
                body = block[max(0, tail - position):max(0, frames - position)]
                if len(body):  # max and min of the int16 block itself: no temporary copies
                    peak = max(peak, int(body.max()), -int(body.min()))
                if kept < max(opening_frames, tail):
                    start.append(block)
                    kept += len(block)
                if tail:
                    last = block[-tail:].copy() if len(block) >= tail else np.concatenate(
                        [last, block])[-tail:]
                position += len(block)
        except BaseException:
            if writer is not None:
                writer.discard()
            raise
    first = np.concatenate(start)[:max(opening_frames, tail)] if start else last[:0]
    head = join_tail(np.concatenate([first[:tail], last]), tail) if tail else first[:0]
    if tail:
        peak = max(peak, int(np.max(np.abs(head.astype(np.int32)))))
    opening = np.concatenate([head, first[tail:]])[:min(opening_frames, frames)]
    pcm = writer.commit(total) if writer is not None else cached
    return LoopFile(path, frames, peak / 32768, tail, np.ascontiguousarray(head),
                    np.ascontiguousarray(opening), str(pcm) if pcm else None)


class LoopReader:
    """The loop's samples after its opening, a piece at a time: endlessly when `repeat`, else the
    file once through (then empty pieces)."""

    def __init__(self, loop: LoopFile, repeat: bool = True):
        self._loop = loop
        self._repeat = repeat
        self._file = _open_samples(loop.path, loop.pcm)
        self._position = len(loop.opening) % loop.frames if repeat else len(loop.opening)
        self._file.seek(max(self._position, loop.tail))

    def read(self, count: int) -> np.ndarray:
        """The next `count` frames of the loop (fewer only at the end of a file played once)."""
        pieces: list[np.ndarray] = []
        wanted = count
        while wanted > 0:
            if self._position >= self._loop.frames:
                if not self._repeat:
                    break
                self._position = 0
                self._file.seek(self._loop.tail)
            if self._position < self._loop.tail:
                piece = self._loop.head[self._position:self._position + wanted]
            else:
                take = min(wanted, self._loop.frames - self._position)
                piece = _stereo(self._file.read(take, dtype="int16", always_2d=True))
                if not len(piece):  # the file ended early: wrap rather than stall
                    self._position = self._loop.frames
                    continue
            pieces.append(piece)
            self._position += len(piece)
            wanted -= len(piece)
        if not pieces:
            return np.zeros((0, 2), dtype=np.int16)
        if len(pieces) == 1:  # the usual case: one read from the file, already its own array
            return np.ascontiguousarray(pieces[0])
        return np.concatenate(pieces)

    def close(self) -> None:
        self._file.close()


def whole_loop(loop: LoopFile) -> np.ndarray:
    """One period of the loop, all of it decoded (for a short loop that is better held)."""
    reader = LoopReader(loop)
    try:
        rest = reader.read(loop.frames - len(loop.opening))
    finally:
        reader.close()
    return np.concatenate([loop.opening, rest])
