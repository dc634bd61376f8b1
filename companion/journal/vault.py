"""The vault: a folder of standard age files. identity.age (the X25519 identity under a
passphrase), check.age (proves a recovery key belongs here), entries/<uuid>.age (one record each,
encrypted to the identity) and index.age (an encrypted cache that can always be rebuilt).

Every write is atomic and made under a short lock on .lock, so another process (the command line)
can write while the app is open. Nothing readable is ever written."""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import re
import shutil
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyrage

from companion.atomic import atomic_write_bytes, atomic_write_text, fsync_dir
from companion.clock import Clock
from companion.journal.entry import Entry, from_plaintext, to_plaintext
from companion.journal.keys import DamagedFile, JournalError, Keys, WrongPassphrase

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: writes are still atomic, just not interlocked
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

MARKER = "companion-vault.toml"
IDENTITY = "identity.age"
CHECK = "check.age"
INDEX = "index.age"
ENTRIES = "entries"
ROTATING = "rotating"
LOCK = ".lock"
FORMAT = 1
CHECK_TEXT = b"companion-vault-check/1\n"
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
ENTRY_NAME = re.compile(rf"^({UUID})\.age$")
# Copies that sync tools leave beside a file both sides changed: Syncthing, Dropbox, Nextcloud.
CONFLICT_NAME = re.compile(
    rf"^({UUID})(\.sync-conflict-[0-9A-Za-z-]+| \([^)]*conflict[^)]*\))\.age$", re.IGNORECASE)


def is_vault(folder: Path) -> bool:
    return (folder / MARKER).is_file() and (folder / IDENTITY).is_file()


@contextlib.contextmanager
def write_lock(folder: Path) -> Iterator[None]:
    """Hold the vault's lock for one short write (never for a whole session)."""
    folder.mkdir(parents=True, exist_ok=True)
    with os.fdopen(os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o600), "r+b") as handle:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _kind_write(path: Path, data: bytes) -> None:
    """Atomic write; a full disk becomes a JournalError that says the old version is intact."""
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise JournalError("The disk is full, so this was not saved; the version saved "
                               "before is intact. Free some space and it will save again.") from exc
        raise JournalError(f"This could not be saved ({exc.strerror}); the version saved before "
                           "is intact.") from exc


def create_vault(folder: Path, passphrase: str, clock: Clock) -> Vault:
    """A new, empty vault protected by a passphrase (slow: scrypt). Refuses a non-empty folder."""
    if is_vault(folder):
        raise JournalError(f"There is already a journal in {folder}.")
    if folder.exists() and any(folder.iterdir()):
        raise JournalError(f"{folder} is not empty; choose an empty folder for a new journal.")
    keys = Keys.generate()
    (folder / ENTRIES).mkdir(parents=True, exist_ok=True)
    for private in (folder, folder / ENTRIES):
        private.chmod(0o700)  # the files are encrypted; their names and count are still private
    with write_lock(folder):
        _kind_write(folder / CHECK, keys.encrypt(CHECK_TEXT))
        _kind_write(folder / IDENTITY, keys.wrap(passphrase))
        atomic_write_text(folder / MARKER, "# A Companion journal. Each file in entries/ is a "
                                           "standard age file.\n"
                                           f"format = {FORMAT}\ncreated = "
                                           f"\"{clock.now().date().isoformat()}\"\n")
    return Vault(folder, keys, clock)


def _check_format(folder: Path) -> None:
    try:
        doc = tomllib.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DamagedFile(f"{MARKER} cannot be read ({exc}); the journal folder may be "
                          "damaged") from exc
    if doc.get("format") != FORMAT:
        raise JournalError(f"This journal was made by a newer Companion (format "
                           f"{doc.get('format')}); update Companion to open it.")


def unlock(folder: Path, passphrase: str, clock: Clock) -> Vault:
    """Open the vault with its passphrase (slow: scrypt; call it off the GUI thread)."""
    _check_format(folder)
    try:
        data = (folder / IDENTITY).read_bytes()
    except OSError as exc:
        raise DamagedFile(f"{IDENTITY} cannot be read ({exc.strerror}). Your recovery key "
                          "still opens the journal.") from exc
    return Vault(folder, Keys.unwrap(data, passphrase), clock).recovered()


def unlock_with_recovery_key(folder: Path, recovery_key: str, clock: Clock) -> Vault:
    """Open the vault with its recovery key (fast); the caller then sets a new passphrase."""
    _check_format(folder)
    keys = Keys.from_recovery_key(recovery_key)
    for check in (folder / CHECK, folder / ROTATING / CHECK):
        try:
            if keys.decrypt(check.read_bytes()) == CHECK_TEXT:
                return Vault(folder, keys, clock).recovered()
        except (OSError, pyrage.DecryptError):
            continue
    raise WrongPassphrase("That recovery key does not belong to this journal.")


@dataclass
class Conflict:
    """A sync tool's copy of an entry that was changed in two places: both versions kept."""

    original: Entry | None
    copy: Entry
    copy_path: Path


@dataclass
class ReadResult:
    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # one line per unreadable file, by name
    conflicts: list[Conflict] = field(default_factory=list)


class Vault:
    """An unlocked vault: the keys live here and nowhere else; lock() forgets them."""

    def __init__(self, folder: Path, keys: Keys, clock: Clock) -> None:
        self.folder = folder
        self.keys: Keys | None = keys
        self._clock = clock
        self.entries_dir = folder / ENTRIES
        self.entries_dir.mkdir(parents=True, exist_ok=True)
        self._seen: dict[str, tuple[int, int]] = {}  # file name -> (mtime_ns, size) when read

    def _keys(self) -> Keys:
        if self.keys is None:
            raise JournalError("The journal is locked.")
        return self.keys

    def lock(self) -> None:
        """Forget the keys (the caller drops every decrypted text it holds)."""
        self.keys = None

    # --- start-up housekeeping ------------------------------------------------------------------

    def recovered(self) -> Vault:
        """Sweep temp files left by a crash and finish (or undo) an interrupted key rotation."""
        with write_lock(self.folder):
            for folder in (self.folder, self.entries_dir):
                for stale in folder.glob(".*.tmp"):
                    stale.unlink(missing_ok=True)
            rotating = self.folder / ROTATING
            if rotating.is_dir():
                self._finish_rotation(rotating)
        return self

    def _finish_rotation(self, rotating: Path) -> None:
        try:
            committed = self._keys().decrypt((rotating / CHECK).read_bytes()) == CHECK_TEXT
        except (OSError, pyrage.DecryptError):
            committed = False
        if not committed:  # identity.age still holds the old key: the new files are unused
            shutil.rmtree(rotating)
            return
        for path in sorted(rotating.glob("*.age")):
            target = self.folder / CHECK if path.name == CHECK else self.entries_dir / path.name
            os.replace(path, target)
        fsync_dir(self.entries_dir)
        fsync_dir(self.folder)
        shutil.rmtree(rotating)

    # --- entries ----------------------------------------------------------------------------------

    def path_of(self, entry_id: str) -> Path:
        return self.entries_dir / f"{entry_id}.age"

    def save(self, entry: Entry) -> None:
        """Encrypt and write one entry atomically; JournalError keeps the old version intact."""
        data = self._keys().encrypt(to_plaintext(entry, self._keys()))
        path = self.path_of(entry.id)
        with write_lock(self.folder):
            _kind_write(path, data)
        with contextlib.suppress(OSError):
            stat = path.stat()
            self._seen[path.name] = (stat.st_mtime_ns, stat.st_size)

    def read_file(self, path: Path, entry_id: str) -> Entry:
        """One file, decrypted and checked; DamagedFile names it when it cannot be trusted."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DamagedFile(f"{path.name} cannot be read ({exc.strerror})") from exc
        try:
            plain = self._keys().decrypt(data)
        except pyrage.DecryptError:
            raise DamagedFile(f"{path.name} is damaged or truncated, or was not written for this "
                              "journal") from None
        return from_plaintext(plain, entry_id, self._keys(), path.name)

    def read(self, entry_id: str) -> Entry:
        return self.read_file(self.path_of(entry_id), entry_id)

    def read_all(self, known: dict[str, Entry] | None = None) -> ReadResult:
        """Every entry; files unchanged since `known` was read are not decrypted again."""
        result = ReadResult()
        known = known or {}
        copies: list[tuple[str, Path]] = []
        for path in sorted(self.entries_dir.glob("*.age")):
            plain = ENTRY_NAME.match(path.name)
            conflict = CONFLICT_NAME.match(path.name)
            if conflict:
                copies.append((conflict.group(1), path))
                continue
            if not plain:
                continue
            entry_id = plain.group(1)
            try:
                stat = path.stat()
                signature = (stat.st_mtime_ns, stat.st_size)
                if entry_id in known and self._seen.get(path.name) == signature:
                    result.entries[entry_id] = known[entry_id]
                    continue
                result.entries[entry_id] = self.read_file(path, entry_id)
                self._seen[path.name] = signature
            except (DamagedFile, OSError) as exc:
                log.warning("journal file left unread: %s", path.name)
                result.problems.append(str(exc))
        for entry_id, path in copies:
            try:
                copy = self.read_file(path, entry_id)
            except DamagedFile as exc:
                result.problems.append(str(exc))
                continue
            result.conflicts.append(Conflict(result.entries.get(entry_id), copy, path))
        return result

    def delete(self, entry_id: str) -> None:
        with write_lock(self.folder):
            self.path_of(entry_id).unlink(missing_ok=True)
            fsync_dir(self.entries_dir)
        self._seen.pop(f"{entry_id}.age", None)

    def resolve_conflict(self, conflict: Conflict, keep: str) -> Entry | None:
        """keep 'original', 'copy' or 'both'; the other version is removed only after the kept
        one is safely written. Returns the entry added or replaced, if any."""
        kept: Entry | None = None
        if keep == "copy":
            kept = conflict.copy
            self.save(kept)
        elif keep == "both":
            kept = Entry.new(conflict.copy.modified, conflict.copy.title + " (other copy)",
                             conflict.copy.body, conflict.copy.tags, conflict.copy.mood,
                             conflict.copy.kind)
            self.save(kept)
        elif keep != "original":
            raise ValueError(f"keep must be original, copy or both, not {keep!r}")
        with write_lock(self.folder):
            conflict.copy_path.unlink(missing_ok=True)
            fsync_dir(self.entries_dir)
        return kept

    # --- keys -------------------------------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str) -> None:
        """Rewrite identity.age only, atomically (slow: scrypt)."""
        wrapped = self._keys().wrap(new_passphrase)
        with write_lock(self.folder):
            _kind_write(self.folder / IDENTITY, wrapped)

    def rotate_key(self, passphrase: str) -> str:
        """Re-encrypt everything to a new key and return the new recovery key (the old one stops
        working). Crash-safe: new files are written first, identity.age is replaced as the single
        commit point, and only then are the old files replaced."""
        current = self.read_all()
        if current.problems:
            raise JournalError("Some entries cannot be read, so the key was not changed (they "
                               "would be lost): " + "; ".join(current.problems))
        new = Keys.generate()
        wrapped = new.wrap(passphrase)
        rotating = self.folder / ROTATING
        with write_lock(self.folder):
            if rotating.exists():
                shutil.rmtree(rotating)
            rotating.mkdir()
            for entry in current.entries.values():
                _kind_write(rotating / f"{entry.id}.age", new.encrypt(to_plaintext(entry, new)))
            _kind_write(rotating / CHECK, new.encrypt(CHECK_TEXT))
            _kind_write(self.folder / IDENTITY, wrapped)  # the commit point
            self.keys = new
            self._finish_rotation(rotating)
        self._seen.clear()
        (self.folder / INDEX).unlink(missing_ok=True)
        return new.recovery_key

    # --- the index cache ------------------------------------------------------------------------

    def save_index(self, entries: dict[str, Entry]) -> None:
        """Write the encrypted cache of every entry, so the next unlock decrypts one file."""
        keys = self._keys()
        records = {}
        for name, signature in self._seen.items():
            entry = entries.get(name[:-4])
            if entry is not None:
                records[name] = {"sig": list(signature),
                                 "plain": to_plaintext(entry, keys).decode("utf-8")}
        data = json.dumps({"format": 1, "records": records}).encode("utf-8")
        with write_lock(self.folder):
            _kind_write(self.folder / INDEX, keys.encrypt(data))

    def load_index(self) -> dict[str, Entry]:
        """Entries from the cache (each still MAC-checked); empty when it is missing or stale."""
        keys = self._keys()
        try:
            doc = json.loads(keys.decrypt((self.folder / INDEX).read_bytes()))
        except (OSError, pyrage.DecryptError, ValueError):
            return {}
        entries: dict[str, Entry] = {}
        for name, record in doc.get("records", {}).items():
            match = ENTRY_NAME.match(name)
            if not match:
                continue
            try:
                entry = from_plaintext(record["plain"].encode("utf-8"), match.group(1), keys,
                                       name)
            except (DamagedFile, KeyError, TypeError):
                continue
            entries[entry.id] = entry
            self._seen[name] = (int(record["sig"][0]), int(record["sig"][1]))
        return entries

    def open_all(self) -> ReadResult:
        """All entries after unlock: the cache first, then only the files that changed."""
        return self.read_all(self.load_index())


def default_folder(data_dir: Path) -> Path:
    return data_dir / "journal"

