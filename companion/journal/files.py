"""Reading files that anyone could have put in a folder: regular files only, never through a
symlink, never blocking on a FIFO or a device, and never more than the caller allows."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from companion.journal.keys import JournalError


class NotARegularFile(JournalError):
    """A symlink, FIFO, device or folder where a file was expected; the message names it."""


class TooLarge(JournalError):
    """A file over the size the caller accepts; the message names it."""


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file; NotARegularFile or TooLarge (never a hang) otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP or os.path.islink(path):
            raise NotARegularFile(f"{path.name} is a link, not a file") from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(f"{path.name} is not an ordinary file")
        if limit is not None and info.st_size > limit:
            raise TooLarge(f"{path.name} is larger than {limit // (1024 * 1024)} MiB")
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            if limit is not None and sum(map(len, chunks)) > limit:
                raise TooLarge(f"{path.name} is larger than {limit // (1024 * 1024)} MiB")
        return b"".join(chunks)
    finally:
        os.close(fd)


def is_regular(path: Path) -> bool:
    """True for a regular file that is not a symlink."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False
