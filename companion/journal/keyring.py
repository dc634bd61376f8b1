"""keyring.age: every key the journal has had. The current key writes; earlier keys only read files
written before a key change (or by a computer that has not heard of it yet). Until the person
confirms they stored a new recovery key, the key before it still opens the keyring and every file
(each is encrypted to both), so the recovery key they hold always works.

The keyring carries a MAC under each key that opens it: someone who knows a public recipient, or
holds a retired key, cannot write a keyring that the current key accepts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pyrage

from companion.i18n import _
from companion.journal.keys import DamagedFile, Keys, WrongPassphrase, encrypt_to

KEYRING = "keyring.age"
MAGIC = "companion-keyring/1"


@dataclass
class Keyring:
    current: Keys
    retiring: Keys | None = None  # the key before the current one, until the new one is confirmed
    earlier: list[Keys] = field(default_factory=list)  # newest first; they only read
    settled: bool = True  # False until every file is encrypted to exactly the writing keys
    by: str = ""  # which computer changed the key (only it finishes the change unasked)

    @property
    def writers(self) -> list[Keys]:
        """The keys every new file is encrypted to."""
        return [self.current] + ([self.retiring] if self.retiring is not None else [])

    def all(self) -> list[Keys]:
        found: list[Keys] = []
        for keys in [*self.writers, *self.earlier]:
            if not any(keys.same_as(k) for k in found):
                found.append(keys)
        return found

    def is_writer(self, keys: Keys) -> bool:
        return any(keys.same_as(k) for k in self.writers)

    def encrypt(self, data: bytes) -> bytes:
        return encrypt_to(data, self.writers)

    def decrypt(self, data: bytes) -> tuple[bytes, Keys]:
        """The plaintext and the key that opened it; DecryptError when no key here does."""
        for keys in self.all():
            try:
                return keys.decrypt(data), keys
            except pyrage.DecryptError:
                continue
        raise pyrage.DecryptError("no key of this journal opens it")

    def open_file(self, data: bytes, name: str) -> tuple[bytes, Keys]:
        """Like decrypt, but DamagedFile names the file when no key here opens it."""
        try:
            return self.decrypt(data)
        except pyrage.DecryptError:
            raise DamagedFile(f"{name} is damaged or truncated, or was written with a key this "
                              "computer does not have") from None

    def with_new_key(self, new: Keys, by: str) -> Keyring:
        """The ring after a key change: the new key writes, and the key the person holds (the
        current one, or the one before an unconfirmed change) still opens everything."""
        holds = self.retiring or self.current
        earlier = [self.current, *[k for k in self.all() if not k.same_as(self.current)]]
        return Keyring(new, holds, earlier, settled=False, by=by)

    def confirmed(self, by: str) -> Keyring:
        """The ring once the new recovery key is stored: the key before it no longer opens."""
        return Keyring(self.current, None, self.earlier, settled=False, by=by)

    def merged_with(self, other: Keyring, by: str) -> Keyring:
        """This ring with every key of another (a keyring from a change made on another computer
        while apart) kept as an earlier key; this ring's current key stays the journal's."""
        known = self.all()
        extra = [k for k in other.all() if not any(k.same_as(m) for m in known)]
        return Keyring(self.current, self.retiring, [*self.earlier, *extra], settled=False, by=by)

    def starting_with(self, first: Keys) -> list[Keys]:
        """Every key, this one first: the order to check a MAC in, when another of the journal's
        keys may have sealed it (two computers)."""
        return [first, *(k for k in self.all() if not k.same_as(first))]

    def as_settled(self) -> Keyring:
        return Keyring(self.current, self.retiring, self.earlier, settled=True, by=self.by)


def seal(ring: Keyring) -> bytes:
    """keyring.age's bytes: the keys, MAC'd by and encrypted to each key that may open it."""
    body = json.dumps({"format": 1, "current": ring.current.recovery_key,
                       "retiring": ring.retiring.recovery_key if ring.retiring else None,
                       "earlier": [k.recovery_key for k in ring.earlier],
                       "settled": ring.settled, "by": ring.by}).encode("utf-8")
    macs = {k.key_id: k.mac(body) for k in ring.writers}
    plain = MAGIC.encode() + b"\n" + body + b"\n" + json.dumps(macs).encode("utf-8")
    return ring.encrypt(plain)


def open_keyring(data: bytes, keys: Keys) -> Keyring:
    """The ring, opened with one of its writing keys; WrongPassphrase when that key does not open
    it, DamagedFile when it was changed or forged."""
    try:
        plain = keys.decrypt(data)
    except pyrage.DecryptError:
        raise WrongPassphrase(_("That key does not open this journal's keyring.")) from None
    try:
        magic, body, macs_line = plain.split(b"\n", 2)
        macs = json.loads(macs_line)
        if magic.decode() != MAGIC or not keys.mac_ok(body, macs.get(keys.key_id, "")):
            raise ValueError("bad MAC")
        doc = json.loads(body)
        ring = Keyring(Keys.from_recovery_key(doc["current"]),
                       Keys.from_recovery_key(doc["retiring"]) if doc.get("retiring") else None,
                       [Keys.from_recovery_key(k) for k in doc.get("earlier", [])],
                       bool(doc.get("settled", True)), str(doc.get("by", "")))
    except (ValueError, KeyError, TypeError, AttributeError, WrongPassphrase):
        raise DamagedFile(f"{KEYRING} failed its integrity check: it was changed outside "
                          "Companion, or is damaged") from None
    if not ring.is_writer(keys):
        raise DamagedFile(f"{KEYRING} does not name the key that opened it")
    return ring
