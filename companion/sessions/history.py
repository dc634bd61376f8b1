"""A session's record, kept as an encrypted entry of kind 'session' in the journal vault; held in
memory while the journal is locked and saved at the next unlock; never written in clear."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, Protocol

from companion.journal.entry import Entry
from companion.sessions.checkin import VALENCE, CheckIn
from companion.sessions.flow import FlowRun


@dataclass(frozen=True)
class StepRecord:
    exercise: str
    minutes: float
    skipped: bool


@dataclass(frozen=True)
class SessionRecord:
    flow_id: str
    flow_title: str
    started: datetime
    minutes: float
    steps: tuple[StepRecord, ...]
    before: CheckIn | None
    after: CheckIn | None
    ended_early: bool = False
    entry_id: str = ""  # the vault entry holding it, once saved
    later: CheckIn | None = None  # the check-in that came back about 90 minutes afterwards
    later_entry_id: str = ""  # the vault entry holding that check-in

    @classmethod
    def from_run(cls, run: FlowRun) -> SessionRecord:
        assert run.started is not None
        steps = tuple(StepRecord(r.step.exercise, round(r.seconds / 60, 2), r.skipped)
                      for r in run.results)
        return cls(run.flow.id, run.flow.title, run.started, round(run.minutes, 2), steps,
                   run.before, run.after, run.ended_early)

    @property
    def easing(self) -> int | None:
        """How much distress fell (positive: easier), when both ratings were given."""
        if self.before is None or self.after is None:
            return None
        return self.before.distress - self.after.distress


LATER_WINDOW = timedelta(hours=6)  # a later check-in belongs to a session started this long before


@dataclass(frozen=True)
class LaterCheckIn:
    """How the person felt a while after a session (mood often dips after crying and lifts
    later); kept as its own small entry and joined to the session it follows when read."""

    at: datetime
    feeling: CheckIn


def _feeling(check: CheckIn | None) -> dict[str, Any] | None:
    if check is None:
        return None
    return {"distress": check.distress, "valence": check.valence, "words": list(check.words)}


def _check(data: Any) -> CheckIn | None:
    if not isinstance(data, dict):
        return None
    valence = data.get("valence")
    return CheckIn(int(data["distress"]), int(valence) if valence is not None else None,
                   tuple(data.get("words", ())))


def to_entry(record: SessionRecord, now: datetime) -> Entry:
    """The record as a journal entry: readable words in the body, the figures in its header."""
    lines = [f"A quiet session: {record.flow_title}, {record.minutes:.0f} minutes."]
    for name, check in (("Before", record.before), ("After", record.after)):
        if check is not None:
            words = f" ({', '.join(check.words)})" if check.words else ""
            feels = f", {VALENCE[check.valence]}" if check.valence is not None else ""
            lines.append(f"{name}: distress {check.distress} of 10{feels}"
                         f"{words}.")
    done = [s.exercise for s in record.steps if not s.skipped]
    lines.append("Steps: " + (", ".join(done) if done else "none") + ".")
    extra = {"session": {"flow_id": record.flow_id, "flow_title": record.flow_title,
                         "started": record.started.isoformat(), "minutes": record.minutes,
                         "steps": [[s.exercise, s.minutes, s.skipped] for s in record.steps],
                         "before": _feeling(record.before), "after": _feeling(record.after),
                         "ended_early": record.ended_early}}
    entry = Entry.new(now, f"Quiet session: {record.flow_title}", "\n".join(lines) + "\n",
                      kind="session")
    return Entry(entry.id, entry.created, entry.modified, entry.title, entry.body, entry.tags,
                 entry.mood, entry.kind, extra)


def later_to_entry(later: LaterCheckIn, now: datetime) -> Entry:
    """A later check-in as a journal entry of kind 'checkin'."""
    check = later.feeling
    feels = f", {VALENCE[check.valence]}" if check.valence is not None else ""
    body = f"A while after a quiet session: distress {check.distress} of 10{feels}.\n"
    entry = Entry.new(now, "Later check-in", body, kind="checkin")
    extra = {"checkin": {"at": later.at.isoformat(), **(_feeling(check) or {})}}
    return replace(entry, extra=extra)


def _later_from_entry(entry: Entry) -> tuple[LaterCheckIn, str] | None:
    data = entry.extra.get("checkin") if entry.kind == "checkin" else None
    if not isinstance(data, dict):
        return None
    try:
        feeling = _check(data)
        at = datetime.fromisoformat(data["at"])
    except (KeyError, TypeError, ValueError):
        return None
    return (LaterCheckIn(at, feeling), entry.id) if feeling is not None else None


def from_entry(entry: Entry) -> SessionRecord | None:
    """The record an entry of kind 'session' holds; None for any other entry."""
    data = entry.extra.get("session") if entry.kind == "session" else None
    if not isinstance(data, dict):
        return None
    try:
        return SessionRecord(
            data["flow_id"], data["flow_title"], datetime.fromisoformat(data["started"]),
            float(data["minutes"]),
            tuple(StepRecord(str(e), float(m), bool(s)) for e, m, s in data["steps"]),
            _check(data.get("before")), _check(data.get("after")),
            bool(data.get("ended_early", False)), entry.id)
    except (KeyError, TypeError, ValueError):
        return None


class RecordSaver(Protocol):
    """Where records go: the vault itself, or the window's journal, which saves in its worker."""

    def save(self, entry: Entry) -> object: ...


@dataclass
class HistoryKeeper:
    """Saves records when the journal is open, holds them while it is locked, and keeps nothing
    when history is switched off. vault() gives the open vault or None; exists() says whether a
    journal has been made at all."""

    vault: Callable[[], RecordSaver | None]
    exists: Callable[[], bool]
    enabled: Callable[[], bool]
    clock_now: Callable[[], datetime]
    held: list[SessionRecord | LaterCheckIn] = field(default_factory=list)

    def keep(self, record: SessionRecord | LaterCheckIn) -> str:
        """'off', 'saved', 'held' (journal locked) or 'no-journal'."""
        if not self.enabled():
            return "off"
        vault = self.vault()
        if vault is not None:
            vault.save(self._entry(record))
            return "saved"
        if self.exists():
            self.held.append(record)
            return "held"
        return "no-journal"

    def _entry(self, record: SessionRecord | LaterCheckIn) -> Entry:
        if isinstance(record, LaterCheckIn):
            return later_to_entry(record, self.clock_now())
        return to_entry(record, self.clock_now())

    def flush(self) -> int:
        """Save what was held while the journal was locked; returns how many."""
        vault = self.vault()
        if vault is None:
            return 0
        saved = 0
        while self.held:
            vault.save(self._entry(self.held[0]))
            self.held.pop(0)
            saved += 1
        return saved


def records(entries: dict[str, Entry]) -> list[SessionRecord]:
    """Every session record among the journal's entries, oldest first, each with the later
    check-in that followed it (the last one within LATER_WINDOW of its start)."""
    found = sorted((r for r in (from_entry(e) for e in entries.values()) if r is not None),
                   key=lambda r: r.started)
    laters = sorted((pair for pair in map(_later_from_entry, entries.values()) if pair),
                    key=lambda pair: pair[0].at)
    for later, entry_id in laters:
        before = [i for i, r in enumerate(found)
                  if r.started <= later.at <= r.started + LATER_WINDOW]
        if before:
            i = before[-1]
            found[i] = replace(found[i], later=later.feeling, later_entry_id=entry_id)
    return found
