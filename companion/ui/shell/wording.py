"""Small phrases the pages share: counts and lengths of time in words."""

from __future__ import annotations

from fractions import Fraction


def count_words(count: int, noun: str) -> str:
    """'1 slow breath', '30 slow breaths'."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def duration_words(seconds: Fraction | float) -> str:
    """'less than a minute', '1 minute', '5 minutes' (rounded)."""
    minutes = round(float(seconds) / 60)
    if float(seconds) < 60:
        return "less than a minute"
    return count_words(minutes, "minute")


def failure_reason(exc: OSError) -> str:
    """Why a file could not be written, in the system's words ('No space left on device')."""
    return exc.strerror or "the disk refused the write"
