"""Typed user settings in TOML: schema version, migrations, atomic save, and kind recovery."""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from companion.atomic import atomic_write_text, keep_aside
from companion.clock import Clock
from companion.i18n import LANGUAGES, _
from companion.pages import DEFAULT_PAGE, PAGE_IDS

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1

APPEARANCES = ("system", "dark", "light")
LANGUAGE_CHOICES = ("system", *LANGUAGES)  # "system" follows LANGUAGE, LC_ALL, LC_MESSAGES, LANG
MOTIONS = ("system", "reduce", "full")
TEXT_SIZES = (10, 24)  # inclusive range of the base font size in points
WINDOW_SIZE_LIMITS = (480, 10000)
BREATHE_LENGTHS = ("2", "5", "10", "15", "breaths", "until")  # minutes, a count, or until stopped
RELAX_PACES = (75, 150)  # percent of a script's own pace, inclusive
BREATHE_PACES = ("4.5", "5", "5.5", "6", "6.5", "7")  # breaths a minute for resonance
COUNT_SPEEDS = ("1", "1.25", "1.5")  # seconds per count for counted patterns (box, 4-7-8)


@dataclass(frozen=True)
class Settings:
    """Everything the user can set. Grouped into TOML tables by the 'section' metadata."""

    appearance: str = field(default="system", metadata={"section": "appearance"})
    text_size: int = field(default=13, metadata={"section": "appearance"})
    motion: str = field(default="system", metadata={"section": "appearance"})
    language: str = field(default="system", metadata={"section": "appearance"})  # at next start
    sound_cues: bool = field(default=True, metadata={"section": "sound"})
    start_at_login: bool = field(default=False, metadata={"section": "app"})
    keep_running_in_background: bool = field(default=False, metadata={"section": "app"})
    welcome_seen: bool = field(default=False, metadata={"section": "app"})
    tray_notice_seen: bool = field(default=False, metadata={"section": "app"})
    breathe_pattern: str = field(default="resonance", metadata={"section": "breathing"})
    breathe_length: str = field(default="5", metadata={"section": "breathing"})
    breathe_pace: str = field(default="6", metadata={"section": "breathing"})
    breathe_count: str = field(default="1", metadata={"section": "breathing"})
    cue_volume: int = field(default=60, metadata={"section": "breathing"})
    hold_tone: bool = field(default=False, metadata={"section": "breathing"})
    spoken_cues: bool = field(default=False, metadata={"section": "breathing"})
    holds_note_seen: bool = field(default=False, metadata={"section": "breathing"})
    relax_script: str = field(default="", metadata={"section": "relax"})  # "" lets Companion suggest
    relax_voice: bool = field(default=True, metadata={"section": "relax"})
    voice_volume: int = field(default=80, metadata={"section": "relax"})
    relax_pace: int = field(default=100, metadata={"section": "relax"})  # percent, 75 to 150
    relax_left_out: str = field(default="", metadata={"section": "relax"})  # "jaw,neck"
    pmr_note_seen: bool = field(default=False, metadata={"section": "relax"})
    journal_folder: str = field(default="", metadata={"section": "journal"})  # "" = DATA/journal
    journal_lock_minutes: int = field(default=5, metadata={"section": "journal"})
    session_history: bool = field(default=True, metadata={"section": "sessions"})
    sounds_mix: str = field(default="", metadata={"section": "sounds"})  # "rain=0.8;night=0.3"
    sounds_master: int = field(default=80, metadata={"section": "sounds"})
    window_width: int = field(default=960, metadata={"section": "window"})
    window_height: int = field(default=680, metadata={"section": "window"})
    window_maximized: bool = field(default=False, metadata={"section": "window"})
    last_page: str = field(default=DEFAULT_PAGE, metadata={"section": "window"})

    def validate(self) -> list[str]:
        """Names of fields whose value is out of range or of the wrong type."""
        bad = [f.name for f in fields(self) if not _type_ok(getattr(self, f.name), f.type)]
        checks: dict[str, Callable[[Any], bool]] = {
            "appearance": lambda v: v in APPEARANCES,
            "motion": lambda v: v in MOTIONS,
            "language": lambda v: v in LANGUAGE_CHOICES,
            "text_size": lambda v: TEXT_SIZES[0] <= v <= TEXT_SIZES[1],
            "window_width": lambda v: WINDOW_SIZE_LIMITS[0] <= v <= WINDOW_SIZE_LIMITS[1],
            "window_height": lambda v: WINDOW_SIZE_LIMITS[0] // 2 <= v <= WINDOW_SIZE_LIMITS[1],
            "last_page": lambda v: v in PAGE_IDS,
            "breathe_pattern": lambda v: 0 < len(v) <= 64,
            "breathe_length": lambda v: v in BREATHE_LENGTHS,
            "breathe_pace": lambda v: v in BREATHE_PACES,
            "breathe_count": lambda v: v in COUNT_SPEEDS,
            "cue_volume": lambda v: 0 <= v <= 100,
            "relax_script": lambda v: len(v) <= 64,
            "voice_volume": lambda v: 0 <= v <= 100,
            "relax_pace": lambda v: RELAX_PACES[0] <= v <= RELAX_PACES[1],
            "relax_left_out": lambda v: len(v) <= 1000,
            "journal_folder": lambda v: len(v) <= 4096,
            "journal_lock_minutes": lambda v: 1 <= v <= 240,
            "sounds_mix": lambda v: len(v) <= 1000,
            "sounds_master": lambda v: 0 <= v <= 100,
        }
        bad += [name for name, ok in checks.items() if name not in bad and not ok(getattr(self, name))]
        return bad

    def to_toml(self) -> str:
        """The settings as a TOML document, grouped into tables."""
        import tomli_w  # only to write: a launch reads its settings and paints without it

        doc: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        for f in fields(self):
            doc.setdefault(f.metadata["section"], {})[f.name] = getattr(self, f.name)
        return tomli_w.dumps(doc)


def _type_ok(value: Any, type_name: Any) -> bool:
    expected = {"str": str, "int": int, "bool": bool}[str(type_name)]
    # bool is a subclass of int in Python; a bool where a number belongs is a mistake.
    return isinstance(value, expected) and (expected is bool or not isinstance(value, bool))


# Migrations turn a document of version N into version N+1. Later schema changes add entries here.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


@dataclass
class LoadResult:
    """Settings as loaded, plus calm notices for the user about anything that went wrong."""

    settings: Settings
    notices: list[str]
    kept_copy: Path | None = None


def chosen_language(path: Path) -> str:
    """The language setting, read before anything else loads (the words of every page depend on
    it) and without touching the file: a damaged file is handled, kindly, by SettingsStore."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return "system"
    table = document.get("appearance")
    value = table.get("language", "system") if isinstance(table, dict) else "system"
    return value if value in LANGUAGE_CHOICES else "system"


class SettingsStore:
    """Loads and saves settings.toml in the config folder."""

    def __init__(self, path: Path, clock: Clock) -> None:
        self.path = path
        self._clock = clock

    def load(self) -> LoadResult:
        """Read settings; on any trouble keep the old file aside and fall back to defaults."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return LoadResult(Settings(), [])
        except OSError as exc:
            log.warning("settings file unreadable: %s", exc.strerror)
            return LoadResult(Settings(), [
                _("Your settings file could not be read, so Companion is using its defaults for now. The "
                  "file was left untouched at {path}; check its permissions if you would like your old "
                  "settings back.").format(path=self.path)])
        try:
            doc = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            log.warning("settings file damaged: %s", exc)
            aside = self._keep_aside(move=True)
            return LoadResult(Settings(), [
                _("Your settings file was damaged, so Companion started with its defaults. Nothing was "
                  "thrown away: the old file is kept at {aside}.").format(aside=aside)], aside)
        return self._from_document(doc)

    def _from_document(self, doc: dict[str, Any]) -> LoadResult:
        notices: list[str] = []
        version = doc.get("schema_version", SCHEMA_VERSION)
        newer = isinstance(version, int) and version > SCHEMA_VERSION
        if isinstance(version, int) and not isinstance(version, bool):
            while version < SCHEMA_VERSION and version in MIGRATIONS:
                doc = MIGRATIONS[version](doc)
                version += 1
        flat: dict[str, Any] = {}
        for f in fields(Settings):
            table = doc.get(f.metadata["section"])
            if isinstance(table, dict) and f.name in table:
                flat[f.name] = table[f.name]
        candidate = replace(Settings(), **flat)
        bad = candidate.validate()
        defaults = asdict(Settings())
        settings = replace(candidate, **{name: defaults[name] for name in bad})
        aside = None
        if bad or newer:
            aside = self._keep_aside(move=False)
        if bad:
            names = ", ".join(name.replace("_", " ") for name in bad)
            notices.append(
                _("Some settings had values Companion could not use ({names}), so those are back to their "
                  "defaults. A copy of the original file is kept at {aside}.")
                  .format(names=names, aside=aside))
        if newer:
            notices.append(
                _("Your settings were saved by a newer version of Companion. This version uses the parts it "
                  "understands; a copy of the original is kept at {aside}.").format(aside=aside))
        return LoadResult(settings, notices, aside)

    def save(self, settings: Settings) -> None:
        """Write settings atomically; an invalid object is a programming error."""
        bad = settings.validate()
        if bad:
            raise ValueError(f"refusing to save invalid settings: {', '.join(bad)}")
        atomic_write_text(self.path, settings.to_toml())

    def _keep_aside(self, move: bool) -> Path | None:
        return keep_aside(self.path, self._clock.now(), move)
