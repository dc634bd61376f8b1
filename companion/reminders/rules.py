"""A reminder rule: what it invites (breathe, relax, a journal prompt or the user's own words)
and when (times on chosen weekdays, every so often between two times, or once)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, time
from enum import StrEnum

from companion.i18n import _

ALL_DAYS = frozenset(range(7))  # Monday is 0, as datetime.weekday() counts
MIN_INTERVAL = 5  # minutes; anything more often would intrude
MAX_TEXT = 200


class Kind(StrEnum):
    BREATHE = "breathe"
    RELAX = "relax"
    JOURNAL = "journal"
    CUSTOM = "custom"
    CHECKIN = "checkin"  # the one-off check-in a while after a quiet session

    @property
    def page(self) -> str | None:
        """The page 'Start' opens (None: a custom reminder only says its words)."""
        return {"breathe": "breathe", "relax": "relax", "journal": "journal",
                "checkin": "session"}.get(self.value)

    @property
    def default_text(self) -> str:
        return {"breathe": _("Two minutes of slow breathing, if you have them?"),
                "relax": _("A short body scan, whenever suits you."),
                "journal": _("A few lines in your journal, if you feel like writing?"),
                "custom": "",
                "checkin": _("How are you feeling now, a while after your quiet session? "
                           "Whatever it is, it is welcome.")}[self.value]


class RuleError(ValueError):
    """An impossible rule: names the field and what is wrong."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field, self.message = field, message


@dataclass(frozen=True)
class Rule:
    """Exactly one of: times (daily), every_minutes with start and end, or once_at."""

    id: str
    kind: Kind
    text: str = ""
    enabled: bool = True
    times: tuple[time, ...] = ()
    weekdays: frozenset[int] = ALL_DAYS
    every_minutes: int = 0
    start: time | None = None
    end: time | None = None
    once_at: datetime | None = None
    snoozed_until: datetime | None = field(default=None, compare=False)

    @property
    def schedule(self) -> str:
        if self.once_at is not None:
            return "once"
        return "interval" if self.every_minutes else "daily"

    @property
    def words(self) -> str:
        return self.text or self.kind.default_text

    def snoozed(self, until: datetime | None) -> Rule:
        return replace(self, snoozed_until=until)


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def validate(rule: Rule) -> Rule:
    """The rule, or RuleError naming the field that makes it impossible."""
    if rule.kind is Kind.CUSTOM and not rule.text.strip():
        raise RuleError("text", "a reminder of your own needs its words")
    if len(rule.text) > MAX_TEXT:
        raise RuleError("text", f"keep it under {MAX_TEXT} characters")
    if rule.schedule == "once":
        if rule.once_at is None or rule.once_at.tzinfo is None:
            raise RuleError("once_at", "needs a date and time with its time zone")
        return rule
    if not rule.weekdays:
        raise RuleError("weekdays", "choose at least one day of the week")
    if not rule.weekdays <= ALL_DAYS:
        raise RuleError("weekdays", "days are 0 (Monday) to 6 (Sunday)")
    if rule.schedule == "daily":
        if not rule.times:
            raise RuleError("times", "choose at least one time of day")
        return rule
    if rule.every_minutes < MIN_INTERVAL:
        raise RuleError("every_minutes", f"every {MIN_INTERVAL} minutes at the most often")
    if rule.start is None or rule.end is None:
        raise RuleError("start", "an interval needs a start and an end time")
    if rule.end <= rule.start:
        raise RuleError("end", "the end time must come after the start time")
    return rule
