"""The vault: a folder of standard age files.

    identity.age          the current key, under the passphrase (`age -d -i identity.age` opens
                          any entry written with it)
    keyring.age           every key the journal has had (keyring.py)
    manifest.age          each entry's version and the ids of deleted ones (manifest.py)
    entries/<uuid>.age    one record each
    index.age             an encrypted cache that can always be rebuilt

Every write is atomic and made under a short lock on .lock, so another process (the command line)
can write while the app is open; before each write the vault checks that the key it holds is still
the journal's key. Nothing readable is ever written. Format 1 (check.age, no keyring or manifest)
is upgraded at the first unlock."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from companion.atomic import fsync_dir
from companion.clock import Clock
from companion.i18n import _
from companion.journal import manifest as manifest_file
from companion.journal.disk import kind_write, write_lock
from companion.journal.entry import Entry, from_plaintext, to_plaintext
from companion.journal.files import NotARegularFile, read_regular
from companion.journal.keyring import KEYRING, Keyring
from companion.journal.keys import (
    DamagedFile,
    DeletedElsewhere,
    JournalError,
    KeyChanged,
    Keys,
)
from companion.journal.layout import (  # noqa: F401 (other modules take names from here)
    CHECK,
    CHECK_TEXT,
    ENTRIES,
    ENTRY_NAME,
    FORMAT,
    IDENTITY,
    INDEX,
    KEYRING_COPY,
    LOCK,
    MANIFEST_COPY,
    MARKER,
    ROTATING,
    SYNC_MARKERS,
)
from companion.journal.manifest import MANIFEST, Manifest, open_manifest
from companion.journal.review import Conflict, ReadResult, Review

log = logging.getLogger(__name__)


class Vault:
    """An unlocked vault: the keys live here and nowhere else; lock() forgets them."""

    def __init__(self, folder: Path, keys: Keys | Keyring, clock: Clock,
                 cache: Path | None = None) -> None:
        self.folder = folder
        # The index is this computer's own: in the cache folder, never in a synced folder.
        self.index_path = folder / INDEX if cache is None else index_file(cache, folder)
        self.ring: Keyring | None = keys if isinstance(keys, Keyring) else Keyring(keys)
        self._ring_sig: tuple[int, int, int] | None = None
        self._clock = clock
        self.entries_dir = folder / ENTRIES
        self.entries_dir.mkdir(parents=True, exist_ok=True)
        self._seen: dict[str, tuple[int, int]] = {}  # file name -> (mtime_ns, size) when read
        self.seen_version: dict[str, int] = {}  # file name -> the version that file held
        self._manifest: Manifest | None = None
        self._manifest_sig: tuple[int, int] | None = None
        self.observed: dict[str, int] = {}  # versions read that the manifest does not hold yet
        self.notes: list[str] = []  # what the person should hear about the vault itself
        self.mutex = threading.RLock()  # one thread of this process writes at a time
        from companion.journal.upkeep import this_computer

        self.computer = this_computer()  # only the computer that began a key change finishes it
        self._depth = 0
        self._index_digest: str | None = None  # what index.age holds, to skip rewriting it

    @property
    def keys(self) -> Keys | None:
        return self.ring.current if self.ring is not None else None

    def _ring(self) -> Keyring:
        if self.ring is None:
            raise JournalError(_("The journal is locked."))
        return self.ring

    @property
    def unconfirmed_key(self) -> str | None:
        """The new recovery key, while a key change waits for the person to confirm storing it."""
        ring = self.ring
        return ring.current.recovery_key if ring is not None and ring.retiring else None

    def recovered(self, passphrase: str | None = None) -> Vault:
        """Sweep what a crash left and finish an interrupted delete or key change (upkeep.py)."""
        from companion.journal.upkeep import recover

        return recover(self, passphrase)

    def lock(self) -> None:
        """Forget the keys at once (the caller drops every decrypted text it holds)."""
        self.ring = None
        self._manifest = None

    # --- the key in use ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def writing(self) -> Iterator[Keyring]:
        """Hold the lock and make sure the key in memory is still the journal's key."""
        with self.mutex:
            if self._depth:  # already held by this thread: flock would wait on itself
                yield self.sync_ring()
                return
            with write_lock(self.folder):
                self._depth = 1
                try:
                    yield self.sync_ring()
                finally:
                    self._depth = 0

    def sync_ring(self) -> Keyring:
        """Re-read keyring.age when it changed: adopt a key change this key may follow, merge a
        sync tool's copy from a change made on both computers while apart, refuse (KeyChanged) a
        change this key may not follow. Call under the write lock."""
        ring = self._ring()
        path = self.folder / KEYRING
        copies = self.keyring_copies()
        try:
            signature = self._keyring_signature(copies)
        except FileNotFoundError:
            from companion.journal.upkeep import upgrade_format_1

            return upgrade_format_1(self, ring)
        if signature == self._ring_sig:
            return ring
        from companion.journal.keyring_merge import open_with_any, with_copies

        try:
            found = open_with_any(read_regular(path), ring.writers)  # never a retired key
            if found is None:
                found = with_copies(ring, copies, self)  # their keys may open the winner
                if found is None or (found := open_with_any(read_regular(path),
                                                            found.writers)) is None:
                    raise KeyChanged(_("The journal's key was changed (on another computer, or by "
                                     "a new recovery key) since it was unlocked here, so "
                                     "nothing was written. Unlock it again to go on; what you "
                                     "typed is kept."))
        except (DamagedFile, NotARegularFile) as exc:
            self.note(_("{exc}. The keys this computer holds are used; nothing was changed.").format(exc=exc))
            self._ring_sig = signature
            return ring
        if copies:
            found = with_copies(found, copies, self) or found
        if not found.current.same_as(ring.current):
            log.info("the journal's key was changed elsewhere; following it")
        self.ring, self._ring_sig = found, self._keyring_signature(self.keyring_copies())
        return found

    def keyring_copies(self) -> list[Path]:
        """A sync tool's copies of keyring.age (the key was changed on two computers)."""
        return sorted(p for p in self.folder.iterdir() if KEYRING_COPY.match(p.name))

    def _keyring_signature(self, copies: list[Path]) -> tuple[int, int, int]:
        """What tells that keyring.age (or its copies) changed; FileNotFoundError without it."""
        stat = (self.folder / KEYRING).stat()
        return stat.st_mtime_ns, stat.st_size, len(copies)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    # --- the manifest -----------------------------------------------------------------------------

    def manifest(self, problems: list[str] | None = None) -> Manifest:
        """The merged records (with any sync tool's copies); a missing or damaged one is reported
        in problems and an empty one used."""
        with self.mutex:
            ring = self._ring()
            path = self.folder / MANIFEST
            copies = [p for p in self.folder.iterdir() if MANIFEST_COPY.match(p.name)]
            try:
                stat = path.stat()
                signature: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
            except FileNotFoundError:
                signature = None
            if self._manifest is not None and signature == self._manifest_sig and not copies:
                return self._manifest
            found = Manifest()
            if signature is None:
                self._report(problems, f"{MANIFEST} is missing, so Companion cannot tell "
                                       "whether entries were removed or put back; it is written "
                                       "again from the entries here")
            else:
                try:
                    found = open_manifest(read_regular(path), ring)
                except (DamagedFile, NotARegularFile, OSError) as exc:
                    self._report(problems, f"{exc}; it is written again from the entries here")
            for copy in copies:
                with contextlib.suppress(DamagedFile, NotARegularFile, OSError):
                    found.merge(open_manifest(read_regular(copy), ring, copy.name))
            self._manifest, self._manifest_sig = found, signature
            return found

    def _report(self, problems: list[str] | None, text: str) -> None:
        if problems is not None:
            problems.append(text)
        self.note(text)

    def store_manifest(self, manifest: Manifest, ring: Keyring) -> None:
        """Write the records (under the write lock), folding in versions read meanwhile."""
        for entry_id, version in self.observed.items():
            if entry_id not in manifest.deleted:
                manifest.saved(entry_id, version)
        self.observed.clear()
        kind_write(self.folder / MANIFEST, manifest_file.seal(manifest, ring))
        for copy in [p for p in self.folder.iterdir() if MANIFEST_COPY.match(p.name)]:
            copy.unlink(missing_ok=True)  # merged into the one just written
        stat = (self.folder / MANIFEST).stat()
        self._manifest, self._manifest_sig = manifest, (stat.st_mtime_ns, stat.st_size)

    # --- entries ----------------------------------------------------------------------------------

    def path_of(self, entry_id: str) -> Path:
        return self.entries_dir / f"{entry_id}.age"

    def save(self, entry: Entry, revive: bool = False) -> Entry:
        """Encrypt and write one entry atomically with a version above any before; JournalError
        keeps the old version intact, DeletedElsewhere refuses to bring back a deleted entry
        unless revive. Returns the entry as saved."""
        path = self.path_of(entry.id)
        with self.writing() as ring:
            manifest = self.manifest().copy()
            if entry.id in manifest.deleted and not revive:
                raise DeletedElsewhere(_("“{heading}” was deleted (on another computer, or from the command "
                                         "line) after it was opened here, so this was not saved.")
                                         .format(heading=entry.heading))
            saved = replace(entry, version=manifest.next_version(entry.id, entry.version))
            kind_write(path, ring.encrypt(to_plaintext(saved, ring.current)))
            manifest.saved(entry.id, saved.version)
            self.store_manifest(manifest, ring)
        with contextlib.suppress(OSError):
            self.remember(path, saved.version)
        return saved

    def remember(self, path: Path, version: int,
                 signature: tuple[int, int] | None = None) -> None:
        """This file (as it is now, or as signature says it was) holds this version, so an
        unchanged file is not decrypted again."""
        if signature is None:
            stat = path.lstat()
            signature = (stat.st_mtime_ns, stat.st_size)
        self._seen[path.name] = signature
        self.seen_version[path.name] = version

    def read_file(self, path: Path, entry_id: str) -> Entry:
        """One file, decrypted and checked; DamagedFile names it when it cannot be trusted."""
        return self.read_with_key(path, entry_id)[0]

    def read_with_key(self, path: Path, entry_id: str) -> tuple[Entry, Keys]:
        """The entry and the key that opened it (an earlier one for a file from before a key
        change); DamagedFile names the file when it cannot be trusted."""
        try:
            data = read_regular(path)
        except NotARegularFile as exc:
            raise DamagedFile(f"{exc}; it was left alone") from None
        except OSError as exc:
            raise DamagedFile(f"{path.name} cannot be read ({exc.strerror})") from exc
        ring = self._ring()
        plain, opened_by = ring.open_file(data, path.name)
        first: DamagedFile | None = None
        for keys in ring.starting_with(opened_by):  # another key may have sealed it
            try:
                return from_plaintext(plain, entry_id, keys, path.name), keys
            except DamagedFile as exc:
                first = first or exc
        assert first is not None
        raise first

    def read(self, entry_id: str) -> Entry:
        return self.read_file(self.path_of(entry_id), entry_id)

    def read_all(self, known: dict[str, Entry] | None = None) -> ReadResult:
        """Every entry, checked against the manifest; unchanged files are not decrypted again."""
        from companion.journal.review import read_everything

        return read_everything(self, known or {})

    def delete(self, entry_id: str) -> None:
        """Remove an entry and record it as deleted, so a copy put back later is noticed."""
        path = self.path_of(entry_id)
        with self.writing() as ring:
            going = self.entries_dir / f".{entry_id}.age.deleting"
            with contextlib.suppress(FileNotFoundError):
                os.replace(path, going)  # one step a crash cannot split
            self.finish_delete(entry_id, ring)
        self._seen.pop(path.name, None)

    def finish_delete(self, entry_id: str, ring: Keyring) -> None:
        manifest = self.manifest().copy()
        manifest.removed(entry_id, self.observed.pop(entry_id, 0))
        self.store_manifest(manifest, ring)
        (self.entries_dir / f".{entry_id}.age.deleting").unlink(missing_ok=True)
        fsync_dir(self.entries_dir)

    def resolve_conflict(self, conflict: Conflict, keep: str) -> Entry | None:
        from companion.journal.review import resolve_conflict

        return resolve_conflict(self, conflict, keep)

    def resolve_review(self, review: Review, keep: bool) -> Entry | None:
        from companion.journal.review import resolve_review

        return resolve_review(self, review, keep)

    # --- keys -------------------------------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str) -> None:
        """Rewrite identity.age only, atomically (slow: scrypt); it holds the journal's current
        key, whichever key unlocked it."""
        current = self._ring().current
        wrapped = current.wrap(new_passphrase)
        with self.writing() as ring:
            if not ring.current.same_as(current):
                wrapped = ring.current.wrap(new_passphrase)
            kind_write(self.folder / IDENTITY, wrapped)

    def rotate_key(self, passphrase: str) -> str:
        """Encrypt everything to a new key and return the new recovery key (upkeep.py)."""
        from companion.journal.upkeep import commit_rotation, prepare_rotation

        return commit_rotation(self, *prepare_rotation(passphrase))

    def confirm_key(self) -> None:
        """The person stored the new recovery key: the one before stops working (upkeep.py)."""
        from companion.journal.upkeep import confirm_rotation

        confirm_rotation(self)

    # --- the index cache ------------------------------------------------------------------------

    def save_index(self, entries: dict[str, Entry]) -> None:
        from companion.journal.index_cache import save_index

        save_index(self, entries)

    def load_index(self) -> dict[str, Entry]:
        from companion.journal.index_cache import load_index

        return load_index(self)

    def open_all(self) -> ReadResult:
        """All entries after unlock: the cache first, then only the files that changed."""
        return self.read_all(self.load_index())

    def check(self) -> list[str]:
        """Every file decrypted and checked against the manifest: one line per thing wrong."""
        from companion.journal.review import check_lines

        return check_lines(self)


def index_file(cache: Path, folder: Path) -> Path:
    """Where this computer keeps its index cache of the journal in folder."""
    key = hashlib.sha256(str(folder.expanduser().resolve()).encode()).hexdigest()[:16]
    return cache / "journal-index" / f"{key}.age"


def default_folder(data_dir: Path) -> Path:
    return data_dir / "journal"

