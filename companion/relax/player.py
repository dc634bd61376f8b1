"""Playing a script on an injected clock: play, pause, resume, next, previous and pace, with
progress and time left. The step in progress is computed from the clock, never from timer ticks."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from companion.clock import Clock
from companion.relax.model import Script, Step, StepKind

PACE_RANGE = (0.75, 1.5)  # 0.75 gives every step a third more time; 1.5 a third less
RESTART_WITHIN = 3.0  # "previous" within this many seconds of a step's start goes back a step
VOICE_GAP = 1.0  # seconds of quiet kept after the words of a step before the next one


class PlayerState(StrEnum):
    READY = "ready"
    PLAYING = "playing"
    PAUSED = "paused"
    FINISHED = "finished"


class ScriptPlayer:
    """Where a listener is in a script. Listeners hear (index) when a new step begins and
    (state) when the state changes; the Qt skin arms one timer for seconds_to_next()."""

    def __init__(self, script: Script, clock: Clock, pace: float = 1.0,
                 voice_seconds: Callable[[Step], float] | None = None) -> None:
        if not script.steps:
            raise ValueError("a script with no steps cannot play")
        self.script = script
        self._clock = clock
        self._voice_seconds = voice_seconds or (lambda _step: 0.0)
        self.pace = clamp_pace(pace)
        self.state = PlayerState.READY
        self.index = 0
        self._step_started = 0.0  # monotonic time the current step began (moved on by pauses)
        self._paused_at: float | None = None
        self._step_listeners: list[Callable[[int], None]] = []
        self._state_listeners: list[Callable[[PlayerState], None]] = []

    def on_step(self, callback: Callable[[int], None]) -> None:
        self._step_listeners.append(callback)

    def on_state(self, callback: Callable[[PlayerState], None]) -> None:
        self._state_listeners.append(callback)

    @property
    def step(self) -> Step:
        return self.script.steps[self.index]

    def step_seconds(self, index: int) -> float:
        """How long a step lasts at the current pace; never shorter than its words. A tense
        step's seconds are the hold after its words, and the pace leaves holds alone."""
        step = self.script.steps[index]
        words = self._voice_seconds(step)
        if step.kind is StepKind.TENSE:
            return words + step.seconds
        return max(step.seconds / self.pace, words + VOICE_GAP)

    # --- transport ------------------------------------------------------------------------------

    def play(self) -> None:
        """Start from the first step."""
        if self.state is not PlayerState.READY:
            raise RuntimeError(f"cannot play a script that is {self.state}")
        self._set_state(PlayerState.PLAYING)
        self._enter(0, self._clock.monotonic())

    def pause(self) -> None:
        if self.state is PlayerState.PLAYING:
            self._paused_at = self._clock.monotonic()
            self._set_state(PlayerState.PAUSED)

    def resume(self) -> None:
        if self.state is PlayerState.PAUSED and self._paused_at is not None:
            self._step_started += self._clock.monotonic() - self._paused_at
            self._paused_at = None
            self._set_state(PlayerState.PLAYING)

    def next(self) -> None:
        """Skip to the start of the next step (the last step's next is the end)."""
        if self.state in (PlayerState.PLAYING, PlayerState.PAUSED):
            self._go(self.index + 1)

    def previous(self) -> None:
        """Back to the start of this step, or to the one before when it has only just begun."""
        if self.state not in (PlayerState.PLAYING, PlayerState.PAUSED):
            return
        target = self.index - 1 if self.elapsed_in_step() < RESTART_WITHIN else self.index
        self._go(max(0, target))

    def set_pace(self, pace: float) -> None:
        """Change the pace; the part of the current step already heard stays heard."""
        done = self.elapsed_in_step() / self.step_seconds(self.index) if self.state in (
            PlayerState.PLAYING, PlayerState.PAUSED) else 0.0
        self.pace = clamp_pace(pace)
        now = self._paused_at if self._paused_at is not None else self._clock.monotonic()
        self._step_started = now - done * self.step_seconds(self.index)

    def update(self) -> None:
        """Move on past every step whose time is up (one call catches up after a stall)."""
        if self.state is not PlayerState.PLAYING:
            return
        now = self._clock.monotonic()
        index, started = self.index, self._step_started
        while now - started >= self.step_seconds(index):
            started += self.step_seconds(index)
            index += 1
            if index == len(self.script.steps):
                self._finish()
                return
        if index != self.index:
            self._enter(index, started)

    # --- what the page shows ----------------------------------------------------------------------

    def elapsed_in_step(self) -> float:
        if self.state is PlayerState.READY:
            return 0.0
        if self.state is PlayerState.FINISHED:
            return self.step_seconds(self.index)
        now = self._paused_at if self._paused_at is not None else self._clock.monotonic()
        return min(now - self._step_started, self.step_seconds(self.index))

    def seconds_to_next(self) -> float | None:
        """Seconds until the next step begins while playing; None when paused, ready or done."""
        if self.state is not PlayerState.PLAYING:
            return None
        return max(0.0, self.step_seconds(self.index) - self.elapsed_in_step())

    def total_seconds(self) -> float:
        return sum(self.step_seconds(i) for i in range(len(self.script.steps)))

    def elapsed(self) -> float:
        """Seconds of the script behind the listener (at the current pace)."""
        before = sum(self.step_seconds(i) for i in range(self.index))
        return before + self.elapsed_in_step()

    def time_left(self) -> float:
        return max(0.0, self.total_seconds() - self.elapsed())

    def progress(self) -> float:
        """0.0 at the start, 1.0 at the end."""
        total = self.total_seconds()
        return 1.0 if self.state is PlayerState.FINISHED else min(1.0, self.elapsed() / total)

    # --- inside -----------------------------------------------------------------------------------

    def _go(self, index: int) -> None:
        if index >= len(self.script.steps):
            self._finish()
            return
        now = self._clock.monotonic()
        if self._paused_at is not None:
            self._paused_at = now  # a paused player stays paused, at the start of the new step
        self._enter(index, now)

    def _enter(self, index: int, started: float) -> None:
        self.index, self._step_started = index, started
        for callback in list(self._step_listeners):
            callback(index)

    def _finish(self) -> None:
        self.index = len(self.script.steps) - 1
        self._paused_at = None
        self._set_state(PlayerState.FINISHED)

    def _set_state(self, state: PlayerState) -> None:
        if state is not self.state:
            self.state = state
            for callback in list(self._state_listeners):
                callback(state)


def clamp_pace(pace: float) -> float:
    return min(PACE_RANGE[1], max(PACE_RANGE[0], float(pace)))
