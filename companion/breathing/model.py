"""Breathing patterns: phases, validation with errors that name the field, and pace scaling."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from fractions import Fraction

from companion.i18n import _

MAX_PHASE_SECONDS = Fraction(20)
PHASE_STEP = Fraction(1, 2)  # custom phases move in half seconds
MIN_CYCLE_SECONDS = Fraction(2)
MAX_NAME_LENGTH = 40


class PhaseKind(StrEnum):
    """What the body does during a phase."""

    INHALE = "inhale"
    TOP_UP = "top_up"  # the short second inhale of a cyclic sigh
    HOLD_IN = "hold_in"
    EXHALE = "exhale"
    HOLD_OUT = "hold_out"

    @property
    def is_hold(self) -> bool:
        return self in (PhaseKind.HOLD_IN, PhaseKind.HOLD_OUT)

    @property
    def word(self) -> str:
        """The word shown under the orb."""
        return {"inhale": _("Breathe in"), "top_up": _("A little more in"), "hold_in": _("Hold"),
                "exhale": _("Breathe out"), "hold_out": _("Hold")}[self.value]  # never "rest"


# The order phases take within one breath; a pattern lists the ones it uses, in this order.
PHASE_ORDER = (PhaseKind.INHALE, PhaseKind.TOP_UP, PhaseKind.HOLD_IN, PhaseKind.EXHALE,
               PhaseKind.HOLD_OUT)


@dataclass(frozen=True)
class Phase:
    """One part of a breath and how long it lasts."""

    kind: PhaseKind
    seconds: Fraction


@dataclass(frozen=True)
class RateRange:
    """An adjustable pace in breaths per minute (resonance breathing)."""

    minimum: Fraction
    maximum: Fraction
    step: Fraction
    default: Fraction

    def choices(self) -> list[Fraction]:
        values, value = [], self.minimum
        while value <= self.maximum:
            values.append(value)
            value += self.step
        return values


@dataclass(frozen=True)
class Pattern:
    """A breathing pattern. Built-ins come from assets/; custom ones from the config folder."""

    id: str
    name: str
    phases: tuple[Phase, ...]
    description: str = ""
    builtin: bool = False
    rate: RateRange | None = None
    max_cycles: int | None = None  # a cap per sitting (4-7-8)
    default_minutes: int = 5
    count_seconds: Fraction = Fraction(1)  # how long one spoken or shown count lasts

    @property
    def cycle_seconds(self) -> Fraction:
        return sum((phase.seconds for phase in self.phases), Fraction(0))

    @property
    def breaths_per_minute(self) -> Fraction:
        return Fraction(60) / self.cycle_seconds

    @property
    def has_holds(self) -> bool:
        return any(phase.kind.is_hold for phase in self.phases)

    @property
    def counted_in_breaths(self) -> bool:
        """Patterns with a cap are counted in breaths, not minutes."""
        return self.max_cycles is not None

    def at_rate(self, breaths_per_minute: Fraction) -> Pattern:
        """The same pattern stretched to a pace, keeping the ratio between its phases."""
        factor = (Fraction(60) / breaths_per_minute) / self.cycle_seconds
        return replace(self, phases=tuple(Phase(p.kind, p.seconds * factor) for p in self.phases))

    def with_count(self, count_seconds: Fraction) -> Pattern:
        """The same counts (4, 7, 8 for 4-7-8), each lasting `count_seconds` instead of one
        second: a slower count keeps the pattern's ratio, and the counts shown stay the same."""
        factor = count_seconds / self.count_seconds
        return replace(self, count_seconds=count_seconds,
                       phases=tuple(Phase(p.kind, p.seconds * factor) for p in self.phases))

    def counts_text(self) -> str:
        """'4 · 7 · 8' style summary of the phase lengths in counts."""
        return " · ".join(_seconds_text(phase.seconds / self.count_seconds)
                          for phase in self.phases)

    def timings_text(self) -> str:
        """'4 · 6' style summary of the phase lengths."""
        return " · ".join(_seconds_text(phase.seconds) for phase in self.phases)


def _seconds_text(value: Fraction) -> str:
    return str(int(value)) if value.denominator == 1 else f"{float(value):g}"


class PatternError(ValueError):
    """A pattern value that cannot be used; names the field so the message can point at it."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def custom_pattern(pattern_id: str, name: str, seconds: dict[PhaseKind, Fraction]) -> Pattern:
    """Build a user's pattern from phase lengths in seconds, or raise PatternError naming the field.

    Phases of 0 s are left out; inhale and exhale must be there.
    """
    clean_name = name.strip()
    if not clean_name:
        raise PatternError("name", "give the pattern a name")
    if len(clean_name) > MAX_NAME_LENGTH:
        raise PatternError("name", f"keep the name to {MAX_NAME_LENGTH} characters")
    for kind in PHASE_ORDER:
        value = Fraction(seconds.get(kind, 0))
        if value < 0 or value > MAX_PHASE_SECONDS:
            raise PatternError(kind.value, f"must be between 0 and {MAX_PHASE_SECONDS} seconds")
        if value % PHASE_STEP:
            raise PatternError(kind.value, "must be a whole or half second")
    for kind in (PhaseKind.INHALE, PhaseKind.EXHALE):
        if not seconds.get(kind):
            raise PatternError(kind.value, "a breath needs some time for this")
    phases = tuple(Phase(kind, Fraction(seconds[kind])) for kind in PHASE_ORDER
                   if seconds.get(kind))
    pattern = Pattern(id=pattern_id, name=clean_name, phases=phases)
    if pattern.cycle_seconds < MIN_CYCLE_SECONDS:
        raise PatternError("cycle", f"must last at least {MIN_CYCLE_SECONDS} seconds")
    return pattern
