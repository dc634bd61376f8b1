"""What the vault's helper modules (upkeep, review, keyring_merge, index_cache) use of an open
vault, as a Protocol: they work on the vault that vault.py defines without importing it, so the
journal's modules import each other in one direction only (vault.py uses the helpers)."""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from companion.journal.entry import Entry
from companion.journal.keyring import Keyring
from companion.journal.keys import Keys
from companion.journal.manifest import Manifest


class Problems(Protocol):
    """A read of every entry, as far as upkeep needs it: the files that could not be read."""

    problems: list[str]


class OpenVault(Protocol):
    """An unlocked vault (companion.journal.vault.Vault)."""

    folder: Path
    entries_dir: Path
    index_path: Path
    ring: Keyring | None
    computer: str
    notes: list[str]
    observed: dict[str, int]
    seen_version: dict[str, int]
    mutex: threading.RLock
    _ring_sig: tuple[int, int, int] | None
    _seen: dict[str, tuple[int, int]]
    _index_digest: str | None

    def _ring(self) -> Keyring: ...
    def writing(self) -> AbstractContextManager[Keyring]: ...
    def keyring_copies(self) -> list[Path]: ...
    def note(self, text: str) -> None: ...
    def manifest(self, problems: list[str] | None = None) -> Manifest: ...
    def store_manifest(self, manifest: Manifest, ring: Keyring) -> None: ...
    def save(self, entry: Entry, revive: bool = False) -> Entry: ...
    def remember(self, path: Path, version: int,
                 signature: tuple[int, int] | None = None) -> None: ...
    def read_file(self, path: Path, entry_id: str) -> Entry: ...
    def read_with_key(self, path: Path, entry_id: str) -> tuple[Entry, Keys]: ...
    def read_all(self, known: dict[str, Entry] | None = None) -> Problems: ...
    def delete(self, entry_id: str) -> None: ...
    def finish_delete(self, entry_id: str, ring: Keyring) -> None: ...


__all__ = ["OpenVault", "Problems"]
