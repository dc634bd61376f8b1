"""Your own sound files (OGG, WAV, FLAC, MP3) as layers in the mix, remembered in the config folder."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import tomli_w

from companion.atomic import atomic_write_text
from companion.clock import Clock
from companion.tomlfile import read_user_toml

SUPPORTED = (".ogg", ".oga", ".wav", ".flac", ".mp3")  # what pygame's mixer decodes


@dataclass(frozen=True)
class OwnSound:
    """A file the user added; id is derived from its path so it stays stable."""

    id: str
    name: str
    path: Path

    @property
    def missing(self) -> bool:
        return not self.path.is_file()


def own_sound(path: Path) -> OwnSound:
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:10]
    return OwnSound(f"own-{digest}", path.stem.replace("_", " "), path)


def supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED


def files_in(folder: Path) -> list[Path]:
    """Every supported file in a folder and its subfolders, in name order."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and supported(p))


class OwnSoundStore:
    """config/my-sounds.toml: the list of the user's files (the files themselves stay put)."""

    def __init__(self, path: Path, clock: Clock) -> None:
        self.path = path
        self._clock = clock

    def load(self) -> tuple[list[OwnSound], list[str]]:
        """The user's files and any notices (a damaged list is kept aside; missing files named)."""
        read = read_user_toml(self.path, self._clock)
        if read.doc is None:
            return [], ["The list of your own sound files could not be read; it is kept at "
                        f"{read.kept_at}. Add your files again with 'Add your own…'."]
        sounds = [own_sound(Path(p)) for p in read.doc.get("files", []) if isinstance(p, str)]
        missing = [s.path.name for s in sounds if s.missing]
        notices = ([f"Some of your sound files could not be found: {', '.join(missing)}. The "
                    "other sounds work as usual; add them again if they moved."] if missing else [])
        return sounds, notices

    def save(self, sounds: list[OwnSound]) -> None:
        atomic_write_text(self.path, tomli_w.dumps({"format": 1,
                                                    "files": [str(s.path) for s in sounds]}))

    @staticmethod
    def add(current: list[OwnSound], paths: list[Path]) -> tuple[list[OwnSound], list[str]]:
        """Add files (skipping repeats); unsupported ones are named in the second list."""
        known = {s.path for s in current}
        added, refused = list(current), []
        for path in paths:
            if not supported(path):
                refused.append(path.name)
            elif path not in known:
                added.append(own_sound(path))
                known.add(path)
        return added, refused
