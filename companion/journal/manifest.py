"""manifest.age: the version of every entry and the ids of deleted ones, encrypted and MAC'd inside
the vault itself, so it travels with a synced folder. Against it, an older copy put back, a
deleted entry coming back, or an entry removed behind the journal's back is noticed."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from companion.journal.keyring import Keyring
from companion.journal.keys import DamagedFile

MANIFEST = "manifest.age"
MAGIC = "companion-manifest/1"


@dataclass
class Manifest:
    versions: dict[str, int] = field(default_factory=dict)  # entry id -> latest version written
    deleted: dict[str, int] = field(default_factory=dict)  # entry id -> version when deleted

    def saved(self, entry_id: str, version: int) -> None:
        self.versions[entry_id] = max(version, self.versions.get(entry_id, 0))
        self.deleted.pop(entry_id, None)

    def removed(self, entry_id: str, version: int) -> None:
        self.deleted[entry_id] = max(version, self.versions.pop(entry_id, 0))

    def next_version(self, entry_id: str, held: int) -> int:
        """A version above any this entry had, here or when it was deleted."""
        return max(held, self.versions.get(entry_id, 0), self.deleted.get(entry_id, 0)) + 1

    def merge(self, other: Manifest) -> None:
        """Both computers' records together: the higher version wins, a later delete wins."""
        for entry_id, version in other.versions.items():
            if version > self.deleted.get(entry_id, 0):
                self.saved(entry_id, version)
        for entry_id, version in other.deleted.items():
            if version >= self.versions.get(entry_id, 0):
                self.removed(entry_id, version)

    def copy(self) -> Manifest:
        return Manifest(dict(self.versions), dict(self.deleted))


def seal(manifest: Manifest, ring: Keyring) -> bytes:
    body = json.dumps({"versions": manifest.versions, "deleted": manifest.deleted},
                      sort_keys=True).encode("utf-8")
    mac = ring.current.mac(body)
    return ring.encrypt(MAGIC.encode() + b"\n" + body + b"\n" + mac.encode("ascii"))


def open_manifest(data: bytes, ring: Keyring, name: str = MANIFEST) -> Manifest:
    """The records, checked; DamagedFile (naming the file) when they cannot be trusted."""
    plain, keys = ring.open_file(data, name)
    try:
        magic, body, mac = plain.split(b"\n", 2)
        if magic.decode() != MAGIC or not any(k.mac_ok(body, mac.decode("ascii"))
                                              for k in ring.starting_with(keys)):
            raise ValueError("bad MAC")
        doc = json.loads(body)
        return Manifest({str(k): int(v) for k, v in doc["versions"].items()},
                        {str(k): int(v) for k, v in doc["deleted"].items()})
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        raise DamagedFile(f"{name} failed its integrity check: it was changed outside "
                          "Companion, or is damaged") from None
