"""What every page offers the main window: an id, a main action, and a way to stop."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QListWidget, QVBoxLayout, QWidget

from companion.ui.shell.theme import GAP, page_margins


class BasePage(QWidget):
    """A page in the main window's stack. Subclasses set page_id and override what they run."""

    page_id = ""

    def start_main_action(self) -> None:
        """Begin the page's main activity (for --start); pages without one do nothing."""

    def stop(self) -> None:
        """Stop whatever the page is running (Esc); safe to call when nothing runs."""

    def is_running(self) -> bool:
        """Whether the page has an activity in progress."""
        return False


def page_layout(page: QWidget, title: str, subtitle: str = "") -> QVBoxLayout:
    """A page's standard margins and heading; returns the layout to fill."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(*page_margins())
    layout.setSpacing(20)
    heading = QLabel(title)
    heading.setProperty("role", "title")
    heading.setAccessibleName(title)
    heading.setObjectName("pageTitle")
    layout.addWidget(heading)
    if subtitle:
        sub = QLabel(subtitle)
        sub.setProperty("role", "muted")
        sub.setWordWrap(True)
        layout.addWidget(sub)
    return layout


def card(parent: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    """A softly rounded panel and its layout."""
    frame = QFrame(parent)
    frame.setProperty("role", "card")
    inner = QVBoxLayout(frame)
    inner.setContentsMargins(24, 20, 24, 20)
    inner.setSpacing(12)
    return frame, inner


def card_in(widget: QWidget) -> QVBoxLayout:
    """Fill a widget with one card; returns the card's layout."""
    frame, inner = card()
    outer = QHBoxLayout(widget)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.setSpacing(GAP)
    outer.addWidget(frame)
    return inner


def choice_list(name: str) -> QListWidget:
    """A list of choices that wraps long words instead of scrolling sideways."""
    widget = QListWidget()
    widget.setProperty("role", "choices")
    widget.setAccessibleName(name)
    widget.setWordWrap(True)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return widget
