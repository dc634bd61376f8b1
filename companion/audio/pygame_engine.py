"""The pygame mixer engine: the only module in Companion that imports pygame (mixer only)."""

from __future__ import annotations

import atexit
import logging
import os
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from companion.audio.cues import SAMPLE_RATE
from companion.audio.engine import AudioUnavailable
from companion.audio.loop_feeder import OPENING_FRAMES, LoopFeeder
from companion.i18n import _
from companion.sounds.loop_reader import LoopFile, open_loop, whole_loop
from companion.sounds.pcm_cache import PcmCache

log = logging.getLogger(__name__)

# pygame has one mixer per process. Closing any engine quits it, so every engine's feeder stops
# first (in the app there is one engine at a time; tests and tools make several).
_ENGINES: weakref.WeakSet = weakref.WeakSet()

LAYER_CHANNELS = 14  # ambient layers playing at once (two more are kept: cues, then voice)
BUFFER_SAMPLES = 1024  # Mixer buffer: about 23 ms at 44.1 kHz, low enough for cues to feel in time
# A loop this short is held decoded (at most 1.7 MB) rather than streamed: decoding it again every
# few seconds would cost CPU all evening to save little memory.
HOLD_WHOLE_SECONDS = 10.0


class PygameAudioEngine:
    """Opens the default sound device through SDL; raises AudioUnavailable when there is none."""

    def __init__(self, pcm_cache: Path | None = None) -> None:
        """pcm_cache: the folder where loops are kept decoded once streamed (None: none kept,
        each loop decodes as it plays)."""
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        import pygame.mixer  # loaded here, off the start-up path and off the GUI thread

        self._mixer = pygame.mixer
        try:
            pygame.mixer.init(frequency=SAMPLE_RATE, size=-16, channels=2, buffer=BUFFER_SAMPLES)
        except pygame.error as exc:
            log.warning("no audio device: %s", exc)
            raise AudioUnavailable(
                _("No sound device could be opened, so sound is off for now. Everything else "
                "works as usual; plug in headphones or check your sound settings, then restart "
                "Companion to hear the cues.")) from exc
        pygame.mixer.set_num_channels(LAYER_CHANNELS + 2)
        pygame.mixer.set_reserved(2)
        self._cues = pygame.mixer.Channel(0)
        self._voice = pygame.mixer.Channel(1)
        self._free_for_layers = [pygame.mixer.Channel(n) for n in range(2, LAYER_CHANNELS + 2)]
        self._volume = 1.0
        self._voice_volume = 1.0
        self._layers: dict[str, Any] = {}  # layer key -> its Channel
        self.feeder = LoopFeeder(self._sound, self._sound(np.zeros((1, 2), dtype=np.int16)))
        self._pcm_cache = PcmCache(pcm_cache) if pcm_cache is not None else None
        # Decoding runs on worker threads; closing waits for it, since quitting the mixer under
        # a decode crashes or hangs SDL (quitting while a sound was still loading did).
        self._decoding = threading.Condition()
        self._decodes = 0  # decodes in progress (several may run at once)
        self._closed = False  # no new decodes
        self._shut = False  # the mixer has been quit
        # Close before pygame's own exit handler (registered when pygame was imported; atexit
        # runs the later one first): the feeder must not touch a mixer pygame has torn down.
        atexit.unregister(_close_all_at_exit)  # one registration for every engine
        atexit.register(_close_all_at_exit)
        _ENGINES.add(self)

    def _sound(self, pcm: np.ndarray) -> Any:
        # The array itself is the buffer: no extra bytes copy of a minute-long loop.
        return self._mixer.Sound(buffer=np.ascontiguousarray(pcm, dtype=np.int16))

    def play_cues(self, loop: np.ndarray, loops: int | None, then: np.ndarray | None) -> None:
        # Volume first: the mixer thread may mix a buffer between the two calls.
        self._cues.set_volume(self._volume)
        self._cues.play(self._sound(loop), loops=-1 if loops is None else loops - 1)
        if then is not None:
            self._cues.queue(self._sound(then))

    def pause_cues(self) -> None:
        self._cues.pause()

    def resume_cues(self) -> None:
        self._cues.unpause()

    def stop_cues(self, fade_ms: int = 0) -> None:
        if fade_ms > 0:
            self._cues.fadeout(fade_ms)
        else:
            self._cues.stop()

    def cues_busy(self) -> bool:
        return bool(self._cues.get_busy())

    def set_cue_volume(self, volume: float) -> None:
        self._volume = max(0.0, min(1.0, volume))
        self._cues.set_volume(self._volume)

    # --- the spoken voice of a relaxation script ----------------------------------------------

    def load_sound(self, path: str) -> Any:
        """Decode a whole sound file (a voice recording); ValueError when it cannot be played."""
        import pygame

        with self._decode():
            try:
                return self._mixer.Sound(path)
            except pygame.error as exc:
                raise ValueError(f"could not be played ({exc})") from exc

    @contextmanager
    def _decode(self) -> Iterator[None]:
        """Mark a decode in progress; refused once the device is closed."""
        with self._decoding:
            if self._closed:
                raise ValueError("was not loaded: the sound device had been closed")
            self._decodes += 1
        try:
            yield
        finally:
            with self._decoding:
                self._decodes -= 1
                self._decoding.notify_all()

    def play_voice(self, sound: Any) -> None:
        self._voice.set_volume(self._voice_volume)  # before play, as for the cues
        self._voice.play(sound)

    def pause_voice(self) -> None:
        self._voice.pause()

    def resume_voice(self) -> None:
        self._voice.unpause()

    def stop_voice(self, fade_ms: int = 0) -> None:
        if fade_ms > 0:
            self._voice.fadeout(fade_ms)
        else:
            self._voice.stop()

    def voice_busy(self) -> bool:
        return bool(self._voice.get_busy())

    def set_voice_volume(self, volume: float) -> None:
        self._voice_volume = max(0.0, min(1.0, volume))
        self._voice.set_volume(self._voice_volume)

    # --- ambient layers ----------------------------------------------------------------------

    def load_loop(self, path: str, has_tail: bool = True) -> tuple[Any, float]:
        """Get a loop file ready to play (the stored tail crossfaded onto its head) and give back
        it and its peak level 0..1. Slow: call it off the GUI thread. Raises ValueError with a
        kind message when the file cannot be decoded.

        A file the streaming reader can read at the mixer's rate comes back as a LoopFile: it is
        read through once here and then streamed a piece at a time as it plays, so no long loop is
        held decoded (one of HOLD_WHOLE_SECONDS or less is). Anything else (another sample rate,
        a format only SDL knows) is decoded whole by the mixer, which converts it, and held."""
        with self._decode():
            try:
                # Only the built-in loops (those with a stored tail) are kept decoded: the cache
                # stays bounded, and no copy is made of the user's own files.
                cache = self._pcm_cache if has_tail else None
                loop = open_loop(path, has_tail, OPENING_FRAMES, cache)
            except ValueError as exc:
                log.info("%s is decoded whole: it %s", path, exc)
                return self._load_whole(path, has_tail)
            if loop.frames <= HOLD_WHOLE_SECONDS * SAMPLE_RATE:
                return self._sound(whole_loop(loop)), loop.peak
            return loop, loop.peak

    def _load_whole(self, path: str, has_tail: bool) -> tuple[Any, float]:
        import pygame.sndarray

        from companion.sounds.synth import join_tail

        try:
            decoded = self._mixer.Sound(path)
        except pygame.error as exc:
            raise ValueError(f"could not be played ({exc})") from exc
        samples = pygame.sndarray.samples(decoded)  # a view of the decoded buffer
        loop = join_tail(samples) if has_tail and len(samples) > 4 * 2205 else samples
        peak = float(np.max(np.abs(loop))) / 32768 if len(loop) else 0.0
        return self._sound(loop), peak

    def play_layer(self, key: str, sound: Any, volume: float, fade_ms: int,
                   loops: int = -1) -> bool:
        """Play a sound on its own channel (looping unless loops is 0), fading in; False when
        every channel is busy."""
        channel = self._layers.get(key) or self._free_channel()
        if channel is None:
            return False
        self._layers[key] = channel
        if isinstance(sound, LoopFile):
            self.feeder.start(key, channel, sound, volume, fade_ms, repeat=loops != 0)
            return True
        self.feeder.stop(key, 0)  # were it streaming on this channel, it would queue pieces here
        channel.set_volume(volume)  # before play, so no buffer is mixed at the old volume
        channel.play(sound, loops=loops, fade_ms=fade_ms)
        return True

    def set_layer_volume(self, key: str, volume: float) -> None:
        volume = max(0.0, min(1.0, volume))
        if key in self.feeder.playing():
            self.feeder.set_volume(key, volume)
        elif (channel := self._layers.get(key)) is not None:
            channel.set_volume(volume)

    def stop_layer(self, key: str, fade_ms: int) -> None:
        channel = self._layers.pop(key, None)
        if key in self.feeder.playing():
            self.feeder.stop(key, fade_ms)
        elif channel is not None and fade_ms > 0:
            channel.fadeout(fade_ms)
        elif channel is not None:
            channel.stop()

    def fade_out_layers(self, fade_ms: int) -> None:
        """Fade every ambient layer out together (the sleep timer)."""
        for key in list(self._layers):
            self.stop_layer(key, fade_ms)

    def play_once(self, pcm: np.ndarray, volume: float) -> bool:
        """Play a short sound once on any free channel; False when none is free."""
        channel = self._free_channel()
        if channel is None:
            return False
        channel.set_volume(max(0.0, min(1.0, volume)))  # before play, as in play_layer
        channel.play(self._sound(pcm))
        return True

    def _free_channel(self) -> Any:
        """A layer channel that nothing plays on and no layer owns. A streaming layer keeps its
        channel even in the instant between two pieces, or while it fades out: handing it to
        another sound would mix two layers' pieces on one channel."""
        owned = {id(channel) for channel in self._layers.values()} | self.feeder.channel_ids()
        return next((channel for channel in self._free_for_layers
                     if id(channel) not in owned and not channel.get_busy()), None)

    @staticmethod
    def sound_seconds(sound: Any) -> float:
        return sound.seconds if isinstance(sound, LoopFile) else float(sound.get_length())

    def close(self) -> None:
        """Close the device, after any decode in progress has finished. Closing twice is fine."""
        with self._decoding:
            if self._shut:
                return
            self._closed = True
            self._decoding.wait_for(lambda: self._decodes == 0)
        for engine in list(_ENGINES):
            engine.feeder.close()  # the mixer they all share is about to go
        self._mixer.quit()
        self._shut = True


def _close_all_at_exit() -> None:
    for engine in list(_ENGINES):
        engine.close()
