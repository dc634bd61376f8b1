"""Housekeeping at unlock and the key change.

A key change (a new recovery key) commits with one atomic rename, that of keyring.age naming the
new key. Before it, nothing refers to the new key. After it, every unlock (by passphrase or by
either recovery key) follows the keyring to the new key and finishes the change: identity.age is
rewritten for it and every file is encrypted again. Until the person confirms they stored the new
recovery key, every file is encrypted to both keys, so the key they hold (the one last shown)
opens everything, in Companion and in the age CLI alike. Confirming is a second atomic rename of
keyring.age, after which files are encrypted to the new key alone."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import platform
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pyrage

from companion.i18n import _
from companion.journal import keyring as keyring_file
from companion.journal import manifest as manifest_file
from companion.journal.entry import from_plaintext, to_plaintext
from companion.journal.files import NotARegularFile, read_regular
from companion.journal.keyring import KEYRING, Keyring
from companion.journal.keys import DamagedFile, JournalError, Keys, WrongPassphrase, recipient_count
from companion.journal.layout import (
    CHECK,
    CHECK_TEXT,
    CONFLICT_NAME,
    DELETING_NAME,
    ENTRIES,
    ENTRY_NAME,
    IDENTITY,
    INDEX,
    MARKER,
    OWN_TEMP,
    ROTATING,
)
from companion.journal.manifest import MANIFEST, Manifest

if TYPE_CHECKING:
    from companion.journal.vault_parts import OpenVault

V = TypeVar("V", bound="OpenVault")  # recover() hands back the vault it was given


@functools.cache  # read once per process
def this_computer() -> str:
    """A short, stable name for this computer (a hash: the vault never holds the host name)."""
    try:
        seed = Path("/etc/machine-id").read_text().strip()
    except OSError:
        seed = platform.node()
    return hashlib.sha256(b"companion/" + seed.encode()).hexdigest()[:16]


def recover(vault: V, passphrase: str | None = None) -> V:
    """After unlock: sweep what a crash left, finish an interrupted delete or key change, and
    make identity.age hold the journal's current key (when the passphrase is at hand)."""
    from companion.journal.disk import kind_write

    unlocked_with = vault._ring().current
    with vault.writing() as ring:
        for folder in (vault.folder, vault.entries_dir):
            with contextlib.suppress(OSError):  # private whoever made it (a sync tool: 0755)
                if folder.stat().st_mode & 0o077:
                    folder.chmod(0o700)
            for path in folder.iterdir():
                if OWN_TEMP.match(path.name):
                    path.unlink(missing_ok=True)
        if vault.index_path != vault.folder / INDEX:
            (vault.folder / INDEX).unlink(missing_ok=True)  # 0.1 kept it in the synced folder
        for path in list(vault.entries_dir.iterdir()):
            if match := DELETING_NAME.match(path.name):
                vault.finish_delete(match.group(1), ring)
        if (vault.folder / ROTATING).is_dir():
            _adopt_format_1_rotation(vault, ring)
        if passphrase is not None and not ring.current.same_as(unlocked_with):
            kind_write(vault.folder / IDENTITY, ring.current.wrap(passphrase))
        mine = ring.by in ("", vault.computer) or passphrase is None
        if not ring.settled and mine:
            reencrypt_all(vault, ring)
    return vault


def prepare_rotation(passphrase: str) -> tuple[Keys, bytes]:
    """The new key and identity.age for it (slow: scrypt); nothing on disk changes yet."""
    new = Keys.generate()
    return new, new.wrap(passphrase)


def commit_rotation(vault: OpenVault, new: Keys, wrapped: bytes) -> str:
    """Make the new key the journal's key, and return it as the new recovery key."""
    from companion.journal.disk import kind_write

    with vault.writing() as ring:
        problems = vault.read_all().problems
        if problems:
            raise JournalError(_("Some entries cannot be read, so the key was not changed (they "
                               "would be lost): ") + "; ".join(problems))
        changed = ring.with_new_key(new, vault.computer)
        write_keyring(vault, changed)  # the commit point
        kind_write(vault.folder / IDENTITY, wrapped)
        vault.index_path.unlink(missing_ok=True)
        reencrypt_all(vault, changed)
    vault._seen.clear()
    return new.recovery_key


def confirm_rotation(vault: OpenVault) -> None:
    """The new recovery key is stored: the key before it stops opening the journal."""
    with vault.writing() as ring:
        if ring.retiring is None:
            return
        confirmed = ring.confirmed(vault.computer)
        write_keyring(vault, confirmed)  # the commit point
        vault.index_path.unlink(missing_ok=True)
        reencrypt_all(vault, confirmed)
    vault._seen.clear()


def write_keyring(vault: OpenVault, ring: Keyring) -> None:
    """keyring.age for this ring, atomically; the vault holds it, and reads it back next time."""
    from companion.journal.disk import kind_write

    kind_write(vault.folder / KEYRING, keyring_file.seal(ring))
    vault.ring, vault._ring_sig = ring, None  # the next write reads it back


def reencrypt_all(vault: OpenVault, ring: Keyring) -> int:
    """Encrypt every entry (and conflict copy) to exactly the writing keys, one file at a time,
    each atomically; a file from an earlier key that the manifest does not know is left for the
    person. Marks the keyring settled at the end. Returns how many files were rewritten."""
    from companion.journal.disk import kind_write

    manifest = vault.manifest()
    rewritten = 0
    for path in sorted(vault.entries_dir.iterdir()):
        match = ENTRY_NAME.match(path.name) or CONFLICT_NAME.match(path.name)
        if not match:
            continue
        try:
            data = read_regular(path)
            plain, keys = ring.decrypt(data)
        except (OSError, NotARegularFile, pyrage.DecryptError):
            continue  # reported by the next read; never rewritten blind
        if _encrypted_to_exactly(data, ring, keys):
            continue
        try:
            entry = from_plaintext(plain, match.group(1), keys, path.name)
        except DamagedFile:
            continue
        known = manifest.versions.get(entry.id) == entry.version
        if not ring.is_writer(keys) and not known and ENTRY_NAME.match(path.name):
            continue  # waits for the person's OK (review.py)
        kind_write(path, ring.encrypt(to_plaintext(entry, ring.current)))
        rewritten += 1
    vault.store_manifest(manifest.copy(), ring)
    write_keyring(vault, ring.as_settled())
    return rewritten


def _encrypted_to_exactly(data: bytes, ring: Keyring, opened_by: Keys) -> bool:
    if recipient_count(data) != len(ring.writers) or not opened_by.same_as(ring.current):
        return False
    for keys in ring.writers[1:]:
        try:
            keys.decrypt(data)
        except pyrage.DecryptError:
            return False
    return True


def upgrade_format_1(vault: OpenVault, ring: Keyring) -> Keyring:
    """keyring.age is missing: a format 1 vault (check.age) gets a keyring and a manifest; a
    format 2 vault whose keyring went missing gets it again, and the person hears of it. Either
    way the key must prove it belongs (WrongPassphrase otherwise)."""
    from companion.journal.disk import _write_marker, kind_write

    folder = vault.folder
    if not _key_belongs(folder, ring.current):
        raise WrongPassphrase(_("That key does not belong to this journal."))
    if (folder / CHECK).exists():
        versions = {m.group(1): 0 for p in (folder / ENTRIES).iterdir()
                    if (m := ENTRY_NAME.match(p.name))}
        kind_write(folder / MANIFEST, manifest_file.seal(Manifest(versions), ring))
        write_keyring(vault, ring)
        created = ""
        with contextlib.suppress(OSError, ValueError):
            created = (folder / MARKER).read_text().split('created = "', 1)[1].split('"')[0]
        _write_marker(folder, created)
        (folder / CHECK).unlink(missing_ok=True)
    else:
        vault.note(f"{KEYRING} was missing and has been written again with the key this "
                   "computer holds; entries written with earlier keys may not open")
        write_keyring(vault, ring)
    return vault._ring()


def _key_belongs(folder: Path, keys: Keys) -> bool:
    candidates = [folder / CHECK, folder / ROTATING / CHECK, folder / MANIFEST]
    candidates += sorted((folder / ENTRIES).glob("*.age"))[:20]
    for path in candidates:
        try:
            plain = keys.decrypt(read_regular(path))
        except (OSError, NotARegularFile, pyrage.DecryptError):
            continue
        if path.name != CHECK or plain == CHECK_TEXT:
            return True
    return False


def _adopt_format_1_rotation(vault: OpenVault, ring: Keyring) -> None:
    """A key change by Companion 0.1 was cut short: files the current key opens are moved in,
    the others (from a change that never committed) are dropped."""
    rotating = vault.folder / ROTATING
    for path in sorted(rotating.glob("*.age")):
        try:
            ring.decrypt(read_regular(path))
        except (OSError, NotARegularFile, pyrage.DecryptError):
            continue
        if ENTRY_NAME.match(path.name):
            os.replace(path, vault.entries_dir / path.name)
    shutil.rmtree(rotating)
