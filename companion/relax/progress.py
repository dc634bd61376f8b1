"""How relaxing sessions felt, counted per stage (no dates, no text), and the script to suggest:
after a couple of sessions answered "more relaxed", the next stage (recall, then counting)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import tomli_w

from companion.atomic import atomic_write_text
from companion.clock import Clock
from companion.i18n import _
from companion.relax.model import Script, Stage
from companion.tomlfile import read_user_toml

MOVE_ON_AFTER = 2  # relaxing sessions at a stage before the next stage is suggested
FIRST_CHOICE = "body-scan"  # no history yet: the gentle one that asks no tensing


class Answer(StrEnum):
    """The one-tap answer at the end of a script."""

    MORE = "more"
    SAME = "same"
    LESS = "less"


@dataclass
class RelaxProgress:
    """Relaxing sessions per stage, and whether the file had to be kept aside."""

    relaxed: dict[str, int] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)

    def record(self, stage: Stage, answer: Answer) -> None:
        if answer is Answer.MORE:
            self.relaxed[stage.value] = self.relaxed.get(stage.value, 0) + 1

    def reached(self) -> Stage:
        """The furthest tensing-to-counting stage this person is ready for."""
        stage = Stage.TENSE
        while self.relaxed.get(stage.value, 0) >= MOVE_ON_AFTER and stage.next_stage is not None:
            stage = stage.next_stage
        return stage

    def suggestion(self, scripts: list[Script], last_id: str = "") -> tuple[Script, str] | None:
        """A script to suggest and why, in a sentence; None when there are no scripts."""
        if not scripts:
            return None
        stage = self.reached()
        if stage is not Stage.TENSE:
            ahead = next((s for s in scripts if s.stage is stage), None)
            if ahead is not None:
                return ahead, (_("You have found tensing and releasing relaxing a few times now. When you "
                                 "feel ready, try the next step: {title}.").format(title=ahead.title))
        last = next((s for s in scripts if s.id == last_id), None)
        if last is not None:
            return last, _("The one you chose last time.")
        first = next((s for s in scripts if s.id == FIRST_CHOICE), scripts[0])
        return first, _("A gentle place to start: nothing to tense, only noticing.")


HELP_NOTE = ("If things feel heavy, help is one click away under \u201cNeed help now?\u201d.")


def after_less_relaxed(done: Script, scripts: list[Script]) -> tuple[Script | None, str]:
    """Something that fits better after a script left the person less relaxed, and why: never
    the same kind again (not the body scan right after the body scan)."""
    by_stage = {s.stage: s for s in reversed(scripts)}  # the first script of each stage
    if done.stage is Stage.SCAN:
        return None, (_("Thank you for saying so. Lying still with your attention on the body is "
                      "not for every moment. A few minutes of slow breathing on Breathe, or "
                      "simply resting with your eyes open, may be kinder today. ") + HELP_NOTE)
    if done.stage is Stage.TENSE:
        other = by_stage.get(Stage.SCAN)
        words = _("Thank you for saying so. The body scan, with nothing to tense, may suit you " \
                "better.")
    else:
        other = by_stage.get(Stage.SCAN) or by_stage.get(Stage.TENSE)
        words = (_("Thank you for saying so. Some days releasing without tensing is hard; the {value} may "
                   "suit you better.").format(value=other.title.lower()) if other is not None else
                 _("Thank you for saying so."))
    return other, f"{words} {HELP_NOTE}"


class ProgressStore:
    """relax-progress.toml in the config folder: only counts, so nothing here is sensitive."""

    def __init__(self, path: Path, clock: Clock) -> None:
        self.path = path
        self._clock = clock

    def load(self) -> RelaxProgress:
        read = read_user_toml(self.path, self._clock)
        if read.damaged:
            return RelaxProgress(notices=[
                _("Companion could not read how your relaxation sessions went, so it starts counting "
                  "afresh. The old file is kept at {kept_at}.").format(kept_at=read.kept_at)])
        table = (read.doc or {}).get("relaxed", {})
        counts = {k: v for k, v in table.items() if k in {s.value for s in Stage}
                  and isinstance(v, int) and not isinstance(v, bool) and v >= 0} \
            if isinstance(table, dict) else {}
        return RelaxProgress(counts)

    def save(self, progress: RelaxProgress) -> None:
        atomic_write_text(self.path, tomli_w.dumps({"format": 1, "relaxed": progress.relaxed}))
