"""Decoded loops kept in the cache folder: a loop is decoded once, then read back as raw samples,
sample for sample the same; a changed, cut-short or half-written cache file is never played, and
a cache that cannot be written never stops a sound."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
import soundfile

from companion.resources import asset
from companion.sounds import pcm_cache
from companion.sounds.loop_reader import LoopReader, open_loop, whole_loop
from companion.sounds.pcm_cache import MAX_SECONDS, STALE_TEMP_S, PcmCache
from companion.sounds.synth import RATE

RAIN = str(asset("sounds/rain.ogg"))


@pytest.fixture
def sound(tmp_path):
    """A copy of a real loop, which the test may change."""
    return str(shutil.copy(RAIN, tmp_path / "rain.ogg"))


@pytest.fixture
def cache(tmp_path):
    return PcmCache(tmp_path / "cache" / "sounds")


def kept_files(cache: PcmCache) -> list[str]:
    return sorted(os.listdir(cache.folder)) if cache.folder.exists() else []


def test_a_loop_opened_with_a_cache_keeps_its_samples_and_plays_the_same(sound, cache):
    """The first opening decodes the file and keeps its samples; the loop it plays is, sample for
    sample, the loop played without a cache."""
    loop = open_loop(sound, cache=cache)
    assert loop.pcm is not None and os.path.exists(loop.pcm)
    assert os.path.getsize(loop.pcm) == soundfile.info(sound).frames * 4
    assert np.array_equal(whole_loop(loop), whole_loop(open_loop(sound)))


def test_the_next_opening_reads_the_kept_samples_not_the_sound_file(sound, cache, monkeypatch):
    """Opened again, the loop is read from the cache file alone: no decoder is opened, neither
    to find its peak and opening nor to stream it."""
    first = open_loop(sound, cache=cache)
    opened = []
    real = soundfile.SoundFile

    def spy(path, *args, **kwargs):
        opened.append(str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(soundfile, "SoundFile", spy)
    again = open_loop(sound, cache=cache)
    reader = LoopReader(again)
    piece = reader.read(RATE)
    reader.close()
    assert opened == []  # no decoder opened: the kept samples are read as they are
    assert again.pcm == first.pcm and again.peak == first.peak
    assert np.array_equal(again.opening, first.opening) and len(piece) == RATE


def test_a_changed_sound_file_is_decoded_again_and_its_old_samples_removed(sound, cache):
    """A file edited since (another modification time) never plays from the old samples."""
    old = open_loop(sound, cache=cache).pcm
    later = time.time() + 60
    os.utime(sound, (later, later))
    assert cache.find(sound) is None
    new = open_loop(sound, cache=cache).pcm
    assert new != old and kept_files(cache) == [os.path.basename(new)]


def test_a_cache_file_cut_short_is_never_played(sound, cache):
    """A cache file shorter than its name says (a disk that filled, a lost power) is passed over
    and made again whole."""
    kept = open_loop(sound, cache=cache).pcm
    with open(kept, "r+b") as f:
        f.truncate(1000)
    assert cache.find(sound) is None
    again = open_loop(sound, cache=cache)
    assert os.path.getsize(again.pcm) == soundfile.info(sound).frames * 4
    assert np.array_equal(whole_loop(again), whole_loop(open_loop(sound)))


DISK_FILLS = """
import json, os, resource, signal, sys
from pathlib import Path
import numpy as np
from companion.sounds.loop_reader import open_loop, whole_loop
from companion.sounds.pcm_cache import PcmCache
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead (EFBIG)
resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, resource.RLIM_INFINITY))
loop = open_loop(sys.argv[1], cache=PcmCache(Path(sys.argv[2])))
same = np.array_equal(whole_loop(loop), whole_loop(open_loop(sys.argv[1])))
print(json.dumps({"pcm": loop.pcm, "same": bool(same), "left": os.listdir(sys.argv[2])}))
"""


def test_a_write_that_fails_midway_still_plays_the_sound_and_leaves_nothing(sound, cache):
    """When the system refuses a write a megabyte in (here a file-size limit, as a full disk
    would), the loop plays from its own file, the same samples, and nothing is left behind."""
    done = subprocess.run([sys.executable, "-c", DISK_FILLS, sound, str(cache.folder)],
                          capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    assert result == {"pcm": None, "same": True, "left": []}


def test_a_cache_folder_that_cannot_be_made_still_plays_the_sound(sound, tmp_path):
    """Where the folder should be there is a file: nothing is kept, the sound plays."""
    (tmp_path / "blocked").write_text("not a folder")
    loop = open_loop(sound, cache=PcmCache(tmp_path / "blocked" / "sounds"))
    assert loop.pcm is None and len(LoopReader(loop).read(RATE)) == RATE


def test_samples_emptied_from_the_cache_while_playing_are_read_from_the_file(sound, cache):
    """The cache folder emptied under a playing loop (by the user, or Delete all): the reader
    falls back on the sound file itself, sample for sample the same."""
    loop = open_loop(sound, cache=cache)
    os.unlink(loop.pcm)
    reader = LoopReader(loop)
    streamed = np.concatenate([loop.opening, reader.read(loop.frames - len(loop.opening))])
    reader.close()
    assert np.array_equal(streamed, whole_loop(open_loop(sound)))


def test_long_files_are_read_from_their_own_file(cache):
    """A file longer than MAX_SECONDS (your own music, played once) is not copied decoded."""
    assert cache.writer(RAIN, MAX_SECONDS * RATE + 1) is None
    writer = cache.writer(RAIN, MAX_SECONDS * RATE)
    assert writer is not None
    writer.discard()
    assert kept_files(cache) == []


KILLED_WHILE_WRITING = """
import os, signal, sys
from pathlib import Path
from companion.sounds import pcm_cache
from companion.sounds.loop_reader import open_loop
written = pcm_cache.PcmWriter.write
def write_then_die(self, block):
    written(self, block)
    self._file.flush()
    os.kill(os.getpid(), signal.SIGKILL)
pcm_cache.PcmWriter.write = write_then_die
open_loop(sys.argv[1], cache=pcm_cache.PcmCache(Path(sys.argv[2])))
"""


def test_a_process_killed_while_keeping_the_samples_leaves_nothing_that_plays(sound, cache):
    """A process killed (SIGKILL) in the middle of writing leaves only a temporary file, which
    is never played and is removed once it is old; the next opening keeps the samples whole."""
    done = subprocess.run([sys.executable, "-c", KILLED_WHILE_WRITING, sound, str(cache.folder)],
                          capture_output=True, check=False)
    assert done.returncode == -signal.SIGKILL
    [left] = kept_files(cache)
    assert left.endswith(".tmp") and os.path.getsize(cache.folder / left) > 0
    assert cache.find(sound) is None
    old = time.time() - STALE_TEMP_S - 1
    os.utime(cache.folder / left, (old, old))
    loop = open_loop(sound, cache=cache)
    assert kept_files(cache) == [os.path.basename(loop.pcm)]
    assert np.array_equal(whole_loop(loop), whole_loop(open_loop(sound)))


def test_the_cache_file_is_named_after_the_version_of_its_source(sound, cache):
    """Its name holds the source's size, modification time and the frames kept."""
    kept = os.path.basename(open_loop(sound, cache=cache).pcm)
    stat = os.stat(sound)
    frames = soundfile.info(sound).frames
    assert kept.endswith(f"-{stat.st_size}-{stat.st_mtime_ns}-{frames}{pcm_cache.SUFFIX}")
