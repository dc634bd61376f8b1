"""Writing a vault's files: one short lock for each write, atomic replacement, and a full disk
turned into words a person can act on."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

from companion.atomic import atomic_write_bytes, atomic_write_text
from companion.i18n import _
from companion.journal.keys import JournalError
from companion.journal.layout import FORMAT, LOCK, MARKER

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: writes are still atomic, just not interlocked
    fcntl = None  # type: ignore[assignment]


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


def kind_write(path: Path, data: bytes) -> None:
    """Atomic write; a full disk becomes a JournalError that says the old version is intact."""
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise JournalError(_("The disk is full, so this was not saved; the version saved "
                               "before is intact. Free some space and it will save again.")) from exc
        raise JournalError(_("This could not be saved ({strerror}); the version saved before is intact.")
                             .format(strerror=exc.strerror)) from exc


_kind_write = kind_write  # the name tests and older callers use


def _write_marker(folder: Path, created: str) -> None:
    atomic_write_text(folder / MARKER, "# A Companion journal. Each file in entries/ is a "
                                       f"standard age file.\nformat = {FORMAT}\n"
                                       f"created = \"{created}\"\n")
