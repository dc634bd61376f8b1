"""Where Companion keeps its files: platformdirs, or one folder named by --home / COMPANION_HOME."""

from __future__ import annotations

import os
import sys
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from companion import APP_NAME

HOME_ENV = "COMPANION_HOME"


@dataclass(frozen=True)
class Paths:
    """The app's folders. Nothing here creates them; callers make what they write into."""

    config: Path
    data: Path
    cache: Path
    logs: Path
    autostart: Path
    relocated: bool

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.toml"

    @property
    def log_file(self) -> Path:
        return self.logs / "companion.log"

    def user_folders(self) -> tuple[Path, ...]:
        """Every folder that holds the user's own data (the autostart folder is shared, so not here)."""
        return (self.config, self.data, self.cache, self.logs)

    def instance_key(self) -> str:
        """A short name unique to this set of folders, so two homes can each run one instance.
        A CRC, not a cryptographic hash: hashlib would load OpenSSL (4 MiB) before the first paint,
        and nothing here needs to resist a forger."""
        digest = f"{zlib.crc32(str(self.config.resolve()).encode()):08x}"
        return f"{APP_NAME}-{digest}"


def resolve_paths(home: str | os.PathLike[str] | None = None,
                  environ: Mapping[str, str] | None = None) -> Paths:
    """The folders to use: an explicit home first, then COMPANION_HOME, then the platform's own."""
    env = os.environ if environ is None else environ
    chosen = home if home is not None else env.get(HOME_ENV) or None
    if chosen is not None:
        root = Path(chosen).expanduser().absolute()
        return Paths(
            config=root / "config",
            data=root / "data",
            cache=root / "cache",
            logs=root / "logs",
            autostart=root / "autostart",
            relocated=True,
        )
    return Paths(
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        autostart=autostart_folder(env),
        relocated=False,
    )


def autostart_folder(env: Mapping[str, str], platform: str = sys.platform) -> Path:
    """Where start-at-login files go: the Startup folder (Windows), LaunchAgents (macOS), or the
    freedesktop autostart folder."""
    if platform == "win32":
        appdata = env.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(appdata) / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"
    if platform == "darwin":
        return Path.home() / "Library" / "LaunchAgents"
    return Path(env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")) / "autostart"
