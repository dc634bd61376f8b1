"""Renders the built-in scripts' words to assets/relax/voice/*.ogg (a build step; needs the
`build` extra and espeak-ng, or piper-tts with a voice model file you supply).

Run: python -m companion.relax.voice_build [--piper] [--language de] [--out OUTDIR]
(--piper: the natural voice of the `voice` extra, see piper_voice.py; else espeak-ng into the
bundled assets. `companion voice render` runs this with --piper into the user's cache.
--language: the scripts and cue words in that language, spoken by espeak-ng's voice for it, into
assets/relax/voice/<language>; the natural voice speaks English only.)
Each distinct text becomes one mono Ogg Vorbis file named by its key, with leading and trailing
silence trimmed, a short fade at each end, loudness set to TARGET_LUFS and peaks held under
PEAK_DBFS. index.toml lists each file's length, which the player uses to never cut words short.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

from companion.audio.cue_words import CUE_FOLDER, SPOKEN
from companion.relax.library import load_builtin_scripts
from companion.relax.voice import ESPEAK_VOICES, espeak_args, system_speech
from companion.sounds.build import normalised

TARGET_LUFS = -20.0  # speech sits 3 LU above the -23 LUFS ambient loops, which duck under it too
PEAK_DBFS = -3.0
FADE_S = 0.03
SILENCE = 10 ** (-50 / 20)  # below -50 dBFS counts as silence when trimming
VORBIS_QUALITY = 0.2


def espeak(text: str, code: str = "en") -> tuple[np.ndarray, int]:
    import soundfile

    program = system_speech()
    if program is None:
        raise SystemExit("espeak-ng is needed to render the voice: apt-get install espeak-ng")
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "words.wav"
        subprocess.run([program, *espeak_args(code), "-w", str(wav), text], capture_output=True,
                       check=True)
        samples, rate = soundfile.read(wav, dtype="float64")
    return samples, rate


def finished(samples: np.ndarray, rate: int) -> np.ndarray:
    """Trim silence, fade the ends, then set loudness and hold peaks down (a soft knee, twice, so
    the limiting costs no loudness)."""
    loud = np.nonzero(np.abs(samples) > SILENCE)[0]
    samples = samples[loud[0]:loud[-1] + 1] if len(loud) else samples
    fade = min(int(FADE_S * rate), len(samples) // 2)
    if fade:
        ramp = np.linspace(0.0, 1.0, fade)
        samples = samples.copy()
        samples[:fade] *= ramp
        samples[-fade:] *= ramp[::-1]
    # Short words ("One.") are below the meter's 400 ms block: pad with silence to measure them.
    pad = max(0, rate - len(samples))
    for _ in range(3):
        padded = np.concatenate([samples, np.zeros(pad)])
        samples = normalised(padded, rate, TARGET_LUFS, PEAK_DBFS)[:len(samples)]
    return samples


def unchanged_recordings(outdir: Path, voice: str, keys: set[str]) -> dict[str, float]:
    """Lengths of the recordings already in outdir by the same voice, for words still used."""
    import tomllib

    try:
        index = tomllib.loads((outdir / "index.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    if index.get("voice") != voice:
        return {}
    return {key: float(value) for key, value in index.get("seconds", {}).items()
            if key in keys and (outdir / f"{key}.ogg").is_file()}


def main(argv: list[str] | None = None) -> int:
    import soundfile
    import tomli_w

    parser = argparse.ArgumentParser(prog="python -m companion.relax.voice_build")
    parser.add_argument("--piper", action="store_true",
                        help="the natural voice (the `voice` extra); else espeak-ng")
    parser.add_argument("--language", default="en", choices=sorted(ESPEAK_VOICES),
                        help="the language of the scripts and cue words (default: en)")
    parser.add_argument("--out", dest="outdir", type=Path, default=None,
                        help="where the recordings and index.toml go (default: the assets)")
    parser.add_argument("--only", metavar="KEY", action="append",
                        help="render only these recordings (to check a voice); the index is not "
                             "written")
    args = parser.parse_args(argv)
    code = args.language
    if args.outdir is None:
        assets = Path(__file__).resolve().parents[2] / "assets" / "relax" / "voice"
        args.outdir = assets if code == "en" else assets / code
    if args.piper:
        if code != "en":
            raise SystemExit("the natural voice speaks English only; leave out --piper")
        from companion.relax import piper_voice

        speak, voice = piper_voice.speak, piper_voice.describe()
    else:
        def speak(text: str) -> tuple[np.ndarray, int]:
            return espeak(text, code)

        voice = "espeak-ng " + " ".join(espeak_args(code))
    texts = {step.voice_key: step.text for script in load_builtin_scripts(code)
             for step in script.steps}
    args.outdir.mkdir(parents=True, exist_ok=True)
    if args.only:
        for key in args.only:
            samples, rate = speak(texts[key])
            samples = finished(samples, rate)
            soundfile.write(args.outdir / f"{key}.ogg", samples, rate, format="OGG",
                            subtype="VORBIS", compression_level=1 - VORBIS_QUALITY)
            print(f"{key} {len(samples) / rate:.3f}")
        return 0
    seconds = unchanged_recordings(args.outdir, voice, set(texts))
    for key, text in sorted(texts.items()):
        if key in seconds:
            continue  # same words, same voice: keep the file (Vorbis output is not byte-stable)
        samples, rate = speak(text)
        samples = finished(samples, rate)
        print(f"{len(seconds) + 1}/{len(texts)}", flush=True)  # progress, for the window
        soundfile.write(args.outdir / f"{key}.ogg", samples, rate, format="OGG", subtype="VORBIS",
                        compression_level=1 - VORBIS_QUALITY)
        seconds[key] = round(len(samples) / rate, 3)
    cues = args.outdir / CUE_FOLDER  # the breathing cue words, in the same voice
    cues.mkdir(exist_ok=True)
    for stem, words in SPOKEN[code].items():
        samples, rate = speak(words)
        soundfile.write(cues / f"{stem}.wav", finished(samples, rate), rate, subtype="PCM_16")
    for stale in args.outdir.glob("*.ogg"):
        if stale.stem not in texts:
            stale.unlink()
    index = {"format": 1, "voice": voice, "seconds": seconds}
    (args.outdir / "index.toml").write_text(
        "# Written by python -m companion.relax.voice_build; do not edit by hand.\n"
        + tomli_w.dumps(index), encoding="utf-8")
    print(f"{len(seconds)} recordings in {args.outdir}, {sum(seconds.values()) / 60:.1f} min "
          f"of speech ({voice})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
