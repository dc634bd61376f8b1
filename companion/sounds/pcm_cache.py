"""Decoded loops kept in the cache folder, so a loop is decoded once on a computer, not every time
it plays: reading a piece of raw samples back (plain reads, RawPcm) costs a small fraction of
decoding it from Ogg Vorbis again (for four playing sounds, 0.016 % of a core against 1.07 % in
the README's benchmark), and the samples read back do not count in the app's memory (the system
keeps them in its file cache, and lets them go).

A file is named after its source (a hash of its path), the source's size and modification time,
and the frames it holds, so a changed source is never played from an old cache file, and a file
cut short (a disk that filled, a computer that lost power) is never played at all: it is written
under a temporary name, flushed to the disk, and renamed only when whole. Anything that goes
wrong while writing (a full disk, a folder that cannot be made) only means the loop is decoded as
it plays, as without a cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
import time
from pathlib import Path

import numpy as np

from companion.sounds.synth import RATE

log = logging.getLogger(__name__)

FRAME_BYTES = 4  # 16-bit stereo
MAX_SECONDS = 300  # a bound on what one file may take (the built-in loops are 1-2 minutes)
SUFFIX = ".pcm"
STALE_TEMP_S = 600  # a temporary file this old was left by a process that ended mid-write


def _key(source: str) -> tuple[str, str]:
    """The name's prefix for this source, and the part that says which version of it."""
    resolved = Path(source).resolve()
    stat = resolved.stat()
    prefix = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:24]
    return prefix, f"{stat.st_size}-{stat.st_mtime_ns}"


def _older_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.stat().st_mtime > seconds
    except OSError:
        return False


class RawPcm:
    """A cache file read back (16-bit stereo at the mixer's rate), as the decoder's sound files
    are read (frames, seek, read) but with plain reads into the array: a piece costs a
    fraction of what going through the decoder's layers does, and the feeder reads pieces all
    evening. OSError when it cannot be opened."""

    samplerate = RATE

    def __init__(self, path: str):
        self._file = open(path, "rb", buffering=0)  # noqa: SIM115 (kept open; close() closes it)
        self.frames = os.fstat(self._file.fileno()).st_size // FRAME_BYTES

    def seek(self, frame: int) -> None:
        self._file.seek(frame * FRAME_BYTES)

    def read(self, frames: int, dtype: str = "int16", always_2d: bool = True) -> np.ndarray:
        """The next frames, int16 (n, 2); fewer at the end of the file."""
        out = np.empty((frames, 2), dtype=np.int16)
        view, got = out.data.cast("B"), 0
        while got < len(view):
            count = self._file.readinto(view[got:])
            if not count:
                break
            got += count
        return out[:got // FRAME_BYTES]

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> RawPcm:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class PcmCache:
    """The folder of decoded loops (raw 16-bit stereo at the mixer's rate, one file a source)."""

    def __init__(self, folder: Path):
        self.folder = folder

    def find(self, source: str) -> Path | None:
        """The whole cache file of this version of the source, if there is one."""
        try:
            prefix, version = _key(source)
            names = os.listdir(self.folder)
        except OSError:
            return None
        start = f"{prefix}-{version}-"
        for name in names:
            if not (name.startswith(start) and name.endswith(SUFFIX)):
                continue
            frames = name[len(start):-len(SUFFIX)]
            path = self.folder / name
            with contextlib.suppress(OSError, ValueError):
                if int(frames) > 0 and path.stat().st_size == int(frames) * FRAME_BYTES:
                    return path
        return None

    def writer(self, source: str, frames: int) -> PcmWriter | None:
        """Somewhere to write this source's samples as they are decoded; None when it is not
        worth keeping (too long) or the folder cannot be used."""
        if frames > MAX_SECONDS * RATE:
            return None
        try:
            prefix, version = _key(source)
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=f".{prefix}.", suffix=".tmp", dir=self.folder)
        except OSError as exc:
            log.info("decoded sounds are not kept (%s): each plays as it decodes", exc)
            return None
        return PcmWriter(self.folder, prefix, f"{prefix}-{version}", fd, Path(temp))


class PcmWriter:
    """One cache file being written: whole under its own name by commit(), or not at all."""

    def __init__(self, folder: Path, prefix: str, stem: str, fd: int, temp: Path):
        self._folder, self._prefix, self._stem = folder, prefix, stem
        self._file = os.fdopen(fd, "wb")
        self._temp = temp
        self._frames = 0
        self._failed = False

    def write(self, block: np.ndarray) -> None:
        """Add int16 stereo frames; a failure (a full disk) drops the file, never the sound."""
        if self._failed:
            return
        try:
            self._file.write(np.ascontiguousarray(block, dtype="<i2").tobytes())
            self._frames += len(block)
        except OSError as exc:
            log.warning("a decoded sound could not be kept (%s); it plays as it decodes", exc)
            self.discard()

    def commit(self, frames: int) -> Path | None:
        """Give the file its name if it holds all `frames`; the path, or None (nothing kept).
        Older versions of the same source are removed."""
        if self._failed:
            return None
        if self._frames != frames:
            self.discard()
            return None
        final = self._folder / f"{self._stem}-{frames}{SUFFIX}"
        try:
            self._file.flush()
            os.fsync(self._file.fileno())  # whole on the disk before it has its name
            self._file.close()
            os.replace(self._temp, final)
        except OSError as exc:
            log.warning("a decoded sound could not be kept (%s); it plays as it decodes", exc)
            self.discard()
            return None
        stale = [p for p in self._folder.glob(f".{self._prefix}.*.tmp")
                 if _older_than(p, STALE_TEMP_S)]  # left by a process that was killed
        for old in [*self._folder.glob(f"{self._prefix}-*{SUFFIX}"), *stale]:
            if old != final:
                with contextlib.suppress(OSError):
                    old.unlink()
        return final

    def discard(self) -> None:
        self._failed = True
        with contextlib.suppress(OSError):
            self._file.close()
        with contextlib.suppress(OSError):
            self._temp.unlink()
