"""Flow templates as data: the built-ins in assets/sessions/flows.toml and the user's own in the
config folder, validated with errors that name the file, the line and the field."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from companion.content_language import Localized, localize
from companion.i18n import _, pgettext
from companion.resources import asset
from companion.tomlfile import TableError, load_user_list, parse_tables

FORMAT = 1
ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


class StepKind(StrEnum):
    SETTLE = "settle"  # breathing to arrive
    RELEASE = "release"  # muscle relaxation or a body scan
    EXPRESS = "express"  # timed writing with a prompt
    CLOSE = "close"  # a minute of breathing, or the 5-4-3-2-1 grounding

    @property
    def heading(self) -> str:
        return {"settle": _("Settle"), "release": _("Release"), "express": _("Express"),
                "close": pgettext("the last step of a session", "Close")}[self.value]


@dataclass(frozen=True)
class FlowStep:
    kind: StepKind
    minutes: float = 0  # settle, express and breathing close steps
    pattern: str = ""  # settle / close: a breathing pattern id
    script: str = ""  # release: a relaxation script id
    grief: bool = False  # express: prompts that lean toward meaning
    grounding: bool = False  # close: 5-4-3-2-1 instead of breathing

    @property
    def exercise(self) -> str:
        """What was done, as progress groups it: 'breathe:resonance', 'relax:pmr-7', …"""
        if self.kind is StepKind.RELEASE:
            return f"relax:{self.script}"
        if self.kind is StepKind.EXPRESS:
            return "write:grief" if self.grief else "write"
        if self.grounding:
            return "grounding"
        return f"breathe:{self.pattern}"


GROUNDING_MINUTES = 3.0  # the 5-4-3-2-1 grounding, read at one's own pace
CHECK_IN_MINUTES = 1.0  # each of the check-ins before and after


def step_minutes(step: FlowStep, script_minutes: dict[str, float]) -> float:
    """About how long a step takes: its own minutes, or its relaxation script's estimate."""
    if step.kind is StepKind.RELEASE:
        return script_minutes.get(step.script, 10.0)
    if step.grounding:
        return GROUNDING_MINUTES
    return step.minutes


def flow_minutes(steps: tuple[FlowStep, ...] | list[FlowStep],
                 script_minutes: dict[str, float]) -> int:
    """About how long these steps take with the check-ins, in whole minutes."""
    return round(2 * CHECK_IN_MINUTES + sum(step_minutes(s, script_minutes) for s in steps))


def step_name(step: FlowStep, pattern_names: dict[str, str],
              script_titles: dict[str, str]) -> str:
    """What a person reads for a step: names, never ids ("Release: Jaw, throat and chest")."""
    if step.kind is StepKind.RELEASE:
        return _("Release: {script}").format(
            script=script_titles.get(step.script, step.script.replace("-", " ")))
    if step.kind is StepKind.EXPRESS:
        return _("Write for {minutes:g} minutes").format(minutes=step.minutes)
    if step.grounding:
        return _("Close: 5-4-3-2-1 grounding")
    name = pattern_names.get(step.pattern, step.pattern.replace("-", " "))
    if step.minutes == 1:
        return _("{step}: {pattern}, 1 minute").format(step=step.kind.heading, pattern=name)
    return _("{step}: {pattern}, {minutes:g} minutes").format(
        step=step.kind.heading, pattern=name, minutes=step.minutes)


@dataclass(frozen=True)
class Flow:
    id: str
    title: str
    summary: str
    sound: str  # "" none, a mix id, or "own"
    steps: tuple[FlowStep, ...]

    def reordered(self, order: list[int]) -> Flow:
        """The same steps in another order (a permutation of their indexes)."""
        if sorted(order) != list(range(len(self.steps))):
            raise ValueError("order must name every step once")
        return replace(self, steps=tuple(self.steps[i] for i in order))


class FlowError(TableError):
    """A flow or step that cannot be used: names the field and what is wrong with it."""


def step_from_table(table: dict[str, Any], number: int) -> FlowStep:
    def fail(field: str, message: str) -> FlowError:
        return FlowError(field, message, number)

    try:
        kind = StepKind(str(table.get("kind")))
    except ValueError:
        raise fail("kind", "must be settle, release, express or close") from None
    minutes = table.get("minutes", 0)
    if isinstance(minutes, bool) or not isinstance(minutes, int | float) or not 0 <= minutes <= 60:
        raise fail("minutes", "must be a number of minutes from 0 to 60")
    step = FlowStep(kind, float(minutes), str(table.get("pattern", "")),
                    str(table.get("script", "")), bool(table.get("grief", False)),
                    bool(table.get("grounding", False)))
    if kind is StepKind.RELEASE and not step.script:
        raise fail("script", "a release step names a relaxation script, like 'body-scan'")
    if kind in (StepKind.SETTLE, StepKind.CLOSE) and not step.grounding:
        if not step.pattern:
            raise fail("pattern", "a breathing step names a pattern, like 'resonance'")
        if step.minutes <= 0:
            raise fail("minutes", "a breathing step lasts at least a minute")
    if kind is StepKind.EXPRESS and step.minutes <= 0:
        raise fail("minutes", "writing needs some minutes")
    return step


def flow_from_table(table: dict[str, Any]) -> Flow:
    flow_id = table.get("id")
    if not isinstance(flow_id, str) or not ID.match(flow_id):
        raise FlowError("id", "must be short lowercase letters, digits and dashes")
    title = table.get("title")
    if not isinstance(title, str) or not title.strip():
        raise FlowError("title", "is required")
    steps = table.get("step")
    if not isinstance(steps, list) or not steps:
        raise FlowError("step", "a flow needs at least one [[flow.step]]")
    return Flow(flow_id, title.strip(), str(table.get("summary", "")), str(table.get("sound", "")),
                tuple(step_from_table(s, n) for n, s in enumerate(steps, 1)))


def parse_flows(text: str, name: str) -> list[Flow]:
    """Every [[flow]] in a file; FlowError's message names the file, the line and the field."""
    return parse_tables(text, name, "flow", FORMAT, flow_from_table, FlowError)


def _same_flow(english: object, translated: object) -> Flow | None:
    """The English flow with the translation's title and summary, where the steps and the sound
    are the same."""
    assert isinstance(english, Flow) and isinstance(translated, Flow)
    if (english.steps, english.sound) != (translated.steps, translated.sound):
        return None
    return replace(english, title=translated.title, summary=translated.summary)


FLOWS = Localized("sessions/flows.toml", parse_flows, lambda flow, _i: flow.id, _same_flow,
                  words=("title", "summary"))


def load_english_flows() -> list[Flow]:
    path = asset(FLOWS.name)
    return parse_flows(path.read_text(encoding="utf-8"), path.name)


def load_builtin_flows(code: str | None = None) -> list[Flow]:
    """The flows that ship with Companion, in the app's language where a translation lines up."""
    return localize(FLOWS, load_english_flows(), code)


def load_user_flows(path: Path) -> tuple[list[Flow], str | None]:
    """The user's own flows, and the problem with the file if it could not be used (kept as is)."""
    return load_user_list(path, parse_flows, FlowError)
