"""Voice benchmark: time to render every built-in step in the natural voice (piper, the `voice`
extra) against espeak-ng rendering the same words in the same run, the speech each makes, and
(when pocketsphinx is installed: pip install pocketsphinx) how much of each an offline
recogniser understands: the word error rate over every step of four words or more.

Run: python tests/benchmarks/bench_voice.py
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile

from companion.relax.library import load_builtin_scripts
from companion.relax.voice import read_index


def render(piper: bool, out: Path) -> float:
    command = [sys.executable, "-m", "companion.relax.voice_build", "--out", str(out)]
    started = time.monotonic()
    subprocess.run(command + (["--piper"] if piper else []), check=True, capture_output=True)
    return time.monotonic() - started


def words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


def error_rate(ref: list[str], hyp: list[str]) -> float:
    d = np.zeros((len(ref) + 1, len(hyp) + 1), int)
    d[:, 0], d[0, :] = range(len(ref) + 1), range(len(hyp) + 1)
    for i in range(1, len(ref) + 1):
        for j in range(1, len(hyp) + 1):
            d[i, j] = min(d[i - 1, j] + 1, d[i, j - 1] + 1, d[i - 1, j - 1] + (ref[i - 1] != hyp[j - 1]))
    return d[-1, -1] / max(1, len(ref))


def recognised(folder: Path) -> float | None:
    try:
        from pocketsphinx import Decoder  # type: ignore[import-not-found]
    except ImportError:
        return None
    decoder = Decoder(samprate=16000)
    texts = {s.voice_key: s.text for script in load_builtin_scripts() for s in script.steps}
    rates = []
    for key, text in texts.items():
        if len(words(text)) < 4:
            continue  # the recogniser guesses at single words ("Four.") without a grammar
        samples, rate = soundfile.read(folder / f"{key}.ogg", dtype="float64")
        count = int(len(samples) * 16000 / rate)
        at16k = np.interp(np.linspace(0, len(samples) - 1, count), np.arange(len(samples)), samples)
        decoder.start_utt()
        decoder.process_raw((np.clip(at16k, -1, 1) * 32767).astype("<i2").tobytes(), full_utt=True)
        decoder.end_utt()
        hyp = decoder.hyp().hypstr if decoder.hyp() else ""
        rates.append(error_rate(words(text), words(hyp)))
    return float(np.mean(rates))


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        espeak_dir, piper_dir = Path(tmp) / "espeak", Path(tmp) / "piper"
        espeak_s = render(False, espeak_dir)
        piper_s = render(True, piper_dir)
        for name, folder, seconds in (("espeak-ng", espeak_dir, espeak_s),
                                      ("natural (piper joe)", piper_dir, piper_s)):
            index = read_index(folder)
            speech = sum(index.seconds.values())
            size = sum(p.stat().st_size for p in folder.glob("*.ogg")) / 2**20
            wer = recognised(folder)
            heard = "pocketsphinx not installed" if wer is None else f"word error rate {wer:.2f}"
            print(f"{name:20} render {seconds:5.1f} s for {speech / 60:4.1f} min of speech, "
                  f"{size:.1f} MiB; {heard}")
        print(f"natural / espeak-ng render time: {piper_s / espeak_s:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
