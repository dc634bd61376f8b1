"""age's passphrase encryption (scrypt), run in a child process.

pyrage holds Python's global lock for the whole key derivation (about 2 s and 256-512 MiB at the
work factors age writes). Inside the app that froze the window for those seconds and stalled the
sound mixer, whose callbacks need the lock. In a child process the app's threads run on, and
scrypt's memory never becomes the app's: it is returned the moment the child exits.

The passphrase and the data travel over the child's standard input (never its arguments or
environment, which other local users can read); the result comes back on its standard output.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pyrage

from companion.i18n import _

WRONG = 3  # the child's exit status when the passphrase (or the file) does not decrypt


def encrypt(data: bytes, passphrase: str) -> bytes:
    """An age file of `data` protected by `passphrase` (slow: scrypt)."""
    return _run("encrypt", data, passphrase)


def decrypt(data: bytes, passphrase: str) -> bytes:
    """The plaintext of a passphrase-protected age file; pyrage.DecryptError (with age's own
    message) when the passphrase or the file is wrong."""
    return _run("decrypt", data, passphrase)


def _run(operation: str, data: bytes, passphrase: str) -> bytes:
    header = json.dumps({"operation": operation, "passphrase": passphrase}).encode() + b"\n"
    try:
        done = subprocess.run([sys.executable, "-m", "companion.journal.scrypt_child"],
                              input=header + data, capture_output=True, check=False)
    except OSError as exc:
        raise _could_not(str(exc)) from exc
    if done.returncode == WRONG:
        raise pyrage.DecryptError(done.stderr.decode("utf-8", "replace").strip())
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _could_not(lines[-1] if lines else f"status {done.returncode}")
    return done.stdout


def _could_not(reason: str) -> OSError:
    return OSError(_("Companion could not work out the passphrase just now ({reason}). Nothing "
                     "was changed. Close a few other programs and try again.").format(
                         reason=reason))


def main() -> int:
    from pyrage import passphrase as age_passphrase

    header, _, data = sys.stdin.buffer.read().partition(b"\n")
    request = json.loads(header)
    try:
        if request["operation"] == "encrypt":
            result = age_passphrase.encrypt(data, request["passphrase"])
        else:
            result = age_passphrase.decrypt(data, request["passphrase"])
    except pyrage.DecryptError as exc:
        print(exc, file=sys.stderr)
        return WRONG
    sys.stdout.buffer.write(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
