"""'Need help now?': crisis lines and emergency numbers, offline, ordered for the user's country."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from companion.helplines import HelpDirectory, country_of, load_directory, ordered_for

SEEK_SUPPORT = ("If low mood or crying spells last two weeks or more, if you feel numb or empty "
                "most of the time, or if day-to-day things have become hard to manage, talk to a "
                "doctor or a therapist. That is not a failure; it is what they are there for.")
AFTER_CARE = ("Drink some water, rest, and go easy on yourself for a while. Feeling raw or tired "
              "afterwards is common. If you can, be near someone you trust, or tell them how "
              "you are.")


def help_html(directory: HelpDirectory) -> str:
    """The dialog's text as simple rich text."""
    parts = ["<p>If things feel like too much right now, you deserve support from a person. "
             "Reaching out is a strong thing to do.</p>"]
    for line in directory.lines:
        parts.append(f"<p><b>{escape(line.name)}</b><br>{escape(line.how)}<br>"
                     f"<span>{escape(line.detail)}</span></p>")
    numbers = " · ".join(escape(num.number) for num in directory.emergency)
    parts.append(f"<p><b>If you are in danger, or someone else is</b><br>"
                 f"Call emergency services: {numbers}</p>")
    parts.append(f"<p><b>When to look for more support</b><br>{escape(SEEK_SUPPORT)}</p>")
    parts.append(f"<p><b>After a good cry</b><br>{escape(AFTER_CARE)}</p>")
    parts.append("<p>Companion is here to help you relax. It is a companion, "
                 "not a substitute for professional care.</p>")
    return "".join(parts)


class HelpDialog(QDialog):
    """Lists who to contact; the text can be selected and copied."""

    def __init__(self, parent=None, locale_name: str | None = None):
        super().__init__(parent)
        self.setWindowTitle("Need help now?")
        self.setAccessibleName("Need help now")
        self.setMinimumWidth(460)
        country = country_of(locale_name or QLocale.system().name())
        self.directory = ordered_for(load_directory(), country)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(16)
        title = QLabel("Need help now?")
        title.setProperty("role", "heading")
        body = QLabel(help_html(self.directory))
        body.setObjectName("helpText")
        body.setWordWrap(True)
        body.setTextFormat(Qt.TextFormat.RichText)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        body.setAccessibleName("Helplines and emergency numbers")
        body.setFixedWidth(body.fontMetrics().averageCharWidth() * 60)  # wrapped text needs a width
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.evidence_button = buttons.addButton("What the evidence says",
                                                 QDialogButtonBox.ButtonRole.ActionRole)
        self.evidence_button.clicked.connect(self.show_evidence)
        layout.addWidget(title)
        layout.addWidget(body)
        layout.addWidget(buttons)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetFixedSize)  # grow to fit all text

    def show_evidence(self) -> None:
        from companion.ui.evidence_dialog import EvidenceDialog

        self.evidence_dialog = EvidenceDialog(self)
        self.evidence_dialog.open()
