"""Renders the ambient library to assets/sounds/*.ogg (a build step; needs the `build` extra).

Run: python -m companion.sounds.build [OUTDIR]
Each file holds one loop plus a 50 ms tail, normalised to TARGET_LUFS with peaks at most
PEAK_DBFS. Same seed, same samples; the Ogg files differ byte-wise only by their random serial.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from companion.sounds.synth import LIBRARY, RATE, render

TARGET_LUFS = -23.0
PEAK_DBFS = -1.0
VORBIS_QUALITY = 0.5  # 0..1, higher is better; about 160 kbit/s for these sounds
WRITE_BLOCK = 16384  # frames handed to the encoder at a time


def normalised(samples: np.ndarray, rate: int = RATE, target_lufs: float = TARGET_LUFS,
               peak_dbfs: float = PEAK_DBFS) -> np.ndarray:
    """Scale to the target integrated loudness (ITU-R BS.1770), then hold peaks below the limit."""
    import pyloudnorm

    loudness = pyloudnorm.Meter(rate).integrated_loudness(samples)
    scaled = samples * 10 ** ((target_lufs - loudness) / 20)
    ceiling = 10 ** ((peak_dbfs - 0.3) / 20)  # 0.3 dB spare for the encoder's overshoot
    peak = float(np.max(np.abs(scaled)))
    if peak > ceiling:  # a soft knee above 70 % of the ceiling, instead of clipping
        knee = 0.7 * ceiling
        over = np.abs(scaled) > knee
        squeezed = knee + (ceiling - knee) * np.tanh((np.abs(scaled) - knee) / (ceiling - knee))
        scaled = np.where(over, np.sign(scaled) * squeezed, scaled)
    return scaled


def main(argv: list[str] | None = None) -> int:
    import soundfile

    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "assets" / "sounds"
    out.mkdir(parents=True, exist_ok=True)
    for spec in LIBRARY:
        samples = normalised(render(spec))
        target = out / f"{spec.id}.ogg"
        # libsndfile's Vorbis encoder crashes on very long single writes: feed it in blocks.
        with soundfile.SoundFile(target, "w", RATE, 2, format="OGG", subtype="VORBIS",
                                 compression_level=1 - VORBIS_QUALITY) as f:
            for start in range(0, len(samples), WRITE_BLOCK):
                f.write(samples[start:start + WRITE_BLOCK])
        print(f"{target} ({spec.seconds} s loop)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
