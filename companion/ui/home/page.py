"""The home page: a calm greeting and a quick start for each feature that has one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.clock import Clock
from companion.i18n import _
from companion.pages import PAGES
from companion.ui.shell.base_page import BasePage, card, page_layout
from companion.ui.shell.reflow_row import columns_that_fit, scrolling_body
from companion.ui.shell.theme import page_margins


def greeting(hour: int) -> str:
    """A greeting for the hour of the day."""
    if 5 <= hour < 12:
        return _("Good morning")
    if 12 <= hour < 18:
        return _("Good afternoon")
    if 18 <= hour < 23:
        return _("Good evening")
    return _("Hello, night owl")


def home_card():
    """A card a little tighter than elsewhere, so the whole home fits the default window."""
    frame, inner = card()
    inner.setContentsMargins(20, 12, 20, 12)
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
        content = scrolling_body(self)  # scrolls when the window is short: no card is squeezed
        layout = page_layout(content, greeting(clock.now().hour),
                             _("Take whatever time you need. Nothing here is in a hurry, "
                             "and you can stop anything at any moment with Esc."))
        layout.setContentsMargins(*page_margins(12))
        title = content.findChild(QLabel, "pageTitle")
        assert title is not None
        self.greeting_label: QLabel = title
        grid = QGridLayout()
        grid.setSpacing(12)
        self.quick_buttons: dict[str, QPushButton] = {}
        self.exercise_cards: list[QWidget] = []
        self.grid = grid
        self.columns = 0
        features = [page for page in PAGES if page.start_label]  # Settings is in the sidebar
        for page in features:
            frame, inner = home_card()
            name = QLabel(page.title)
            name.setProperty("role", "heading")
            blurb = QLabel(page.summary)
            blurb.setProperty("role", "muted")
            blurb.setWordWrap(True)
            button = QPushButton(page.start_label or _("Open {page}").format(page=page.title))
            button.setAccessibleName(page.start_label or _("Open {page}").format(page=page.title))
            if page.id == "session":  # one main action on the screen; the others are quieter
                button.setProperty("role", "primary")
            button.clicked.connect(lambda _checked=False, pid=page.id, go=bool(page.start_label):
                                   self.open_page.emit(pid, go))
            inner.addWidget(name)
            blurb.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            inner.addWidget(blurb, 1)  # headings line up at the top, buttons at the bottom
            if page.id == "session":  # the heart of the app: the whole first row
                self.suggestion = QLabel()
                self.suggestion.setWordWrap(True)
                self.suggestion.hide()
                inner.addWidget(self.suggestion)
                self.one_minute = QPushButton(_("Or just one minute of breathing"))
                self.one_minute.setAccessibleName(_("Breathe slowly for one minute"))
                self.one_minute.clicked.connect(self.one_minute_requested.emit)
                choices = QHBoxLayout()  # the main action, and a smaller one beside it
                choices.addWidget(button, 3)
                choices.addWidget(self.one_minute, 2)
                inner.addLayout(choices)
                self.session_choices = choices
                self.session_card = frame
            else:  # the exercises side by side on one row, each as wide as the others
                inner.addWidget(button)
                self.exercise_cards.append(frame)
            self.quick_buttons[page.id] = button
        frame, inner = home_card()  # help, on a row of its own across the page
        name = QLabel(_("If it feels like too much"))
        name.setProperty("role", "heading")
        blurb = QLabel(_("People who can listen are a call or a message away, day and night."))
        blurb.setProperty("role", "muted")
        blurb.setWordWrap(True)
        button = QPushButton(_("See who you can contact"))
        button.setProperty("role", "help")
        button.setAccessibleName(_("See helplines you can contact"))
        button.clicked.connect(self.help_requested.emit)
        words = QVBoxLayout()
        words.addWidget(name)
        words.addWidget(blurb)
        name.setWordWrap(True)
        row = QHBoxLayout()
        row.addLayout(words, 1)
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        inner.addLayout(row)
        self.help_row, self.help_button = row, button
        self.help_card = frame
        self._place_cards(len(self.exercise_cards))
        layout.addLayout(grid)
        layout.addStretch(1)

    def _place_cards(self, columns: int) -> None:
        """The exercises side by side (as many a row as fit), help on a row of its own."""
        if columns == self.columns:
            return
        self.columns = columns
        for card_widget in (*self.exercise_cards, self.help_card):
            self.grid.removeWidget(card_widget)
        for column in range(len(self.exercise_cards)):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        for index, card_widget in enumerate(self.exercise_cards):
            self.grid.addWidget(card_widget, 1 + index // columns, index % columns)
        rows = -(-len(self.exercise_cards) // columns)
        self.grid.addWidget(self.help_card, 1 + rows, 0, 1, columns)
        self.grid.removeWidget(self.session_card)
        self.grid.addWidget(self.session_card, 0, 0, 1, columns)

    def resizeEvent(self, event) -> None:
        """Three exercise cards a row where their words fit, fewer where they do not; the
        session's two buttons and help's button beside their words, or below them."""
        super().resizeEvent(event)
        widest = max(card_widget.minimumSizeHint().width() for card_widget in self.exercise_cards)
        room = self.width() - 80
        fit = columns_that_fit(room, widest, gap=12, most=len(self.exercise_cards))
        self._place_cards(fit)
        inside = room - 40  # a card's own margins
        both = self.quick_buttons["session"].sizeHint().width() \
            + self.one_minute.sizeHint().width() + 12
        self.session_choices.setDirection(QBoxLayout.Direction.LeftToRight if inside >= both
                                          else QBoxLayout.Direction.TopToBottom)
        words = self.help_card.fontMetrics().horizontalAdvance(_("If it feels like too much")) * 1.3
        beside = inside >= words + self.help_button.sizeHint().width() + 12
        self.help_row.setDirection(QBoxLayout.Direction.LeftToRight if beside
                                   else QBoxLayout.Direction.TopToBottom)

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
