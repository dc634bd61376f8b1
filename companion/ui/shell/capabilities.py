"""What one feature may ask of another, said as small Protocols. A feature that offers one of
these registers it on the Services; a feature that uses one finds it there (or None, where the
app runs without that feature, as some tests do). Features never import each other."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol


class Journal(Protocol):
    """The encrypted journal, as the other features see it."""

    def folder(self) -> Path: ...

    def prompts(self) -> list: ...

    def is_open(self) -> bool: ...

    def entries(self) -> dict: ...

    def save_record(self, record: Any) -> None: ...

    def delete_entries(self, entry_ids: list[str]) -> None: ...

    def lock_for_deletion(self) -> None: ...


class Breathing(Protocol):
    """Paced breathing, started from elsewhere (home's minute, a quiet session's step)."""

    def start_for(self, pattern_id: str, minutes: int) -> None: ...

    def prepare_for(self, pattern_id: str) -> None: ...


class Soundscape(Protocol):
    """Ambient sound under a quiet session, and ducking under speech."""

    def play_for_session(self, sound: str) -> None: ...

    def stop_for_session(self) -> None: ...

    def set_ducked(self, ducked: bool) -> None: ...


class Reminders(Protocol):
    """The reminders, which run whether or not their page was opened."""

    def remind_later(self, minutes: int) -> None: ...

    def pause_for_an_hour(self) -> None: ...

    def session_ended(self) -> None: ...


class Sessions(Protocol):
    """Quiet sessions and what they recorded."""

    def records(self) -> list | None: ...

    def suggestion_text(self) -> str: ...

    def later_check_in(self) -> None: ...

    def journal_opened(self) -> None: ...

    def ask_before_quitting(self, quit_now: Callable[[], None]) -> bool: ...


class Voice(Protocol):
    """Which recordings read the built-in words (bundled or the natural voice)."""

    def folder(self) -> Path: ...

    def renderer(self) -> Any: ...
