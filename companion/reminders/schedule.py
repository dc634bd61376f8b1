"""When reminders are due, in real time zones: next_due(rule, after), quiet hours, pauses, and
which rules fire after the machine slept through their times (each at most once, only if recent).

Local times that do not exist (the hour skipped when clocks go forward) fire as many minutes later
as the gap; local times that happen twice (clocks going back) fire once, the first time."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from companion.reminders.rules import Rule

SEARCH_DAYS = 9  # a week of weekdays, plus room for a day lost or doubled around a DST change
MISSED_GRACE = timedelta(minutes=30)  # a reminder missed by more than this (asleep) is dropped


def system_zone() -> ZoneInfo:
    """The system's time zone: $TZ, else /etc/localtime's name, else UTC."""
    names = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError, IndexError):
        names.append(str(Path("/etc/localtime").resolve()).split("zoneinfo/", 1)[1])
    for name in names:
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


def local(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The instant a wall-clock time happens on a local date (see the module note on DST)."""
    naive = datetime.combine(day, at.replace(tzinfo=None))
    return naive.replace(tzinfo=zone, fold=0).astimezone(UTC).astimezone(zone)


def occurrences_on(rule: Rule, day: date, zone: ZoneInfo) -> list[datetime]:
    """Every time the rule is due on one local date, in order."""
    if rule.schedule == "once" or day.weekday() not in rule.weekdays:
        return []
    if rule.schedule == "daily":
        return sorted({local(day, at, zone) for at in rule.times})
    assert rule.start is not None and rule.end is not None
    minutes, last = rule.start.hour * 60 + rule.start.minute, rule.end.hour * 60 + rule.end.minute
    found = []
    while minutes <= last:
        found.append(local(day, time(minutes // 60, minutes % 60), zone))
        minutes += rule.every_minutes
    return sorted(set(found))


def next_due(rule: Rule, after: datetime, zone: ZoneInfo) -> datetime | None:
    """The first time strictly after `after` that the rule is due (its snooze included)."""
    candidates: list[datetime] = []
    if rule.snoozed_until is not None and rule.snoozed_until > after:
        candidates.append(rule.snoozed_until)
    if rule.schedule == "once":
        if rule.once_at is not None and rule.once_at > after:
            candidates.append(rule.once_at)
        return min(candidates, default=None)
    start = after.astimezone(zone).date() - timedelta(days=1)
    for offset in range(SEARCH_DAYS):
        later = [moment for moment in occurrences_on(rule, start + timedelta(days=offset), zone)
                 if moment > after]
        if later:
            candidates.append(later[0])
            break
    return min(candidates, default=None)


@dataclass(frozen=True)
class QuietHours:
    """A daily stretch with no reminders (may run past midnight, like 22:00 to 07:00)."""

    start: time
    end: time

    def contains(self, moment: datetime, zone: ZoneInfo) -> bool:
        at = moment.astimezone(zone).time()
        if self.start <= self.end:
            return self.start <= at < self.end
        return at >= self.start or at < self.end

    def end_after(self, moment: datetime, zone: ZoneInfo) -> datetime:
        """When the quiet stretch holding `moment` ends."""
        day = moment.astimezone(zone).date()
        for offset in range(3):
            ending = local(day + timedelta(days=offset), self.end, zone)
            if ending > moment:
                return ending
        return moment


@dataclass
class Plan:
    """Everything the schedule depends on beyond the rules themselves."""

    zone: ZoneInfo
    quiet: QuietHours | None = None
    paused_until: datetime | None = None


def delivery_time(due: datetime, plan: Plan) -> datetime | None:
    """When a due reminder is actually delivered: after quiet hours; None when paused."""
    if plan.paused_until is not None and due < plan.paused_until:
        return None
    if plan.quiet is not None and plan.quiet.contains(due, plan.zone):
        return plan.quiet.end_after(due, plan.zone)
    return due


def next_wakeup(rules: list[Rule], since: datetime, plan: Plan) -> datetime | None:
    """The next moment any enabled rule should be delivered after `since`."""
    best: datetime | None = None
    for rule in rules:
        if not rule.enabled:
            continue
        after = since
        for _ in range(64):  # skip occurrences swallowed by a pause
            due = next_due(rule, after, plan.zone)
            if due is None:
                break
            when = delivery_time(due, plan)
            if when is not None:
                best = when if best is None or when < best else best
                break
            after = due
    return best


def due_now(rules: list[Rule], since: datetime, now: datetime, plan: Plan,
            grace: timedelta = MISSED_GRACE) -> list[Rule]:
    """Rules to deliver now: each had a delivery time in (since, now], fires once however many
    it missed, and only when the latest of them is within `grace` of now."""
    firing = []
    for rule in rules:
        if not rule.enabled:
            continue
        latest: datetime | None = None
        after = since
        for _ in range(10_000):
            due = next_due(rule, after, plan.zone)
            if due is None or due > now:
                break
            when = delivery_time(due, plan)
            if when is not None and since < when <= now:
                latest = when if latest is None or when > latest else latest
            after = due
        if latest is not None and now - latest <= grace:
            firing.append(rule)
    return firing
