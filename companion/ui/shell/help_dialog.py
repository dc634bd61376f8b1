"""'Need help now?': crisis lines and emergency numbers, offline, ordered for the user's country."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout

from companion.helplines import HelpDirectory, Helpline, country_of, load_directory, ordered_for
from companion.i18n import N_, _
from companion.ui.shell.theme import buttons_on_grid

SEEK_SUPPORT = (N_("If low mood or crying spells last two weeks or more, if you feel numb or empty "
                "most of the time, or if day-to-day things have become hard to manage, talk to a "
                "doctor or a therapist. That is not a failure; it is what they are there for."))
AFTER_CARE = (N_("Drink some water, rest, and go easy on yourself for a while. Feeling raw or tired "
              "afterwards is common. If you can, be near someone you trust, or tell them how "
              "you are."))


def _line_html(directory: HelpDirectory, line: Helpline) -> str:
    where = directory.where(line.regions)
    label = f" ({escape(where)})" if where else ""
    return (f"<p><b>{escape(line.name)}</b>{label}<br>{escape(line.how)}<br>"
            f"<span>{escape(line.detail)}</span><br><span>{escape(line.web)}</span></p>")


def help_html(directory: HelpDirectory) -> str:
    """The dialog's text as simple rich text: this country's help first, then everyone else's."""
    parts = [_("<p>If things feel like too much right now, you deserve support from a person. "
               "Reaching out is a strong thing to do.</p>")]
    local = directory.serving_here()
    finder = next(line for line in directory.lines if not line.regions)
    for line in local or (finder,):
        parts.append(_line_html(directory, line))
    emergency = directory.emergency_here()
    number = escape(emergency.number)
    if not (directory.here and directory.here in emergency.regions):
        number += _(", or your local emergency number")
    parts.append(_("<p><b>If you are in danger, or someone else is</b><br>Call emergency services: "
                   "{number}</p>").format(number=number))
    parts.append(_("<p><b>When to look for more support</b><br>{text}</p>").format(
        text=escape(_(SEEK_SUPPORT))))
    parts.append(_("<p><b>After a good cry</b><br>{text}</p>").format(text=escape(_(AFTER_CARE))))
    others = [line for line in directory.lines if line.regions and line not in local]
    rows = [f"{escape(directory.where(line.regions))}: {escape(line.name)}, "
            f"{escape(line.how[0].lower() + line.how[1:])}" for line in others]
    if local:
        rows.append(_("Anywhere else: {value}").format(value=escape(finder.how)))
    numbers = [f"{escape(directory.where(num.regions))} {escape(num.number)}"
               for num in directory.emergency if num.regions and num is not emergency]
    parts.append(_("<p><b>In other countries</b><br>{lines}</p>").format(lines="<br>".join(rows)))
    parts.append(_("<p><b>Emergency numbers elsewhere</b><br>{lines}<br>Anywhere in the European "
                   "Union: 112</p>").format(lines="<br>".join(numbers)))
    parts.append(_("<p>Companion is here to help you relax. It is a companion, not a substitute "
                   "for professional care.</p>"))
    return "".join(parts)


class HelpDialog(QDialog):
    """Lists who to contact; the text can be selected and copied."""

    def __init__(self, parent=None, locale_name: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Need help now?"))
        self.setAccessibleName(_("Need help now"))
        self.setMinimumWidth(460)
        country = country_of(locale_name or QLocale.system().name())
        self.directory = ordered_for(load_directory(), country)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(16)
        title = QLabel(_("Need help now?"))
        title.setProperty("role", "heading")
        body = QLabel(help_html(self.directory))
        body.setObjectName("helpText")
        body.setWordWrap(True)
        body.setTextFormat(Qt.TextFormat.RichText)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        body.setAccessibleName(_("Helplines and emergency numbers"))
        self.body = body
        scroll = QScrollArea()  # this country's help comes first; other countries' below it
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        buttons = buttons_on_grid(QDialogButtonBox(QDialogButtonBox.StandardButton.Close))
        buttons.rejected.connect(self.reject)
        self.evidence_button = buttons.addButton(_("What the evidence says"),
                                                 QDialogButtonBox.ButtonRole.ActionRole)
        self.evidence_button.clicked.connect(self.show_evidence)
        layout.addWidget(title)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        width = body.fontMetrics().averageCharWidth() * 64
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(width, screen.width() - 40),
                    min(body.heightForWidth(width) + 140, int(screen.height() * 0.8)))

    def show_evidence(self) -> None:
        from companion.ui.shell.evidence_dialog import EvidenceDialog

        self.evidence_dialog = EvidenceDialog(self)
        self.evidence_dialog.open()
