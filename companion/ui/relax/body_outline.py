"""A simple body outline, seen from the front, in which the area being relaxed softly lights up."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from companion.relax.body import REGIONS
from companion.ui.shell.theme import EVENING, Palette

FIGURE = QRectF(0, 0, 100, 180)  # the outline's own coordinates; the widget scales them to fit
LIT_ALPHA = 190  # the lit area's fill: soft, never a full-strength flash of colour


def _mirror(rect: QRectF) -> QRectF:
    return QRectF(FIGURE.width() - rect.x() - rect.width(), rect.y(), rect.width(), rect.height())


def _round(rect: QRectF, radius: float = 4.0) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    return path


def region_paths() -> dict[str, QPainterPath]:
    """Each outline region's shape in FIGURE coordinates. '_r' is the person's right, which
    appears on the viewer's left, as in a mirror-free front view."""
    head = QPainterPath()
    head.addEllipse(QRectF(40, 2, 20, 24))

    def band(top: float, bottom: float) -> QPainterPath:
        strip = QPainterPath()
        strip.addRect(QRectF(38, top, 24, bottom - top))
        return head.intersected(strip)

    right = {
        "upper_arm_r": _round(QRectF(19, 34, 10, 28)),
        "forearm_r": _round(QRectF(15, 63, 9, 25)),
        "hand_r": _round(QRectF(13, 89, 10, 12), 5),
        "thigh_r": _round(QRectF(35, 88, 14, 38)),
        "calf_r": _round(QRectF(36, 128, 12, 36)),
        "foot_r": _round(QRectF(32, 166, 15, 9), 4),
    }
    paths = {
        "head": band(2, 12),
        "eyes": band(12, 18),
        "jaw": band(18, 26),
        "neck": _round(QRectF(45, 26, 10, 7), 2),
        "shoulders": _round(QRectF(29, 33, 42, 7), 3),
        "chest": _round(QRectF(32, 41, 36, 19), 3),
        "belly": _round(QRectF(34, 61, 32, 14), 3),
        "hips": _round(QRectF(33, 76, 34, 11), 4),
        **right,
    }
    for name, path in right.items():
        rect = path.boundingRect()
        paths[name[:-1] + "l"] = _round(_mirror(rect), 5 if name.startswith("hand") else 4)
    assert set(paths) == set(REGIONS)
    return paths


class BodyOutlineWidget(QWidget):
    """Draws every region quietly; the lit ones are filled with the palette's teal."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.palette_tokens: Palette = EVENING
        self.lit: frozenset[str] = frozenset()
        self._paths = region_paths()
        self.setMinimumSize(120, 200)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Body outline")

    def sizeHint(self) -> QSize:
        return QSize(190, 340)

    def set_lit(self, regions: frozenset[str] | set[str], description: str = "") -> None:
        """Light these regions (and say which in words, for screen readers)."""
        if frozenset(regions) != self.lit:
            self.lit = frozenset(regions)
            self.update()
        self.setAccessibleDescription(description or "No area is lit")

    def figure_transform(self) -> tuple[float, QPointF]:
        """The scale and offset that fit FIGURE into the widget, centred."""
        margin = 8
        scale = min((self.width() - 2 * margin) / FIGURE.width(),
                    (self.height() - 2 * margin) / FIGURE.height())
        offset = QPointF((self.width() - FIGURE.width() * scale) / 2,
                         (self.height() - FIGURE.height() * scale) / 2)
        return max(scale, 0.1), offset

    def region_centre(self, region: str) -> QPointF:
        """Where a region's middle is drawn, in widget pixels (tests grab and check this)."""
        scale, offset = self.figure_transform()
        centre = self._paths[region].boundingRect().center()
        return QPointF(offset.x() + centre.x() * scale, offset.y() + centre.y() * scale)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale, offset = self.figure_transform()
        painter.translate(offset)
        painter.scale(scale, scale)
        tokens = self.palette_tokens
        outline = QPen(QColor(tokens.muted), 1.2 / scale * 1.5)
        outline.setCosmetic(False)
        resting = QColor(tokens.raised)
        lit = QColor(tokens.teal)
        lit.setAlpha(LIT_ALPHA)
        for name, path in self._paths.items():
            painter.setPen(outline)
            painter.setBrush(lit if name in self.lit else resting)
            painter.drawPath(path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.end()
