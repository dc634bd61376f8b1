"""Honest progress from session records: before and after for each session, weekly medians,
minutes practised, and which exercises went with the largest average easing. No streaks, no
scores: figures a person can read and a table a screen reader can speak."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the journal's records load with the journal, not with Home's suggestion
    from companion.sessions.history import SessionRecord


@dataclass(frozen=True)
class Week:
    year: int
    week: int
    sessions: int
    minutes: float
    before_median: float | None
    after_median: float | None

    @property
    def label(self) -> str:
        return f"{self.year} week {self.week}"


@dataclass(frozen=True)
class ExerciseEasing:
    exercise: str
    sessions: int
    average_easing: float  # distress points lower after than before, on average


def weekly(records: list[SessionRecord]) -> list[Week]:
    """One row per ISO week with a session, in order."""
    groups: dict[tuple[int, int], list[SessionRecord]] = defaultdict(list)
    for record in records:
        year, week, _ = record.started.isocalendar()
        groups[(year, week)].append(record)
    from statistics import median  # only the Progress page's table needs it

    weeks = []
    for (year, week), group in sorted(groups.items()):
        befores = [r.before.distress for r in group if r.before is not None]
        afters = [r.after.distress for r in group if r.after is not None]
        weeks.append(Week(year, week, len(group), round(sum(r.minutes for r in group), 1),
                          median(befores) if befores else None,
                          median(afters) if afters else None))
    return weeks


def easing_by_exercise(records: list[SessionRecord]) -> list[ExerciseEasing]:
    """Exercises done in sessions rated before and after, largest average easing first."""
    eased: dict[str, list[int]] = defaultdict(list)
    for record in records:
        easing = record.easing
        if easing is None:
            continue
        for exercise in {s.exercise for s in record.steps if not s.skipped}:
            eased[exercise].append(easing)
    rows = [ExerciseEasing(name, len(values), round(sum(values) / len(values), 2))
            for name, values in eased.items()]
    return sorted(rows, key=lambda row: (-row.average_easing, row.exercise))


def total_minutes(records: list[SessionRecord]) -> float:
    return round(sum(r.minutes for r in records), 1)
