"""index.age: an encrypted cache of every entry, so an unlock decrypts one file instead of
thousands. It can always be rebuilt from the entries; each record is MAC-checked on load, and the
file is rewritten only when what it would hold has changed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import TYPE_CHECKING

import pyrage

from companion.journal.entry import Entry, from_plaintext, to_plaintext
from companion.journal.files import NotARegularFile, read_regular
from companion.journal.keys import DamagedFile, encrypt_to
from companion.journal.layout import ENTRY_NAME

if TYPE_CHECKING:
    from companion.journal.vault_parts import OpenVault


def index_writer(vault: OpenVault, entries: dict[str, Entry]) -> Callable[[], None]:
    """A call that writes the cache later, holding no secret key: only the public recipients
    and the MAC key (so a lock can forget the keys at once and still save the cache)."""
    ring = vault._ring()
    writers = list(ring.writers)
    current = ring.current
    seen = dict(vault._seen)
    chosen = {name: (signature, entries[name[:-4]]) for name, signature in seen.items()
              if name[:-4] in entries}
    previous = vault._index_digest

    def write() -> None:
        from companion.journal.disk import kind_write

        records = {name: {"sig": list(signature), "plain": to_plaintext(entry, current).decode()}
                   for name, (signature, entry) in sorted(chosen.items())}
        data = json.dumps({"format": 1, "records": records}).encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        if digest == previous:
            return  # nothing changed: no write, and nothing for a sync tool to carry
        with vault.mutex:
            from companion.journal.disk import write_lock

            with write_lock(vault.folder):
                vault.index_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                kind_write(vault.index_path, encrypt_to(data, writers))
        vault._index_digest = digest

    # The MAC key stays reachable only through `current` inside this closure.
    return write


def save_index(vault: OpenVault, entries: dict[str, Entry]) -> None:
    index_writer(vault, entries)()


def load_index(vault: OpenVault) -> dict[str, Entry]:
    """Entries from the cache (each still MAC-checked); empty when it is missing or stale."""
    ring = vault._ring()
    try:
        plain, _keys = ring.decrypt(read_regular(vault.index_path))
        doc = json.loads(plain)
    except (OSError, NotARegularFile, pyrage.DecryptError, ValueError):
        return {}
    entries: dict[str, Entry] = {}
    for name, record in doc.get("records", {}).items():
        match = ENTRY_NAME.match(name)
        if not match:
            continue
        try:
            entry = from_plaintext(record["plain"].encode("utf-8"), match.group(1), ring.current,
                                   name)
            signature = (int(record["sig"][0]), int(record["sig"][1]))
        except (DamagedFile, KeyError, TypeError, ValueError, IndexError):
            continue
        entries[entry.id] = entry
        vault.remember(vault.entries_dir / name, entry.version, signature)
    vault._index_digest = hashlib.sha256(plain).hexdigest()  # the very bytes index_writer hashed
    return entries
