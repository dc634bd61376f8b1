"""The entry editor: title, tags, an optional mood and the Markdown text, with the guided-writing
panel (a prompt, 15 minutes, then a grounding step) above it."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from companion.clock import Clock
from companion.i18n import _
from companion.journal.entry import MOODS, Entry
from companion.journal.prompts import (
    Prompt,
    WritingSession,
    WritingState,
    grounding,
    invitation,
    prompt_for,
)
from companion.ui.journal.markdown_marks import MarkdownMarks
from companion.ui.shell.base_page import card
from companion.ui.shell.theme import GAP


class GuidedWritingWidget(QWidget):
    """The prompt and the time left; grounding shows when the time is up. finished() at the end."""

    finished = Signal()
    prompt_changed = Signal(str)

    def __init__(self, clock: Clock, prompts: list[Prompt], parent: QWidget | None = None):
        super().__init__(parent)
        self._clock = clock
        self._prompts = prompts
        self._turn = 0
        self.session: WritingSession | None = None
        self.tick = QTimer(self)
        self.tick.setObjectName("writing-minute")
        self.tick.setSingleShot(True)
        self.tick.timeout.connect(self._update)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(GAP)
        frame, inner = card()
        inner.setContentsMargins(16, 12, 16, 12)
        inner.setSpacing(8)
        self.prompt_label = QLabel()
        font = self.prompt_label.font()
        font.setBold(True)
        self.prompt_label.setFont(font)
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setAccessibleName(_("Writing prompt"))
        self.invitation = QLabel(invitation())
        self.invitation.setProperty("role", "muted")
        self.invitation.setWordWrap(True)
        self.time_label = QLabel()
        self.time_label.setProperty("role", "muted")
        row = QHBoxLayout()
        self.another = QPushButton(_("New prompt"))
        self.another.setAccessibleName(_("Show another prompt"))
        self.done_button = QPushButton(_("Done writing"))
        row.addWidget(self.time_label, 1)
        row.addWidget(self.another)
        row.addWidget(self.done_button)
        for widget in (self.prompt_label, self.invitation):
            inner.addWidget(widget)
        inner.addLayout(row)
        layout.addWidget(frame)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.another.clicked.connect(self.next_prompt)
        self.done_button.clicked.connect(self._done_pressed)
        self.hide()

    def start(self, grief: bool | None = None) -> None:
        self.session = WritingSession(self._clock)
        self._grief = grief
        self.prompt_label.setText(prompt_for(self._prompts, self._turn, grief).text)
        self.invitation.setText(invitation())
        self.done_button.setText(_("Done writing"))
        self.another.show()
        self.show()
        self._update()

    def next_prompt(self) -> None:
        self._turn += 1
        text = prompt_for(self._prompts, self._turn, getattr(self, "_grief", None)).text
        self.prompt_label.setText(text)
        self.prompt_changed.emit(text)

    def _update(self) -> None:
        session = self.session
        if session is None:
            return
        if session.update() is WritingState.GROUNDING:
            self._ground()
            return
        remaining = session.remaining()
        minutes = int(remaining // 60) + (1 if remaining % 60 else 0)
        self.time_label.setText(_("{minutes} min left").format(minutes=minutes))
        # Wake at the next whole minute (the label's only change), or at the end.
        self.tick.start(max(1, round((remaining % 60 or 60) * 1000)))

    def _done_pressed(self) -> None:
        if self.session is not None and self.session.state is not WritingState.GROUNDING:
            self.session.finish_early()
            self._ground()
        else:
            self.stop()
            self.finished.emit()

    def _ground(self) -> None:
        self.tick.stop()
        self.prompt_label.setText(_("Coming back"))
        self.invitation.setText(grounding())
        self.time_label.setText(_("Your writing time is over. Your words are saved."))
        self.another.hide()
        self.done_button.setText(_("Done"))

    def stop(self) -> None:
        self.tick.stop()
        self.session = None
        self.hide()


class EntryEditorWidget(QWidget):
    """edited() on every change the person makes (the page saves after a pause)."""

    edited = Signal()
    loaded = Signal(bool)  # after each load(): whether an entry is shown

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.entry: Entry | None = None
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.title = QLineEdit()
        self.title.setPlaceholderText(_("A title, if you like"))
        self.title.setAccessibleName(_("Entry title"))
        meta = QHBoxLayout()
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(_("Tags"))
        self.tags.setAccessibleName(_("Tags"))
        self.tags.setAccessibleDescription(_("Separate tags with commas"))
        self.tags.setToolTip(_("Separate tags with commas, like: work, family"))
        self.mood = QComboBox()
        self.mood.setAccessibleName(_("Mood"))
        self.mood.addItem(_("Mood: not said"), None)
        for value, mood_words in MOODS.items():
            self.mood.addItem(_("Mood: {words}").format(words=_(mood_words)), value)
        meta.addWidget(self.tags, 2)
        meta.addWidget(self.mood, 1)
        self.body = QPlainTextEdit()
        self.body.setPlaceholderText(_("Write here. Markdown works: *soft*, **strong**, - lists."))
        self.body.setAccessibleName(_("Entry text"))
        self.body.setMinimumHeight(56)  # two lines at least; it grows with the window
        self.marks = MarkdownMarks(self.body.document())
        layout.addWidget(self.title)
        layout.addLayout(meta)
        layout.addWidget(self.body, 1)
        self.title.textEdited.connect(self._changed)
        self.tags.textEdited.connect(self._changed)
        self.mood.activated.connect(self._changed)
        self.body.textChanged.connect(self._changed)

    def _changed(self, *_args) -> None:
        if not self._loading and self.entry is not None:
            self.edited.emit()

    def load(self, entry: Entry | None) -> None:
        """Show an entry (None: nothing), with a fresh undo history."""
        self._loading = True
        self.entry = entry
        self.title.setText(entry.title if entry else "")
        self.tags.setText(", ".join(entry.tags) if entry else "")
        index = self.mood.findData(entry.mood) if entry and entry.mood else 0
        self.mood.setCurrentIndex(max(0, index))
        self.body.setPlainText(entry.body if entry else "")
        self.body.document().clearUndoRedoStacks()
        self.setEnabled(entry is not None)
        self._loading = False
        self.loaded.emit(entry is not None)

    def values(self) -> dict:
        """The fields as an Entry.edited() understands them."""
        tags = tuple(t for t in (part.strip() for part in self.tags.text().split(",")) if t)
        return {"title": self.title.text().strip(), "tags": tags,
                "mood": self.mood.currentData(), "body": self.body.toPlainText()}

    def forget(self) -> None:
        """Drop every word shown, its undo history and the entry itself (on lock). setText on
        the line edits clears their undo history too."""
        self.load(None)
