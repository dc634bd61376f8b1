"""Logging to a file in the user's log folder, rotated at start. Never journal text, moods or
passphrases."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

LOG_BYTES = 512 * 1024  # A log this large at start is set aside (the app logs a few lines a day)
LOG_BACKUPS = 3  # Rotated files kept beside the current one


def rotate(log_file: Path) -> None:
    """Set a large log aside as .1 (shifting .1 to .2 and so on, dropping the oldest). At start
    rather than while writing, which spares loading logging.handlers (and its sockets) before the
    window's first paint."""
    if not log_file.exists() or log_file.stat().st_size < LOG_BYTES:
        return
    for number in range(LOG_BACKUPS - 1, 0, -1):
        older = log_file.with_name(f"{log_file.name}.{number}")
        if older.exists():
            older.replace(log_file.with_name(f"{log_file.name}.{number + 1}"))
    log_file.replace(log_file.with_name(f"{log_file.name}.1"))


def setup_logging(log_file: Path, verbose: bool) -> None:
    """Send the app's log records to the log file, and to stderr too when verbose."""
    root = logging.getLogger("companion")
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        rotate(log_file)
        file_handler = logging.FileHandler(log_file, encoding="utf-8")
    except OSError as exc:
        print(f"companion: could not open the log file ({exc.strerror}); logging to the terminal",
              file=sys.stderr)
    else:
        file_handler.setFormatter(fmt)
        root.addHandler(file_handler)
    if verbose:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(fmt)
        root.addHandler(stream)
