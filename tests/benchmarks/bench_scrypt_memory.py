"""What the journal's passphrase costs: time and memory of scrypt when a journal is created and
unlocked, and the memory held afterwards (scrypt's buffer lives only while the key is derived).

Run: python tests/benchmarks/bench_scrypt_memory.py
Prints, for creating and for unlocking a journal in this process: seconds, resident memory after
(VmRSS) and the peak (VmHWM), against the process's own resident memory before (the baseline).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from companion.clock import SystemClock
from companion.journal.keys import scrypt_work_factor
from companion.journal.opening import create_vault, unlock

PASSPHRASE = "harbour lights at dusk"


def memory() -> tuple[int, int]:
    """This process's resident memory now and at its peak, in MiB (Linux)."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines()
                  if ":" in line)
    return (int(fields["VmRSS"].split()[0]) // 1024, int(fields["VmHWM"].split()[0]) // 1024)


def main() -> int:
    folder = Path(tempfile.mkdtemp()) / "journal"
    baseline, _peak = memory()
    print(f"before: {baseline} MiB resident")
    started = time.perf_counter()
    create_vault(folder, PASSPHRASE, SystemClock())
    now, peak = memory()
    factor = scrypt_work_factor((folder / "identity.age").read_bytes())
    print(f"create: {time.perf_counter() - started:.2f} s; scrypt work factor {factor} "
          f"(128 x 8 x 2^{factor} bytes = {128 * 8 * 2 ** factor // 2 ** 20} MiB); "
          f"peak {peak} MiB, resident after {now} MiB ({now - baseline:+d} MiB on the baseline)")
    started = time.perf_counter()
    unlock(folder, PASSPHRASE, SystemClock())
    now, peak = memory()
    print(f"unlock: {time.perf_counter() - started:.2f} s; resident after {now} MiB "
          f"({now - baseline:+d} MiB on the baseline): scrypt's memory is returned at once")
    return 0


if __name__ == "__main__":
    sys.exit(main())
