"""Relaxation scripts as data: steps with a kind, a body area, words and a length; validation
whose errors name the field; and leaving out areas that hurt."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from companion.relax.body import AREAS
from companion.tomlfile import TableError

MAX_TEXT = 600
MAX_STEP_SECONDS = 600
MAX_STEPS = 400
TENSE_SECONDS = (3, 10)  # Longer holds invite cramps; Bernstein & Borkovec tense 5-7 s
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def text_key(text: str) -> str:
    """The name of a text's voice file: the same words always share one recording."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class StepKind(StrEnum):
    """What a step asks of the listener."""

    INTRO = "intro"
    ATTEND = "attend"
    TENSE = "tense"
    RELEASE = "release"
    BREATHE = "breathe"
    REST = "rest"
    RETURN = "return"


class Stage(StrEnum):
    """How a script relaxes, in the order a person usually moves through them."""

    TENSE = "tense"  # tense and release
    RECALL = "recall"  # release by recall, no tensing
    RECALL_COUNTING = "recall-counting"
    COUNTING = "counting"
    SCAN = "scan"  # body scan, no tensing
    SHORT = "short"  # a short release for one part of the body

    @property
    def next_stage(self) -> Stage | None:
        """The stage to suggest after a couple of relaxing sessions at this one."""
        order = (Stage.TENSE, Stage.RECALL, Stage.RECALL_COUNTING, Stage.COUNTING)
        if self in order and self is not order[-1]:
            return order[order.index(self) + 1]
        return None


class ScriptError(TableError):
    """A script or step that cannot be used: names the field and what is wrong with it."""


@dataclass(frozen=True)
class Step:
    """One spoken instruction and the time given to it."""

    kind: StepKind
    text: str
    seconds: float
    area: str | None = None

    @property
    def voice_key(self) -> str:
        return text_key(self.text)


@dataclass(frozen=True)
class Script:
    """A guided relaxation: a title, a stage, an estimate of its length and its steps."""

    id: str
    title: str
    summary: str
    stage: Stage
    minutes: int
    steps: tuple[Step, ...]

    @property
    def seconds(self) -> float:
        return sum(step.seconds for step in self.steps)

    @property
    def tenses(self) -> bool:
        return any(step.kind is StepKind.TENSE for step in self.steps)

    def areas(self) -> list[str]:
        """The areas this script visits that a person may leave out, in order, once each."""
        seen: list[str] = []
        for step in self.steps:
            if step.area and AREAS[step.area].can_leave_out and step.area not in seen:
                seen.append(step.area)
        return seen

    def without(self, left_out: set[str] | frozenset[str]) -> Script:
        """The script with every step on a left-out area removed (and on an area whose tensing
        moves a left-out one: no toes pulled on a foot that hurts); the others keep their order."""
        gone = set(left_out) | {area.id for area in AREAS.values() if set(area.moves) & left_out}
        kept = tuple(step for step in self.steps if step.area is None
                     or step.area not in gone or not AREAS[step.area].can_leave_out)
        return replace(self, steps=kept)


def _text(table: dict[str, Any], key: str, limit: int, required: bool = True) -> str:
    value = table.get(key, "" if not required else None)
    if not isinstance(value, str) or (required and not value.strip()):
        raise ScriptError(key, "is required and must be text")
    if len(value) > limit:
        raise ScriptError(key, f"is longer than {limit} characters")
    return " ".join(value.split())


def step_from_table(table: dict[str, Any], number: int) -> Step:
    """One step from its TOML table; ScriptError names the field (step numbers start at 1)."""
    def fail(field: str, message: str) -> ScriptError:
        return ScriptError(field, message, number)

    if not isinstance(table, dict):
        raise fail("step", "must be a table")
    kinds = ", ".join(kind.value for kind in StepKind)
    try:
        kind = StepKind(str(table.get("kind")))
    except ValueError:
        raise fail("kind", f"must be one of {kinds}") from None
    try:
        text = _text(table, "text", MAX_TEXT)
    except ScriptError as exc:
        raise fail(exc.field, exc.message) from None
    seconds = table.get("seconds")
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) \
            or not 1 <= seconds <= MAX_STEP_SECONDS:
        raise fail("seconds", f"must be a number of seconds from 1 to {MAX_STEP_SECONDS}")
    area = table.get("area")
    if area is not None and area not in AREAS:
        raise fail("area", f"{area!r} is not a body area Companion knows; known areas are "
                           + ", ".join(AREAS))
    if kind in (StepKind.ATTEND, StepKind.TENSE, StepKind.RELEASE) and area is None:
        raise fail("area", f"a {kind.value} step needs the body area it is about")
    if kind is StepKind.TENSE and not TENSE_SECONDS[0] <= seconds <= TENSE_SECONDS[1]:
        raise fail("seconds", f"tensing lasts {TENSE_SECONDS[0]} to {TENSE_SECONDS[1]} seconds, "
                              "so muscles never cramp")
    return Step(kind, text, float(seconds), area)


def script_from_table(table: dict[str, Any]) -> Script:
    """A whole script from its TOML table; ScriptError names the field (and step) at fault."""
    script_id = table.get("id")
    if not isinstance(script_id, str) or not ID_PATTERN.match(script_id):
        raise ScriptError("id", "must be short lowercase letters, digits and dashes, "
                                "like 'evening-scan'")
    title = _text(table, "title", 80)
    summary = _text(table, "summary", 300, required=False)
    try:
        stage = Stage(table.get("stage", "scan"))
    except ValueError:
        raise ScriptError("stage", "must be one of " + ", ".join(s.value for s in Stage)) from None
    minutes = table.get("minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 120:
        raise ScriptError("minutes", "must be a whole number of minutes from 1 to 120")
    raw_steps = table.get("step")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise ScriptError("step", "a script needs at least one [[script.step]]")
    if len(raw_steps) > MAX_STEPS:
        raise ScriptError("step", f"a script has at most {MAX_STEPS} steps")
    steps = tuple(step_from_table(raw, number) for number, raw in enumerate(raw_steps, 1))
    return Script(script_id, title, summary, stage, minutes, steps)
