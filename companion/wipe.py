"""'Delete all my data': removes every folder of the user's own data, and the autostart entry."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from companion.autostart import autostart_file
from companion.paths import Paths

log = logging.getLogger(__name__)


def delete_all_data(paths: Paths) -> list[str]:
    """Remove config, data, cache and logs; return what could not be removed (empty on success)."""
    _close_file_logs()
    problems: list[str] = []
    for folder in paths.user_folders():
        try:
            shutil.rmtree(folder)
        except FileNotFoundError:
            continue
        except OSError as exc:
            problems.append(f"{exc.filename or folder}: {exc.strerror}")
    try:
        autostart_file(paths.autostart).unlink(missing_ok=True)
    except OSError as exc:
        problems.append(f"{autostart_file(paths.autostart)}: {exc.strerror}")
    return problems


def _close_file_logs() -> None:
    # The open log file would be recreated by the next record; close it before its folder goes.
    root = logging.getLogger("companion")
    for handler in list(root.handlers):
        if isinstance(handler, logging.FileHandler):
            root.removeHandler(handler)
            handler.close()


def leftovers(paths: Paths) -> list[Path]:
    """Folders of user data that still exist."""
    return [folder for folder in paths.user_folders() if folder.exists()]
