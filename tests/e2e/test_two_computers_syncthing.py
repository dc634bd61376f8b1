"""The journal on two computers through a real sync engine: two Syncthing instances on 127.0.0.1,
each with its own home and its own copy of the journal folder. "A computer with the journal open"
is a Vault unlocked through the Python API, with its own cache folder and its own computer id.
Nothing is lost, nothing is falsely called damaged, and no index or temp-file conflicts appear."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from companion.clock import FakeClock
from companion.journal.entry import Entry
from companion.journal.keys import DeletedElsewhere
from companion.journal.vault import Vault
from tests.e2e.syncthing_pair import Pair

pytestmark = pytest.mark.e2e

NOW = datetime(2026, 12, 2, 21, 0, tzinfo=UTC)


@pytest.fixture
def computers(vault, tmp_path):
    """A and B in sync, each holding the journal open; both Syncthings stopped by pid after."""
    if shutil.which("syncthing") is None or shutil.which("age") is None:
        message = "syncthing or age missing (.ci/run installs them)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    pair = Pair(tmp_path / "two")
    pair.a.folder.mkdir(parents=True)
    shutil.copytree(vault.folder, pair.a.folder, dirs_exist_ok=True)
    try:
        pair.start()
        pair.in_sync()
        a = Vault(pair.a.folder, vault.keys, FakeClock(), tmp_path / "cache-a")
        b = Vault(pair.b.folder, vault.keys, FakeClock(), tmp_path / "cache-b")
        a.computer, b.computer = "computer-a", "computer-b"
        yield pair, a, b
    finally:
        pair.stop()


def age_opens_every_entry(folder: Path, key: str, tmp_path: Path) -> None:
    identity = tmp_path / "key.txt"
    identity.write_text(key + "\n")
    for path in (folder / "entries").glob("*.age"):
        done = subprocess.run(["age", "-d", "-i", str(identity), str(path)],
                              capture_output=True, timeout=30)
        assert done.returncode == 0 and b"companion-entry/1" in done.stdout, path.name


def no_stray_conflicts(*folders: Path) -> None:
    """No sync conflict of the index or of a temp file, ever; the index is not in the folder."""
    for folder in folders:
        for path in folder.rglob("*"):
            assert not path.name.startswith("index"), path
            assert not (path.name.endswith(".tmp") and "conflict" in path.name), path


def test_adds_on_both_computers_at_once_all_arrive_and_open_everywhere(computers, tmp_path):
    pair, a, b = computers
    from_a = [a.save(Entry.new(NOW, f"A{n}", f"written on A {n}")) for n in range(5)]
    from_b = [b.save(Entry.new(NOW, f"B{n}", f"written on B {n}")) for n in range(5)]
    pair.in_sync()
    for side in (a, b):
        read = side.read_all()
        assert {e.id for e in from_a + from_b} <= set(read.entries)
        assert not read.problems and not read.reviews and not read.conflicts
        age_opens_every_entry(side.folder, a.keys.recovery_key, tmp_path)
    no_stray_conflicts(pair.a.folder, pair.b.folder)


def test_one_entry_edited_on_both_while_apart_is_one_conflict_and_keep_both_makes_one_copy(
        computers):
    pair, a, b = computers
    shared = a.save(Entry.new(NOW, "Shared", "before"))
    pair.in_sync()
    pair.pause()
    a.save(shared.edited(NOW, body="changed on A"))
    b.save(b.read(shared.id).edited(NOW, body="changed on B"))
    pair.resume()
    pair.in_sync()
    for side in (a, b):
        conflicts = side.read_all().conflicts
        assert len(conflicts) == 1
        side.resolve_conflict(conflicts[0], "both")
    pair.in_sync()
    for side in (a, b):  # both wrote the same copy: a copy with the same words is cleared
        side.read_all()
    pair.in_sync()
    for side in (a, b):
        read = side.read_all()
        bodies = sorted(e.body for e in read.entries.values() if e.title.startswith("Shared"))
        assert bodies == ["changed on A", "changed on B"] and not read.conflicts
    no_stray_conflicts(pair.a.folder, pair.b.folder)


def test_a_deletion_stays_deleted_and_an_open_copy_is_not_silently_revived(computers):
    pair, a, b = computers
    gone = a.save(Entry.new(NOW, "Let go", "words"))
    pair.in_sync()
    held_open = b.read(gone.id)
    a.delete(gone.id)
    pair.in_sync()
    with pytest.raises(DeletedElsewhere):
        b.save(held_open.edited(NOW, body="typed on B afterwards"))
    pair.in_sync()
    for side in (a, b):
        read = side.read_all()
        assert gone.id not in read.entries and not read.reviews


def test_a_key_change_on_a_while_b_is_open_leaves_everything_readable(
        computers, passphrase, tmp_path):
    pair, a, b = computers
    before = [a.save(Entry.new(NOW, f"E{n}", f"entry {n}")) for n in range(3)]
    pair.in_sync()
    new_key = a.rotate_key(passphrase)
    pair.in_sync()
    read = b.read_all()
    assert {e.id for e in before} <= set(read.entries) and not read.problems
    from_b = b.save(Entry.new(NOW, "From B", "after the change"))
    assert b.keys.recovery_key == new_key  # B followed the change for its next save
    pair.in_sync()
    a.confirm_key()
    pair.in_sync()
    again = b.save(Entry.new(NOW, "From B again", "after the confirmation"))
    pair.in_sync()
    for side in (a, b):
        read = side.read_all()
        assert {from_b.id, again.id, *(e.id for e in before)} <= set(read.entries)
        assert not read.problems and not read.reviews
        age_opens_every_entry(side.folder, new_key, tmp_path)
    no_stray_conflicts(pair.a.folder, pair.b.folder)


def test_keys_changed_on_both_computers_while_apart_are_merged(computers, passphrase):
    pair, a, b = computers
    before = [a.save(Entry.new(NOW, f"E{n}", f"entry {n}")) for n in range(3)]
    pair.in_sync()
    pair.pause()
    a.rotate_key(passphrase)
    b.rotate_key(passphrase)
    on_b = b.save(Entry.new(NOW, "On B", "written while apart"))
    pair.resume()
    pair.in_sync()
    for _round in range(2):  # each side merges what it found; the other then sees the result
        for side in (a, b):
            side.read_all()
        pair.in_sync()
    for side in (a, b):
        read = side.read_all()
        assert {on_b.id, *(e.id for e in before)} <= set(read.entries), side.folder
        assert not read.problems and not read.reviews and not read.conflicts
        assert not list(side.folder.glob("keyring.sync-conflict-*"))
    assert any("changed on two computers" in note for note in a.notes + b.notes)  # it merged
    no_stray_conflicts(pair.a.folder, pair.b.folder)
