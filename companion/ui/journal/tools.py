"""The journal's less frequent tools, behind More…: change the passphrase, make a new recovery
key, export and import. Every slow or disk-touching step runs in the vault's worker."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from companion.i18n import _, ngettext
from companion.journal.files import read_regular
from companion.journal.keys import Keys
from companion.ui.journal.lock_views import check_new_passphrase, password_field
from companion.ui.shell.theme import GAP, buttons_on_grid
from companion.ui.shell.workers import run_in_background

if TYPE_CHECKING:
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QPushButton

    from companion.journal.entry import Entry
    from companion.journal.vault import Vault


class JournalHost(Protocol):
    """What the tools need of the journal page (a Protocol, so the page and its tools do not
    import each other)."""

    status: QLabel
    more_button: QPushButton
    vault: Vault | None
    pool: QThreadPool
    entries: dict[str, Entry]

    def show_waiting_key(self) -> bool: ...
    def refresh_from_disk(self) -> None: ...

MARKDOWN_WARNING = (_("Markdown files are not encrypted: anyone who can open the folder you choose "
                    "can read every entry. Choose a folder only you can reach, or export an "
                    "encrypted archive instead."))


class PassphraseDialog(QDialog):
    """Asks for one passphrase, or a new one twice; chosen(text) when it is acceptable."""

    def __init__(self, parent: QWidget, title: str, text: str, new: bool,
                 chosen: Callable[[str], None]):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self._new, self._chosen = new, chosen
        layout = QVBoxLayout(self)
        layout.setContentsMargins(GAP, GAP, GAP, GAP)
        layout.setSpacing(GAP)
        message = QLabel(text)
        message.setWordWrap(True)
        self.first = password_field(_("New passphrase") if new else _("Passphrase"))
        self.second = password_field(_("The same again"))
        self.error = QLabel()
        self.error.setProperty("role", "warning")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = buttons_on_grid(QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                                   | QDialogButtonBox.StandardButton.Cancel))
        for widget in (message, self.first, self.second, self.error, buttons):
            layout.addWidget(widget)
        self.second.setVisible(new)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        self.rejected.connect(self._wipe)
        self.finished.connect(self.deleteLater)

    def _wipe(self) -> None:
        self.first.wipe()
        self.second.wipe()

    def _check(self) -> None:
        problem = check_new_passphrase(self.first.text(), self.second.text()) if self._new \
            else (None if self.first.text() else _("Type the passphrase first."))
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        text = self.first.text()
        self.first.wipe()
        self.second.wipe()
        self.accept()
        self._chosen(text)


class JournalTools:
    """Builds the More… menu for a journal page and carries out its actions."""

    def __init__(self, page: JournalHost):
        self.page = page
        self.widget = cast(QWidget, page)  # the page is a widget: the parent of dialogs
        menu = QMenu(self.widget)
        menu.addAction(_("Change passphrase…"), self.ask_new_passphrase)
        menu.addAction(_("Make a new recovery key…"), self.ask_rotate)
        menu.addSeparator()
        menu.addAction(_("Export as Markdown files…"), self.ask_export_markdown)
        menu.addAction(_("Export an encrypted archive…"), self.ask_export_archive)
        menu.addSeparator()
        menu.addAction(_("Import Markdown files…"), self.ask_import_markdown)
        menu.addAction(_("Import from jrnl…"), self.ask_import_jrnl)
        page.more_button.setMenu(menu)
        self.menu = menu
        self.dialog: QDialog | None = None

    def _run(self, work: Callable[[], object], done: Callable[[object], None]) -> None:
        run_in_background(work, done, self.widget, on_failed=self.page.status.setText,
                          pool=self.page.pool)

    def _ask(self, title: str, text: str, new: bool, chosen: Callable[[str], None]) -> None:
        self.dialog = PassphraseDialog(self.widget, title, text, new, chosen)
        self.dialog.open()

    # --- keys -------------------------------------------------------------------------------------

    def _with_current(self, title: str, then: Callable[[], None]) -> None:
        """Ask for the current passphrase and check it (in the worker) before going on."""
        vault = self.page.vault
        if vault is None:
            return

        def check(passphrase: str) -> None:
            def work() -> None:
                Keys.unwrap(read_regular(vault.folder / "identity.age"), passphrase)

            def checked(_result: object) -> None:
                self.page.status.setText(" ")
                then()

            self.page.status.setText(_("Checking your passphrase…"))
            run_in_background(work, checked, self.widget, on_failed=self.page.status.setText,
                              pool=self.page.pool)

        self._ask(title, _("Type your current passphrase first."), False, check)

    def ask_new_passphrase(self) -> None:
        self._with_current(_("Change passphrase"), lambda: self._ask(
            _("Change passphrase"), _("Choose a new passphrase. Your entries and your recovery key "
            "stay as they are."), True, self.change_passphrase))

    def change_passphrase(self, passphrase: str) -> None:
        vault = self.page.vault
        if vault is not None:
            self.page.status.setText(_("Changing the passphrase…"))
            self._run(lambda: vault.change_passphrase(passphrase),
                      lambda _r: self.page.status.setText(_("Your passphrase is changed.")))

    def ask_rotate(self) -> None:
        self._ask(_("Make a new recovery key"), _("Every entry is encrypted again with a new key, and "
                  "you get a new recovery key. The old recovery key keeps working until you say "
                  "you have stored the new one. Type your passphrase to go on."), False,
                  self.rotate_key)

    def rotate_key(self, passphrase: str) -> None:
        vault = self.page.vault
        if vault is None:
            return
        folder = vault.folder

        def work() -> str:
            Keys.unwrap(read_regular(folder / "identity.age"), passphrase)  # checks it first
            return vault.rotate_key(passphrase)

        def done(_new_key: object) -> None:
            self.page.show_waiting_key()  # confirming it retires the old key
            self.page.status.setText(_("Every entry is now encrypted with the new key."))

        def failed(message: str) -> None:
            self.page.status.setText(message)

        self.page.status.setText(_("Encrypting every entry with a new key…"))
        run_in_background(work, done, self.widget, on_failed=failed, pool=self.page.pool)

    # --- export and import ------------------------------------------------------------------------

    def _pick(self, title: str, folder: bool, save: bool, chosen: Callable[[str], None]) -> None:
        dialog = QFileDialog(self.widget, title)
        if folder:
            dialog.setFileMode(QFileDialog.FileMode.Directory)
        elif save:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.selectFile("journal.tar.age")
        dialog.fileSelected.connect(chosen)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def ask_export_markdown(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, _("Export readable files"), MARKDOWN_WARNING,
                          QMessageBox.StandardButton.Cancel, self.widget)
        go = box.addButton(_("Choose a folder…"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        def answered(_result: int) -> None:
            if box.clickedButton() is go:
                self._with_current(_("Export readable files"), lambda: self._pick(
                    _("Export to this folder"), True, False,
                    lambda f: self.export_markdown(Path(f))))

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        self.dialog = box
        box.open()

    def export_markdown(self, folder: Path) -> None:
        from companion.journal.transfer import export_markdown

        entries = sorted(self.page.entries.values(), key=lambda e: e.created)
        self._run(lambda: export_markdown(entries, folder), lambda count: self.page.status.setText(
            ngettext("{count} entry exported to {folder}. That file is readable.",
                     "{count} entries exported to {folder}. Those files are readable.",
                     cast(int, count)).format(count=count, folder=folder)))

    def ask_export_archive(self) -> None:
        self._with_current(_("Export an encrypted archive"), lambda: self._pick(
            _("Save the encrypted archive"), False, True, lambda f: self._ask(
                _("Archive passphrase"), _("Choose a passphrase for the archive, and type it twice. "
                "It opens with age -d, then tar -x."), True,
                lambda p: self.export_archive(Path(f), p))))

    def export_archive(self, path: Path, passphrase: str) -> None:
        from companion.journal.transfer import export_archive

        entries = sorted(self.page.entries.values(), key=lambda e: e.created)
        self.page.status.setText(_("Encrypting the archive…"))
        self._run(lambda: export_archive(entries, path, passphrase),
                  lambda count: self.page.status.setText(ngettext(
                      "{count} entry saved in {path}.", "{count} entries saved in {path}.",
                      cast(int, count)).format(count=count, path=path)))

    def ask_import_markdown(self) -> None:
        self._pick(_("Import the Markdown files in this folder"), True, False,
                   lambda f: self.import_markdown(Path(f)))

    def import_markdown(self, folder: Path) -> None:
        from companion.journal.transfer import import_markdown

        self._import(lambda: import_markdown(folder))

    def ask_import_jrnl(self) -> None:
        self._pick(_("Import jrnl's text export (jrnl --export txt)"), False, False,
                   lambda f: self.import_jrnl(Path(f)))

    def import_jrnl(self, path: Path) -> None:
        from companion.journal.transfer import import_jrnl, read_import

        self._import(lambda: (import_jrnl(read_import(path)), []))

    def _import(self, read: Callable[[], tuple[list, list[str]]]) -> None:
        vault = self.page.vault
        if vault is None:
            return

        def work() -> tuple[int, list[str]]:
            entries, problems = read()
            for entry in entries:
                vault.save(entry)
            return len(entries), problems

        def done(result: object) -> None:
            count, problems = cast(tuple[int, list[str]], result)
            left = _(" Left out: {problems}.").format(problems="; ".join(problems)) \
                if problems else ""
            self.page.status.setText(ngettext("{count} entry imported.{left}",
                                              "{count} entries imported.{left}",
                                              count).format(count=count, left=left))
            self.page.refresh_from_disk()

        self.page.status.setText(_("Importing…"))
        self._run(work, done)

