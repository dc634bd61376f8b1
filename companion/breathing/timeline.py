"""Where a breathing session is at any instant, computed from its start: it cannot drift.

All arithmetic is exact (Fractions), so phase boundaries fall exactly on the cumulative sums of the
phase lengths however long a session runs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from companion.breathing.model import Pattern, PhaseKind

DEFAULT_CLOSE_SECONDS = Fraction(45)  # free breathing after the paced part (30-60 s advised)
SESSION_MINUTES = (2, 5, 10, 15)


class Stage(StrEnum):
    """The parts of a session."""

    BREATHING = "breathing"
    CLOSING = "closing"  # free, unpaced breathing before the summary
    DONE = "done"


@dataclass(frozen=True)
class Moment:
    """The state of a session at one instant."""

    stage: Stage
    elapsed: Fraction
    cycle: int  # 1-based number of the breath under way (the last one during closing)
    phase_index: int
    kind: PhaseKind | None  # None outside the paced part
    phase_elapsed: Fraction
    phase_seconds: Fraction
    session_left: Fraction | None  # None when the session runs until the user stops
    count_seconds: Fraction = Fraction(1)  # the pattern's count: one second unless slowed

    @property
    def progress(self) -> float:
        """How far through the current phase, 0 to 1."""
        if self.phase_seconds == 0:
            return 1.0
        return float(self.phase_elapsed / self.phase_seconds)

    @property
    def phase_left(self) -> Fraction:
        return self.phase_seconds - self.phase_elapsed

    @property
    def count(self) -> int:
        """The whole counts left in the phase (seconds, unless the count is slowed), down to 1."""
        return max(1, math.ceil(self.phase_left / self.count_seconds))

    @property
    def until_next_count(self) -> Fraction:
        """Seconds until the count shown changes (or the phase ends)."""
        return min(self.phase_left % self.count_seconds or self.count_seconds, self.phase_left)


@dataclass(frozen=True)
class SessionPlan:
    """A pattern, how many breaths (None: until the user stops) and the free-breathing close."""

    pattern: Pattern
    cycles: int | None
    close_seconds: Fraction = DEFAULT_CLOSE_SECONDS

    @property
    def breathing_seconds(self) -> Fraction | None:
        return None if self.cycles is None else self.cycles * self.pattern.cycle_seconds

    @property
    def total_seconds(self) -> Fraction | None:
        paced = self.breathing_seconds
        return None if paced is None else paced + self.close_seconds

    def phase_at(self, elapsed: float | Fraction) -> Moment:
        """The session's state after `elapsed` seconds of (unpaused) time."""
        e = max(Fraction(elapsed), Fraction(0))
        paced, total = self.breathing_seconds, self.total_seconds
        left = None if total is None else max(total - e, Fraction(0))
        if paced is None or e < paced:
            cycle_index, offset = divmod(e, self.pattern.cycle_seconds)
            start = Fraction(0)
            for index, phase in enumerate(self.pattern.phases):
                if offset < start + phase.seconds:
                    return Moment(Stage.BREATHING, e, int(cycle_index) + 1, index, phase.kind,
                                  offset - start, phase.seconds, left,
                                  self.pattern.count_seconds)
                start += phase.seconds
            raise AssertionError("offset lies beyond the cycle")  # divmod makes this impossible
        last = len(self.pattern.phases) - 1
        assert total is not None and self.cycles is not None
        if e < total:
            return Moment(Stage.CLOSING, e, self.cycles, last, None, e - paced,
                          self.close_seconds, left)
        return Moment(Stage.DONE, e, self.cycles, last, None, self.close_seconds,
                      self.close_seconds, Fraction(0))

    def next_boundary_after(self, elapsed: float | Fraction) -> Fraction | None:
        """The elapsed time of the next phase or stage change after `elapsed`; None when done."""
        moment = self.phase_at(elapsed)
        if moment.stage is Stage.DONE:
            return None
        return moment.elapsed + moment.phase_left


def plan_for_minutes(pattern: Pattern, minutes: int,
                     close_seconds: Fraction = DEFAULT_CLOSE_SECONDS) -> SessionPlan:
    """Whole breaths that fill about `minutes` (never less than one breath)."""
    cycles = max(1, round(Fraction(minutes * 60) / pattern.cycle_seconds))
    return SessionPlan(pattern, cycles, close_seconds)


def plan_for_breaths(pattern: Pattern, breaths: int,
                     close_seconds: Fraction = DEFAULT_CLOSE_SECONDS) -> SessionPlan:
    """A number of breaths, never more than the pattern's cap."""
    if breaths < 1:
        raise ValueError("a session needs at least one breath")
    if pattern.max_cycles is not None:
        breaths = min(breaths, pattern.max_cycles)
    return SessionPlan(pattern, breaths, close_seconds)


def plan_until_stop(pattern: Pattern) -> SessionPlan:
    """Breathe until the user stops; no closing stage. A capped pattern (4-7-8) never runs
    unbounded: it gets its cap and the free-breathing close."""
    if pattern.max_cycles is not None:
        return plan_for_breaths(pattern, pattern.max_cycles)
    return SessionPlan(pattern, None, Fraction(0))
