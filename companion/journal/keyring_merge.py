"""When the journal's key was changed on two computers while they were apart, the sync tool keeps
two keyrings. Every key in both is kept (so every entry opens on either computer), the one that
won keyring.age stays the journal's key, and the person hears what happened."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from companion.i18n import _
from companion.journal.files import NotARegularFile, read_regular
from companion.journal.keyring import Keyring, open_keyring
from companion.journal.keys import DamagedFile, Keys, WrongPassphrase
from companion.journal.upkeep import reencrypt_all, write_keyring

if TYPE_CHECKING:
    from companion.journal.vault_parts import OpenVault


def open_with_any(data: bytes, keys: list[Keys]) -> Keyring | None:
    """The keyring, opened by the first of these keys that may open it; None when none may."""
    for candidate in keys:
        try:
            return open_keyring(data, candidate)
        except WrongPassphrase:
            continue
    return None


def with_copies(ring: Keyring, copies: list[Path], vault: OpenVault) -> Keyring | None:
    """The ring with every key from the copies these keys open; the merged keyring is written
    and the copies removed (call under the write lock). None when no copy opened."""
    merged = ring
    opened: list[Path] = []
    for copy in copies:
        try:
            other = open_with_any(read_regular(copy), merged.writers)  # never a retired key
        except (DamagedFile, NotARegularFile, OSError):
            continue
        if other is None:
            vault.note(f"{copy.name}: the journal's key was also changed on another computer, "
                       "with a key this computer does not hold, so entries written there may "
                       "not open here. Merge them with that computer's recovery key: "
                       "companion journal merge-key")
            continue
        merged = merged.merged_with(other, vault.computer)
        opened.append(copy)
    if not opened:
        return None
    write_keyring(vault, merged)
    for copy in opened:
        copy.unlink(missing_ok=True)
    vault.note(_("The journal's key was changed on two computers while they were apart. Both keys "
               "are kept, so every entry opens. To be sure which recovery key is yours, make a "
               "new one (More… → Make a new recovery key)."))
    return merged


def merge_with_key(vault: OpenVault, other: Keys) -> int:
    """Merge the keyrings that only the other computer's key opens (its recovery key, or the key
    its passphrase opens); returns how many were merged. WrongPassphrase when it opens none."""
    merged = 0
    with vault.writing() as ring:
        for copy in vault.keyring_copies():
            try:
                theirs = open_keyring(read_regular(copy), other)
            except (WrongPassphrase, DamagedFile, NotARegularFile, OSError):
                continue
            ring = ring.merged_with(theirs, vault.computer)
            write_keyring(vault, ring)
            copy.unlink(missing_ok=True)
            merged += 1
    if not merged:
        raise WrongPassphrase(_("That key opens none of the other computer's keyrings here."))
    with vault.writing() as ring:
        reencrypt_all(vault, ring)
    vault.notes = [n for n in vault.notes if "does not hold" not in n]
    return merged
