"""Mix presets: the built-ins from assets/, and the user's own in the config folder."""

from __future__ import annotations

import tomllib
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import tomli_w

from companion.atomic import atomic_write_text
from companion.clock import Clock
from companion.content_language import Localized, localize
from companion.i18n import _
from companion.resources import asset
from companion.tomlfile import left_out_notice, read_entries, read_user_toml, table_lines

MAX_NAME_LENGTH = 40


@dataclass(frozen=True)
class Preset:
    """A named mix: sound id -> volume (0..1)."""

    id: str
    name: str
    volumes: dict[str, float]
    builtin: bool = False


class PresetError(ValueError):
    """A preset that cannot be used; names the field."""

    def __init__(self, field_name: str, message: str):
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


def make_preset(preset_id: str, name: str, volumes: dict[str, Any], known: set[str],
                builtin: bool = False) -> Preset:
    """Check a preset's name and volumes against the sounds that exist."""
    clean = name.strip() if isinstance(name, str) else ""
    if not clean:
        raise PresetError("name", "give the mix a name")
    if len(clean) > MAX_NAME_LENGTH:
        raise PresetError("name", f"keep the name to {MAX_NAME_LENGTH} characters")
    if not isinstance(volumes, dict) or not volumes:
        raise PresetError("volumes", "a mix needs at least one sound")
    checked = {}
    for sound_id, volume in volumes.items():
        if sound_id not in known:
            raise PresetError(f"volumes.{sound_id}", "there is no such sound")
        if isinstance(volume, bool) or not isinstance(volume, int | float) or not 0 < volume <= 1:
            raise PresetError(f"volumes.{sound_id}", "must be a volume above 0 and at most 1")
        checked[sound_id] = float(volume)
    return Preset(preset_id, clean, checked, builtin)


def _same_mix(english: object, translated: object) -> Preset | None:
    assert isinstance(english, Preset) and isinstance(translated, Preset)
    return replace(english, name=translated.name) if english.volumes == translated.volumes \
        else None


def _presets_any_sound(text: str, name: str) -> list[Preset]:
    """A translated presets file: its names matter; its volumes are checked against English."""
    return _presets_from_text(text, Path(name), None)


PRESETS = Localized("sounds/presets.toml", _presets_any_sound, lambda preset, _i: preset.id,
                    _same_mix,
                    words=("name",))


def load_builtin_presets(known: set[str], path: Path | None = None,
                         code: str | None = None) -> list[Preset]:
    """The bundled presets, named in the app's language where a translation is there; a bad one
    raises PresetError naming the file and line."""
    source = path or asset(PRESETS.name)
    english = _presets_from_text(source.read_text(encoding="utf-8"), source, known)
    return english if path is not None else localize(PRESETS, english, code)


def _presets_from_text(text: str, source: Path, known: set[str] | None) -> list[Preset]:
    lines = table_lines(text, "preset")
    presets = []
    for index, table in enumerate(tomllib.loads(text).get("preset", [])):
        try:
            presets.append(make_preset(table.get("id", ""), table.get("name", ""),
                                       table.get("volumes", {}),
                                       set(table.get("volumes", {})) if known is None else known,
                                       builtin=True))
        except PresetError as exc:
            raise PresetError(exc.field, f"{source.name}, line {lines[index]}: {exc.message}"
                              ) from exc
    return presets


@dataclass
class UserPresets:
    presets: list[Preset]
    notices: list[str] = field(default_factory=list)


class UserPresetStore:
    """The user's mixes in config/sound-presets.toml: save, rename, delete."""

    def __init__(self, path: Path, clock: Clock, known: set[str]) -> None:
        self.path = path
        self._clock = clock
        self._known = known

    @staticmethod
    def new_id() -> str:
        return f"mix-{uuid.uuid4().hex[:8]}"

    def load(self) -> UserPresets:
        """Read the user's mixes; a damaged file is kept aside and the built-ins still work."""
        read = read_user_toml(self.path, self._clock)
        if read.doc is None:
            return UserPresets([], [
                _("Your saved sound mixes could not be read, so only the built-in ones are listed. Nothing "
                  "was thrown away: the file is kept at {kept_at}.").format(kept_at=read.kept_at)])
        presets, broken = read_entries(
            read, "preset", lambda table: make_preset(
                table.get("id") or self.new_id(), table.get("name", ""),
                table.get("volumes", {}), self._known), PresetError)
        return UserPresets(presets, left_out_notice(self.path, self._clock, "sound mixes", broken))

    def save(self, presets: list[Preset]) -> None:
        doc = {"format": 1, "preset": [{"id": p.id, "name": p.name, "volumes": p.volumes}
                                       for p in presets]}
        atomic_write_text(self.path, tomli_w.dumps(doc))
