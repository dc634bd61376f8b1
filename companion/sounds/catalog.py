"""The ambient library as data: assets/sounds/catalog.toml names each sound and its file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from companion.content_language import Localized, localize
from companion.resources import asset
from companion.tomlfile import table_lines


@dataclass(frozen=True)
class SoundInfo:
    """One ambient sound the app offers."""

    id: str
    name: str
    path: Path


class CatalogError(ValueError):
    """A catalog entry that cannot be used; names the file, the entry's line and the field."""


def _same_sound(english: object, translated: object) -> SoundInfo | None:
    assert isinstance(english, SoundInfo) and isinstance(translated, SoundInfo)
    return replace(english, name=translated.name) if english.path == translated.path else None


CATALOG = Localized("sounds/catalog.toml",
                    lambda text, name: _catalog_from_text(text, asset("sounds") / name),
                    lambda sound, _i: sound.id, _same_sound,
                    words=("name",))


def load_catalog(path: Path | None = None, code: str | None = None) -> list[SoundInfo]:
    """Read the catalog and check that every sound's file is there; the built-in one names the
    sounds in the app's language where a translation is there."""
    source = path or asset(CATALOG.name)
    english = _catalog_from_text(source.read_text(encoding="utf-8"), source)
    return english if path is not None else localize(CATALOG, english, code)


def _catalog_from_text(text: str, source: Path) -> list[SoundInfo]:
    lines = table_lines(text, "sound")
    sounds = []
    for index, entry in enumerate(tomllib.loads(text).get("sound", [])):
        where = f"{source.name}, line {lines[index] if index < len(lines) else '?'}"
        for field in ("id", "name", "file"):
            if not isinstance(entry.get(field), str) or not entry[field]:
                raise CatalogError(f"{where}: {field}: is required")
        file = source.parent / entry["file"]
        if not file.is_file():
            raise CatalogError(f"{where}: file: {entry['file']} is missing")
        sounds.append(SoundInfo(entry["id"], entry["name"], file))
    return sounds
