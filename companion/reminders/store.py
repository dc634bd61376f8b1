"""reminders.toml in the config folder: the rules, quiet hours and a pause. A damaged file is moved
aside with a notice; a bad rule is left out, naming its line and field."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from typing import Any

import tomli_w

from companion.atomic import atomic_write_text
from companion.clock import Clock
from companion.i18n import _
from companion.reminders.rules import ALL_DAYS, Kind, Rule, RuleError, new_id, validate
from companion.reminders.schedule import QuietHours
from companion.tomlfile import left_out_notice, read_entries, read_user_toml

FORMAT = 1


@dataclass
class Reminders:
    rules: list[Rule] = field(default_factory=list)
    quiet: QuietHours | None = None
    paused_until: datetime | None = None
    notices: list[str] = field(default_factory=list)


def _time(value: Any, name: str) -> time:
    if isinstance(value, time):
        return value
    try:
        return time.fromisoformat(str(value))
    except ValueError:
        raise RuleError(name, f"{value!r} is not a time like 09:30") from None


def rule_from_table(table: dict[str, Any]) -> Rule:
    try:
        kind = Kind(str(table.get("kind")))
    except ValueError:
        raise RuleError("kind", "must be breathe, relax, journal or custom") from None
    days = table.get("weekdays", list(ALL_DAYS))
    if not isinstance(days, list) or not all(isinstance(d, int) for d in days):
        raise RuleError("weekdays", "must be a list of day numbers, 0 (Monday) to 6 (Sunday)")
    once = table.get("once_at")
    if once is not None and not isinstance(once, datetime):
        raise RuleError("once_at", "must be a date and time with its offset")
    snoozed = table.get("snoozed_until")
    rule = Rule(
        id=str(table.get("id") or new_id()), kind=kind, text=str(table.get("text", "")),
        enabled=bool(table.get("enabled", True)),
        times=tuple(_time(t, "times") for t in table.get("times", [])),
        weekdays=frozenset(days), every_minutes=int(table.get("every_minutes", 0)),
        start=_time(table["start"], "start") if "start" in table else None,
        end=_time(table["end"], "end") if "end" in table else None,
        once_at=once, snoozed_until=snoozed if isinstance(snoozed, datetime) else None)
    return validate(rule)


def rule_to_table(rule: Rule) -> dict[str, Any]:
    table: dict[str, Any] = {"id": rule.id, "kind": rule.kind.value, "enabled": rule.enabled}
    if rule.text:
        table["text"] = rule.text
    if rule.schedule == "once":
        table["once_at"] = rule.once_at
    else:
        table["weekdays"] = sorted(rule.weekdays)
        if rule.schedule == "daily":
            table["times"] = [t.strftime("%H:%M") for t in rule.times]
        else:
            table.update(every_minutes=rule.every_minutes,
                         start=rule.start.strftime("%H:%M") if rule.start else "",
                         end=rule.end.strftime("%H:%M") if rule.end else "")
    if rule.snoozed_until is not None:
        table["snoozed_until"] = rule.snoozed_until
    return table


class ReminderStore:
    def __init__(self, path: Path, clock: Clock) -> None:
        self.path = path
        self._clock = clock

    def load(self) -> Reminders:
        read = read_user_toml(self.path, self._clock)
        if read.damaged:
            return Reminders(notices=[
                _("Your reminders file was damaged, so no reminders are set for now. Nothing was thrown "
                  "away: the old file is kept at {kept_at}.").format(kept_at=read.kept_at)])
        doc = read.doc or {}
        rules, broken = read_entries(read, "reminder", rule_from_table, RuleError)
        result = Reminders(rules, notices=left_out_notice(self.path, self._clock, "reminders",
                                                          broken))
        quiet = doc.get("quiet")
        if isinstance(quiet, dict) and quiet.get("start") and quiet.get("end"):
            try:
                result.quiet = QuietHours(_time(quiet["start"], "start"),
                                          _time(quiet["end"], "end"))
            except RuleError:
                result.notices.append(_("Your quiet hours could not be read and are off for now."))
        paused = doc.get("paused_until")
        result.paused_until = paused if isinstance(paused, datetime) else None
        return result

    def save(self, reminders: Reminders) -> None:
        doc: dict[str, Any] = {"format": FORMAT}
        if reminders.paused_until is not None:
            doc["paused_until"] = reminders.paused_until
        if reminders.quiet is not None:
            doc["quiet"] = {"start": reminders.quiet.start.strftime("%H:%M"),
                            "end": reminders.quiet.end.strftime("%H:%M")}
        doc["reminder"] = [rule_to_table(rule) for rule in reminders.rules]
        atomic_write_text(self.path, tomli_w.dumps(doc))
