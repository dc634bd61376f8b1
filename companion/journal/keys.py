"""The vault's keys, in the age format through pyrage: an X25519 identity (which is also the
recovery key), wrapped by a passphrase; and a MAC key derived from the identity."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

import pyrage
from pyrage import x25519

from companion.i18n import _
from companion.journal import scrypt_child

MAX_WORK_FACTOR = 22  # log2 of scrypt's N: above this a hostile file could take minutes and GiBs
MAC_CONTEXT = b"companion-journal/entry-mac/v1\x00"


class JournalError(Exception):
    """Something about the journal a person can act on; the message says what to do."""


class WrongPassphrase(JournalError):
    """The passphrase (or recovery key) does not open this journal."""


class DamagedFile(JournalError):
    """A file is damaged, truncated, swapped or forged; the message names it."""


class DeletedElsewhere(JournalError):
    """The entry was deleted (on another computer, or from the command line) since it was read
    here: nothing was saved, and the person decides whether it comes back."""


class KeyChanged(JournalError):
    """The journal's key was changed elsewhere since it was unlocked here: nothing was written."""


def scrypt_work_factor(data: bytes) -> int:
    """The scrypt work factor written in a passphrase-encrypted age file's header."""
    head = data[:512].split(b"\n---", 1)[0]
    found = re.findall(rb"^-> scrypt [A-Za-z0-9+/]+ (\d+)$", head, flags=re.MULTILINE)
    if not head.startswith(b"age-encryption.org/v1\n") or len(found) != 1:
        raise DamagedFile("identity.age is not a passphrase-protected age file")
    return int(found[0])


class Keys:
    """An unlocked journal's identity: decrypts entries, and keys the MAC over their content."""

    def __init__(self, identity: x25519.Identity) -> None:
        self.identity = identity
        self.recipient = identity.to_public()
        secret = str(identity).encode("ascii")
        self._mac_key = hashlib.sha256(MAC_CONTEXT + secret).digest()

    @classmethod
    def generate(cls) -> Keys:
        return cls(x25519.Identity.generate())

    @classmethod
    def from_recovery_key(cls, text: str) -> Keys:
        """The keys from a recovery key as shown at creation (spaces and case forgiven)."""
        cleaned = "".join(text.split()).upper()
        try:
            return cls(x25519.Identity.from_str(cleaned))
        except (pyrage.IdentityError, ValueError) as exc:
            raise WrongPassphrase(_("That recovery key is not one Companion can read. It begins "
                                  "with AGE-SECRET-KEY-1; check each character.")) from exc

    @property
    def recovery_key(self) -> str:
        return str(self.identity)

    @property
    def key_id(self) -> str:
        """A short name for this key (a hash of its public half), for records inside the vault."""
        return hashlib.sha256(str(self.recipient).encode("ascii")).hexdigest()[:16]

    def same_as(self, other: Keys | None) -> bool:
        return other is not None and hmac.compare_digest(self._mac_key, other._mac_key)

    def mac(self, data: bytes) -> str:
        return base64.b64encode(hmac.new(self._mac_key, data, hashlib.sha256).digest()).decode()

    def mac_ok(self, data: bytes, mac: str) -> bool:
        return hmac.compare_digest(self.mac(data), mac)

    def encrypt(self, data: bytes) -> bytes:
        return pyrage.encrypt(data, [self.recipient])

    def decrypt(self, data: bytes) -> bytes:
        """Plaintext of an age file for this identity; DecryptError when it is not one."""
        return pyrage.decrypt(data, [self.identity])


    def wrap(self, passphrase: str) -> bytes:
        """The identity as an age file protected by a passphrase (slow: scrypt)."""
        return scrypt_child.encrypt(self.recovery_key.encode("ascii") + b"\n", passphrase)

    @classmethod
    def unwrap(cls, data: bytes, passphrase: str) -> Keys:
        """Open identity.age with a passphrase (slow: scrypt; call it off the GUI thread)."""
        factor = scrypt_work_factor(data)
        if factor > MAX_WORK_FACTOR:
            raise DamagedFile(f"identity.age asks for scrypt work factor {factor}, above the "
                              f"{MAX_WORK_FACTOR} Companion accepts; it was not written by "
                              "Companion. Your recovery key still opens the journal.")
        try:
            secret = scrypt_child.decrypt(data, passphrase)
        except pyrage.DecryptError as exc:
            if "decryption failed" in str(exc).lower() or "no matching keys" in str(exc).lower():
                raise WrongPassphrase(_("That passphrase does not open this journal. Check Caps "
                                      "Lock and try again, or use your recovery key.")) from exc
            raise DamagedFile("identity.age is damaged, so the passphrase cannot be checked. "
                              "Your recovery key still opens the journal.") from exc
        try:
            return cls(x25519.Identity.from_str(secret.decode("ascii").strip()))
        except (pyrage.IdentityError, UnicodeDecodeError, ValueError) as exc:
            raise DamagedFile("identity.age does not hold a journal key. Your recovery key "
                              "still opens the journal.") from exc


def encrypt_to(data: bytes, keys: list[Keys]) -> bytes:
    """One age file that each of these keys opens on its own."""
    return pyrage.encrypt(data, [k.recipient for k in keys])


def recipient_count(data: bytes) -> int:
    """How many X25519 recipients an age file's header names (each one's key opens it)."""
    head = data[:4096].split(b"\n---", 1)[0]
    return len(re.findall(rb"^-> X25519 ", head, flags=re.MULTILINE))
