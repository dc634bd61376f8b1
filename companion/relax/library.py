"""Where scripts come from: the built-ins in assets/relax/, and the user's own files in the config
folder (one broken file is listed with its error; the others still load)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from companion.content_language import Localized, localize
from companion.relax.model import Script, ScriptError, script_from_table
from companion.resources import asset
from companion.tomlfile import parse_tables

log = logging.getLogger(__name__)

FORMAT = 1
USER_FOLDER = "relax-scripts"  # inside the config folder: one or more scripts per .toml file


@dataclass(frozen=True)
class BrokenScript:
    """A user's script file that could not be used, and why (file, line and field)."""

    path: Path
    message: str


@dataclass
class ScriptSet:
    """The scripts that loaded, and the files that did not."""

    scripts: list[Script] = field(default_factory=list)
    broken: list[BrokenScript] = field(default_factory=list)


def parse_scripts(text: str, name: str) -> list[Script]:
    """Every [[script]] in one file; ScriptError's message names the file, the line and the field."""
    return parse_tables(text, name, "script", FORMAT, script_from_table, ScriptError)


def _same_exercise(english: object, translated: object) -> Script | None:
    """The translated script, where it has the English one's stage, length and steps (each step
    of the same kind, on the same area, for the same seconds): only the words may differ."""
    assert isinstance(english, Script) and isinstance(translated, Script)

    def shape(script: Script) -> tuple:
        return (script.stage, script.minutes,
                [(step.kind, step.area, step.seconds) for step in script.steps])

    return translated if shape(english) == shape(translated) else None


SCRIPTS = Localized("relax/scripts.toml", parse_scripts, lambda script, _i: script.id,
                    _same_exercise,
                    words=("title", "summary"))


def load_english_scripts() -> list[Script]:
    path = asset(SCRIPTS.name)
    return parse_scripts(path.read_text(encoding="utf-8"), path.name)


def load_builtin_scripts(code: str | None = None) -> list[Script]:
    """The scripts that ship with Companion, in the app's language where a translation lines up
    (a broken English one is a bug, so this raises)."""
    return localize(SCRIPTS, load_english_scripts(), code)


def load_user_scripts(folder: Path, taken_ids: set[str]) -> ScriptSet:
    """The user's scripts; each unreadable or invalid file is listed as broken, never deleted."""
    result = ScriptSet()
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix == ".toml" and p.is_file())
    except FileNotFoundError:
        return result
    except OSError as exc:
        result.broken.append(BrokenScript(folder, f"{folder}: could not be read ({exc.strerror})"))
        return result
    seen = set(taken_ids)
    for path in files:
        try:
            scripts = parse_scripts(path.read_text(encoding="utf-8"), path.name)
        except (OSError, UnicodeDecodeError) as exc:
            result.broken.append(BrokenScript(path, f"{path.name}: could not be read ({exc})"))
            continue
        except ScriptError as exc:
            log.info("user script left out: %s", exc.message)
            result.broken.append(BrokenScript(path, exc.message))
            continue
        clash = next((s.id for s in scripts if s.id in seen), None)
        if clash is not None:
            result.broken.append(BrokenScript(
                path, f"{path.name}: id: {clash!r} is already used by another script; give this "
                      "one an id of its own"))
            continue
        seen.update(s.id for s in scripts)
        result.scripts.extend(scripts)
    return result
