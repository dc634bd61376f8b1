"""The breathing orb: grows on the inhale, rests on a hold, shrinks on the exhale; never flashes."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QRadialGradient
from PySide6.QtWidgets import QSizePolicy, QWidget

from companion.breathing.model import PhaseKind
from companion.breathing.timeline import Moment, Stage
from companion.ui.theme import EVENING, Palette

SMALLEST = 0.38  # orb radius at the bottom of a breath, as a share of the largest
TOP_UP_EXTRA = 0.08  # the cyclic sigh's extra sip grows the orb a little past full


def eased(progress: float) -> float:
    """Sine easing: slow at both ends, like a breath."""
    return (1 - math.cos(math.pi * max(0.0, min(1.0, progress)))) / 2


def fullness(moment: Moment | None) -> float:
    """How full the lungs are, 0 (empty) to 1 (full; a top-up goes a little past)."""
    if moment is None or moment.kind is None:
        return 0.5
    kind, p = moment.kind, moment.progress
    if kind is PhaseKind.INHALE:
        return eased(p)
    if kind is PhaseKind.TOP_UP:
        return 1 + TOP_UP_EXTRA * eased(p)
    if kind is PhaseKind.HOLD_IN:
        return 1.0
    if kind is PhaseKind.EXHALE:
        return 1 - eased(p)
    return 0.0


class OrbWidget(QWidget):
    """Draws a moment of a session. It holds no timer: the page decides when to repaint."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(220, 220)
        self.setAccessibleName("Breathing orb")
        self.palette_tokens: Palette = EVENING
        self.reduce_motion = False
        self.moment: Moment | None = None
        self.session_progress = 0.0  # 0..1 of the whole session; None-like 0 for open-ended
        self.show_ring = True

    def show_moment(self, moment: Moment | None, session_progress: float) -> None:
        self.moment = moment
        self.session_progress = session_progress
        self.update()

    def largest_radius(self) -> float:
        side = min(self.width(), self.height())
        return side * 0.40 / (1 + TOP_UP_EXTRA)

    def radius(self) -> float:
        """The orb's radius now; constant when motion is reduced."""
        big = self.largest_radius()
        if self.reduce_motion:
            return big * 0.8
        return big * (SMALLEST + (1 - SMALLEST) * fullness(self.moment))

    def fill_opacity(self) -> float:
        """With reduced motion the breath shows as a gentle change of fill instead of size."""
        if not self.reduce_motion:
            return 0.9
        return 0.3 + 0.6 * min(1.0, fullness(self.moment))

    def paintEvent(self, _event) -> None:
        p = self.palette_tokens
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre = QPointF(self.width() / 2, self.height() / 2)
        big = self.largest_radius()
        # The resting outline shows where a full breath reaches.
        outline = QColor(p.muted)
        outline.setAlphaF(0.35)
        painter.setPen(QPen(outline, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, big, big)
        radius = self.radius()
        gradient = QRadialGradient(centre - QPointF(radius * 0.25, radius * 0.3), radius * 1.3)
        light, deep = QColor(p.teal).lighter(135), QColor(p.teal).darker(140)
        closing = self.moment is not None and self.moment.stage is not Stage.BREATHING
        if closing:
            light, deep = QColor(p.lavender).lighter(120), QColor(p.lavender).darker(160)
        for colour in (light, deep):
            colour.setAlphaF(self.fill_opacity())
        gradient.setColorAt(0.0, light)
        gradient.setColorAt(1.0, deep)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(gradient)
        painter.drawEllipse(centre, radius, radius)
        if self.show_ring and self.session_progress > 0:
            ring = QColor(p.blue)
            ring.setAlphaF(0.8)
            painter.setPen(QPen(ring, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            r = big + 14
            span = -int(360 * 16 * min(1.0, self.session_progress))
            painter.drawArc(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r), 90 * 16, span)
        painter.end()
