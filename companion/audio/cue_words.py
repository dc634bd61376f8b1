"""Spoken breathing cues ("Breathe in", "Hold", "Breathe out"): short recordings placed at each
phase start in the same looped one-breath buffer as the tones, so they stay sample-locked to the
timeline. Read from 16-bit mono WAV files (numpy and the standard library only, no pygame)."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

from companion.breathing.model import PhaseKind

WORDS = {PhaseKind.INHALE: "Breathe in", PhaseKind.TOP_UP: "A little more",
         PhaseKind.HOLD_IN: "Hold", PhaseKind.EXHALE: "Breathe out", PhaseKind.HOLD_OUT: "Hold"}
FILES = {"inhale": "Breathe in", "top_up": "A little more", "hold": "Hold",
         "exhale": "Breathe out"}  # file stem -> words (both holds say "Hold")
# The same cues in the other languages the voice speaks (short: each must fit inside its phase).
SPOKEN = {"en": FILES,
          "de": {"inhale": "Einatmen", "top_up": "Noch ein wenig", "hold": "Halten",
                 "exhale": "Ausatmen"},
          "es": {"inhale": "Inspira", "top_up": "Un poco más", "hold": "Retén",
                 "exhale": "Espira"}}
CUE_FOLDER = "cues"  # inside a voice folder: assets/relax/voice/cues, or the natural voice's
MARGIN_S = 0.25  # a word must end this long before its phase does


def file_stem(kind: PhaseKind) -> str:
    return "hold" if kind in (PhaseKind.HOLD_IN, PhaseKind.HOLD_OUT) else kind.value


def read_words(folder: Path, rate: int) -> dict[str, np.ndarray] | None:
    """Each cue word as float samples at `rate`, or None when any file is missing or unreadable
    (then the tones play)."""
    words: dict[str, np.ndarray] = {}
    for stem in FILES:
        try:
            with wave.open(str(folder / f"{stem}.wav"), "rb") as f:
                if f.getsampwidth() != 2 or f.getnchannels() != 1:
                    return None
                pcm = np.frombuffer(f.readframes(f.getnframes()), dtype="<i2")
                source_rate = f.getframerate()
        except (OSError, EOFError, wave.Error):
            return None
        samples = pcm.astype(np.float64) / 32768
        if source_rate != rate:  # linear resampling is plenty for a short spoken word
            count = round(len(samples) * rate / source_rate)
            samples = np.interp(np.linspace(0, len(samples) - 1, count),
                                np.arange(len(samples)), samples)
        words[stem] = samples
    return words
