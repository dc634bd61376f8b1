"""A soft body silhouette, seen from the front, in which the area being relaxed gently lights up.

The figure is one smooth shape (a head, a tapering torso, limbs as rounded capsules), drawn with a
single outline; each region is that shape cut into bands, so the parts never show as boxes."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QSizePolicy, QWidget

from companion.i18n import _
from companion.relax.body import REGIONS
from companion.ui.shell.theme import EVENING, Palette

FIGURE = QRectF(0, 0, 100, 180)  # the silhouette's own coordinates; the widget scales them to fit
LIT_ALPHA = 190  # the lit area's fill: soft, never a full-strength flash of colour


def _capsule(x: float, top: float, width: float, length: float, tilt: float = 0.0) -> QPainterPath:
    """A limb: a rounded capsule hanging from (x + width/2, top), tilted by degrees outward."""
    path = QPainterPath()
    path.addRoundedRect(QRectF(x, top, width, length), width / 2, width / 2)
    if not tilt:
        return path
    pivot = QPointF(x + width / 2, top)
    turn = QTransform().translate(pivot.x(), pivot.y()).rotate(tilt)
    return turn.map(path.translated(-pivot.x(), -pivot.y()))


def _mirrored(path: QPainterPath) -> QPainterPath:
    return QTransform(-1, 0, 0, 1, FIGURE.width(), 0).map(path)


def _torso() -> QPainterPath:
    """Shoulders that slope, a waist that narrows, hips that widen again: the viewer's left half
    is drawn and mirrored, so the figure is symmetrical."""
    half = QPainterPath(QPointF(50, 30))
    half.lineTo(45, 30)
    half.cubicTo(40, 33, 30, 32, 27, 38)   # neck down over the shoulder
    half.cubicTo(25, 42, 29, 50, 31, 56)   # the side under the arm
    half.cubicTo(33, 64, 36, 68, 35, 73)   # into the waist
    half.cubicTo(33, 79, 32, 86, 35, 91)   # out over the hip
    half.lineTo(50, 92)
    half.closeSubpath()
    return half.united(_mirrored(half)).simplified()


def _band(shape: QPainterPath, top: float, bottom: float) -> QPainterPath:
    strip = QPainterPath()
    strip.addRect(QRectF(-10, top, FIGURE.width() + 20, bottom - top))
    return shape.intersected(strip)


def figure_paths() -> tuple[QPainterPath, dict[str, QPainterPath]]:
    """The whole silhouette and each region's shape in FIGURE coordinates. '_r' is the person's
    right, which appears on the viewer's left, as in a mirror-free front view."""
    head = QPainterPath()
    head.addEllipse(QRectF(40, 2, 20, 24))
    neck = QPainterPath()
    neck.addRect(QRectF(45, 20, 10, 12))
    torso = _torso()
    arm = _capsule(24, 36, 9.5, 56, tilt=9)
    hand = QPainterPath()
    hand.addEllipse(QRectF(11.5, 88, 10, 13))
    leg = _capsule(35.5, 80, 13, 86, tilt=2)
    foot = QPainterPath()
    foot.addEllipse(QRectF(31, 164, 16, 10))
    # The outline is drawn round the whole shapes; the regions are cut from them without overlap.
    whole = QPainterPath()
    for part in (head, neck, torso, arm, hand, leg, foot):
        whole = whole.united(part).united(_mirrored(part))
    arm, leg = arm.subtracted(torso), leg.subtracted(torso)
    right = {
        "upper_arm_r": _band(arm, 0, 63), "forearm_r": _band(arm, 63, 120),
        "hand_r": hand.subtracted(arm),
        "thigh_r": _band(leg, 0, 126), "calf_r": _band(leg, 126, 180),
        "foot_r": foot.subtracted(leg),
    }
    regions = {
        "head": _band(head, 0, 12), "eyes": _band(head, 12, 18), "jaw": _band(head, 18, 30),
        "neck": neck.subtracted(head).subtracted(torso),
        "shoulders": _band(torso, 0, 41), "chest": _band(torso, 41, 60),
        "belly": _band(torso, 60, 76), "hips": _band(torso, 76, 100),
        **right,
        **{name[:-1] + "l": _mirrored(path) for name, path in right.items()},
    }
    assert set(regions) == set(REGIONS)
    return whole.simplified(), regions


def region_paths() -> dict[str, QPainterPath]:
    """Each region's shape in FIGURE coordinates."""
    return figure_paths()[1]


class BodyOutlineWidget(QWidget):
    """Draws the silhouette quietly; the lit regions are filled with the palette's teal."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.palette_tokens: Palette = EVENING
        self.lit: frozenset[str] = frozenset()
        self._whole, self._paths = figure_paths()
        self.setMinimumSize(120, 200)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Body outline"))

    def sizeHint(self) -> QSize:
        return QSize(190, 340)

    def set_lit(self, regions: frozenset[str] | set[str], description: str = "") -> None:
        """Light these regions (and say which in words, for screen readers)."""
        if frozenset(regions) != self.lit:
            self.lit = frozenset(regions)
            self.update()
        self.setAccessibleDescription(description or _("No area is lit"))

    def figure_transform(self) -> tuple[float, QPointF]:
        """The scale and offset that fit FIGURE into the widget, centred."""
        margin = 8
        scale = min((self.width() - 2 * margin) / FIGURE.width(),
                    (self.height() - 2 * margin) / FIGURE.height())
        offset = QPointF((self.width() - FIGURE.width() * scale) / 2,
                         (self.height() - FIGURE.height() * scale) / 2)
        return max(scale, 0.1), offset

    def region_point(self, region: str) -> QPointF:
        """A point well inside a region, in FIGURE coordinates: the middle of its bounds, or,
        where a tilted limb leaves that outside, the middle of the band across its middle."""
        path = self._paths[region]
        centre = path.boundingRect().center()
        if path.contains(centre):
            return centre
        row = _band(path, centre.y() - 0.5, centre.y() + 0.5).boundingRect()
        return row.center()

    def region_centre(self, region: str) -> QPointF:
        """Where a region's middle is drawn, in widget pixels (tests grab and check this)."""
        scale, offset = self.figure_transform()
        point = self.region_point(region)
        return QPointF(offset.x() + point.x() * scale, offset.y() + point.y() * scale)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale, offset = self.figure_transform()
        painter.translate(offset)
        painter.scale(scale, scale)
        tokens = self.palette_tokens
        lit = QPainterPath()
        for name in self.lit:
            lit = lit.united(self._paths[name])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(tokens.raised))
        painter.drawPath(self._whole.subtracted(lit) if self.lit else self._whole)
        if self.lit:
            glow = QColor(tokens.teal)
            glow.setAlpha(LIT_ALPHA)
            painter.setBrush(glow)
            painter.drawPath(lit)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(tokens.muted), 1.6 / scale))
        painter.drawPath(self._whole)
        painter.end()
