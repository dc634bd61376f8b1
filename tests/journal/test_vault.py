"""The vault on disk: entries are standard age files, written atomically, checked on read (MAC and
id), and nothing readable is ever written; damage to one file never hides the others."""

from __future__ import annotations

import errno
import os
import shutil
from datetime import UTC, datetime

import pyrage
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.clock import FakeClock
from companion.journal.entry import Entry, to_plaintext
from companion.journal.keys import DamagedFile, JournalError, Keys, WrongPassphrase
from companion.journal.opening import create_vault, unlock, unlock_with_recovery_key
from companion.journal.vault import ENTRIES, IDENTITY, Vault

NOW = datetime(2026, 11, 25, 21, 30, tzinfo=UTC)


def entry(text: str = "I let myself cry today, and it helped.", **kwargs) -> Entry:
    return Entry.new(NOW, kwargs.pop("title", "Evening"), text, **kwargs)


def test_an_entry_round_trips_with_its_title_tags_and_mood(vault):
    saved = entry(tags=("Grief", "#evening", "grief"), mood=3)
    vault.save(saved)
    read = vault.read(saved.id)
    assert read == saved and read.tags == ("grief", "evening")


def test_each_entry_is_one_age_file_named_by_its_id(vault):
    saved = entry()
    vault.save(saved)
    path = vault.folder / ENTRIES / f"{saved.id}.age"
    assert path.read_bytes().startswith(b"age-encryption.org/v1\n-> X25519 ")
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_the_public_recipient_is_not_stored_in_plaintext(vault):
    """Anyone holding the recipient could forge entries, so it is nowhere on disk."""
    recipient = str(vault.keys.recipient).encode()
    for path in vault.folder.rglob("*"):
        if path.is_file():
            assert recipient not in path.read_bytes(), path.name


def test_every_bit_flip_in_an_entry_is_detected(vault):
    """No single flipped bit anywhere in the file yields an entry (the others stay readable)."""
    saved = entry("Short.", title="")
    vault.save(saved)
    path = vault.path_of(saved.id)
    original = path.read_bytes()
    for index in range(len(original)):
        for bit in range(8):
            damaged = bytearray(original)
            damaged[index] ^= 1 << bit
            path.write_bytes(bytes(damaged))
            with pytest.raises(DamagedFile, match=saved.id):
                vault.read(saved.id)
    path.write_bytes(original)
    assert vault.read(saved.id) == saved


def test_every_truncation_of_an_entry_is_detected(vault):
    saved = entry("Short.")
    vault.save(saved)
    path = vault.path_of(saved.id)
    original = path.read_bytes()
    for length in range(len(original)):
        path.write_bytes(original[:length])
        with pytest.raises(DamagedFile, match=saved.id):
            vault.read(saved.id)


def test_a_swapped_entry_is_rejected_by_its_id(vault):
    """Renaming entry A's file to B's name is caught: the id inside does not match."""
    a, b = entry("first"), entry("second")
    vault.save(a)
    vault.save(b)
    os.replace(vault.path_of(a.id), vault.path_of(b.id))
    with pytest.raises(DamagedFile, match="renamed or swapped"):
        vault.read(b.id)


def test_an_entry_forged_with_the_recipient_is_rejected(vault):
    """Even someone who learnt the public recipient cannot write an entry the app accepts."""
    forger = Keys.generate()  # a forger's own MAC key: the real one needs the secret identity
    fake = entry("Written by someone else.")
    forged = vault.keys.encrypt(to_plaintext(fake, forger))
    vault.path_of(fake.id).write_bytes(forged)
    with pytest.raises(DamagedFile, match="integrity check"):
        vault.read(fake.id)


def test_one_damaged_entry_is_named_and_the_others_stay_readable(vault):
    good, bad = entry("good"), entry("bad")
    vault.save(good)
    vault.save(bad)
    vault.path_of(bad.id).write_bytes(b"not age at all")
    result = vault.read_all()
    assert list(result.entries) == [good.id]
    assert len(result.problems) == 1 and bad.id in result.problems[0]


def test_a_full_disk_keeps_the_previous_version_and_says_so(vault, monkeypatch):
    first = entry("version one")
    vault.save(first)

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("companion.atomic.os.fsync", full)
    with pytest.raises(JournalError, match=r"disk is full.*intact"):
        vault.save(first.edited(NOW, body="version two"))
    monkeypatch.undo()
    assert vault.read(first.id).body == "version one"
    assert not list(vault.entries_dir.glob(".*.tmp"))


def test_a_failing_rename_keeps_the_previous_version(vault, monkeypatch):
    first = entry("version one")
    vault.save(first)

    def refuse(*_args):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr("companion.atomic.os.replace", refuse)
    with pytest.raises(JournalError, match="intact"):
        vault.save(first.edited(NOW, body="version two"))
    monkeypatch.undo()
    assert vault.read(first.id).body == "version one"


def test_stale_temp_files_are_swept_when_the_vault_opens(vault):
    stale = vault.entries_dir / ".0b6c2f9e-1d2a-4c3b-9e8f-7a6b5c4d3e2f.age.k3j_x9qa.tmp"
    stale.write_bytes(b"half a file")
    vault.recovered()
    assert not stale.exists()


def test_a_sync_tools_temp_files_are_left_alone(vault):
    """Syncthing writes '.syncthing.<name>.tmp' while a file arrives: never ours to sweep."""
    arriving = vault.entries_dir / ".syncthing.0b6c2f9e-1d2a-4c3b-9e8f-7a6b5c4d3e2f.age.tmp"
    arriving.write_bytes(b"half of a file on its way")
    vault.recovered()
    assert arriving.exists()


def test_a_wrong_passphrase_has_its_own_message(template_vault):
    folder, _keys = template_vault
    with pytest.raises(WrongPassphrase, match="does not open this journal"):
        unlock(folder, "not the passphrase", FakeClock())


def test_a_damaged_identity_file_is_not_called_a_wrong_passphrase(vault, passphrase):
    path = vault.folder / IDENTITY
    path.write_bytes(path.read_bytes()[:-4])
    with pytest.raises(DamagedFile, match="recovery key still opens"):
        unlock(vault.folder, passphrase, FakeClock())


def test_a_hostile_work_factor_is_refused_before_any_scrypt_runs(vault, passphrase):
    """A work factor above 22 could take minutes and gigabytes: refused at once."""
    path = vault.folder / IDENTITY
    data = path.read_bytes()
    head, rest = data.split(b"\n", 2)[:2], data.split(b"\n", 2)[2]
    stanza = head[1].rsplit(b" ", 1)[0] + b" 30"
    path.write_bytes(head[0] + b"\n" + stanza + b"\n" + rest)
    with pytest.raises(DamagedFile, match="work factor 30"):
        unlock(vault.folder, passphrase, FakeClock())


def test_the_recovery_key_opens_the_journal_and_a_stranger_key_does_not(vault):
    saved = entry()
    vault.save(saved)
    opened = unlock_with_recovery_key(vault.folder, vault.keys.recovery_key.lower(), FakeClock())
    assert opened.read(saved.id) == saved
    with pytest.raises(WrongPassphrase, match="does not belong"):
        unlock_with_recovery_key(vault.folder, Keys.generate().recovery_key, FakeClock())


def test_changing_the_passphrase_keeps_entries_and_rejects_the_old_one(vault, passphrase):
    saved = entry()
    vault.save(saved)
    vault.change_passphrase("a new and longer phrase")
    with pytest.raises(WrongPassphrase):
        unlock(vault.folder, passphrase, FakeClock())
    assert unlock(vault.folder, "a new and longer phrase", FakeClock()).read(saved.id) == saved


def test_a_new_key_opens_every_entry_and_the_old_one_works_until_confirmed(vault, passphrase):
    """The recovery key the person holds keeps working until they confirm storing the new one."""
    saved = [entry(f"entry {n}") for n in range(3)]
    for one in saved:
        vault.save(one)
    old_key = vault.keys.recovery_key
    new_key = vault.rotate_key(passphrase)
    assert new_key != old_key and vault.unconfirmed_key == new_key
    for key in (new_key, old_key):
        opened = unlock_with_recovery_key(vault.folder, key, FakeClock())
        assert opened.read_all().entries == {one.id: one for one in saved}
    vault.confirm_key()
    assert vault.unconfirmed_key is None
    assert unlock_with_recovery_key(vault.folder, new_key, FakeClock()).read_all().entries == {
        one.id: one for one in saved}
    with pytest.raises(WrongPassphrase):
        unlock_with_recovery_key(vault.folder, old_key, FakeClock())


def test_after_confirming_every_file_is_encrypted_to_the_new_key_alone(vault, passphrase):
    """A leaked old key must not open what is written from now on, nor what was written before."""
    saved = entry()
    vault.save(saved)
    old = vault.keys
    vault.rotate_key(passphrase)
    assert old.decrypt(vault.path_of(saved.id).read_bytes())  # both keys, until confirmed
    vault.confirm_key()
    for path in [*vault.entries_dir.iterdir(), vault.folder / "manifest.age"]:
        with pytest.raises(pyrage.DecryptError):
            old.decrypt(path.read_bytes())


def test_unlocking_with_the_old_recovery_key_follows_the_key_change(vault, passphrase):
    """A forgotten passphrase after an unconfirmed change: the old key opens, and the new
    passphrase protects the new key (identity.age is never set back to the old one)."""
    saved = entry()
    vault.save(saved)
    old_key = vault.keys.recovery_key
    new_key = vault.rotate_key(passphrase)
    opened = unlock_with_recovery_key(vault.folder, old_key, FakeClock())
    opened.change_passphrase("a brand new passphrase")
    assert opened.unconfirmed_key == new_key
    again = unlock(vault.folder, "a brand new passphrase", FakeClock())
    assert again.keys.recovery_key == new_key and again.read(saved.id) == saved


def test_sync_conflict_copies_are_found_and_both_versions_can_be_kept(vault):
    """Syncthing's and Dropbox's copies are shown beside the original; keeping both loses nothing."""
    original = entry("at home")
    vault.save(original)
    other = original.edited(NOW, body="on the laptop")
    copy_path = vault.entries_dir / f"{original.id}.sync-conflict-20261125-213000-ABCDEFG.age"
    copy_path.write_bytes(vault.keys.encrypt(to_plaintext(other, vault.keys)))
    dropbox = vault.entries_dir / f"{original.id} (Sam's conflicted copy 2026-11-25).age"
    shutil.copy(copy_path, dropbox)
    result = vault.read_all()
    assert len(result.conflicts) == 2
    conflict = next(c for c in result.conflicts if c.copy_path == copy_path)
    assert conflict.original.body == "at home" and conflict.copy.body == "on the laptop"
    added = vault.resolve_conflict(conflict, "both")
    assert not copy_path.exists()
    bodies = sorted(e.body for e in vault.read_all().entries.values())
    assert bodies == ["at home", "on the laptop"] and added is not None


def test_keeping_the_conflict_copy_replaces_the_original(vault):
    original = entry("old")
    vault.save(original)
    newer = original.edited(NOW, body="new")
    path = vault.entries_dir / f"{original.id} (conflicted copy).age"
    path.write_bytes(vault.keys.encrypt(to_plaintext(newer, vault.keys)))
    vault.resolve_conflict(vault.read_all().conflicts[0], "copy")
    assert vault.read(original.id).body == "new" and not path.exists()


def test_the_index_cache_spares_decrypting_unchanged_files(vault, monkeypatch):
    saved = [entry(f"entry {n}") for n in range(5)]
    for one in saved:
        vault.save(one)
    vault.save_index(vault.read_all().entries)
    fresh = Vault(vault.folder, vault.keys, FakeClock())
    decrypted = []
    monkeypatch.setattr(fresh, "read_file", lambda path, eid: decrypted.append(eid))
    assert len(fresh.open_all().entries) == 5 and decrypted == []


def test_a_file_changed_by_another_process_is_read_again(vault):
    """The cache is only a cache: a file written since is decrypted afresh."""
    one = entry("before")
    vault.save(one)
    vault.save_index(vault.read_all().entries)
    other = Vault(vault.folder, vault.keys, FakeClock())
    other.save(one.edited(NOW, body="after, and longer"))
    fresh = Vault(vault.folder, vault.keys, FakeClock())
    assert fresh.open_all().entries[one.id].body == "after, and longer"


def test_a_new_vault_refuses_a_folder_that_is_not_empty(tmp_path, passphrase):
    (tmp_path / "something.txt").write_text("mine")
    with pytest.raises(JournalError, match="not empty"):
        create_vault(tmp_path, passphrase, FakeClock())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(max_size=80), body=st.text(max_size=2000),
       tags=st.lists(st.text(min_size=1, max_size=12), max_size=5),
       mood=st.one_of(st.none(), st.integers(1, 7)))
def test_any_entry_round_trips(vault, title, body, tags, mood):
    saved = Entry.new(NOW, title, body, tuple(tags), mood)
    vault.save(saved)
    assert vault.read(saved.id) == saved
