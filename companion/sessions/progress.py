"""Honest progress from session records: before and after for each session, weekly medians,
minutes practised, and which exercises went with the largest average easing. No streaks, no
scores: figures a person can read and a table a screen reader can speak."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from companion.i18n import _

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


# Flows made for a release (crying): mood often dips first and lifts only later (Gračanin et al.
# 2015), so their "after" ratings say little, and they are never suggested as what "eased most".
RELEASE_FLOWS = frozenset({"let-it-out"})


def suggest_flow(records: list[SessionRecord], hour: int, flow_ids: list[str]) -> tuple[str, str]:
    """The flow to suggest and why: the one that eased the most lately (from at least two rated
    sessions; never a release flow), else by the time of day."""
    scores: dict[str, list[int]] = defaultdict(list)
    for record in records[-20:]:
        if (record.easing is not None and record.flow_id in flow_ids
                and record.flow_id not in RELEASE_FLOWS):
            scores[record.flow_id].append(record.easing)
    rated = {fid: sum(v) / len(v) for fid, v in scores.items() if len(v) >= 2}
    if rated:
        best = max(rated, key=lambda fid: rated[fid])
        if rated[best] > 0:
            return best, _("It has eased things most for you lately.")
    if (hour >= 20 or hour < 6) and "wind-down" in flow_ids:
        return "wind-down", _("Something gentle for the evening.")
    if "after-a-hard-day" in flow_ids:
        return "after-a-hard-day", _("A full session, when you have half an hour.")
    return flow_ids[0], ""
