"""Content in the chosen language: each built-in content file (scripts, patterns, prompts, flows,
the evidence, the helplines, the sounds) may have a file per language beside it, such as
relax/scripts.de.toml, in the same format and read by the same loader. Each item of it replaces
the English item with the same key only where the two line up (the same steps, timings, areas and
flags: those belong to the exercise, not to the words); anything missing, broken or out of line
falls back to English for that item alone, and translation_gaps() lists it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from companion.i18n import PSEUDO, SOURCE, PseudoTranslations, language
from companion.resources import assets_dir

log = logging.getLogger(__name__)

T = TypeVar("T")


def translated_path(name: str, code: str) -> Path:
    """'relax/scripts.toml' in German: the bundled 'relax/scripts.de.toml' (which may not exist)."""
    stem, _dot, suffix = name.rpartition(".")
    return assets_dir() / f"{stem}.{code}.{suffix}"


@dataclass(frozen=True)
class Localized:
    """One kind of content: the English file, how to read it, each item's key, and how to put a
    translated item in place of the English one (None when the two do not line up)."""

    name: str
    parse: Callable[[str, str], list]
    key: Callable[[Any, int], str]
    merge: Callable[[Any, Any], Any]
    words: tuple[str, ...] = ()  # the fields a person reads (marked in the pseudo-language)


def localize(kind: Localized, english: list[T], code: str | None = None) -> list[T]:
    """The English items, each replaced by its translation where one exists and lines up."""
    merged, _gaps = _localize(kind, english, code or language())
    return merged


def pseudo(item: T, words: tuple[str, ...]) -> T:
    """The item with each field a person reads marked as the pseudo-language marks messages (a
    script's steps too), so a test can see content that bypassed its language's file."""
    mark = PseudoTranslations.mark
    changes: dict[str, Any] = {name: mark(getattr(item, name)) for name in words}
    steps = getattr(item, "steps", None)
    if steps and hasattr(steps[0], "text"):
        changes["steps"] = tuple(replace(step, text=mark(step.text)) for step in steps)
    return replace(item, **changes)  # type: ignore[type-var]


def _localize(kind: Localized, english: list[T], code: str) -> tuple[list[T], list[str]]:
    if code == PSEUDO:
        return [pseudo(item, kind.words) for item in english], []
    if code == SOURCE:
        return english, []
    path = translated_path(kind.name, code)
    if not path.is_file():
        return english, [f"{kind.name}: no {path.name}"]
    try:
        translated = kind.parse(path.read_text(encoding="utf-8"), path.name)
    except (OSError, ValueError) as exc:  # the loaders' errors are ValueErrors
        log.warning("%s could not be used, English is shown: %s", path.name, exc)
        return english, [f"{path.name}: {exc}"]
    by_key = {kind.key(item, index): item for index, item in enumerate(translated)}
    merged: list[T] = []
    gaps = []
    for index, item in enumerate(english):
        key = kind.key(item, index)
        other = by_key.get(key)
        result = kind.merge(item, other) if other is not None else None
        if other is None:
            gaps.append(f"{path.name}: {key} is not translated")
        elif result is None:
            gaps.append(f"{path.name}: {key} does not line up with the English")
            log.warning("%s: %s does not line up with the English; English is shown", path.name,
                        key)
        merged.append(result if result is not None else item)
    return merged, gaps


def translation_gaps(kinds: list[tuple[Localized, list]], code: str) -> list[str]:
    """What falls back to English in this language, item by item."""
    gaps: list[str] = []
    for kind, english in kinds:
        gaps += _localize(kind, english, code)[1]
    return gaps
