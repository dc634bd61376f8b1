"""A key change survives a crash at any instant. A real process making the change is killed with
SIGKILL right after each single file operation in turn (every file created, written, fsynced,
renamed, removed, and every folder made or removed). After each kill, the passphrase and the
recovery key last shown both open the journal and list every entry, and the age CLI with that key
decrypts every entry file."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from companion.clock import FakeClock
from companion.journal.entry import Entry
from companion.journal.keys import Keys
from companion.journal.opening import unlock, unlock_with_recovery_key

pytestmark = pytest.mark.skipif(shutil.which("age") is None, reason="needs the age CLI")

HARNESS = r"""
import json, os, shutil, signal, sys
from pathlib import Path
from companion.clock import FakeClock
from companion.journal.keys import Keys
from companion.journal.vault import Vault
from companion.journal.upkeep import commit_rotation, prepare_rotation

template, work, phase = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
key, passphrase = sys.stdin.readline().strip(), sys.stdin.readline().rstrip("\n")
prepared = prepare_rotation(passphrase) if phase == "rotate" else None  # scrypt, once
OPS = ["open", "write", "fsync", "replace", "rename", "unlink", "mkdir", "rmdir"]
results, point = [], 0
while True:
    point += 1
    folder = work / f"point-{point}"
    shutil.copytree(template, folder)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        vault = Vault(folder, Keys.from_recovery_key(key), FakeClock())
        with vault.writing():
            pass  # the keyring is read before counting starts
        count = [0]

        def counting(name, real):
            def op(*args, **kwargs):
                result = real(*args, **kwargs)
                if name != "open" or (len(args) > 1 and args[1] & os.O_CREAT):
                    count[0] += 1
                    if count[0] == point:
                        os.kill(os.getpid(), signal.SIGKILL)
                return result
            return op

        for name in OPS:
            setattr(os, name, counting(name, getattr(os, name)))
        if phase == "rotate":
            shown = commit_rotation(vault, *prepared)
        else:
            vault.confirm_key()
            shown = vault.keys.recovery_key
        os.write(write_end, shown.encode())  # shown to the person only now
        os._exit(0)
    os.close(write_end)
    _pid, status = os.waitpid(pid, 0)
    shown = os.read(read_end, 200).decode()
    os.close(read_end)
    killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    results.append({"folder": str(folder), "killed": killed, "shown": shown,
                    "new_key": prepared[0].recovery_key if prepared else ""})
    if not killed:
        break
print(json.dumps(results))
"""


@pytest.fixture
def cached_scrypt(monkeypatch):
    """The real scrypt runs once per distinct identity.age (about 2 s each), not once per check."""
    real = Keys.unwrap.__func__
    seen: dict[tuple[bytes, str], Keys] = {}

    def unwrap(cls, data: bytes, passphrase: str) -> Keys:
        if (data, passphrase) not in seen:
            seen[data, passphrase] = real(cls, data, passphrase)
        return seen[data, passphrase]

    monkeypatch.setattr(Keys, "unwrap", classmethod(unwrap))


def run_harness(template: Path, work: Path, phase: str, key: str, passphrase: str) -> list[dict]:
    done = subprocess.run([sys.executable, "-c", HARNESS, str(template), str(work), phase],
                          input=f"{key}\n{passphrase}\n", capture_output=True, text=True,
                          timeout=600, check=True)
    return json.loads(done.stdout)


def age_decrypts_every_entry(folder: Path, key: str, tmp_path: Path) -> list[str]:
    """Names of entry files that `age -d -i KEY` cannot open (empty when it opens them all)."""
    identity = tmp_path / "key.txt"
    identity.write_text(key + "\n")
    failed = []
    for path in sorted((folder / "entries").glob("*.age")):
        done = subprocess.run(["age", "-d", "-i", str(identity), str(path)],
                              capture_output=True, timeout=30)
        if done.returncode != 0 or b"companion-entry/1" not in done.stdout:
            failed.append(path.name)
    return failed


def check_every_instant(results, expected_ids, last_shown_before, passphrase, tmp_path):
    for result in results:
        folder = Path(result["folder"])
        shown = result["shown"] or last_shown_before
        assert age_decrypts_every_entry(folder, shown, tmp_path) == [], result
        by_key = tmp_path / "by-key"
        shutil.rmtree(by_key, ignore_errors=True)
        shutil.copytree(folder, by_key)
        opened = unlock_with_recovery_key(by_key, shown, FakeClock()).read_all()
        assert set(opened.entries) == expected_ids and not opened.problems, result
        assert not opened.reviews, result
        vault = unlock(folder, passphrase, FakeClock())
        read = vault.read_all()
        assert set(read.entries) == expected_ids and not read.problems and not read.reviews
        if vault.keys.recovery_key != shown:  # the change completed at this unlock: shown now
            assert vault.unconfirmed_key == vault.keys.recovery_key == result["new_key"], result


def test_a_key_change_killed_after_any_file_operation_loses_nothing(
        vault, passphrase, tmp_path, cached_scrypt, capsys):
    saved = [vault.save(Entry.new(FakeClock().now(), f"n{n}", f"entry {n}")) for n in range(4)]
    gone = vault.save(Entry.new(FakeClock().now(), "gone", "deleted before the change"))
    vault.delete(gone.id)
    old_key = vault.keys.recovery_key
    results = run_harness(vault.folder, tmp_path / "rotate", "rotate", old_key, passphrase)
    assert results[-1]["killed"] is False and results[-1]["shown"] == results[-1]["new_key"]
    with capsys.disabled():
        print(f"\n  key change: {len(results) - 1} fault points, each killed with SIGKILL")
    assert len(results) > 20
    check_every_instant(results, {e.id for e in saved}, old_key, passphrase, tmp_path)


def test_confirming_the_new_key_killed_after_any_file_operation_loses_nothing(
        vault, passphrase, tmp_path, cached_scrypt, capsys):
    saved = [vault.save(Entry.new(FakeClock().now(), f"n{n}", f"entry {n}")) for n in range(4)]
    new_key = vault.rotate_key(passphrase)
    results = run_harness(vault.folder, tmp_path / "confirm", "confirm", new_key, passphrase)
    assert results[-1]["killed"] is False
    with capsys.disabled():
        print(f"\n  confirming the new key: {len(results) - 1} fault points, each killed")
    assert len(results) > 10
    for result in results:
        result["new_key"] = new_key
    check_every_instant(results, {e.id for e in saved}, new_key, passphrase, tmp_path)
