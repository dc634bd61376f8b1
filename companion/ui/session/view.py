"""The quiet session's widgets, laid out: the bar shown above every page while a session runs, and
the page's views (the flow picker, making the space, the check-in, writing or grounding here, and
the summary). SessionChoices (choices.py) and SessionPage (page.py) build on this."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.i18n import _
from companion.journal.prompts import where_help_is
from companion.ui.shell.base_page import BasePage, card, choice_list, page_layout
from companion.ui.shell.checkin_widget import CheckInWidget
from companion.ui.shell.theme import GAP

SPACE_TEXT = (_("<p><b>Making the space</b></p><p>Dim the lights if you like. Keep tissues and "
              "some water close by. You can pause, skip or stop at any moment. Crying is "
              "welcome here, and if tears don't come, that's fine too.</p><p>Nothing here needs "
              "to go well. It only needs to be yours.</p>"))
HELP_TEXT = (_("That sounds like a lot to carry right now. You do not have to hold it alone: the "
             "people behind <b>Need help now?</b> are there to listen, day and night."))


def grounding_here() -> str:
    """The grounding step's words, with where help is."""
    return _("Come back to the room. Name five things you can see, four you can touch, three "
             "you can hear, two you can smell and one you can taste. Take your time. ") \
        + where_help_is()


CALMER_FLOW = "wind-down"  # offered instead when a check-in before a session is 8 or more
LATER_MINUTES = 90  # the optional later check-in (Gračanin et al. 2015: better at 90 min)


class SessionBar(QFrame):
    """Shown above every page while a session's steps run: where you are, Skip, End, and Need
    help now? (the window gives the session all its room then, sidebar folded away).
    shown_changed(bool) when it appears or goes."""

    shown_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "notice")
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 8, 12, 8)
        row.setSpacing(GAP)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAccessibleName(_("Quiet session progress"))
        self.skip_button = QPushButton(_("Skip this step"))
        self.end_button = QPushButton(_("End the session"))
        self.help_button = QPushButton(_("Need help now?"))
        self.help_button.setProperty("role", "help")
        self.help_button.setAccessibleName(_("Need help now? Show helplines"))
        row.addWidget(self.label, 1)
        row.addWidget(self.skip_button)
        row.addWidget(self.end_button)
        row.addWidget(self.help_button)
        self._shown = False
        self.hide()

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        if visible != self._shown:
            self._shown = visible
            self.shown_changed.emit(visible)


class SessionView(BasePage):
    """Every widget of the Session page, with nothing connected yet."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = page_layout(self, _("A quiet session"), _("Breathing, letting go, writing and rest, "
                             "one after another, with a check-in before and after."))
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.picker = self._build_picker()
        self.space = self._build_space()
        self.checkin = CheckInWidget()
        self.here = self._build_here()
        self.summary = self._build_summary()
        for view in (self.picker, self.space, self.checkin, self.here, self.summary):
            self.stack.addWidget(view)

    def _build_picker(self) -> QWidget:
        view = QWidget()
        row = QHBoxLayout(view)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(GAP)
        self.flow_list = choice_list(_("Session flows"))
        self.step_list = choice_list(_("Steps of this flow: untick to leave one out"))
        side = QVBoxLayout()
        self.flow_summary = QLabel()
        self.flow_summary.setWordWrap(True)
        self.minutes_label = QLabel()
        self.minutes_label.setProperty("role", "muted")
        moves = QHBoxLayout()
        self.up_button = QPushButton(_("Move up"))
        self.down_button = QPushButton(_("Move down"))
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        self.begin_button = QPushButton(_("Begin"))
        self.begin_button.setProperty("role", "primary")
        side.addWidget(self.flow_summary)
        side.addWidget(self.step_list, 1)
        side.addWidget(self.minutes_label)
        side.addLayout(moves)
        side.addWidget(self.begin_button)
        row.addWidget(self.flow_list, 1)
        row.addLayout(side, 1)
        return view

    def _build_space(self) -> QWidget:
        frame, inner = card()
        text = self.space_text = QLabel(SPACE_TEXT)
        text.setWordWrap(True)
        buttons = QHBoxLayout()
        self.ready_button = QPushButton(_("I'm ready"))
        self.ready_button.setProperty("role", "primary")
        self.not_now_button = QPushButton(_("Not now"))
        buttons.addStretch(1)
        buttons.addWidget(self.not_now_button)
        buttons.addWidget(self.ready_button)
        inner.addWidget(text)
        inner.addLayout(buttons)
        return frame

    def _build_here(self) -> QWidget:
        """Steps that happen on this page: writing, and the 5-4-3-2-1 grounding."""
        frame, inner = card()
        self.here_title = QLabel()
        self.here_title.setProperty("role", "heading")
        self.here_title.setWordWrap(True)
        self.here_text = QLabel()
        self.here_text.setWordWrap(True)
        self.writing = QPlainTextEdit()
        self.writing.setAccessibleName(_("Your writing"))
        self.keep_note = QLabel()  # said before writing starts: where the words will go
        self.keep_note.setProperty("role", "muted")
        self.keep_note.setWordWrap(True)
        self.keep_button = QPushButton()
        self.here_done = QPushButton(_("Done"))
        self.here_done.setProperty("role", "primary")
        for widget in (self.here_title, self.here_text, self.keep_note, self.writing):
            inner.addWidget(widget)
        self.new_prompt_button = QPushButton(_("New prompt"))
        row = QHBoxLayout()
        row.addWidget(self.new_prompt_button)
        row.addWidget(self.keep_button)
        row.addStretch(1)
        row.addWidget(self.here_done)
        inner.addLayout(row)
        return frame

    def _build_summary(self) -> QWidget:
        frame, inner = card()
        self.summary_text = QLabel()
        self.summary_text.setWordWrap(True)
        self.help_box = QLabel(HELP_TEXT)
        self.help_box.setWordWrap(True)
        self.help_button = QPushButton(_("Need help now?"))
        self.help_button.setProperty("role", "help")
        self.later_button = QPushButton(_("Check in with me again in {LATER_MINUTES} minutes")
                                          .format(LATER_MINUTES=LATER_MINUTES))
        self.kept_label = QLabel()
        self.kept_label.setProperty("role", "muted")
        self.kept_label.setWordWrap(True)
        self.create_journal_button = QPushButton(_("Create a journal to keep sessions from now on"))
        self.finish_button = QPushButton(_("Finish"))
        self.finish_button.setProperty("role", "primary")
        for widget in (self.summary_text, self.help_box, self.help_button, self.later_button,
                       self.kept_label, self.create_journal_button, self.finish_button):
            inner.addWidget(widget)
        return frame
