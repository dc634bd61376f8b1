"""What the journal's passphrase costs: time and memory of scrypt when a journal is created and
unlocked. scrypt runs in a child process (companion/journal/scrypt_child.py), so this process's own
peak stays near its baseline and the child's peak is returned when it exits.

Run: python tests/benchmarks/bench_scrypt_memory.py
Prints, for creating and for unlocking a journal: seconds; this process's resident memory after
(VmRSS) and its peak (VmHWM) against its memory before (the baseline); and the largest peak of the
child processes (getrusage RUSAGE_CHILDREN), which is where scrypt's buffer lives.
"""

from __future__ import annotations

import resource
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


def child_peak() -> int:
    """The largest peak resident memory of any finished child process, in MiB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024


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
          f"this process: peak {peak} MiB, resident after {now} MiB ({now - baseline:+d} MiB on "
          f"the baseline); the scrypt child's peak {child_peak()} MiB, gone when it exited")
    started = time.perf_counter()
    unlock(folder, PASSPHRASE, SystemClock())
    now, peak = memory()
    print(f"unlock: {time.perf_counter() - started:.2f} s; this process: peak {peak} MiB, "
          f"resident after {now} MiB ({now - baseline:+d} MiB on the baseline); the scrypt "
          f"child's peak {child_peak()} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
