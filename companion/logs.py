"""Logging to a rotating file in the user's log folder. Never journal text, moods or passphrases."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

LOG_BYTES = 512 * 1024  # Size at which the log file rotates
LOG_BACKUPS = 3  # Rotated files kept beside the current one


def setup_logging(log_file: Path, verbose: bool) -> None:
    """Send the app's log records to a rotating file, and to stderr too when verbose."""
    root = logging.getLogger("companion")
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
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
