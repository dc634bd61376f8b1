"""'Delete all my data': removes every folder of the user's own data, and the autostart entry."""

from __future__ import annotations

import contextlib
import logging
import shutil
from pathlib import Path

from companion.desktop.autostart import autostart_file
from companion.paths import Paths

log = logging.getLogger(__name__)


def journal_files(folder: Path) -> list[Path]:
    """The journal's own files in a folder (nothing else there: a synced folder may hold more)."""
    from companion.journal.keyring import KEYRING
    from companion.journal.layout import (
        CHECK,
        CONFLICT_NAME,
        DELETING_NAME,
        ENTRIES,
        ENTRY_NAME,
        IDENTITY,
        INDEX,
        KEYRING_COPY,
        LOCK,
        MANIFEST_COPY,
        MARKER,
        OWN_TEMP,
    )
    from companion.journal.manifest import MANIFEST

    if not (folder / MARKER).is_file():
        return []
    own = [MARKER, IDENTITY, KEYRING, MANIFEST, INDEX, CHECK, LOCK]
    found = [folder / name for name in own if (folder / name).exists()]
    found += [p for p in folder.iterdir()
              if MANIFEST_COPY.match(p.name) or KEYRING_COPY.match(p.name)
              or OWN_TEMP.match(p.name)]
    entries = folder / ENTRIES
    if entries.is_dir():
        found += [p for p in sorted(entries.iterdir()) if ENTRY_NAME.match(p.name)
                  or CONFLICT_NAME.match(p.name) or DELETING_NAME.match(p.name)
                  or OWN_TEMP.match(p.name)]
    return found


def delete_all_data(paths: Paths, journal_folder: Path | None = None) -> list[str]:
    """Remove config, data, cache and logs, and the journal's own files where it was moved to;
    return what could not be removed (empty on success)."""
    _close_file_logs()
    problems: list[str] = []
    if journal_folder is not None and not journal_folder.is_relative_to(paths.data):
        problems += _delete_journal(journal_folder)
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


def _delete_journal(folder: Path) -> list[str]:
    problems = []
    for path in journal_files(folder):
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
        except OSError as exc:
            problems.append(f"{path}: {exc.strerror}")
    from companion.journal.layout import ENTRIES, ROTATING

    with contextlib.suppress(OSError):
        shutil.rmtree(folder / ROTATING)  # Companion 0.1's unfinished key change: ours alone
    for left in (folder / ENTRIES, folder):
        with contextlib.suppress(OSError):  # kept when something else is still inside
            left.rmdir()
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
