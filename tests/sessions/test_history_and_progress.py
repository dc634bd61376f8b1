"""Session history in the encrypted journal (held while it is locked, never written in clear) and
the progress figures on known histories."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from companion.clock import FakeClock
from companion.sessions.checkin import CheckIn
from companion.sessions.flow import FlowRun
from companion.sessions.flows import load_builtin_flows
from companion.sessions.history import (
    HistoryKeeper,
    LaterCheckIn,
    SessionRecord,
    StepRecord,
    from_entry,
    later_to_entry,
    records,
    to_entry,
)
from companion.sessions.progress import easing_by_exercise, total_minutes, weekly
from companion.sessions.suggestion import suggest_flow

FLOWS = {flow.id: flow for flow in load_builtin_flows()}
MONDAY = datetime(2026, 11, 23, 21, 0, tzinfo=UTC)


def record(day: int, before: int | None, after: int | None, exercises: list[str],
           minutes: float = 20) -> SessionRecord:
    return SessionRecord(
        "wind-down", "Wind down", MONDAY + timedelta(days=day), minutes,
        tuple(StepRecord(e, minutes / len(exercises), False) for e in exercises),
        CheckIn(before, 3) if before is not None else None,
        CheckIn(after, 5) if after is not None else None)


def finished_run() -> FlowRun:
    clock = FakeClock(MONDAY)
    run = FlowRun(FLOWS["wind-down"], clock)
    run.begin()
    run.check_in(CheckIn(7, 2, ("heavy", "canary-9e1")))
    for _ in run.flow.steps:
        clock.advance(300)
        run.finish_step()
    run.check_out(CheckIn(4, 5, ("lighter",)))
    return run


def test_a_record_round_trips_through_an_entry():
    original = SessionRecord.from_run(finished_run())
    entry = to_entry(original, MONDAY)
    back = from_entry(entry)
    assert entry.kind == "session" and "distress 7 of 10" in entry.body
    assert back is not None and back.steps == original.steps and back.before == original.before
    assert back.after == original.after and back.minutes == 15


def test_with_the_journal_open_the_record_is_saved_encrypted(vault):
    keeper = HistoryKeeper(lambda: vault, lambda: True, lambda: True, lambda: MONDAY)
    assert keeper.keep(SessionRecord.from_run(finished_run())) == "saved"
    saved = records(vault.read_all().entries)
    assert len(saved) == 1 and saved[0].easing == 3
    for path in vault.folder.rglob("*"):
        if path.is_file():
            assert b"canary-9e1" not in path.read_bytes()


def test_while_locked_it_is_held_and_saved_at_the_next_unlock(vault):
    opened = {"vault": None}
    keeper = HistoryKeeper(lambda: opened["vault"], lambda: True, lambda: True, lambda: MONDAY)
    assert keeper.keep(SessionRecord.from_run(finished_run())) == "held"
    assert list(vault.entries_dir.glob("*.age")) == []
    opened["vault"] = vault
    assert keeper.flush() == 1 and keeper.held == []
    assert len(records(vault.read_all().entries)) == 1


def test_with_no_journal_or_history_off_nothing_is_kept():
    run = SessionRecord.from_run(finished_run())
    assert HistoryKeeper(lambda: None, lambda: False, lambda: True, lambda: MONDAY).keep(run) \
        == "no-journal"
    assert HistoryKeeper(lambda: None, lambda: True, lambda: False, lambda: MONDAY).keep(run) \
        == "off"


def test_weekly_medians_and_minutes():
    history = [record(0, 8, 5, ["breathe:resonance"]), record(2, 6, 4, ["relax:body-scan"]),
               record(4, 7, 2, ["breathe:resonance"], minutes=10),
               record(8, 5, 3, ["write"])]  # the next week
    first, second = weekly(history)
    assert (first.sessions, first.minutes, first.before_median, first.after_median) == (
        3, 50, 7, 4)
    assert (second.week, second.sessions, second.before_median) == (first.week + 1, 1, 5)
    assert total_minutes(history) == 70


def test_exercises_with_the_largest_average_easing_come_first():
    history = [record(0, 8, 5, ["breathe:resonance", "grounding"]),
               record(1, 7, 2, ["relax:body-scan"]),
               record(2, 6, 6, ["breathe:resonance"]),
               record(3, 6, None, ["relax:body-scan"])]  # no after rating: not counted
    rows = easing_by_exercise(history)
    assert [(r.exercise, r.sessions, r.average_easing) for r in rows] == [
        ("relax:body-scan", 1, 5.0), ("grounding", 1, 3.0), ("breathe:resonance", 2, 1.5)]


def test_the_suggestion_follows_what_eased_most_else_the_time_of_day():
    ids = ["wind-down", "after-a-hard-day", "let-it-out"]
    assert suggest_flow([], 22, ids)[0] == "wind-down"
    assert suggest_flow([], 14, ids)[0] == "after-a-hard-day"
    history = [replace(record(0, 8, 3, ["write"]), flow_id="after-a-hard-day"),
               replace(record(1, 7, 3, ["write"]), flow_id="after-a-hard-day"),
               record(2, 6, 5, ["breathe:resonance"]), record(3, 6, 5, ["breathe:resonance"])]
    assert suggest_flow(history, 22, ids) == ("after-a-hard-day",
                                              "It has eased things most for you lately.")


def test_a_release_flow_is_never_suggested_as_what_eased_most():
    """After crying mood often dips first and lifts later, so 'Let it out' is not ranked."""
    ids = ["wind-down", "after-a-hard-day", "let-it-out"]
    history = [replace(record(n, 9, 2, ["write"]), flow_id="let-it-out") for n in range(3)]
    assert suggest_flow(history, 22, ids) == ("wind-down", "Something gentle for the evening.")


def test_a_later_check_in_is_kept_encrypted_and_read_beside_its_session(vault):
    """About 90 minutes on, "how are you now?" is saved as its own entry and joins its session."""
    keeper = HistoryKeeper(lambda: vault, lambda: True, lambda: True, lambda: MONDAY)
    keeper.keep(SessionRecord.from_run(finished_run()))
    later = LaterCheckIn(MONDAY + timedelta(minutes=110), CheckIn(2, 6, ("canary-7d2",)))
    assert keeper.keep(later) == "saved"
    (saved,) = records(vault.read_all().entries)
    assert saved.later == CheckIn(2, 6, ("canary-7d2",)) and saved.later_entry_id
    for path in vault.folder.rglob("*"):
        if path.is_file():
            assert b"canary-7d2" not in path.read_bytes()


def test_a_later_check_in_while_locked_waits_for_the_unlock(vault):
    """Held like a session record, and saved with it at the next unlock."""
    opened = {"vault": None}
    keeper = HistoryKeeper(lambda: opened["vault"], lambda: True, lambda: True, lambda: MONDAY)
    keeper.keep(SessionRecord.from_run(finished_run()))
    assert keeper.keep(LaterCheckIn(MONDAY + timedelta(hours=2), CheckIn(3, None))) == "held"
    opened["vault"] = vault
    assert keeper.flush() == 2
    (saved,) = records(vault.read_all().entries)
    assert saved.later == CheckIn(3, None)


def test_a_later_check_in_joins_the_session_just_before_it_only():
    """Two sessions a day apart: the check-in 90 minutes after the second joins the second; one
    that comes a day later belongs to neither."""
    first, second = record(0, 6, 4, ["breathing"]), record(1, 7, 5, ["breathing"])
    entries = {e.id: e for e in (to_entry(first, MONDAY), to_entry(second, MONDAY))}
    soon = later_to_entry(LaterCheckIn(second.started + timedelta(minutes=90), CheckIn(3, 5)),
                          MONDAY)
    much_later = later_to_entry(LaterCheckIn(second.started + timedelta(days=1), CheckIn(1, 6)),
                                MONDAY)
    entries[soon.id], entries[much_later.id] = soon, much_later
    found = records(entries)
    assert [r.later for r in found] == [None, CheckIn(3, 5)]
    assert found[1].later_entry_id == soon.id
