"""Writing an entry in the person's own $EDITOR without leaving it readable on disk: the file
lives in a private (0700) folder on a RAM-backed file system where there is one
(XDG_RUNTIME_DIR, else /dev/shm), is overwritten with zeros and removed afterwards, and an unset
or failing editor saves nothing."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from companion.i18n import _
from companion.journal.keys import JournalError


def private_folder() -> Path:
    """A new 0700 folder, in RAM where the system offers one."""
    for candidate in (os.environ.get("XDG_RUNTIME_DIR"), "/dev/shm"):
        if candidate and os.path.isdir(candidate) and os.access(candidate, os.W_OK):
            return Path(tempfile.mkdtemp(prefix="companion-", dir=candidate))
    return Path(tempfile.mkdtemp(prefix="companion-"))


def write_in_editor(current: str) -> str:
    """The text the person saved in $EDITOR (VISUAL first); JournalError when there is none or it
    failed, so nothing is saved."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise JournalError(_("no editor is set, so nothing was saved; set $EDITOR (for example "
                           "EDITOR=nano), or give the text as arguments or on stdin"))
    folder = private_folder()
    path = folder / "entry.md"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(current)
        try:
            done = subprocess.run([*shlex.split(editor), str(path)], check=False)
        except OSError as exc:
            raise JournalError(_("the editor ({editor}) could not start ({strerror}); nothing was saved")
                                 .format(editor=editor, strerror=exc.strerror)) from None
        if done.returncode != 0:
            raise JournalError(_("the editor ended with an error ({returncode}); nothing was saved")
                                 .format(returncode=done.returncode))
        return path.read_text(encoding="utf-8")
    finally:
        _shred(path)
        shutil.rmtree(folder, ignore_errors=True)


def _shred(path: Path) -> None:
    """Overwrite the file with zeros before removing it (in RAM this is all it takes)."""
    with contextlib.suppress(OSError):
        size = path.stat().st_size
        with open(path, "r+b") as handle:
            handle.write(b"\0" * size)
            handle.flush()
            os.fsync(handle.fileno())
    with contextlib.suppress(OSError):
        path.unlink()
