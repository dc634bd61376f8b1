"""Expressive-writing prompts and the timed writing session (15 minutes, then a grounding step)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from enum import StrEnum

from companion.clock import Clock
from companion.resources import asset

WRITING_MINUTES = 15  # Pennebaker's sessions: 15 minutes, a few days in a row

WHERE_HELP_IS = "If dark thoughts come, stop and press F1, or Need help now?"
INVITATION = ("Write without stopping; nobody else will read it. If it gets too much, switch "
              "topic or stop. " + WHERE_HELP_IS)
GROUNDING = ("Before you go on, come back to the room. Name five things you can see, four you "
             "can touch, three you can hear, two you can smell and one you can taste. Feeling "
             "stirred up after writing is common; many people find the lightness comes later. "
             + WHERE_HELP_IS)


@dataclass(frozen=True)
class Prompt:
    theme: str
    text: str
    grief: bool = False


def load_prompts() -> list[Prompt]:
    """The bundled prompts (a broken file is a bug, so this raises)."""
    doc = tomllib.loads(asset("prompts/prompts.toml").read_text(encoding="utf-8"))
    return [Prompt(p["theme"], " ".join(p["text"].split()), bool(p.get("grief", False)))
            for p in doc["prompt"]]


def prompt_for(prompts: list[Prompt], turn: int, grief: bool = False) -> Prompt:
    """The prompt for the nth request (each 'another prompt' moves on); grief prompts first
    when asked for."""
    chosen = [p for p in prompts if p.grief] if grief else prompts
    return chosen[turn % len(chosen)]


class WritingState(StrEnum):
    WRITING = "writing"
    PAUSED = "paused"
    GROUNDING = "grounding"


class WritingSession:
    """The writing time measured on the monotonic clock, minus pauses; then the grounding step."""

    def __init__(self, clock: Clock, minutes: int = WRITING_MINUTES) -> None:
        self._clock = clock
        self.seconds = minutes * 60
        self._started = clock.monotonic()
        self._paused_at: float | None = None
        self.state = WritingState.WRITING

    def pause(self) -> None:
        if self.state is WritingState.WRITING:
            self._paused_at = self._clock.monotonic()
            self.state = WritingState.PAUSED

    def resume(self) -> None:
        if self.state is WritingState.PAUSED and self._paused_at is not None:
            self._started += self._clock.monotonic() - self._paused_at
            self._paused_at = None
            self.state = WritingState.WRITING

    def elapsed(self) -> float:
        until = self._paused_at if self._paused_at is not None else self._clock.monotonic()
        return min(self.seconds, until - self._started)

    def remaining(self) -> float:
        return max(0.0, self.seconds - self.elapsed())

    def update(self) -> WritingState:
        """Move to the grounding step when the time is up."""
        if self.state is WritingState.WRITING and self.remaining() <= 0:
            self.state = WritingState.GROUNDING
        return self.state

    def finish_early(self) -> None:
        """The writer has said enough: go to the grounding step now."""
        self.state = WritingState.GROUNDING
