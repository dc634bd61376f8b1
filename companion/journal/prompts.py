"""Expressive-writing prompts and the timed writing session (15 minutes, then a grounding step)."""

from __future__ import annotations

import random
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from companion.clock import Clock
from companion.content_language import Localized, localize
from companion.i18n import _
from companion.resources import asset
from companion.tomlfile import load_user_list, table_lines

WRITING_MINUTES = 15  # Pennebaker's sessions: 15 minutes, a few days in a row

def where_help_is() -> str:
    return _("If dark thoughts come, stop and press F1, or Need help now?")


def invitation() -> str:
    """What the writing screen says before the first word."""
    return _("Write without stopping; nobody else will read it. If it gets too much, switch "
             "topic or stop.") + " " + where_help_is()


def grounding() -> str:
    """What the writing screen says when the time is up."""
    return _("Before you go on, come back to the room. Name five things you can see, four you "
             "can touch, three you can hear, two you can smell and one you can taste. Feeling "
             "stirred up after writing is common; many people find the lightness comes "
             "later.") + " " + where_help_is()


@dataclass(frozen=True)
class Prompt:
    theme: str
    text: str
    grief: bool = False  # about a loss: offered only where a flow is about loss
    release: bool = False  # about what was held back: what "Let it out" promises


class PromptError(ValueError):
    """A prompt a person wrote cannot be used; the message names the file, line and field."""


def prompt_from_table(table: dict) -> Prompt:
    theme, text = table.get("theme"), table.get("text")
    if not isinstance(theme, str) or not theme.strip():
        raise PromptError("theme: give a short label, for example theme = \"held back\"")
    if not isinstance(text, str) or not text.strip():
        raise PromptError("text: give the question to write about, in quotes")
    for flag in ("grief", "release"):
        if not isinstance(table.get(flag, False), bool):
            raise PromptError(f"{flag}: must be true or false")
    return Prompt(theme.strip(), " ".join(text.split()), bool(table.get("grief", False)),
                  bool(table.get("release", False)))


def parse_prompts(text: str, name: str) -> list[Prompt]:
    """Every [[prompt]] in a file; PromptError names the file, the line and the field."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PromptError(f"{name}: this is not valid TOML ({exc})") from None
    if doc.get("format", 1) != 1:
        raise PromptError(f"{name}: format {doc.get('format')!r} is not one this version reads")
    lines = table_lines(text, "prompt")
    prompts = []
    for index, table in enumerate(doc.get("prompt", [])):
        try:
            prompts.append(prompt_from_table(table))
        except PromptError as exc:
            line = lines[index] if index < len(lines) else None
            raise PromptError(f"{name}, line {line}: {exc}") from None
    return prompts


def _same_prompt(english: object, translated: object) -> Prompt | None:
    """The translated prompt, where it has the English one's theme and flags."""
    assert isinstance(english, Prompt) and isinstance(translated, Prompt)
    same = (english.theme, english.grief, english.release) == (
        translated.theme, translated.grief, translated.release)
    return translated if same else None


PROMPTS = Localized("prompts/prompts.toml", parse_prompts,
                    lambda prompt, index: f"prompt {index + 1}", _same_prompt,
                    words=("text",))


def load_english_prompts() -> list[Prompt]:
    return parse_prompts(asset(PROMPTS.name).read_text(encoding="utf-8"), "prompts.toml")


def load_prompts(code: str | None = None) -> list[Prompt]:
    """The bundled prompts, in the app's language where a translation lines up (a broken English
    file is a bug, so this raises)."""
    return localize(PROMPTS, load_english_prompts(), code)


def load_user_prompts(path: Path) -> tuple[list[Prompt], str | None]:
    """The person's own prompts (prompts.toml in the config folder, the same format), and what
    is wrong with the file if it could not be used (it is left as it is)."""
    return load_user_list(path, parse_prompts, PromptError)


def prompt_for(prompts: list[Prompt], turn: int, grief: bool | None = None,
               release: bool = False) -> Prompt:
    """The prompt for the nth request (each 'another prompt' moves on). None: any prompt (the
    journal's own guided writing). In a session, a grief step draws from the loss prompts and any
    other from the rest (loss only where loss is the subject), from the release prompts when the
    step promises a release."""
    chosen = prompts if grief is None else [p for p in prompts if p.grief == grief]
    if release and not grief:
        chosen = [p for p in chosen if p.release] or chosen
    chosen = chosen or prompts
    return chosen[turn % len(chosen)]


def session_turn(seed: float, count: int, avoid: int | None = None) -> int:
    """A different starting prompt for each session (from when it began), never the one the
    last session started with."""
    turn = random.Random(seed).randrange(max(1, count))
    if avoid is not None and count > 1 and turn == avoid:
        turn = (turn + 1) % count
    return turn


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
