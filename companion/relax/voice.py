"""The spoken voice of a script: recordings bundled for the built-in scripts, the system's speech
(espeak-ng, rendered to a file) for scripts a user writes, and plain text when neither exists."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tomllib
import wave
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from companion.relax.model import Step, text_key
from companion.resources import asset, assets_dir

log = logging.getLogger(__name__)

VOICE_FOLDER = "relax/voice"
# espeak-ng's settings, shared by the build (for built-ins) and the app (for the user's scripts):
# a slower rate and a lower pitch than its defaults, with a little room between words.
ESPEAK_ARGS = ("-v", "en-gb+f2", "-s", "128", "-p", "38", "-g", "4")
ESPEAK_TIMEOUT = 60  # seconds; one step's words take well under a second to render


@dataclass(frozen=True)
class VoiceIndex:
    """The bundled recordings: each text's key and how many seconds its words last."""

    seconds: dict[str, float]
    voice: str

    def path(self, step: Step) -> Path | None:
        """The bundled recording of this step's words, or None when there is none."""
        if step.voice_key not in self.seconds:
            return None
        return assets_dir() / VOICE_FOLDER / f"{step.voice_key}.ogg"

    def length(self, step: Step) -> float:
        return self.seconds.get(step.voice_key, 0.0)


@cache
def bundled_voice() -> VoiceIndex:
    """The index of bundled recordings (empty when the voice folder is missing)."""
    try:
        doc = tomllib.loads(asset(f"{VOICE_FOLDER}/index.toml").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return VoiceIndex({}, "")
    return VoiceIndex({k: float(v) for k, v in doc.get("seconds", {}).items()},
                      str(doc.get("voice", "")))


def system_speech() -> str | None:
    """The path of the system's speech program (espeak-ng or espeak), or None."""
    return shutil.which("espeak-ng") or shutil.which("espeak")


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as f:
        return f.getnframes() / f.getframerate()


def render_speech(text: str, cache_dir: Path, program: str | None = None) -> Path:
    """Speak text to a WAV file in cache_dir with the system's speech (kept, so each text is
    rendered once). Slow: call it off the GUI thread. Raises OSError when speech fails."""
    program = program or system_speech()
    if program is None:
        raise OSError("no speech program (espeak-ng) is installed")
    target = cache_dir / f"{text_key(text)}.wav"
    if target.exists():
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = cache_dir / f".{target.name}.partial"
    try:
        # -w, not --stdout: a piped WAV carries a placeholder length in its header.
        subprocess.run([program, *ESPEAK_ARGS, "-w", str(partial), text], capture_output=True,
                       timeout=ESPEAK_TIMEOUT, check=True)
        os.replace(partial, target)
    except (subprocess.SubprocessError, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise OSError(f"speech could not be rendered ({exc})") from exc
    return target
