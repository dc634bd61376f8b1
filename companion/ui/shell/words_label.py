"""A label for words meant to be read at a glance (the step a guided relaxation speaks): at the
largest of its steps of the type scale at which they fit, smaller where the room is short (a
small window, large text, a long step), down to the body size, so they are never cut off."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QLabel, QWidget

TALL = 1_000_000  # a height no text reaches: the room a measured text may take


def largest_fitting_points(text: str, font: QFont, room: QRect, flags: int,
                           sizes: list[float]) -> float:
    """The first of the point sizes (largest first) at which the text, wrapped to the room's
    width, fits its height; the last (the smallest) when none does."""
    trial = QFont(font)
    for size in sizes[:-1]:
        trial.setPointSizeF(size)
        height = QFontMetrics(trial).boundingRect(
            QRect(0, 0, room.width(), TALL), flags, text).height()
        if height <= room.height():
            return size
    return sizes[-1]


class WordsLabel(QLabel):
    """Word-wrapped, centred words at the largest of `steps` (of the type scale, largest first,
    the body size last) at which they fit."""

    def __init__(self, steps: tuple[float, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self._steps = steps
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._set_points(self._largest())

    def heightForWidth(self, width: int) -> int:
        """The height the words need at the body size: a page gives them at least that
        (scrolling if it must), so they are never cut; any more room makes them larger. (Asking
        for the height at their current size would let a scrolling page grow with them.)"""
        margins = self.contentsMargins()
        room = QRect(0, 0, width - margins.left() - margins.right(), TALL)
        font = QFont(self.font())
        font.setPointSizeF(self._smallest())
        needed = QFontMetrics(font).boundingRect(room, self._flags(), self.text()).height()
        return needed + margins.top() + margins.bottom()

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
        body = QGuiApplication.font().pointSizeF()
        return [body * step for step in self._steps]

    def _largest(self) -> float:
        return self._sizes()[0]

    def _smallest(self) -> float:
        return self._sizes()[-1]

    def _flags(self) -> int:
        return Qt.TextFlag.TextWordWrap.value | self.alignment().value

    def _fit(self) -> None:
        room = self.contentsRect()
        if room.width() <= 0 or room.height() <= 0:  # not laid out yet: large until it is
            self._set_points(self._largest())
            return
        self._set_points(largest_fitting_points(
            self.text(), self.font(), room, self._flags(), self._sizes()))

    def _set_points(self, points: float) -> None:
        if self.font().pointSizeF() != points:
            font = QFont(self.font())
            font.setPointSizeF(points)
            self.setFont(font)
