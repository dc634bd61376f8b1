"""The journal on two computers, as a sync tool leaves it: conflict copies resolved the same way on
both sides end as one copy, copies with the same words are cleared, versions are named by date
and device (never 'here'), a deletion is not undone by a stale save, and a key change made on one
computer is followed by the other."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import pytest

from companion.clock import FakeClock
from companion.journal.entry import Entry, to_plaintext
from companion.journal.keys import KeyChanged
from companion.journal.vault import Vault

NOW = datetime(2026, 12, 2, 21, 0, tzinfo=UTC)
DEVICE = "ABCDEF1"


def conflict_copy(vault: Vault, entry: Entry, body: str) -> Entry:
    """What Syncthing leaves when both computers changed one entry."""
    other = entry.edited(NOW, body=body)
    other = Entry(other.id, other.created, other.modified, other.title, other.body, other.tags,
                  other.mood, other.kind, other.extra, entry.version + 1)
    name = f"{entry.id}.sync-conflict-20261202-210000-{DEVICE}.age"
    (vault.entries_dir / name).write_bytes(vault.keys.encrypt(to_plaintext(other, vault.keys)))
    return other


def test_keep_both_on_two_computers_ends_with_one_copy(vault, tmp_path):
    original = vault.save(Entry.new(NOW, "Shared", "at home"))
    conflict_copy(vault, original, "on the laptop")
    laptop = tmp_path / "laptop"
    shutil.copytree(vault.folder, laptop)
    here, there = vault, Vault(laptop, vault.keys, FakeClock())
    for side in (here, there):
        side.resolve_conflict(side.read_all().conflicts[0], "both")
    for path in (laptop / "entries").glob("*.age"):  # the sync tool brings the laptop's files
        shutil.copy(path, here.entries_dir / path.name)
    bodies = sorted(e.body for e in here.read_all().entries.values())
    assert bodies == ["at home", "on the laptop"]


def test_a_conflict_copy_with_the_same_words_is_cleared(vault):
    original = vault.save(Entry.new(NOW, "Same", "the same words"))
    conflict_copy(vault, original, "the same words")
    read = vault.read_all()
    assert read.conflicts == [] and not list(vault.entries_dir.glob("*sync-conflict*"))


def test_versions_are_named_by_date_and_device(vault):
    original = vault.save(Entry.new(NOW, "Named", "one"))
    conflict_copy(vault, original, "two")
    first, second = vault.read_all().conflicts[0].labels
    assert first.startswith("Saved ") and second.startswith("Saved ")
    assert second.endswith(f"on device {DEVICE}") and "here" not in first + second


def test_a_save_of_an_entry_deleted_elsewhere_asks_first(vault):
    """The other computer deleted it; this one's open window must not silently bring it back."""
    entry = vault.save(Entry.new(NOW, "Gone there", "words"))
    other = Vault(vault.folder, vault.keys, FakeClock())
    other.delete(entry.id)
    from companion.journal.keys import DeletedElsewhere

    with pytest.raises(DeletedElsewhere, match="deleted"):
        vault.save(entry.edited(NOW, body="still typing here"))
    assert not vault.path_of(entry.id).exists()
    vault.save(entry.edited(NOW, body="still typing here"), revive=True)
    assert vault.read(entry.id).body == "still typing here"


def test_a_key_change_on_one_computer_is_followed_by_the_other(vault, passphrase, tmp_path):
    """B holds the journal open while A changes the key: B's next save uses the new key."""
    a, b = vault, Vault(vault.folder, vault.keys, FakeClock())
    a.save(Entry.new(NOW, "Before", "words"))
    a.rotate_key(passphrase)
    saved = b.save(Entry.new(NOW, "From B", "after the change"))
    assert b.keys.recovery_key == a.keys.recovery_key
    assert a.read(saved.id).title == "From B"
    a.confirm_key()
    with pytest.raises(KeyChanged):  # B's old key no longer opens the keyring: B must unlock
        Vault(vault.folder, b.ring.retiring, FakeClock()).save(Entry.new(NOW, "x", "y"))


def test_unlock_makes_the_folders_private_whoever_made_them(vault):
    vault.folder.chmod(0o755)
    vault.entries_dir.chmod(0o755)
    vault.recovered()
    assert vault.folder.stat().st_mode & 0o777 == 0o700
    assert vault.entries_dir.stat().st_mode & 0o777 == 0o700


def test_a_new_journal_may_go_in_a_folder_a_sync_tool_already_shares(tmp_path, passphrase):
    from companion.journal.opening import create_vault

    (tmp_path / "Sync").mkdir()
    (tmp_path / "Sync" / ".stfolder").mkdir()
    vault = create_vault(tmp_path / "Sync", passphrase, FakeClock())
    assert vault.read_all().entries == {}


def test_keys_changed_on_both_computers_while_apart_are_merged(vault, passphrase, tmp_path):
    """Both keyrings' keys are kept: every entry opens, whichever keyring the sync tool kept."""
    entries = [vault.save(Entry.new(NOW, f"E{n}", f"entry {n}")) for n in range(3)]
    laptop = tmp_path / "laptop"
    shutil.copytree(vault.folder, laptop)
    a, b = vault, Vault(laptop, vault.keys, FakeClock())
    a.computer, b.computer = "computer-a", "computer-b"
    a.rotate_key(passphrase)
    b.rotate_key(passphrase)
    written_on_b = b.save(Entry.new(NOW, "On B", "while apart"))
    # What the sync tool leaves on A: A's keyring won, B's is a conflict copy; B's files arrive.
    for name in ("keyring", "manifest"):
        shutil.copy(laptop / f"{name}.age",
                    vault.folder / f"{name}.sync-conflict-20261202-210000-ABCDEF1.age")
    for path in (laptop / "entries").glob("*.age"):
        target = vault.entries_dir / path.name
        if target.exists():
            target = vault.entries_dir / f"{path.stem}.sync-conflict-20261202-210000-ABCDEF1.age"
        shutil.copy(path, target)
    fresh = Vault(vault.folder, a.ring, FakeClock())
    read = fresh.read_all()
    assert {e.id for e in entries} | {written_on_b.id} <= set(read.entries)
    assert not read.problems and not read.conflicts and not read.reviews
    assert any("changed on two computers" in note for note in fresh.notes)
    assert not list(vault.folder.glob("keyring.sync-conflict-*"))


def both_changed_and_confirmed(vault, passphrase, tmp_path):
    """A and B each made and confirmed a new key while apart; A received B's files."""
    entries = [vault.save(Entry.new(NOW, f"E{n}", f"entry {n}")) for n in range(2)]
    laptop = tmp_path / "laptop"
    shutil.copytree(vault.folder, laptop)
    b = Vault(laptop, vault.keys, FakeClock())
    b.computer = "computer-b"
    for side in (vault, b):
        side.rotate_key(passphrase)
        side.confirm_key()
    on_b = b.save(Entry.new(NOW, "On B", "while apart"))
    for name in ("keyring", "manifest"):
        shutil.copy(laptop / f"{name}.age",
                    vault.folder / f"{name}.sync-conflict-20261202-210000-ABCDEF1.age")
    shutil.copy(b.path_of(on_b.id), vault.path_of(on_b.id))
    return [*entries, on_b], b


def test_a_keyring_only_the_other_key_opens_is_named_and_merged_with_that_key(
        vault, passphrase, tmp_path):
    from companion.journal.keyring_merge import merge_with_key

    expected, b = both_changed_and_confirmed(vault, passphrase, tmp_path)
    fresh = Vault(vault.folder, vault.ring, FakeClock())
    before = fresh.read_all()
    assert any("companion journal merge-key" in note for note in fresh.notes)
    assert expected[-1].id not in before.entries
    assert merge_with_key(fresh, b.keys) == 1
    after = fresh.read_all()
    assert {e.id for e in expected} <= set(after.entries) and not after.problems
    assert not after.reviews and not list(vault.folder.glob("keyring.sync-conflict-*"))
