"""The journal on two computers through a real sync engine: two Syncthing instances on 127.0.0.1,
each with its own home and its own copy of the journal folder. "A computer with the journal open"
is a helper process holding a Vault unlocked through the Python API, with its own cache folder
and its own computer id.
Nothing is lost, nothing is falsely called damaged, and no index or temp-file conflicts appear."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.journal_computer import Computer, HelperError
from tests.e2e.syncthing_pair import Pair

pytestmark = pytest.mark.e2e


@pytest.fixture
def computers(vault, tmp_path):
    """A and B in sync, each holding the journal open in a process of its own; both Syncthings
    stopped by their process ids afterwards."""
    if shutil.which("syncthing") is None or shutil.which("age") is None:
        message = "syncthing or age missing (.ci/run installs them)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    pair = Pair(tmp_path / "two")
    pair.a.folder.mkdir(parents=True)
    shutil.copytree(vault.folder, pair.a.folder, dirs_exist_ok=True)
    opened: list[Computer] = []
    try:
        pair.start()
        pair.in_sync()
        for side, name in ((pair.a, "computer-a"), (pair.b, "computer-b")):
            opened.append(Computer(side.folder, vault.keys.recovery_key, tmp_path / name, name))
        yield pair, opened[0], opened[1]
    finally:
        for computer in opened:
            computer.close()
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


def all_well(read: dict) -> bool:
    return not read["problems"] and not read["reviews"] and not read["conflicts"]


def test_adds_on_both_computers_at_once_all_arrive_and_open_everywhere(computers, tmp_path):
    pair, a, b = computers
    written = [a.ask("save", title=f"A{n}", body=f"written on A {n}") for n in range(5)]
    written += [b.ask("save", title=f"B{n}", body=f"written on B {n}") for n in range(5)]
    pair.in_sync()
    for side in (a, b):
        read = side.read_all()
        assert set(written) <= set(read["entries"]) and all_well(read)
        age_opens_every_entry(side.folder, str(a.ask("key")), tmp_path)
    no_stray_conflicts(pair.a.folder, pair.b.folder)


def test_one_entry_edited_on_both_while_apart_is_one_conflict_and_keep_both_makes_one_copy(
        computers):
    pair, a, b = computers
    shared = a.ask("save", title="Shared", body="before")
    pair.in_sync()
    b.read_all()
    pair.pause()
    a.ask("edit", id=shared, body="changed on A")
    b.ask("edit", id=shared, body="changed on B")
    pair.resume()
    pair.in_sync()
    for side in (a, b):
        assert side.read_all()["conflicts"] == 1
        side.ask("keep_both")
    pair.in_sync()
    for side in (a, b):  # both wrote the same copy: a copy with the same words is cleared
        side.read_all()
    pair.in_sync()
    for side in (a, b):
        read = side.read_all()
        bodies = sorted(e["body"] for e in read["entries"].values()
                        if e["title"].startswith("Shared"))
        assert bodies == ["changed on A", "changed on B"] and all_well(read)
    no_stray_conflicts(pair.a.folder, pair.b.folder)


def test_a_deletion_stays_deleted_and_an_open_copy_is_not_silently_revived(computers):
    pair, a, b = computers
    gone = a.ask("save", title="Let go", body="words")
    pair.in_sync()
    b.read_all()  # B has it open
    a.ask("delete", id=gone)
    pair.in_sync()
    with pytest.raises(HelperError) as refused:
        b.ask("edit", id=gone, body="typed on B afterwards")
    assert refused.value.kind == "DeletedElsewhere"
    pair.in_sync()
    for side in (a, b):
        read = side.read_all()
        assert gone not in read["entries"] and all_well(read)


def test_a_key_change_on_a_while_b_is_open_leaves_everything_readable(
        computers, passphrase, tmp_path):
    pair, a, b = computers
    before = [a.ask("save", title=f"E{n}", body=f"entry {n}") for n in range(3)]
    pair.in_sync()
    new_key = a.ask("rotate", passphrase=passphrase)
    pair.in_sync()
    read = b.read_all()
    assert set(before) <= set(read["entries"]) and all_well(read)
    from_b = b.ask("save", title="From B", body="after the change")
    assert b.ask("key") == new_key  # B followed the change for its next save
    pair.in_sync()
    a.ask("confirm")
    pair.in_sync()
    again = b.ask("save", title="From B again", body="after the confirmation")
    pair.in_sync()
    for side in (a, b):
        read = side.read_all()
        assert {from_b, again, *before} <= set(read["entries"]) and all_well(read)
        age_opens_every_entry(side.folder, str(new_key), tmp_path)
    no_stray_conflicts(pair.a.folder, pair.b.folder)


def test_keys_changed_on_both_computers_while_apart_are_merged(computers, passphrase):
    pair, a, b = computers
    before = [a.ask("save", title=f"E{n}", body=f"entry {n}") for n in range(3)]
    pair.in_sync()
    pair.pause()
    a.ask("rotate", passphrase=passphrase)
    b.ask("rotate", passphrase=passphrase)
    on_b = b.ask("save", title="On B", body="written while apart")
    pair.resume()
    pair.in_sync()
    notes = []
    for _round in range(2):  # each side merges what it found; the other then sees the result
        for side in (a, b):
            notes += side.read_all()["notes"]
        pair.in_sync()
    for side in (a, b):
        read = side.read_all()
        assert {on_b, *before} <= set(read["entries"]) and all_well(read), side.folder
        assert not list(side.folder.glob("keyring.sync-conflict-*"))
    assert any("changed on two computers" in note for note in notes)  # it merged
    no_stray_conflicts(pair.a.folder, pair.b.folder)
