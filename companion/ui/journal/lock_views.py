"""The journal's doors: choosing a passphrase the first time, the recovery key shown once, and the
unlock form (with the recovery key for a forgotten passphrase). No decrypted text lives here."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.i18n import _
from companion.ui.journal.secret_field import SecretField
from companion.ui.shell.base_page import card
from companion.ui.shell.theme import GAP, TYPE_HEADING

MIN_PASSPHRASE = 8


def password_field(name: str, placeholder: str = "") -> SecretField:
    return SecretField(name, placeholder)


def check_new_passphrase(first: str, second: str) -> str | None:
    """Why a new passphrase cannot be used, or None when it can."""
    if len(first) < MIN_PASSPHRASE:
        return (_("Choose at least {MIN_PASSPHRASE} characters. A few ordinary words are easier to remember "
                  "than symbols, and just as strong.").format(MIN_PASSPHRASE=MIN_PASSPHRASE))
    if first != second:
        return _("The two passphrases are not the same yet.")
    return None


class BusyRow(QWidget):
    """'Unlocking…' with a gently moving bar while slow key work runs in the background."""

    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(GAP)
        self.label = QLabel(text)
        self.label.setProperty("role", "muted")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # moves only while shown, for the second or two scrypt takes
        self.bar.setMaximumHeight(6)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(text)
        row.addWidget(self.label)
        row.addWidget(self.bar, 1)
        self.hide()


class FormView(QWidget):
    """A form that starts slow key work: a calm error line, a busy row, and fields to disable."""

    def __init__(self, busy_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.error = QLabel()
        self.error.setProperty("role", "warning")
        self.error.setWordWrap(True)
        self.error.hide()
        self.busy = BusyRow(busy_text)
        self.inputs: list[QWidget] = []  # disabled while the work runs

    def show_error(self, text: str) -> None:
        """Say what went wrong and put the keyboard back where the person can try again."""
        self.set_busy(False)
        self.error.setText(text)
        self.error.show()
        target = self.focus_target()
        if target is not None:
            target.setFocus()
            if hasattr(target, "selectAll"):
                target.selectAll()

    def focus_target(self) -> QWidget | None:
        """The first control to type into in this form."""
        return self.inputs[0] if self.inputs else None

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in self.inputs:
            widget.setEnabled(not busy)

    def begin(self, problem: str | None) -> bool:
        """Show the problem, or go busy; True when the work may start."""
        if problem:
            self.show_error(problem)
            return False
        self.error.hide()
        self.set_busy(True)
        return True


def breakable_path(path: str) -> str:
    """A folder path that wraps only after a '/' (a zero-width space follows each one), never in
    the middle of a folder's name."""
    return path.replace("/", "/\u200b")


class SetupView(FormView):
    """create_requested(passphrase) once both fields agree."""

    create_requested = Signal(str)

    def __init__(self, folder_text: str, parent: QWidget | None = None):
        super().__init__("Creating your journal…", parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(GAP)
        frame, inner = card()
        heading = QLabel(_("A private place to write"))
        heading.setProperty("role", "heading")
        intro = QLabel(
            _("Your journal is encrypted on this computer with a passphrase only you know. Nothing "
            "you write is ever stored readable, and every entry is a standard age file, so it "
            "outlives this app. It will live in this folder:"))
        intro.setWordWrap(True)
        self.folder_label = QLabel(breakable_path(folder_text))
        self.folder_label.setProperty("role", "muted")
        self.folder_label.setWordWrap(True)
        self.folder_label.setAccessibleName(_("Journal folder: {folder_text}")
                                              .format(folder_text=folder_text))
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.first = password_field(_("New passphrase"), _("Choose a passphrase"))
        self.second = password_field(_("The same passphrase again"), _("The same again"))
        self.create_button = QPushButton(_("Create my journal"))
        self.create_button.setProperty("role", "primary")
        self.inputs = [self.first, self.second, self.create_button]
        for widget in (heading, intro, self.folder_label, self.first, self.second, self.error,
                       self.create_button, self.busy):
            inner.addWidget(widget)
        layout.addWidget(frame)
        layout.addStretch(1)
        self.create_button.clicked.connect(self._create)
        self.second.returnPressed.connect(self._create)

    def _create(self) -> None:
        if self.begin(check_new_passphrase(self.first.text(), self.second.text())):
            self.create_requested.emit(self.first.text())

    def clear(self) -> None:
        self.first.wipe()
        self.second.wipe()
        self.set_busy(False)


class RecoveryKeyView(QWidget):
    """Shows a recovery key once; done() when the person says it is stored."""

    done = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(GAP)
        frame, inner = card()
        self.heading = QLabel(_("Your recovery key"))
        self.heading.setProperty("role", "heading")
        warning = QLabel(
            _("Write this key down or print it, and keep it apart from this computer. If you forget "
            "your passphrase, this key is the only way back in. Without both, nobody can open the "
            "journal, not even you. It is shown only now."))
        warning.setWordWrap(True)
        self.key_label = QLabel()
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                               | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.key_label.setWordWrap(True)
        self.key_label.setAccessibleName(_("Recovery key"))
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSizeF(self.font().pointSizeF() * TYPE_HEADING)
        self.key_label.setFont(mono)
        self.copy_button = QPushButton(_("Copy the key"))
        self.stored = QCheckBox(_("I have stored my recovery key somewhere safe"))
        self.continue_button = QPushButton(_("Continue to my journal"))
        self.continue_button.setProperty("role", "primary")
        self.continue_button.setEnabled(False)
        for widget in (self.heading, warning, self.key_label, self.copy_button, self.stored,
                       self.continue_button):
            inner.addWidget(widget)
        layout.addWidget(frame)
        layout.addStretch(1)
        self.copy_key: Callable[[str], None] = QGuiApplication.clipboard().setText  # page's: safer
        self.copy_button.clicked.connect(lambda: self.copy_key(self.key_label.text()))
        self.stored.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self._done)

    def show_key(self, key: str, heading: str = _("Your recovery key")) -> None:
        self.heading.setText(heading)
        prefix = "AGE-SECRET-KEY-1"
        rest = key[len(prefix):] if key.startswith(prefix) else key
        groups = [rest[i:i + 6] for i in range(0, len(rest), 6)]
        self.key_label.setText(" ".join([prefix, *groups]))
        self.stored.setChecked(False)

    def _done(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard.text() == self.key_label.text():
            clipboard.clear()
        self.key_label.clear()
        self.done.emit()


class LockedView(FormView):
    """unlock_requested(passphrase); recover_requested(recovery key, new passphrase)."""

    unlock_requested = Signal(str)
    recover_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Unlocking…", parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(GAP)
        frame, inner = card()
        heading = QLabel(_("Your journal is locked"))
        heading.setProperty("role", "heading")
        self.passphrase = password_field(_("Passphrase"), _("Your passphrase"))
        self.unlock_button = QPushButton(_("Unlock"))
        self.unlock_button.setProperty("role", "primary")
        self.unlock_button.setAccessibleName(_("Unlock the journal"))
        self.forgot_button = QPushButton(_("I forgot my passphrase"))
        row = QHBoxLayout()
        row.addWidget(self.passphrase, 1)
        row.addWidget(self.unlock_button)
        inner.addWidget(heading)
        inner.addLayout(row)
        inner.addWidget(self.error)
        inner.addWidget(self.busy)
        inner.addWidget(self.forgot_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.recovery_box = QWidget()
        recovery = QVBoxLayout(self.recovery_box)
        recovery.setContentsMargins(0, 8, 0, 0)
        recovery.setSpacing(GAP)
        note = QLabel(_("Type your recovery key (it begins AGE-SECRET-KEY-1), then choose a new "
                      "passphrase."))
        note.setWordWrap(True)
        self.recovery_key = SecretField(_("Recovery key"), "AGE-SECRET-KEY-1…")
        self.new_first = password_field(_("New passphrase"), _("A new passphrase"))
        self.new_second = password_field(_("The new passphrase again"), _("The same again"))
        self.recover_button = QPushButton(_("Unlock with the recovery key"))
        for widget in (note, self.recovery_key, self.new_first, self.new_second,
                       self.recover_button):
            recovery.addWidget(widget)
        self.recovery_box.hide()
        inner.addWidget(self.recovery_box)
        self.inputs = [self.passphrase, self.unlock_button, self.forgot_button,
                       self.recover_button]
        layout.addWidget(frame)
        layout.addStretch(1)

        self.unlock_button.clicked.connect(self._unlock)
        self.passphrase.returnPressed.connect(self._unlock)
        self.forgot_button.clicked.connect(
            lambda: self.recovery_box.setVisible(not self.recovery_box.isVisible()))
        self.recover_button.clicked.connect(self._recover)

    def focus_target(self) -> QWidget | None:
        return self.recovery_key if self.recovery_box.isVisible() else self.passphrase

    def _unlock(self) -> None:
        if self.begin(None if self.passphrase.text() else _("Type your passphrase first.")):
            self.unlock_requested.emit(self.passphrase.text())

    def _recover(self) -> None:
        if self.begin(check_new_passphrase(self.new_first.text(), self.new_second.text())):
            self.recover_requested.emit(self.recovery_key.text(), self.new_first.text())

    def clear(self) -> None:
        for field in (self.passphrase, self.recovery_key, self.new_first, self.new_second):
            field.wipe()
        self.recovery_box.hide()
        self.error.hide()
        self.set_busy(False)
