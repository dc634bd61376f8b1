"""Reading every entry and checking it against the manifest. What cannot be trusted is never
accepted silently: an older copy put back, a deleted entry coming back, an entry removed behind the
journal's back, or one written with an earlier key that this journal has not seen, is set aside
for the person to keep or discard. A sync tool's copies are conflicts, not tampering."""

from __future__ import annotations

import contextlib
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from companion.i18n import N_, _
from companion.journal.entry import Entry, to_plaintext
from companion.journal.keys import DamagedFile, JournalError
from companion.journal.layout import CONFLICT_NAME, DELETING_NAME, ENTRY_NAME

if TYPE_CHECKING:
    from companion.journal.vault_parts import OpenVault

KINDS = {
    "rolled-back": N_("An older copy of “{heading}” was put back in place of the newer one"),
    "resurrected": N_("“{heading}”, which was deleted, has come back"),
    "removed": N_("“{heading}” was removed from the journal folder outside Companion"),
    "earlier-key": N_("“{heading}” was written with an earlier key of this journal, by a computer "
                   "that had not heard of the key change (or by someone holding that old key)"),
    "deleted-elsewhere": N_("“{heading}” was deleted on another computer (or from the command "
                         "line) while it was open here; your latest words are kept in this "
                         "window"),
}
CHOICES = {  # (keep, discard) as the person reads them
    "rolled-back": (N_("Keep this older copy"), N_("Remove it")),
    "resurrected": (N_("Keep it"), N_("Delete it again")),
    "removed": (N_("Put back this computer's copy"), N_("Let it go")),
    "earlier-key": (N_("Keep it"), N_("Remove it")),
    "deleted-elsewhere": (N_("Keep it"), N_("Let it go")),
}


@dataclass
class Conflict:
    """A sync tool's copy of an entry that was changed in two places: both versions kept."""

    original: Entry | None
    copy: Entry
    copy_path: Path

    @property
    def labels(self) -> tuple[str, str]:
        """Each version named by when it was saved and, where the sync tool says, by which
        device (never 'here': a sync tool keeps the newer file, not this computer's)."""
        device = _device_of(self.copy_path.name)
        copy = f"Saved {_when(self.copy.modified)}" + (f" on device {device}" if device else "")
        if self.original is None:
            return "(missing)", copy
        return f"Saved {_when(self.original.modified)}", copy

    def other_copy(self) -> Entry:
        """The copy as an entry of its own ('keep both', export, search)."""
        copy = self.copy
        return Entry(self.copy_id, copy.created, copy.modified, copy.title + " (other copy)",
                     copy.body, copy.tags, copy.mood, copy.kind, copy.extra)

    @property
    def copy_id(self) -> str:
        """The id 'keep both' gives the copy: derived from the conflict file's name, so two
        computers that resolve the same conflict end with one copy, not two."""
        return str(uuid.uuid5(uuid.NAMESPACE_URL, "companion-conflict:" + self.copy_path.name))


def _device_of(name: str) -> str:
    match = re.search(r"\.sync-conflict-\d{8}-\d{6}-([0-9A-Z]{7})", name)
    return match.group(1) if match else ""


def _when(moment: datetime) -> str:
    return f"{moment.astimezone():%a %d %b %Y, %H:%M}"


@dataclass
class Review:
    """Something found in the folder that only the person may accept or discard."""

    kind: str
    entry_id: str
    entry: Entry | None  # the copy on disk, or this computer's cached copy of a removed one
    path: Path | None

    @property
    def heading(self) -> str:
        return self.entry.heading if self.entry is not None else self.entry_id

    @property
    def text(self) -> str:
        return _(KINDS[self.kind]).format(heading=self.heading)

    @property
    def choices(self) -> tuple[str, str]:
        keep, discard = (_(words) for words in CHOICES[self.kind])
        if self.kind == "removed" and self.entry is None:
            keep = ""  # no copy here to put back
        return keep, discard


@dataclass
class ReadResult:
    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # one line per unreadable file, by name
    conflicts: list[Conflict] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)


def read_everything(vault: OpenVault, known: dict[str, Entry]) -> ReadResult:
    """Every entry in the folder, each checked (MAC, id, key) and held against the manifest."""
    result = ReadResult()
    with vault.writing() as ring:  # follows a key change made elsewhere (KeyChanged if it can't)
        pass
    manifest = vault.manifest(result.problems)
    names = sorted(p.name for p in vault.entries_dir.iterdir())
    copies = [(m.group(1), vault.entries_dir / n) for n in names if (m := CONFLICT_NAME.match(n))]
    with_copies = {entry_id for entry_id, _path in copies}
    present = {m.group(1) for n in names if (m := DELETING_NAME.match(n))}  # being deleted
    late: list[tuple[Path, tuple[int, int], Entry]] = []  # known entries under an earlier key
    for name in names:
        match = ENTRY_NAME.match(name)
        if not match:
            continue
        entry_id, path = match.group(1), vault.entries_dir / name
        present.add(entry_id)
        try:
            stat = path.lstat()
            signature = (stat.st_mtime_ns, stat.st_size)
            cached = known.get(entry_id)
            if (cached is not None and vault._seen.get(name) == signature
                    and vault.seen_version.get(name) == cached.version):
                entry, writer = cached, True
            else:
                entry, keys = vault.read_with_key(path, entry_id)
                writer = ring.is_writer(keys)
                vault.remember(path, entry.version, signature)
        except (DamagedFile, OSError) as exc:
            result.problems.append(str(exc))
            continue
        expected = manifest.versions.get(entry_id)
        if entry_id in manifest.deleted:
            result.reviews.append(Review("resurrected", entry_id, entry, path))
        elif not writer and expected != entry.version:
            result.reviews.append(Review("earlier-key", entry_id, entry, path))
        elif expected is not None and entry.version < expected and entry_id not in with_copies:
            result.reviews.append(Review("rolled-back", entry_id, entry, path))
        else:
            result.entries[entry_id] = entry
            if expected is None or entry.version > expected:
                vault.observed[entry_id] = entry.version
            if not writer:
                late.append((path, signature, entry))
    for path, signature, entry in late:
        _encrypt_again(vault, path, signature, entry)
    for entry_id in sorted(set(manifest.versions) - present):
        result.reviews.append(Review("removed", entry_id, known.get(entry_id), None))
    for entry_id, path in copies:
        try:
            copy = vault.read_file(path, entry_id)
        except DamagedFile as exc:
            result.problems.append(str(exc))
            continue
        original = result.entries.get(entry_id)
        if original is not None and _same(original, copy):
            _drop_copy(vault, path)  # both sides wrote the same thing: nothing to choose
            continue
        result.conflicts.append(Conflict(original, copy, path))
    return result


def _encrypt_again(vault: OpenVault, path: Path, signature: tuple[int, int], entry: Entry) -> None:
    """A known entry that arrived under an earlier key goes to the current key (unless the file
    changed meanwhile: then the next read looks at it again)."""
    from companion.journal.disk import kind_write

    with contextlib.suppress(OSError, JournalError), vault.writing() as ring:
        stat = path.lstat()
        if (stat.st_mtime_ns, stat.st_size) == signature:
            kind_write(path, ring.encrypt(to_plaintext(entry, ring.current)))
            vault.remember(path, entry.version)


def _same(a: Entry, b: Entry) -> bool:
    """The same words, whatever the versions and times: nothing to choose between."""
    return (a.title, a.body, a.tags, a.mood, a.kind, a.extra) == \
        (b.title, b.body, b.tags, b.mood, b.kind, b.extra)


def _drop_copy(vault: OpenVault, path: Path) -> None:
    with contextlib.suppress(OSError), vault.writing():
        path.unlink(missing_ok=True)


def check_lines(vault: OpenVault) -> list[str]:
    """A full check (nothing from the cache): one line per damaged, rolled-back, resurrected,
    removed, unknown-key or conflicting entry, and per problem with the vault's own files."""
    vault._seen.clear()
    result = read_everything(vault, {})
    lines = [*vault.notes]
    lines += [p for p in result.problems if p not in lines]
    lines += [review.text for review in result.reviews]
    lines += [f"Two versions of “{c.copy.heading}” (a sync conflict: {c.copy_path.name})"
              for c in result.conflicts]
    return lines


def resolve_review(vault: OpenVault, review: Review, keep: bool) -> Entry | None:
    """Accept (keep) or discard what was set aside; returns the entry kept, if any."""
    if keep and review.entry is not None:
        return vault.save(review.entry, revive=True)  # above any version before; current key
    if keep or review.kind == "deleted-elsewhere":
        return None
    if review.kind == "removed":
        with vault.writing() as ring:
            manifest = vault.manifest().copy()
            manifest.removed(review.entry_id, manifest.versions.get(review.entry_id, 0))
            vault.store_manifest(manifest, ring)
        return None
    if review.kind == "resurrected" and review.path is not None:
        with vault.writing():
            review.path.unlink(missing_ok=True)
        return None
    vault.delete(review.entry_id)
    return None


def resolve_conflict(vault: OpenVault, conflict: Conflict, keep: str) -> Entry | None:
    """keep 'original', 'copy' or 'both'; the other version is removed only after the kept one
    is safely written. Returns the entry added or replaced, if any."""
    kept: Entry | None = None
    if keep == "copy":
        kept = vault.save(conflict.copy)
    elif keep == "both":
        kept = vault.save(conflict.other_copy())
    elif keep != "original":
        raise ValueError(f"keep must be original, copy or both, not {keep!r}")
    with vault.writing():
        conflict.copy_path.unlink(missing_ok=True)
    return kept
