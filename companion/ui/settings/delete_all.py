"""'Delete all my data': asked clearly, with exactly which folders go, then done and closed."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from companion.i18n import _
from companion.paths import Paths
from companion.ui.shell.services import Services

log = logging.getLogger(__name__)


def delete_all_wording(paths: Paths, journal: Path) -> str:
    """Exactly which folders go, and what a synced journal folder means."""
    folders = [str(folder) for folder in paths.user_folders()]
    text = _("These folders are removed: ") + ", ".join(folders) + "."
    if not journal.is_relative_to(paths.data):
        text += (_(" In {journal}, only the journal's own files are removed (anything else there stays). If "
                   "that folder is synced, the deletion reaches every computer it is synced with.")
                   .format(journal=journal))
    return text + _(" Companion will close afterwards and start fresh next time.")


def journal_folder(services: Services) -> Path:
    if services.journal is not None:
        return services.journal.folder()
    return services.paths.data / "journal"


def confirm_delete_all(services: Services) -> QMessageBox:
    """Ask, with 'Keep my data' the default and Esc; on yes, delete every file and quit."""
    box = QMessageBox(services.window)
    box.setWindowTitle(_("Delete all your data?"))
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(_("This removes everything Companion has kept on this computer: settings, "
                "your journal and history, and the logs. It cannot be undone."))
    box.setInformativeText(delete_all_wording(services.paths, journal_folder(services)))
    delete = box.addButton(_("Delete everything"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(_("Keep my data"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)

    def answered(_result: int) -> None:
        if box.clickedButton() is delete:
            delete_all(services)

    box.finished.connect(answered)
    box.open()
    return box


def delete_all(services: Services) -> None:
    """Stop everything, keep anything from writing again, delete, and quit."""
    from companion.wipe import delete_all_data

    services.window.stop_all()
    services.model.saving_enabled = False
    if services.journal is not None:
        services.journal.lock_for_deletion()
    problems = delete_all_data(services.paths, journal_folder(services))
    if problems:
        log.warning("delete all: %d items remained", len(problems))
        QMessageBox.warning(services.window, _("Some files remain"),
                            _("Companion could not remove everything:\n") + "\n".join(problems))
    services.quit()
