"""The journal with real parts: the Debian `age` CLI reads what Companion wrote (through a pty, as
age reads passphrases only from a terminal), processes killed mid-save lose nothing that was
reported saved, and two processes writing at once lose nothing."""

from __future__ import annotations

import os
import pty
import random
import select
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime

from companion.clock import FakeClock
from companion.journal.entry import Entry
from companion.journal.vault import Vault

NOW = datetime(2026, 11, 25, 21, 30, tzinfo=UTC)
CHILD_ENV_KEY = "COMPANION_TEST_RECOVERY_KEY"

SAVER = """
import os, sys
from pathlib import Path
from datetime import datetime, UTC
from companion.clock import FakeClock
from companion.journal.entry import Entry
from companion.journal.keys import Keys
from companion.journal.vault import Vault
vault = Vault(Path(sys.argv[1]), Keys.from_recovery_key(os.environ["KEY_ENV"]), FakeClock()).recovered()
ids, start, count = sys.argv[2].split(","), int(sys.argv[3]), int(sys.argv[4])
now = datetime(2026, 11, 25, tzinfo=UTC)
for n in range(start, start + count):
    entry_id = ids[n % len(ids)]
    vault.save(Entry(entry_id, now, now, "t", f"version {n} " + "x" * (n % 3000)))
    print(f"saved {entry_id} {n}", flush=True)
""".replace("KEY_ENV", CHILD_ENV_KEY)


def read_until(fd: int, needle: bytes, timeout: float = 30) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while needle not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1)
        if ready:
            try:
                chunk = os.read(fd, 1024)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen


def test_the_age_cli_decrypts_an_entry_with_the_identity_file(vault, passphrase, tmp_path):
    """`age -d -i identity.age entries/ID.age` prints the entry: the journal outlives the app."""
    assert shutil.which("age"), "the Debian age package is installed by .ci/run"
    saved = Entry.new(NOW, "Readable anywhere", "Written in Companion, read with age.\n")
    vault.save(saved)
    out = tmp_path / "entry.txt"
    pid, fd = pty.fork()
    if pid == 0:  # the child: age, whose terminal is the pty
        os.execvp("age", ["age", "--decrypt", "-i", str(vault.folder / "identity.age"),
                          "-o", str(out), str(vault.path_of(saved.id))])
    try:
        prompt = read_until(fd, b"passphrase")
        assert b"passphrase" in prompt.lower(), prompt
        time.sleep(0.2)  # let age switch the terminal's echo off before typing (as getpass needs)
        os.write(fd, passphrase.encode() + b"\r")
        read_until(fd, b"\n\n", timeout=20)
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0
    text = out.read_text()
    assert f'id: "{saved.id}"' in text and text.endswith("Written in Companion, read with age.\n")


def run_saver(vault: Vault, ids: list[str], start: int, count: int) -> subprocess.Popen:
    env = {**os.environ, CHILD_ENV_KEY: vault.keys.recovery_key}
    return subprocess.Popen([sys.executable, "-c", SAVER, str(vault.folder), ",".join(ids),
                             str(start), str(count)], env=env, stdout=subprocess.PIPE, text=True)


def test_killing_a_saving_process_again_and_again_loses_nothing_reported_saved(vault):
    """SIGKILL at random moments during saves, 12 times: every file still opens, and each entry
    holds the last version reported saved or a later one."""
    ids = [Entry.new(NOW).id for _ in range(4)]
    reported: dict[str, int] = {}
    start = 0
    rng = random.Random(7)
    for _round in range(12):
        child = run_saver(vault, ids, start, 100_000)
        deadline = time.monotonic() + rng.uniform(0.6, 1.5)
        assert child.stdout is not None
        while time.monotonic() < deadline:
            line = child.stdout.readline()
            if line.startswith("saved "):
                _, entry_id, number = line.split()
                reported[entry_id] = int(number)
                start = int(number) + 1
        child.send_signal(signal.SIGKILL)
        for line in child.stdout:  # lines already written before the kill still count
            if line.startswith("saved "):
                _, entry_id, number = line.split()
                reported[entry_id] = int(number)
                start = int(number) + 1
        child.wait()
        child.stdout.close()
    result = Vault(vault.folder, vault.keys, FakeClock()).recovered().read_all()
    assert result.problems == []
    assert reported, "the saver never reported a save"
    for entry_id, number in reported.items():
        on_disk = int(result.entries[entry_id].body.split()[1])
        assert on_disk >= number
    assert not list(vault.entries_dir.glob(".*.tmp"))


def test_two_processes_writing_at_once_lose_nothing(vault):
    first = [Entry.new(NOW).id for _ in range(40)]
    second = [Entry.new(NOW).id for _ in range(40)]
    children = [run_saver(vault, first, 0, 40), run_saver(vault, second, 0, 40)]
    for child in children:
        child.communicate(timeout=120)
        assert child.returncode == 0
    result = vault.read_all()
    assert set(result.entries) == set(first) | set(second) and result.problems == []
