"""A slider that takes the mouse wheel only when it has the keyboard focus, so scrolling a page
past it never changes a volume (or a check-in's answer) by accident."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QSlider, QWidget


class CalmSlider(QSlider):
    """A horizontal slider; click or Tab to it first, then the wheel moves it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel alone never focuses it

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not self.hasFocus():
            event.ignore()  # the page around it scrolls instead
            return
        super().wheelEvent(event)
