"""A running breathing session on an injected clock: start, pause, resume, stop."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from fractions import Fraction

from companion.breathing.timeline import Moment, SessionPlan, Stage
from companion.clock import Clock


class SessionState(StrEnum):
    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"  # reached the end by itself
    STOPPED = "stopped"  # the user ended it early


class BreathingSession:
    """Elapsed time is measured from the start on the monotonic clock, minus time spent paused."""

    def __init__(self, plan: SessionPlan, clock: Clock) -> None:
        self.plan = plan
        self._clock = clock
        self.state = SessionState.IDLE
        self._started: Fraction | None = None
        self._paused_at: Fraction | None = None
        self._paused_total = Fraction(0)
        self._listeners: list[Callable[[SessionState], None]] = []

    def on_state_changed(self, callback: Callable[[SessionState], None]) -> None:
        """Call back with the new state whenever it changes."""
        self._listeners.append(callback)

    def _set_state(self, state: SessionState) -> None:
        if state != self.state:
            self.state = state
            for callback in list(self._listeners):
                callback(state)

    def _now(self) -> Fraction:
        # Whole microseconds: exact arithmetic stays cheap (a float's binary fraction would carry
        # a 2**52 denominator through every step), and a microsecond is far below any boundary.
        return Fraction(round(self._clock.monotonic() * 1_000_000), 1_000_000)

    def start(self) -> None:
        if self.state is not SessionState.IDLE:
            raise RuntimeError(f"cannot start a session that is {self.state}")
        self._started = self._now()
        self._set_state(SessionState.RUNNING)

    def pause(self) -> None:
        if self.state is SessionState.RUNNING:
            self._paused_at = self._now()
            self._set_state(SessionState.PAUSED)

    def resume(self) -> None:
        if self.state is SessionState.PAUSED and self._paused_at is not None:
            self._paused_total += self._now() - self._paused_at
            self._paused_at = None
            self._set_state(SessionState.RUNNING)

    def stop(self) -> None:
        if self.state in (SessionState.RUNNING, SessionState.PAUSED):
            self._freeze()
            self._set_state(SessionState.STOPPED)

    def _freeze(self) -> None:
        if self._paused_at is None:
            self._paused_at = self._now()

    @property
    def is_active(self) -> bool:
        return self.state in (SessionState.RUNNING, SessionState.PAUSED)

    def elapsed(self) -> Fraction:
        """Seconds of breathing time so far (time paused does not count)."""
        if self._started is None:
            return Fraction(0)
        until = self._paused_at if self._paused_at is not None else self._now()
        return until - self._started - self._paused_total

    def moment(self) -> Moment:
        """Where the session is now; reaching the end finishes it."""
        moment = self.plan.phase_at(self.elapsed())
        if moment.stage is Stage.DONE and self.state is SessionState.RUNNING:
            self._freeze()
            self._set_state(SessionState.FINISHED)
        return moment

    def seconds_to_next_boundary(self) -> float | None:
        """Wall seconds until the next phase or stage change while running; None otherwise."""
        if self.state is not SessionState.RUNNING:
            return None
        elapsed = self.elapsed()
        boundary = self.plan.next_boundary_after(elapsed)
        return None if boundary is None else float(boundary - elapsed)
