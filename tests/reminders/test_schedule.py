"""The reminder schedule in real time zones: properties across daylight-saving changes in several
zones, quiet hours, pauses, snooze, and waking after sleep (each rule at most once, only if the
miss is recent)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.reminders.rules import Kind, Rule, RuleError, validate
from companion.reminders.schedule import (
    Plan,
    QuietHours,
    due_now,
    next_due,
    next_wakeup,
)

ZONES = ["Europe/London", "America/New_York", "Australia/Lord_Howe", "America/Santiago",
         "Asia/Kolkata", "Pacific/Chatham"]
LONDON = ZoneInfo("Europe/London")

times = st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))


def daily(*at: time, days=frozenset(range(7))) -> Rule:
    return Rule("r", Kind.BREATHE, times=at, weekdays=days)


@settings(max_examples=60, deadline=None)
@given(zone=st.sampled_from(ZONES), at=times)
def test_a_daily_time_fires_exactly_once_on_every_local_day_of_a_year(zone, at):
    """Across both DST changes: 365 deliveries, one per local date, always increasing."""
    tz = ZoneInfo(zone)
    rule = daily(at)
    moment = datetime(2026, 1, 1, tzinfo=tz) - timedelta(seconds=1)
    seen = []
    for _ in range(365):
        moment = next_due(rule, moment, tz)
        seen.append(moment)
    days = [m.astimezone(tz).date() for m in seen]
    assert len(set(days)) == 365 and days[0] == date(2026, 1, 1)
    assert all(a < b for a, b in itertools.pairwise(seen))


@settings(max_examples=100, deadline=None)
@given(zone=st.sampled_from(ZONES), at=times,
       after=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31),
                          timezones=st.just(UTC)))
def test_the_next_time_is_after_and_at_the_wall_clock_time_unless_it_does_not_exist(
        zone, at, after):
    """Local wall time matches the rule; where that time is skipped (clocks forward), it fires
    after the gap, never before and never twice."""
    tz = ZoneInfo(zone)
    due = next_due(daily(at), after, tz)
    assert due is not None and due > after
    wall = due.astimezone(tz)
    naive = datetime.combine(wall.date(), at)
    exists = naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz).replace(tzinfo=None) == naive
    if exists:
        assert wall.time() == at
    else:
        assert wall.replace(tzinfo=None) > naive
    assert next_due(daily(at), due - timedelta(microseconds=1), tz) == due


def test_the_skipped_hour_fires_an_hour_late_in_london():
    """01:30 does not exist on 29 March 2026 in London: the reminder comes at 02:30 BST."""
    due = next_due(daily(time(1, 30)), datetime(2026, 3, 28, 12, tzinfo=LONDON), LONDON)
    assert due.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_the_doubled_hour_fires_once_in_london():
    """01:30 happens twice on 25 October 2026: one reminder, at the first."""
    rule = daily(time(1, 30))
    first = next_due(rule, datetime(2026, 10, 24, 12, tzinfo=LONDON), LONDON)
    second = next_due(rule, first, LONDON)
    # (compared in UTC: PEP 495 makes times inside a fold unequal to every other zone's)
    assert first.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert second.astimezone(LONDON).date() == date(2026, 10, 26)


def test_only_the_chosen_weekdays():
    rule = daily(time(9), days=frozenset({5, 6}))  # weekends
    due = next_due(rule, datetime(2026, 11, 25, 10, tzinfo=LONDON), LONDON)  # a Wednesday
    assert due.astimezone(LONDON).date() == date(2026, 11, 28)


def test_every_so_often_between_two_times():
    rule = Rule("i", Kind.RELAX, every_minutes=90, start=time(9), end=time(13))
    moment, seen = datetime(2026, 11, 25, 8, tzinfo=LONDON), []
    for _ in range(4):
        moment = next_due(rule, moment, LONDON)
        seen.append(moment.astimezone(LONDON).strftime("%d %H:%M"))
    assert seen == ["25 09:00", "25 10:30", "25 12:00", "26 09:00"]


def test_once_fires_once():
    at = datetime(2026, 11, 25, 23, tzinfo=LONDON)
    rule = Rule("o", Kind.JOURNAL, once_at=at)
    assert next_due(rule, at - timedelta(hours=1), LONDON) == at
    assert next_due(rule, at, LONDON) is None


def test_a_snooze_brings_the_reminder_back_then():
    rule = daily(time(9)).snoozed(datetime(2026, 11, 25, 9, 20, tzinfo=LONDON))
    assert next_due(rule, datetime(2026, 11, 25, 9, 0, tzinfo=LONDON), LONDON) == datetime(
        2026, 11, 25, 9, 20, tzinfo=LONDON)


def test_quiet_hours_hold_a_reminder_until_they_end():
    plan = Plan(LONDON, quiet=QuietHours(time(22), time(7)))
    wake = next_wakeup([daily(time(23))], datetime(2026, 11, 25, 12, tzinfo=LONDON), plan)
    assert wake == datetime(2026, 11, 26, 7, tzinfo=LONDON)


def test_a_pause_skips_reminders_until_it_ends():
    plan = Plan(LONDON, paused_until=datetime(2026, 11, 25, 10, 30, tzinfo=LONDON))
    wake = next_wakeup([daily(time(9), time(10), time(11))],
                       datetime(2026, 11, 25, 8, tzinfo=LONDON), plan)
    assert wake == datetime(2026, 11, 25, 11, tzinfo=LONDON)


def test_after_sleeping_through_many_times_a_rule_fires_once_if_the_miss_is_recent():
    """Asleep from 08:00 to 12:10 with a reminder every 30 minutes: one reminder on waking."""
    rule = Rule("i", Kind.BREATHE, every_minutes=30, start=time(8), end=time(18))
    plan = Plan(LONDON)
    since = datetime(2026, 11, 25, 8, 0, tzinfo=LONDON)
    assert due_now([rule], since, datetime(2026, 11, 25, 12, 10, tzinfo=LONDON), plan) == [rule]


def test_a_miss_long_ago_is_dropped_rather_than_delivered_late():
    """Asleep through a 09:00 reminder until 14:00: nothing fires at 14:00."""
    rule = daily(time(9))
    since = datetime(2026, 11, 25, 8, tzinfo=LONDON)
    assert due_now([rule], since, datetime(2026, 11, 25, 14, tzinfo=LONDON), Plan(LONDON)) == []


def test_disabled_rules_never_fire():
    rule = Rule("r", Kind.BREATHE, enabled=False, times=(time(9),))
    since = datetime(2026, 11, 25, 8, 59, tzinfo=LONDON)
    assert due_now([rule], since, since + timedelta(minutes=2), Plan(LONDON)) == []
    assert next_wakeup([rule], since, Plan(LONDON)) is None


@pytest.mark.parametrize(("rule", "field"), [
    (Rule("x", Kind.BREATHE, every_minutes=30, start=time(18), end=time(9)), "end"),
    (Rule("x", Kind.BREATHE, times=(time(9),), weekdays=frozenset()), "weekdays"),
    (Rule("x", Kind.BREATHE, every_minutes=0, start=time(9), end=time(17)), "times"),
    (Rule("x", Kind.BREATHE, every_minutes=2, start=time(9), end=time(17)), "every_minutes"),
    (Rule("x", Kind.CUSTOM, times=(time(9),)), "text"),
])
def test_impossible_rules_are_refused_naming_the_field(rule, field):
    with pytest.raises(RuleError) as caught:
        validate(rule)
    assert caught.value.field == field
