"""A row of controls that moves its last ones onto a second line where one line would cut their
words (a narrow window, a large text size), instead of squeezing or hiding them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from companion.ui.shell.theme import GAP


def columns_that_fit(room: int, widest: int, gap: int, most: int) -> int:
    """How many items `widest` pixels wide fit side by side in `room` with `gap` between them
    (at least one, at most `most`)."""
    return max(1, min(most, (room + gap) // (widest + gap)))


def scrolling_body(page: QWidget) -> QWidget:
    """Fill a page with a scroll area (no frame, no sideways scrolling) and return the widget to
    lay the page out on: it is as wide as the page shows, and scrolls down where it is taller."""
    body = QWidget()
    fit_width_of_viewport(body)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(body)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.setSpacing(GAP)
    outer.addWidget(scroll)
    return body


def fit_width_of_viewport(body: QWidget) -> None:
    """A scroll area's content as wide as the scroll area shows, never wider (its rows wrap)."""
    policy = body.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
    body.setSizePolicy(policy)


class ReflowRow(QWidget):
    """The widgets left to right, at their natural widths, starting a new line wherever the next
    one would not fit (one line at the usual sizes; two or three in a narrow window or at a large
    text size)."""

    def __init__(self, widgets: list[QWidget], spacing: int = 12,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.widgets, self.spacing = widgets, spacing
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(spacing)
        self.lines: list[QHBoxLayout] = []
        self.breaks: tuple[int, ...] = ()
        self.arrange(tuple())
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)  # the page's width decides
        self.setSizePolicy(policy)

    @staticmethod
    def natural(widget: QWidget) -> int:
        return max(widget.sizeHint().width(), widget.minimumWidth())

    def breaks_for(self, width: int) -> tuple[int, ...]:
        """Where new lines begin (indexes into widgets) for this width."""
        breaks, used = [], 0
        for index, widget in enumerate(self.widgets):
            need = self.natural(widget)
            if used and used + self.spacing + need > width:
                breaks.append(index)
                used = need
            else:
                used += (self.spacing if used else 0) + need
        return tuple(breaks)

    def arrange(self, breaks: tuple[int, ...]) -> None:
        if self.lines and breaks == self.breaks:
            return
        self.breaks = breaks
        for line in self.lines:
            while line.count():
                line.takeAt(0)
            self.column.removeItem(line)
        self.lines = []
        starts = (0, *breaks)
        ends = (*breaks, len(self.widgets))
        for start, end in zip(starts, ends, strict=True):
            line = QHBoxLayout()
            line.setSpacing(self.spacing)
            for widget in self.widgets[start:end]:
                line.addWidget(widget, 0, Qt.AlignmentFlag.AlignVCenter)
            line.addStretch(1)  # spare room to the right, not between controls
            self.column.addLayout(line)
            self.lines.append(line)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.arrange(self.breaks_for(self.width()))
