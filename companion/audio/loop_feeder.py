"""Streams ambient loops into mixer channels a piece at a time, and fades them.

Each layer's channel plays one piece of the loop with the next one queued; SDL's mixer moves to
the queued piece without a gap, sample for sample. The mixer then lets go of the piece that
ended, and the weak reference to that piece wakes the feeder thread, which reads and queues the
piece after. So nothing polls and no clock is watched: the sound itself says when the next piece
is needed, at any speed the device plays (SDL's disk driver runs faster than real time). A layer
starts on two one-second pieces read when its loop was loaded; after that the feeder reads
PIECE_SECONDS at a time, since a wake of the feeder thread costs more than the bytes it reads
(four sounds wake it about once a second).

Fades are ours, not SDL's: SDL resets a channel's fade whenever the queued piece starts, so the
feeder steps the channel's volume (128 steps, only when the level changes; a fade is the only
time it wakes on a timer), exactly as SDL's own fade sets the volume once per mixed buffer.

The module knows channels and sounds only through the calls it makes on them, so pygame stays in
pygame_engine.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from companion.audio.cues import SAMPLE_RATE
from companion.sounds.loop_reader import LoopFile, LoopReader

log = logging.getLogger(__name__)

PIECE_SECONDS = 4.0  # read at a time: each wake of the feeder costs more than the bytes it reads
PIECE_FRAMES = int(PIECE_SECONDS * SAMPLE_RATE)
OPENING_PIECE_FRAMES = SAMPLE_RATE  # a layer starts on two one-second pieces...
OPENING_FRAMES = 2 * OPENING_PIECE_FRAMES  # ...read when its loop is loaded, so playing reads nothing
LEVELS = 128  # SDL_mixer's channel volume steps
MIN_STEP_S = 0.02  # about one mixed buffer: a fade never steps faster than the mixer applies it
_CLOSE = object()
_WAKE = object()


@dataclass
class _Layer:
    channel: Any
    loop: LoopFile
    repeat: bool
    generation: int
    level: float  # the volume the channel has now (0..1)
    target: float  # the volume it is heading for
    fade_from: float = 0.0
    fade_start: float = 0.0
    fade_end: float = 0.0  # 0: no fade running
    stopping: bool = False  # fading to silence, then the channel stops
    reader: LoopReader | None = None  # opened by the feeder thread, at the first piece it reads


class LoopFeeder:
    """One thread for every streaming layer; started with the first, ended by close()."""

    def __init__(self, make_sound: Callable[[np.ndarray], Any], silence: Any,
                 now: Callable[[], float] = time.monotonic):
        self._make_sound = make_sound
        self._silence = silence  # one silent frame: playing it clears a channel's queued piece
        self._now = now
        self._events: queue.SimpleQueue = queue.SimpleQueue()
        self._layers: dict[int, _Layer] = {}  # by generation: each start makes a new one
        # Each piece given to the mixer -> its layer's generation, until the feeder hears it ended.
        self._pieces: dict[weakref.ref, int] = {}
        self._current: dict[str, int] = {}  # layer key -> its playing generation (not fading out)
        self._lock = threading.RLock()
        self._generation = 0
        self._thread: threading.Thread | None = None
        self._closed = False  # after close(): nothing starts, nothing is queued again
        self.decode_seconds = 0.0  # CPU time the feeder spent reading pieces (benchmarks read it)
        self.late = 0  # pieces queued after their channel had already run dry

    def playing(self) -> set[str]:
        """The keys playing (a layer fading out after stop() is no longer one)."""
        with self._lock:
            return set(self._current)

    def channel_ids(self) -> set[int]:
        """The channels (by id) that a layer plays on, fading out included."""
        with self._lock:
            return {id(layer.channel) for layer in self._layers.values()}

    def start(self, key: str, channel: Any, loop: LoopFile, volume: float, fade_ms: int,
              repeat: bool = True) -> None:
        """Play the loop on this channel from its start, fading in over fade_ms. Reads nothing
        here (this is the GUI thread): the first two pieces come from the loop's opening, read
        when it was loaded; the file is opened by the feeder thread."""
        with self._lock:
            if self._closed:
                return
            if key in self._current:
                self._halt(self._current.pop(key))
            self._generation += 1
            layer = _Layer(channel, loop, repeat, self._generation,
                           level=0.0 if fade_ms > 0 else volume, target=volume)
            if fade_ms > 0:
                layer.fade_from, layer.fade_start = 0.0, self._now()
                layer.fade_end = layer.fade_start + fade_ms / 1000
            self._layers[layer.generation] = layer
            self._current[key] = layer.generation
            channel.set_volume(layer.level)  # before play: no buffer is mixed at the old volume
            first, second = loop.opening[:OPENING_PIECE_FRAMES], loop.opening[OPENING_PIECE_FRAMES:]
            channel.play(self._piece(layer, first))
            if len(second):
                channel.queue(self._piece(layer, second))
            else:
                self._events.put(layer.generation)  # a short loop: read the next piece now
        self._ensure_thread()
        self._events.put(_WAKE)

    def set_volume(self, key: str, volume: float) -> None:
        with self._lock:
            layer = self._layers.get(self._current.get(key, 0))
            if layer is None:
                return
            now = self._now()
            if layer.fade_end > now:  # fading in: head for the new level in the time left
                layer.fade_from, layer.fade_start, layer.target = layer.level, now, volume
            else:
                layer.level = layer.target = volume
                layer.channel.set_volume(volume)
        self._events.put(_WAKE)

    def stop(self, key: str, fade_ms: int) -> None:
        """Fade the layer out and stop it; at once when fade_ms is 0."""
        with self._lock:
            generation = self._current.pop(key, None)
            layer = self._layers.get(generation or 0)
            if generation is None or layer is None:
                return
            if fade_ms <= 0 or layer.level <= 0:
                self._halt(generation)
                return
            now = self._now()
            layer.stopping, layer.target = True, 0.0
            layer.fade_from, layer.fade_start, layer.fade_end = layer.level, now, now + fade_ms / 1000
        self._events.put(_WAKE)

    def close(self) -> None:
        """Stop every layer and end the thread, for good (before the mixer is closed)."""
        with self._lock:  # waits for a piece being queued; after this nothing is queued again
            self._closed = True
            self._current.clear()
            for generation in list(self._layers):
                self._halt(generation)
            thread = self._thread
        if thread is not None:
            self._events.put(_CLOSE)
            thread.join()

    # --- inside -----------------------------------------------------------------------------------

    def _piece(self, layer: _Layer, pcm: np.ndarray) -> Any:
        sound = self._make_sound(pcm)
        # When the mixer lets go of this piece (it has ended and the queued one begun), the next
        # one is needed: the weak reference's callback puts the reference itself in the queue.
        # That callback is SimpleQueue.put, a C function safe in any thread, so the mixer's
        # thread runs no Python code when a piece ends (a Python callback there costs a frame
        # stack mapped and unmapped each time).
        ended = weakref.ref(sound, self._events.put)
        self._pieces[ended] = layer.generation
        return sound

    def _forget(self, generation: int) -> _Layer | None:
        layer = self._layers.pop(generation, None)
        for key, playing in list(self._current.items()):
            if playing == generation:
                del self._current[key]
        if layer is not None and layer.reader is not None:
            layer.reader.close()
        return layer

    def _halt(self, generation: int) -> None:
        layer = self._forget(generation)
        if layer is None:
            return
        # Hold the layer's pieces while its channel is interrupted, so none is freed inside
        # pygame: it frees a sound with Python's lock released while the channel still points at
        # it, and the callback for the silent frame below could then free it a second time.
        # (A weak reference gives nothing for a piece already being freed by the mixer thread;
        # asking the channel for its sound could bring that one back to life.) They are let go
        # at the end, once the channel no longer plays them.
        held = [piece for ref, owner in self._pieces.items()
                if owner == generation and (piece := ref()) is not None]
        # Playing one silent frame drops the queued piece (stop() alone would start it).
        layer.channel.play(self._silence)
        layer.channel.stop()
        del held

    def _ensure_thread(self) -> None:
        with self._lock:
            if not self._closed and (self._thread is None or not self._thread.is_alive()):
                self._thread = threading.Thread(target=self._run, name="loop-feeder",
                                                daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            try:
                event = self._events.get(timeout=self._step_fades())
            except queue.Empty:
                continue
            if event is _CLOSE or self._closed:
                return
            if isinstance(event, weakref.ref):
                with self._lock:  # _halt looks through the pieces under the lock
                    event = self._pieces.pop(event, None)
            if isinstance(event, int):
                self._top_up(event)

    def _top_up(self, generation: int) -> None:
        with self._lock:
            layer = self._layers.get(generation)
            if layer is None or self._closed:
                return  # a piece of a layer since stopped
            started = time.thread_time()
            try:
                if layer.reader is None:
                    layer.reader = LoopReader(layer.loop, layer.repeat)
                pcm = layer.reader.read(PIECE_FRAMES)
            except (OSError, RuntimeError, ValueError) as exc:  # soundfile's errors are these
                log.warning("a sound could not be read on, so it ends after what is queued: %s",
                            exc)
                self._forget(generation)
                return
            self.decode_seconds += time.thread_time() - started
            if not len(pcm):  # a file played once has ended
                return
            if not layer.channel.get_busy():
                self.late += 1
                log.warning("a sound's next piece came late: it paused for a moment")
            layer.channel.queue(self._piece(layer, pcm))

    def _step_fades(self) -> float | None:
        """Set each fading channel's volume for now; the seconds until a level next changes
        (None: no fade runs, so the thread waits only for pieces)."""
        now = self._now()
        soonest: float | None = None
        with self._lock:
            for generation, layer in list(self._layers.items()):
                if layer.fade_end <= 0:
                    continue
                span = max(layer.fade_end - layer.fade_start, 1e-9)
                done = min(1.0, (now - layer.fade_start) / span)
                level = layer.fade_from + (layer.target - layer.fade_from) * done
                if int(level * LEVELS) != int(layer.level * LEVELS) or done >= 1:
                    layer.channel.set_volume(level)
                layer.level = level
                if done >= 1:
                    layer.fade_end = 0.0
                    if layer.stopping:
                        self._halt(generation)
                    continue
                steps = max(1, abs(int(layer.target * LEVELS) - int(layer.fade_from * LEVELS)))
                wait = max(MIN_STEP_S, span / steps)
                soonest = wait if soonest is None else min(soonest, wait)
        return soonest
