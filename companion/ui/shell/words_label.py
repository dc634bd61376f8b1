"""A label for words meant to be read at a glance (the step a guided relaxation speaks): at the
largest of its steps of the type scale at which they fit, smaller where the room is short (a
small window, large text, a long step), down to the body size, so they are never cut off."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QLabel, QWidget

TALL = 1_000_000  # a height no text reaches: the room a measured text may take


class WordsLabel(QLabel):
    """Word-wrapped, centred words at the largest of `steps` (of the type scale, largest first,
    the body size last) at which they fit."""

    def __init__(self, steps: tuple[float, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self._steps = steps
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._set_points(self._sizes()[0])

    def heightForWidth(self, width: int) -> int:
        """The height the words need at the body size: a page gives them at least that
        (scrolling if it must), so they are never cut; any more room makes them larger. (Asking
        for the height at their current size would let a scrolling page grow with them.)"""
        margins = self.contentsMargins()
        inner = width - margins.left() - margins.right()
        return self._height_at(self._sizes()[-1], inner) + margins.top() + margins.bottom()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def event(self, event) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.ApplicationFontChange:  # the text size was changed
            self._fit()
        return handled

    def _sizes(self) -> list[float]:
        """The point sizes of the steps, largest first, for the app's text size now."""
        body = QGuiApplication.font().pointSizeF()
        return [body * step for step in self._steps]

    def _height_at(self, points: float, width: int) -> int:
        """The height of the words at this size, wrapped to this width."""
        font = QFont(self.font())
        font.setPointSizeF(points)
        flags = Qt.TextFlag.TextWordWrap.value | self.alignment().value
        return QFontMetrics(font).boundingRect(QRect(0, 0, width, TALL), flags,
                                               self.text()).height()

    def _fit(self) -> None:
        """The first size, largest first, at which the words fit the room (the smallest when
        none does; the largest until the label is laid out)."""
        room, sizes = self.contentsRect(), self._sizes()
        if room.width() <= 0 or room.height() <= 0:
            self._set_points(sizes[0])
            return
        self._set_points(next((size for size in sizes[:-1]
                               if self._height_at(size, room.width()) <= room.height()),
                              sizes[-1]))

    def _set_points(self, points: float) -> None:
        if self.font().pointSizeF() != points:
            font = QFont(self.font())
            font.setPointSizeF(points)
            self.setFont(font)
