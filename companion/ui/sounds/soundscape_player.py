"""Plays the mix: loads loops off the GUI thread, fades layers in and out, applies the headroom
gains, ducks under breathing cues, and runs the sleep timer with two single-shot timers."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from companion.clock import Clock
from companion.i18n import _
from companion.sounds.catalog import SoundInfo
from companion.sounds.mix import Mix, SleepTimer
from companion.ui.shell.audio_service import AudioService
from companion.ui.shell.workers import run_in_background

log = logging.getLogger(__name__)

FADE_MS = 1500  # a layer fades in or out over this long, so nothing starts or stops abruptly
RELEASE_AFTER_MS = 60_000  # a loaded sound left out of the mix this long is let go (its first
# seconds, ~0.7 MB; or ~14 MB for a file the mixer had to decode whole)


class SoundscapePlayer(QObject):
    """mix_changed(Mix) after every change; problem(str) for a calm message to the user."""

    mix_changed = Signal(object)
    problem = Signal(str)
    sleep_changed = Signal()

    def __init__(self, audio: AudioService, catalog: list[SoundInfo], clock: Clock,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._audio = audio
        self._catalog = {sound.id: sound for sound in catalog}
        self._without_tail: set[str] = set()  # the user's own files: played as they are
        self.mix = Mix()
        self.ducked = False
        self.sleep = SleepTimer(clock)
        self._loaded: dict[str, tuple[Any, float]] = {}
        self._loading: set[str] = set()
        self._playing: set[str] = set()
        self._fade_timer = QTimer(self)
        self._fade_timer.setObjectName("sleep-fade")
        self._fade_timer.setSingleShot(True)
        self._fade_timer.timeout.connect(self._begin_sleep_fade)
        self._end_timer = QTimer(self)
        self._end_timer.setObjectName("sleep-end")
        self._end_timer.setSingleShot(True)
        self._end_timer.timeout.connect(self._end_sleep)
        self._events: dict[str, QTimer] = {}  # one single-shot timer per sound with events
        self._rng: Any = None  # numpy's generator, made when the first event is due
        audio.ready.connect(lambda _engine: self._apply())
        audio.released.connect(self._on_released)
        self._forget: dict[str, QTimer] = {}  # decoded sounds waiting to be let go
        audio.add_busy_check(lambda: bool(self.mix.volumes))

    @property
    def playing(self) -> set[str]:
        return set(self._playing)

    def add_own(self, sound_id: str, name: str, path) -> None:
        """Offer one of the user's files as a layer (played as it is, without a stored tail)."""
        self._catalog[sound_id] = SoundInfo(sound_id, name, path)
        self._without_tail.add(sound_id)

    def remove_own(self, sound_id: str) -> None:
        self.set_mix(self.mix.with_volume(sound_id, 0))
        self._catalog.pop(sound_id, None)
        self._loaded.pop(sound_id, None)

    def set_mix(self, mix: Mix) -> None:
        """Make this the mix: new sounds fade in, removed ones fade out, the rest change level."""
        self.mix = mix
        if mix.volumes:
            self._audio.keep()
        self._apply()
        self.mix_changed.emit(mix)

    def set_volume(self, sound_id: str, volume: float) -> None:
        self.set_mix(self.mix.with_volume(sound_id, volume))

    def set_ducked(self, ducked: bool) -> None:
        """Breathing cues or spoken guidance are playing: sit 6 dB under them."""
        self.ducked = ducked
        self._apply()

    def stop_all(self) -> None:
        self.cancel_sleep()
        self.set_mix(Mix(master=self.mix.master, muted=self.mix.muted))

    def _apply(self) -> None:
        engine = self._audio.engine
        if engine is None:
            return
        for sound_id in list(self._playing - set(self.mix.volumes)):
            engine.stop_layer(sound_id, FADE_MS)
            self._playing.discard(sound_id)
            self._forget_later(sound_id)
        for sound_id in self.mix.volumes:
            if sound_id in self._forget:
                self._forget.pop(sound_id).stop()
        missing = [s for s in self.mix.volumes if s not in self._loaded]
        for sound_id in missing:
            self._load(sound_id)
        ready = {s: self._loaded[s][1] for s in self.mix.volumes if s in self._loaded}
        gains = self.mix.gains(ready, ducked=self.ducked)
        for sound_id, gain in gains.items():
            if sound_id in self._playing:
                engine.set_layer_volume(sound_id, gain)
            elif engine.play_layer(sound_id, self._loaded[sound_id][0], gain, FADE_MS):
                self._playing.add(sound_id)
                log.info("sound playing: %s", sound_id)
        self._arm_events(gains)
        if not self.mix.volumes:
            self._audio.release_when_idle()

    def _arm_events(self, gains: dict[str, float]) -> None:
        """Keep one waiting timer for each playing sound that has events, and none for others."""
        from companion.sounds.oneshots import EVENTS, next_gap, random_source

        if self._rng is None:
            self._rng = random_source()
        wanted = {s for s in gains if s in EVENTS and s in self._playing and gains[s] > 0}
        for sound_id in list(self._events):
            if sound_id not in wanted:
                self._events.pop(sound_id).stop()
        for sound_id in wanted - set(self._events):
            timer = QTimer(self)
            timer.setObjectName(f"event-{sound_id}")
            timer.setSingleShot(True)
            timer.timeout.connect(lambda s=sound_id: self._play_event(s))
            timer.start(int(next_gap(self._rng) * 1000))
            self._events[sound_id] = timer

    def _play_event(self, sound_id: str) -> None:
        """A bird, a wave, a pop or a strike, made in a worker (a wave takes ~20 ms of numpy,
        three frames of the orb); played at the sound's own level when ready; then wait again."""
        from companion.sounds.oneshots import next_gap, render_event

        timer, rng = self._events.get(sound_id), self._rng
        if self._audio.engine is None or timer is None:
            return
        run_in_background(lambda: render_event(sound_id, rng),
                          lambda event: self._event_ready(sound_id, event), self)
        timer.start(int(next_gap(self._rng) * 1000))

    def _event_ready(self, sound_id: str, event: Any) -> None:
        engine = self._audio.engine
        if engine is None or event is None or sound_id not in self._playing:
            return  # the sound was taken out of the mix (or the device closed) meanwhile
        gains = self.mix.gains({s: self._loaded[s][1] for s in self._playing if s in self._loaded},
                               ducked=self.ducked)
        if gains.get(sound_id, 0) > 0:
            engine.play_once(event, gains[sound_id])

    def _forget_later(self, sound_id: str) -> None:
        timer = self._forget.get(sound_id)
        if timer is None:
            timer = QTimer(self)
            timer.setObjectName(f"forget-{sound_id}")
            timer.setSingleShot(True)
            timer.setInterval(RELEASE_AFTER_MS)
            timer.timeout.connect(lambda s=sound_id: self._let_go(s))
            self._forget[sound_id] = timer
        timer.start()

    def _let_go(self, sound_id: str) -> None:
        self._forget.pop(sound_id, None)
        if sound_id not in self.mix.volumes:
            self._loaded.pop(sound_id, None)

    def _on_released(self) -> None:
        # The device closed: sounds decoded for it cannot be played on the next one.
        self._playing.clear()
        self._loaded.clear()
        for timer in self._forget.values():
            timer.stop()
        self._forget.clear()
        self._stop_events()

    def _load(self, sound_id: str) -> None:
        if sound_id in self._loading or self._audio.engine is None:
            return
        self._loading.add(sound_id)
        engine, path = self._audio.engine, str(self._catalog[sound_id].path)
        has_tail = sound_id not in self._without_tail

        def load() -> tuple[Any, float] | str:
            try:
                return engine.load_loop(path, has_tail)
            except ValueError as exc:
                return str(exc)

        def loaded(result: tuple[Any, float] | str) -> None:
            self._loading.discard(sound_id)
            if isinstance(result, str):
                name = self._catalog[sound_id].name
                self.problem.emit(_("{name} {result}; the other sounds keep playing.")
                                    .format(name=name, result=result))
                self.set_mix(self.mix.with_volume(sound_id, 0))
                return
            self._loaded[sound_id] = result
            self._apply()

        run_in_background(load, loaded, self)

    # --- sleep timer --------------------------------------------------------------------------

    def start_sleep(self, minutes: float) -> None:
        """Fade everything out over the last minute before `minutes` from now, then stop."""
        self.sleep.start(minutes)
        self._fade_timer.start(int((self.sleep.seconds_to_fade() or 0) * 1000))
        self._end_timer.start(int((self.sleep.remaining() or 0) * 1000))
        self.sleep_changed.emit()

    def cancel_sleep(self) -> None:
        self.sleep.cancel()
        self._fade_timer.stop()
        self._end_timer.stop()
        self.sleep_changed.emit()

    def _stop_events(self) -> None:
        for timer in [*self._events.values(), *self._forget.values()]:
            timer.stop()
        self._events.clear()

    def _begin_sleep_fade(self) -> None:
        engine = self._audio.engine
        left = self.sleep.remaining() or 0
        if engine is not None:
            engine.fade_out_layers(int(left * 1000))  # the mixer ramps it: no timer ticks
        self._playing.clear()
        self._stop_events()

    def _end_sleep(self) -> None:
        self.sleep.cancel()
        self.mix = Mix(master=self.mix.master, muted=self.mix.muted)
        self._audio.release_when_idle()
        self.mix_changed.emit(self.mix)
        self.sleep_changed.emit()

    def close(self) -> None:
        self._fade_timer.stop()
        self._end_timer.stop()
        for timer in self._events.values():
            timer.stop()
