"""When the journal's key was changed on two computers while they were apart, the sync tool keeps
two keyrings. Every key in both is kept (so every entry opens on either computer), the one that
won keyring.age stays the journal's key, and the person hears what happened."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from companion.journal import keyring as keyring_file
from companion.journal.disk import kind_write
from companion.journal.files import NotARegularFile, read_regular
from companion.journal.keyring import KEYRING, Keyring, open_keyring
from companion.journal.keys import DamagedFile, Keys, WrongPassphrase

if TYPE_CHECKING:
    from companion.journal.vault import Vault


def open_with_any(data: bytes, keys: list[Keys]) -> Keyring | None:
    """The keyring, opened by the first of these keys that may open it; None when none may."""
    for candidate in keys:
        try:
            return open_keyring(data, candidate)
        except WrongPassphrase:
            continue
    return None


def with_copies(ring: Keyring, copies: list[Path], vault: Vault) -> Keyring | None:
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
                       "with a key this computer does not hold; entries written there may not "
                       "open here until it is merged")
            continue
        known = merged.all()
        extra = [k for k in other.all() if not any(k.same_as(m) for m in known)]
        merged = Keyring(merged.current, merged.retiring, [*merged.earlier, *extra],
                         settled=False, by=vault.computer)
        opened.append(copy)
    if not opened:
        return None
    kind_write(vault.folder / KEYRING, keyring_file.seal(merged))
    for copy in opened:
        copy.unlink(missing_ok=True)
    vault.note("The journal's key was changed on two computers while they were apart. Both keys "
               "are kept, so every entry opens. To be sure which recovery key is yours, make a "
               "new one (More… → Make a new recovery key).")
    return merged
