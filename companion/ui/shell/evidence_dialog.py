"""'What the evidence says': what each exercise is for, how large its effects are, and the
sources, in a calm scrolling dialog (reachable from Need help now? and Settings)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout

from companion.evidence import load_evidence
from companion.i18n import _
from companion.ui.shell.theme import GAP, buttons_on_grid


def evidence_html() -> str:
    parts = []
    for section in load_evidence():
        sources = (f"<br><span>Sources: {escape('; '.join(section.sources))}.</span>"
                   if section.sources else "")
        parts.append(f"<p><b>{escape(section.title)}</b><br>{escape(section.text)}{sources}</p>")
    return "".join(parts)


class EvidenceDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("What the evidence says"))
        self.resize(560, 520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(GAP)
        title = QLabel(_("What the evidence says"))
        title.setProperty("role", "heading")
        self.body = QLabel(evidence_html())
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.body.setAccessibleName(_("What the evidence says"))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.body)
        buttons = buttons_on_grid(QDialogButtonBox(QDialogButtonBox.StandardButton.Close))
        buttons.rejected.connect(self.reject)
        layout.addWidget(title)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.finished.connect(self.deleteLater)
