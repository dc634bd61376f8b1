"""Mood check-ins before and after a session (distress 0-10, one pleasant/unpleasant choice on 7
steps, optional words), and our gentle help rule (8 or more after, or 3 or more higher)."""

from __future__ import annotations

from dataclasses import dataclass

VALENCE = {1: "very unpleasant", 2: "unpleasant", 3: "a little unpleasant", 4: "neutral",
           5: "a little pleasant", 6: "pleasant", 7: "very pleasant"}
FEELING_WORDS = ("sad", "tired", "tense", "numb", "angry", "lonely", "anxious", "heavy",
                 "relieved", "lighter", "calm", "tender", "raw", "grateful")
HIGH_DISTRESS = 8
RISE = 3


@dataclass(frozen=True)
class CheckIn:
    """How someone feels now: distress 0 (completely calm) to 10 (the worst imaginable)."""

    distress: int
    valence: int | None  # None: not chosen (a default is never recorded as an answer)
    words: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 0 <= self.distress <= 10:
            raise ValueError("distress runs from 0 to 10")
        if self.valence is not None and self.valence not in VALENCE:
            raise ValueError("valence runs from 1 to 7")


def needs_gentle_check(before: CheckIn | None, after: CheckIn) -> bool:
    """After 8 or more, or a rise of 3 or more: offer a gentle check-in with the help links."""
    if after.distress >= HIGH_DISTRESS:
        return True
    return before is not None and after.distress - before.distress >= RISE


RAW_AFTER_RELEASE = ("Feeling raw or tender right after letting go is common, and it usually "
                     "eases. Many people feel lighter later rather than at once.")
