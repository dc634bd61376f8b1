"""Your own breathing patterns: create, edit, rename and delete, with errors that name the field."""

from __future__ import annotations

from fractions import Fraction

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from companion.breathing.library import UserPatternStore
from companion.breathing.model import (
    MAX_PHASE_SECONDS,
    PHASE_ORDER,
    PHASE_STEP,
    Pattern,
    PatternError,
    PhaseKind,
    custom_pattern,
)
from companion.i18n import _
from companion.ui.shell.theme import GAP

FIELD_LABELS = {
    "name": _("Name"),
    PhaseKind.INHALE.value: _("Breathe in"),
    PhaseKind.TOP_UP.value: _("Extra sip in"),
    PhaseKind.HOLD_IN.value: _("Hold after breathing in"),
    PhaseKind.EXHALE.value: _("Breathe out"),
    PhaseKind.HOLD_OUT.value: _("Hold after breathing out"),
    "cycle": _("One breath"),
}


class PatternEditorDialog(QDialog):
    """Edits the list of custom patterns; saved(list) carries the new list after each change."""

    saved = Signal(list)

    def __init__(self, store: UserPatternStore, patterns: list[Pattern], parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Your breathing patterns"))
        self._store = store
        self.patterns = list(patterns)
        self._editing: str | None = None

        self.list = QListWidget()
        self.list.setAccessibleName(_("Your patterns"))
        self.list.setMinimumWidth(220)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.name = QLineEdit()
        self.name.setAccessibleName(_("Pattern name"))
        self.name.setMaxLength(40)
        self.spins: dict[PhaseKind, QDoubleSpinBox] = {}
        form = QFormLayout()
        form.addRow(FIELD_LABELS["name"], self.name)
        for kind in PHASE_ORDER:
            spin = QDoubleSpinBox()
            spin.setRange(0, float(MAX_PHASE_SECONDS))
            spin.setSingleStep(float(PHASE_STEP))
            spin.setDecimals(1)
            spin.setSuffix(_(" s"))
            spin.setAccessibleName(_("{value}, seconds").format(value=FIELD_LABELS[kind.value]))
            self.spins[kind] = spin
            form.addRow(FIELD_LABELS[kind.value], spin)
        self.error = QLabel(" ")
        self.error.setObjectName("patternError")
        self.error.setProperty("role", "warning")
        self.error.setWordWrap(True)
        hint = QLabel(_("Holds are optional: leave them at 0 s. Slower, not bigger, breaths."))
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)

        self.new_button = QPushButton(_("New pattern"))
        self.save_button = QPushButton(_("Save"))
        self.save_button.setProperty("role", "primary")
        self.delete_button = QPushButton(_("Delete…"))
        self.delete_button.setProperty("role", "danger")
        close = QPushButton(_("Close"))
        buttons = QHBoxLayout()
        for button in (self.new_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)

        editor = QVBoxLayout()
        editor.addLayout(form)
        editor.addWidget(hint)
        editor.addWidget(self.error)
        editor.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list)
        row.addLayout(editor, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 16)
        outer.setSpacing(GAP)
        outer.addLayout(row)
        outer.addLayout(buttons)

        self.list.currentRowChanged.connect(self._show_row)
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.confirm_delete)
        close.clicked.connect(self.accept)
        self._fill_list()
        if self.patterns:
            self.list.setCurrentRow(0)
        else:
            self.start_new()

    def _fill_list(self, select: str | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for pattern in self.patterns:
            item = QListWidgetItem(pattern.name)
            item.setToolTip(_("{value} seconds").format(value=pattern.timings_text()))
            item.setData(Qt.ItemDataRole.UserRole, pattern.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if select is not None:
            ids = [p.id for p in self.patterns]
            self.list.setCurrentRow(ids.index(select))

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        pattern = self.patterns[row]
        self._editing = pattern.id
        self.name.setText(pattern.name)
        seconds = {phase.kind: phase.seconds for phase in pattern.phases}
        for kind, spin in self.spins.items():
            spin.setValue(float(seconds.get(kind, 0)))
        self.error.setText(" ")
        self.delete_button.setEnabled(True)

    def start_new(self) -> None:
        """Empty form with gentle defaults (4 in, 6 out)."""
        self._editing = None
        self.list.clearSelection()
        self.name.setText("")
        for kind, spin in self.spins.items():
            spin.setValue({PhaseKind.INHALE: 4.0, PhaseKind.EXHALE: 6.0}.get(kind, 0.0))
        self.error.setText(" ")
        self.delete_button.setEnabled(False)
        self.name.setFocus()

    def save(self) -> bool:
        """Validate and store the form; on a mistake, say which field and put the cursor there."""
        pattern_id = self._editing or self._store.new_id()
        seconds = {kind: Fraction(str(spin.value())) for kind, spin in self.spins.items()}
        try:
            pattern = custom_pattern(pattern_id, self.name.text(), seconds)
        except PatternError as exc:
            self.error.setText(_("{value}: {message}.")
                                 .format(value=FIELD_LABELS.get(exc.field, exc.field), message=exc.message))
            self._field_widgets().get(exc.field, self.spins[PhaseKind.INHALE]).setFocus()
            return False
        updated = [pattern if p.id == pattern_id else p for p in self.patterns]
        if pattern_id not in {p.id for p in self.patterns}:
            updated.append(pattern)
        if not self._write(updated):
            return False
        self._editing = pattern_id
        self._fill_list(select=pattern_id)
        self.error.setText(" ")
        return True

    def _field_widgets(self) -> dict:
        """The widget to put the cursor in for each field an error can name."""
        return {"name": self.name, **{kind.value: spin for kind, spin in self.spins.items()}}

    def confirm_delete(self) -> None:
        if self._editing is None:
            return
        name = next(p.name for p in self.patterns if p.id == self._editing)
        answer = QMessageBox.question(
            self, _("Delete pattern?"), _("Delete “{name}”? The built-in patterns stay.").format(name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_current()

    def delete_current(self) -> None:
        remaining = [p for p in self.patterns if p.id != self._editing]
        if self._write(remaining):
            self._fill_list()
            if self.patterns:
                self.list.setCurrentRow(0)
            else:
                self.start_new()

    def _write(self, patterns: list[Pattern]) -> bool:
        try:
            self._store.save(patterns)
        except OSError as exc:
            self.error.setText(_("Your patterns could not be saved ({strerror}). Nothing was changed; free "
                                 "some disk space and try again.").format(strerror=exc.strerror))
            return False
        self.patterns = patterns
        self.saved.emit(list(patterns))
        return True
