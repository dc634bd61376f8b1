"""The pattern library: built-ins from assets/, and the user's own in the config folder."""

from __future__ import annotations

import tomllib
import uuid
from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path
from typing import Any

import tomli_w

from companion.atomic import atomic_write_text
from companion.breathing.model import (
    PHASE_ORDER,
    Pattern,
    PatternError,
    Phase,
    PhaseKind,
    RateRange,
    custom_pattern,
)
from companion.clock import Clock
from companion.content_language import Localized, localize
from companion.i18n import _
from companion.resources import asset
from companion.tomlfile import left_out_notice, read_entries, read_user_toml, table_lines

DEFAULT_PATTERN_ID = "resonance"


class PatternFileError(ValueError):
    """A pattern file that cannot be used; says which file, line and field."""

    def __init__(self, path: Path, line: int | None, field: str, message: str):
        where = f"{path.name}, line {line}" if line else path.name
        super().__init__(f"{where}: {field}: {message}")
        self.path, self.line, self.field = path, line, field


def _fraction(value: Any, field_name: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PatternError(field_name, "must be a number of seconds")
    return Fraction(str(value))


def _builtin_from_table(table: dict[str, Any]) -> Pattern:
    for key in ("id", "name"):
        if not isinstance(table.get(key), str) or not table[key]:
            raise PatternError(key, "is required")
    phases = tuple(Phase(kind, _fraction(table[kind.value], kind.value))
                   for kind in PHASE_ORDER if kind.value in table)
    for phase in phases:
        if phase.seconds <= 0:
            raise PatternError(phase.kind.value, "must be more than 0")
    kinds = {phase.kind for phase in phases}
    for needed in (PhaseKind.INHALE, PhaseKind.EXHALE):
        if needed not in kinds:
            raise PatternError(needed.value, "is required")
    rate = None
    if "rate" in table:
        spec = table["rate"]
        rate = RateRange(*(_fraction(spec.get(k), f"rate.{k}")
                           for k in ("min", "max", "step", "default")))
    cap = table.get("max_cycles")
    if cap is not None and (not isinstance(cap, int) or cap < 1):
        raise PatternError("max_cycles", "must be a whole number of breaths, 1 or more")
    return Pattern(id=table["id"], name=table["name"], phases=phases,
                   description=str(table.get("description", "")), builtin=True, rate=rate,
                   max_cycles=cap)


def _same_breath(english: object, translated: object) -> Pattern | None:
    """The English pattern with the translation's name and description, where both breathe the
    same (phases, rate and cap belong to the exercise)."""
    assert isinstance(english, Pattern) and isinstance(translated, Pattern)
    if (english.phases, english.rate, english.max_cycles) != (
            translated.phases, translated.rate, translated.max_cycles):
        return None
    return replace(english, name=translated.name, description=translated.description)


def _parse_patterns(text: str, name: str) -> list[Pattern]:
    return _patterns_from_text(text, Path(name))


PATTERNS = Localized("breathing/patterns.toml", _parse_patterns, lambda p, _i: p.id,
                     _same_breath,
                     words=("name", "description"))


def load_builtin_patterns(path: Path | None = None, code: str | None = None) -> list[Pattern]:
    """Read and check the bundled patterns, in the app's language where a translation lines up;
    a bad entry raises PatternFileError."""
    source = path or asset(PATTERNS.name)
    english = _patterns_from_text(source.read_text(encoding="utf-8"), source)
    return english if path is not None else localize(PATTERNS, english, code)


def _patterns_from_text(text: str, source: Path) -> list[Pattern]:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PatternFileError(source, getattr(exc, "lineno", None), "file", str(exc)) from exc
    lines = table_lines(text, "pattern")
    patterns = []
    for index, table in enumerate(doc.get("pattern", [])):
        line = lines[index] if index < len(lines) else None
        try:
            patterns.append(_builtin_from_table(table))
        except PatternError as exc:
            raise PatternFileError(source, line, exc.field, exc.message) from exc
    return patterns


@dataclass
class UserPatterns:
    """The user's own patterns as loaded, plus calm notices about anything that went wrong."""

    patterns: list[Pattern]
    notices: list[str] = field(default_factory=list)


class UserPatternStore:
    """Custom patterns in config/breathing-patterns.toml: create, edit, rename, delete."""

    def __init__(self, path: Path, clock: Clock) -> None:
        self.path = path
        self._clock = clock

    def load(self) -> UserPatterns:
        """Read the user's patterns; a damaged file is moved aside and the built-ins still work."""
        read = read_user_toml(self.path, self._clock)
        if read.doc is None:
            return UserPatterns([], [
                _("Your own breathing patterns could not be read, so only the built-in ones are listed for "
                  "now. Nothing was thrown away: the file is kept at {kept_at}.")
                  .format(kept_at=read.kept_at)])
        patterns, broken = read_entries(read, "pattern", _custom_from_table, PatternError)
        return UserPatterns(patterns, left_out_notice(self.path, self._clock,
                                                      "breathing patterns", broken))

    def save(self, patterns: list[Pattern]) -> None:
        """Write all custom patterns atomically."""
        doc = {"format": 1, "pattern": [_custom_to_table(p) for p in patterns]}
        atomic_write_text(self.path, tomli_w.dumps(doc))

    @staticmethod
    def new_id() -> str:
        return f"custom-{uuid.uuid4().hex[:8]}"


def _custom_from_table(table: dict[str, Any]) -> Pattern:
    pattern_id = table.get("id")
    if not isinstance(pattern_id, str) or not pattern_id:
        raise PatternError("id", "is required")
    name = table.get("name")
    if not isinstance(name, str):
        raise PatternError("name", "is required")
    seconds = {kind: _fraction(table[kind.value], kind.value)
               for kind in PHASE_ORDER if kind.value in table}
    return custom_pattern(pattern_id, name, seconds)


def _custom_to_table(pattern: Pattern) -> dict[str, Any]:
    table: dict[str, Any] = {"id": pattern.id, "name": pattern.name}
    for phase in pattern.phases:
        table[phase.kind.value] = float(phase.seconds)
    return table


def renamed(pattern: Pattern, name: str) -> Pattern:
    """The same pattern under a new (validated) name."""
    seconds = {phase.kind: phase.seconds for phase in pattern.phases}
    return replace(custom_pattern(pattern.id, name, seconds), description=pattern.description)
