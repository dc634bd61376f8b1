"""Opening a journal: creating a new vault, and unlocking one with its passphrase or its recovery
key (the slow key work runs off the GUI thread); every way in turns core dumps off first."""

from __future__ import annotations

import tomllib
from pathlib import Path

from companion.clock import Clock
from companion.i18n import _
from companion.journal import keyring as keyring_file
from companion.journal import manifest as manifest_file
from companion.journal.disk import _write_marker, kind_write, write_lock
from companion.journal.files import NotARegularFile, read_regular
from companion.journal.hardening import protect_process
from companion.journal.keyring import KEYRING, Keyring
from companion.journal.keys import DamagedFile, JournalError, KeyChanged, Keys, WrongPassphrase
from companion.journal.layout import ENTRIES, FORMAT, IDENTITY, MARKER, SYNC_MARKERS
from companion.journal.manifest import MANIFEST, Manifest
from companion.journal.vault import Vault


def is_vault(folder: Path) -> bool:
    return (folder / MARKER).is_file() and (folder / IDENTITY).is_file()


def create_vault(folder: Path, passphrase: str, clock: Clock, cache: Path | None = None) -> Vault:
    """A new, empty vault protected by a passphrase (slow: scrypt). Refuses a non-empty folder
    (a sync tool's own marker files aside)."""
    if is_vault(folder):
        raise JournalError(_("There is already a journal in {folder}.").format(folder=folder))
    if folder.exists() and any(p.name not in SYNC_MARKERS for p in folder.iterdir()):
        raise JournalError(_("{folder} is not empty; choose an empty folder for a new journal.")
                             .format(folder=folder))
    protect_process()  # no core dump may hold the key from here on
    ring = Keyring(Keys.generate())
    wrapped = ring.current.wrap(passphrase)
    (folder / ENTRIES).mkdir(parents=True, exist_ok=True)
    for private in (folder, folder / ENTRIES):
        private.chmod(0o700)  # the files are encrypted; their names and count are still private
    with write_lock(folder):
        kind_write(folder / KEYRING, keyring_file.seal(ring))
        kind_write(folder / MANIFEST, manifest_file.seal(Manifest(), ring))
        kind_write(folder / IDENTITY, wrapped)
        _write_marker(folder, clock.now().date().isoformat())
    return Vault(folder, ring, clock, cache)


def vault_format(folder: Path) -> int:
    try:
        doc = tomllib.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DamagedFile(f"{MARKER} cannot be read ({exc}); the journal folder may be "
                          "damaged") from exc
    found = doc.get("format")
    if found not in (1, FORMAT):
        raise JournalError(_("This journal was made by a newer Companion (format {found}); update Companion "
                             "to open it.").format(found=found))
    return int(found)


def unlock(folder: Path, passphrase: str, clock: Clock, cache: Path | None = None) -> Vault:
    """Open the vault with its passphrase (slow: scrypt; call it off the GUI thread), finishing
    any interrupted key change."""
    vault_format(folder)
    protect_process()  # no core dump may hold the key from here on
    try:
        data = read_regular(folder / IDENTITY)
    except (OSError, NotARegularFile) as exc:
        raise DamagedFile(f"{IDENTITY} cannot be read ({exc}). Your recovery key still opens "
                          "the journal.") from exc
    return Vault(folder, Keys.unwrap(data, passphrase), clock, cache).recovered(passphrase)


def unlock_with_recovery_key(folder: Path, recovery_key: str, clock: Clock,
                             cache: Path | None = None) -> Vault:
    """Open the vault with its recovery key (fast); the caller then sets a new passphrase, which
    protects the journal's current key (a newer one than this, after an unconfirmed change)."""
    vault_format(folder)
    protect_process()
    vault = Vault(folder, Keys.from_recovery_key(recovery_key), clock, cache)
    try:
        with vault.writing():
            pass
    except (WrongPassphrase, KeyChanged):
        raise WrongPassphrase(_("That recovery key does not belong to this journal, or it was "
                              "replaced by a newer one.")) from None
    return vault.recovered()
