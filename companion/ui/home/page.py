"""The home page: a calm greeting and a quick start for each feature that has one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion.clock import Clock
from companion.pages import PAGES
from companion.ui.shell.base_page import BasePage, card, page_layout


def greeting(hour: int) -> str:
    """A greeting for the hour of the day."""
    if 5 <= hour < 12:
        return "Good morning"
    if 12 <= hour < 18:
        return "Good afternoon"
    if 18 <= hour < 23:
        return "Good evening"
    return "Hello, night owl"


def home_card():
    """A card a little tighter than elsewhere, so the whole home fits the default window."""
    frame, inner = card()
    inner.setContentsMargins(20, 14, 20, 14)
    inner.setSpacing(8)
    return frame, inner


class HomePage(BasePage):
    """Greets the user and offers one button per feature page."""

    page_id = "home"
    open_page = Signal(str, bool)  # page id, start its main action
    one_minute_requested = Signal()
    shown = Signal()
    help_requested = Signal()

    def __init__(self, clock: Clock, parent=None):
        super().__init__(parent)
        self._clock = clock
        content = QWidget()  # scrolls when the window is short, so no card is ever squeezed
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroller.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroller)
        layout = page_layout(content, greeting(clock.now().hour),
                             "Take whatever time you need. Nothing here is in a hurry, "
                             "and you can stop anything at any moment with Esc.")
        layout.setContentsMargins(40, 32, 40, 12)  # the title where every page has it
        title = content.findChild(QLabel, "pageTitle")
        assert title is not None
        self.greeting_label: QLabel = title
        grid = QGridLayout()
        grid.setSpacing(12)
        self.quick_buttons: dict[str, QPushButton] = {}
        features = [page for page in PAGES if page.start_label]  # Settings is in the sidebar
        for index, page in enumerate(features):
            frame, inner = home_card()
            name = QLabel(page.title)
            name.setProperty("role", "heading")
            blurb = QLabel(page.summary)
            blurb.setProperty("role", "muted")
            blurb.setWordWrap(True)
            button = QPushButton(page.start_label or f"Open {page.title.lower()}")
            button.setAccessibleName(page.start_label or f"Open {page.title}")
            if page.id == "session":  # one main action on the screen; the others are quieter
                button.setProperty("role", "primary")
            button.clicked.connect(lambda _=False, pid=page.id, go=bool(page.start_label):
                                   self.open_page.emit(pid, go))
            inner.addWidget(name)
            blurb.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            inner.addWidget(blurb, 1)  # headings line up at the top, buttons at the bottom
            if page.id == "session":  # the heart of the app: the whole first row
                self.suggestion = QLabel()
                self.suggestion.setWordWrap(True)
                self.suggestion.hide()
                inner.addWidget(self.suggestion)
                self.one_minute = QPushButton("Or just one minute of breathing")
                self.one_minute.setAccessibleName("Breathe slowly for one minute")
                self.one_minute.clicked.connect(self.one_minute_requested.emit)
                choices = QHBoxLayout()  # the main action, and a smaller one beside it
                choices.addWidget(button, 3)
                choices.addWidget(self.one_minute, 2)
                inner.addLayout(choices)
                grid.addWidget(frame, 0, 0, 1, len(features) - 1)
            else:  # the exercises side by side on one row, each as wide as the others
                inner.addWidget(button)
                grid.addWidget(frame, 1, index - 1)
                grid.setColumnStretch(index - 1, 1)
            self.quick_buttons[page.id] = button
        frame, inner = home_card()  # help, on a row of its own across the page
        name = QLabel("If it feels like too much")
        name.setProperty("role", "heading")
        blurb = QLabel("People who can listen are a call or a message away, day and night.")
        blurb.setProperty("role", "muted")
        blurb.setWordWrap(True)
        button = QPushButton("See who you can contact")
        button.setProperty("role", "help")
        button.setAccessibleName("See helplines you can contact")
        button.clicked.connect(self.help_requested.emit)
        words = QVBoxLayout()
        words.addWidget(name)
        words.addWidget(blurb)
        row = QHBoxLayout()
        row.addLayout(words, 1)
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        inner.addLayout(row)
        grid.addWidget(frame, 2, 0, 1, len(features) - 1)
        layout.addLayout(grid)
        layout.addStretch(1)

    def set_suggestion(self, text: str) -> None:
        """Which flow to try, and why (from recent sessions, else the time of day)."""
        self.suggestion.setText(text)
        self.suggestion.setVisible(bool(text))

    def refresh_greeting(self) -> None:
        """Update the greeting for the current hour."""
        self.greeting_label.setText(greeting(self._clock.now().hour))

    def showEvent(self, event) -> None:
        # The app may wait in the tray for hours: greet for the hour it is when seen again.
        super().showEvent(event)
        self.refresh_greeting()
        self.shown.emit()
