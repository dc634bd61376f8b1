"""Tampering is noticed and named, never accepted silently: the vault keeps each entry's version
(inside the entry's MAC) and the ids of deleted entries in manifest.age, which travels with the
folder. A sync tool's conflict copy is a conflict, not tampering; files that are not ordinary
files never block the journal."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime

import pyrage
import pytest

from companion.clock import FakeClock
from companion.journal import keyring as keyring_file
from companion.journal.entry import Entry, to_plaintext
from companion.journal.keyring import KEYRING, Keyring
from companion.journal.keys import KeyChanged, Keys
from companion.journal.manifest import MANIFEST
from companion.journal.opening import unlock, unlock_with_recovery_key
from companion.journal.vault import Vault

NOW = datetime(2026, 12, 2, 21, 0, tzinfo=UTC)


def write(vault: Vault, title: str, body: str = "some words") -> Entry:
    return vault.save(Entry.new(NOW, title, body))


def kinds(vault: Vault) -> list[tuple[str, str]]:
    return [(r.kind, r.heading) for r in vault.read_all().reviews]


def test_each_save_raises_the_entrys_version(vault):
    first = write(vault, "Morning")
    second = vault.save(first.edited(NOW, body="more"))
    assert (first.version, second.version) == (1, 2) and vault.read(first.id).version == 2


def test_an_older_copy_put_back_is_named_and_not_accepted(vault):
    first = write(vault, "Letter", "version one")
    old_bytes = vault.path_of(first.id).read_bytes()
    vault.save(first.edited(NOW, body="version two"))
    vault.path_of(first.id).write_bytes(old_bytes)  # someone restores an old backup copy
    read = vault.read_all()
    assert first.id not in read.entries
    assert [(r.kind, r.heading) for r in read.reviews] == [("rolled-back", "Letter")]
    assert "older copy of “Letter”" in read.reviews[0].text


def test_keeping_an_older_copy_saves_it_as_the_newest_version(vault):
    first = write(vault, "Letter", "version one")
    old_bytes = vault.path_of(first.id).read_bytes()
    vault.save(first.edited(NOW, body="version two"))
    vault.path_of(first.id).write_bytes(old_bytes)
    kept = vault.resolve_review(vault.read_all().reviews[0], keep=True)
    assert kept.version == 3 and vault.read_all().entries[first.id].body == "version one"


def test_a_deleted_entry_coming_back_is_named(vault):
    gone = write(vault, "Old wound")
    saved_bytes = vault.path_of(gone.id).read_bytes()
    vault.delete(gone.id)
    vault.path_of(gone.id).write_bytes(saved_bytes)
    assert kinds(vault) == [("resurrected", "Old wound")]
    vault.resolve_review(vault.read_all().reviews[0], keep=False)
    assert not vault.path_of(gone.id).exists() and kinds(vault) == []


def test_an_entry_removed_behind_the_journals_back_is_named_with_this_computers_copy(vault):
    kept = write(vault, "Kept close")
    vault.save_index(vault.read_all().entries)
    vault.path_of(kept.id).unlink()
    fresh = Vault(vault.folder, vault.keys, FakeClock())
    reviews = fresh.open_all().reviews
    assert [(r.kind, r.heading) for r in reviews] == [("removed", "Kept close")]
    assert reviews[0].choices[0] == "Put back this computer's copy"
    fresh.resolve_review(reviews[0], keep=True)
    assert fresh.read(kept.id).body == "some words"


def test_letting_a_removed_entry_go_records_it_as_deleted(vault):
    gone = write(vault, "Let go")
    vault.path_of(gone.id).unlink()
    vault.resolve_review(vault.read_all().reviews[0], keep=False)
    assert kinds(vault) == [] and gone.id in vault.manifest().deleted


def test_a_lower_version_beside_a_sync_conflict_copy_is_a_conflict_not_tampering(vault):
    first = write(vault, "Shared")
    old_bytes = vault.path_of(first.id).read_bytes()
    newer = vault.save(first.edited(NOW, body="laptop"))
    copy = vault.entries_dir / f"{first.id}.sync-conflict-20261202-210000-ABCDEFG.age"
    copy.write_bytes(vault.path_of(first.id).read_bytes())
    vault.path_of(first.id).write_bytes(old_bytes)
    read = vault.read_all()
    assert read.reviews == [] and read.entries[first.id].version == 1
    assert [c.copy.version for c in read.conflicts] == [newer.version]


def test_a_missing_manifest_is_reported_not_ignored(vault):
    write(vault, "Anything")
    (vault.folder / MANIFEST).unlink()
    fresh = Vault(vault.folder, vault.keys, FakeClock())
    assert any("manifest.age is missing" in p for p in fresh.read_all().problems)
    assert any("manifest.age is missing" in line for line in fresh.check())


def test_a_damaged_manifest_is_reported_not_ignored(vault):
    write(vault, "Anything")
    path = vault.folder / MANIFEST
    path.write_bytes(path.read_bytes()[:-3])
    fresh = Vault(vault.folder, vault.keys, FakeClock())
    assert any("manifest.age" in p and "damaged" in p for p in fresh.read_all().problems)


def test_manifests_from_two_computers_are_merged(vault):
    """A sync tool's copy of manifest.age is folded in, and removed once merged."""
    a = write(vault, "A")
    other = Vault(vault.folder, vault.keys, FakeClock())
    manifest_before = (vault.folder / MANIFEST).read_bytes()
    b = other.save(Entry.new(NOW, "B", "from the desktop"))
    shutil.copy(vault.folder / MANIFEST,
                vault.folder / "manifest.sync-conflict-20261202-210000-ABCDEFG.age")
    (vault.folder / MANIFEST).write_bytes(manifest_before)
    fresh = Vault(vault.folder, vault.keys, FakeClock())
    assert set(fresh.manifest().versions) == {a.id, b.id}
    fresh.save(Entry.new(NOW, "C", "after"))
    assert not list(vault.folder.glob("manifest.sync-conflict-*"))


def test_an_unknown_entry_under_an_earlier_key_waits_for_the_persons_ok(vault, passphrase):
    """A retired (perhaps leaked) key must not add entries silently."""
    old = vault.keys
    write(vault, "Before")
    vault.rotate_key(passphrase)
    vault.confirm_key()
    sneaked = Entry.new(NOW, "Sneaked in", "written with the old key")
    vault.path_of(sneaked.id).write_bytes(old.encrypt(to_plaintext(sneaked, old)))
    read = vault.read_all()
    assert sneaked.id not in read.entries
    assert [(r.kind, r.heading) for r in read.reviews] == [("earlier-key", "Sneaked in")]
    assert "earlier key" in read.reviews[0].text and not read.problems


def test_a_known_entry_under_an_earlier_key_is_read_and_encrypted_again(vault, passphrase):
    old = vault.keys
    kept = write(vault, "Known")
    old_bytes = vault.path_of(kept.id).read_bytes()
    vault.rotate_key(passphrase)
    vault.confirm_key()
    vault.path_of(kept.id).write_bytes(old_bytes)  # arrives late from another computer
    assert vault.read_all().entries[kept.id].body == "some words"
    unlock_with_recovery_key(vault.folder, vault.keys.recovery_key, FakeClock())
    with pytest.raises(pyrage.DecryptError):  # encrypted again, to the current key alone
        old.decrypt(vault.path_of(kept.id).read_bytes())
    assert vault.read_all().entries[kept.id].body == "some words"


def test_a_keyring_replaced_by_someone_holding_a_retired_key_is_never_followed(vault, passphrase):
    """The journal's own key does not open the forged keyring, so the passphrase refuses it and
    no entry is ever written to the forger's key."""
    old = vault.keys
    vault.rotate_key(passphrase)
    vault.confirm_key()
    thief = Keys.generate()
    (vault.folder / KEYRING).write_bytes(keyring_file.seal(Keyring(thief, old)))
    with pytest.raises(KeyChanged):
        unlock(vault.folder, passphrase, FakeClock())
    with pytest.raises(KeyChanged):
        vault.save(Entry.new(NOW, "Typed", "after the forgery"))
    for path in vault.entries_dir.iterdir():
        with pytest.raises(pyrage.DecryptError):
            thief.decrypt(path.read_bytes())


def test_a_fifo_in_the_entries_folder_is_named_and_never_blocks(vault):
    write(vault, "Real")
    os.mkfifo(vault.entries_dir / "0b6c2f9e-1d2a-4c3b-9e8f-7a6b5c4d3e2f.age")
    read = vault.read_all()
    assert len(read.entries) == 1
    assert any("not an ordinary file" in p for p in read.problems)


def test_a_symlink_in_the_entries_folder_is_not_followed(vault, tmp_path):
    outside = tmp_path / "elsewhere.age"
    outside.write_bytes(b"anything")
    (vault.entries_dir / "0b6c2f9e-1d2a-4c3b-9e8f-7a6b5c4d3e2f.age").symlink_to(outside)
    read = vault.read_all()
    assert any("link" in p for p in read.problems)


def test_a_format_1_journal_is_upgraded_at_its_first_unlock(vault):
    """Journals made by Companion 0.1 (check.age, no keyring or manifest) open and upgrade."""
    kept = write(vault, "From 0.1")
    keys = vault.keys
    for name in (KEYRING, MANIFEST):
        (vault.folder / name).unlink()
    (vault.folder / "check.age").write_bytes(keys.encrypt(b"companion-vault-check/1\n"))
    marker = vault.folder / "companion-vault.toml"
    marker.write_text(marker.read_text().replace("format = 2", "format = 1"))
    opened = unlock_with_recovery_key(vault.folder, keys.recovery_key, FakeClock())
    assert opened.read_all().entries[kept.id].title == "From 0.1"
    assert (vault.folder / KEYRING).exists() and not (vault.folder / "check.age").exists()
    assert "format = 2" in marker.read_text()
