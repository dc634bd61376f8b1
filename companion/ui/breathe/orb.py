"""The breathing orb: grows on the inhale, rests on a hold, shrinks on the exhale; never flashes."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap, QRadialGradient
from PySide6.QtWidgets import QSizePolicy, QWidget

from companion.breathing.model import PhaseKind
from companion.breathing.timeline import Moment, Stage
from companion.i18n import _
from companion.ui.shell.theme import EVENING, Palette

SMALLEST = 0.38  # orb radius at the bottom of a breath, as a share of the largest
TOP_UP_EXTRA = 0.08  # the cyclic sigh's extra sip grows the orb a little past full
RING_GAP = 12  # pixels between the fullest orb and its ring (the session's progress fills it)
RING_STEPS = 720  # the session ring grows in half-degree steps
# The orb's rim: fully there to 80 % of its radius, then fading out like a glow (share, alpha).
GLOW = ((0.0, 255), (0.80, 255), (0.88, 200), (0.94, 110), (0.98, 35), (1.0, 0))


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
        self.setAccessibleName(_("Breathing orb"))
        # The orb paints its own background, so Qt need not repaint the (styled) page behind it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.quiet = False
        self.palette_tokens: Palette = EVENING
        self.reduce_motion = False
        self.moment: Moment | None = None
        self.session_progress = 0.0  # 0..1 of the whole session; None-like 0 for open-ended
        self.show_ring = True
        self._sprite: QPixmap | None = None
        self._sprite_key: tuple | None = None
        self._backdrop: QPixmap | None = None
        self._backdrop_key: tuple | None = None
        self._geometry_for: tuple[int, int] | None = None
        self._geometry_cache: tuple[QPointF, float, QRect] = (QPointF(), 0.0, QRect())
        self._colour_cache: dict[tuple, tuple[QColor, QColor]] = {}
        self._shown: tuple | None = None  # visible_state() of the last repaint asked for
        self.repaints = 0  # repaints asked for by show_moment (for tests and benchmarks)

    def show_moment(self, moment: Moment | None, session_progress: float) -> None:
        """Show a moment; repaint only when it looks different (half a pixel of radius, one step
        of colour, a visible step of the ring), so holds and slow stretches paint nothing."""
        self.moment = moment
        self.session_progress = session_progress
        key = self.visible_state()
        if key == self._shown:
            return
        self._shown = key
        self.repaints += 1
        self.update(self.orb_area())  # only the orb and its ring change between frames

    def visible_state(self) -> tuple:
        """What the picture depends on, rounded to what an eye could see change."""
        closing = self.moment is not None and self.moment.stage is not Stage.BREATHING
        steps = int(RING_STEPS * min(1.0, self.session_progress)) if self.show_ring else 0
        return (round(self.radius() * 2), round(self.fill_opacity() * 255), closing, steps,
                self.moment is None, self.quiet, self.palette_tokens.name, self.reduce_motion,
                self.width(), self.height())

    def orb_area(self) -> QRect:
        return self._geometry()[2]

    def largest_radius(self) -> float:
        return self._geometry()[1]

    def _geometry(self) -> tuple[QPointF, float, QRect]:
        """Centre, largest radius and the square the orb and ring live in, for the current size
        (worked out once per size: they are needed several times every frame)."""
        size = (self.width(), self.height())
        if self._geometry_for != size:
            big = min(size) * 0.40 / (1 + TOP_UP_EXTRA)
            reach = int(big * (1 + TOP_UP_EXTRA)) + RING_GAP + 4
            centre = self.rect().center()
            area = QRect(centre.x() - reach, centre.y() - reach, 2 * reach + 1, 2 * reach + 1)
            self._geometry_cache = (QPointF(size[0] / 2, size[1] / 2), big, area)
            self._geometry_for = size
        return self._geometry_cache

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

    def _colours(self, closing: bool) -> tuple[QColor, QColor]:
        key = (self.palette_tokens.name, closing, round(self.fill_opacity(), 3))
        if key not in self._colour_cache:
            self._colour_cache[key] = self._make_colours(closing)
        return self._colour_cache[key]

    def _make_colours(self, closing: bool) -> tuple[QColor, QColor]:
        p = self.palette_tokens
        if closing:
            light, deep = QColor(p.lavender).lighter(120), QColor(p.lavender).darker(160)
        else:
            light, deep = QColor(p.teal).lighter(135), QColor(p.teal).darker(122)
        for colour in (light, deep):
            colour.setAlphaF(self.fill_opacity())
        return light, deep

    @staticmethod
    def _draw_orb(painter: QPainter, centre: QPointF, radius: float, light: QColor,
                  deep: QColor) -> None:
        gradient = QRadialGradient(centre - QPointF(radius * 0.25, radius * 0.3), radius * 1.3)
        gradient.setColorAt(0.0, light)
        gradient.setColorAt(1.0, deep)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(gradient)
        painter.drawEllipse(centre, radius, radius)

    def _sprite_for(self, radius: float, light: QColor, deep: QColor) -> QPixmap:
        ratio = self.devicePixelRatioF()
        key = (round(radius), light.rgba(), deep.rgba(), ratio)
        if self._sprite is None or self._sprite_key != key:
            side = round(2 * radius * ratio)
            sprite = QPixmap(side, side)
            sprite.fill(Qt.GlobalColor.transparent)
            painter = QPainter(sprite)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            middle = QPointF(side / 2, side / 2)
            self._draw_orb(painter, middle, side / 2, light, deep)
            # A soft edge instead of an outline: the orb glows out over its last eighth, so it
            # reads as light rather than a disc (and scaling without smoothing stays soft).
            feather = QRadialGradient(middle, side / 2)
            for at, alpha in GLOW:
                feather.setColorAt(at, QColor(0, 0, 0, alpha))
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
            painter.fillRect(sprite.rect(), feather)
            painter.end()
            self._sprite, self._sprite_key = sprite, key
        return self._sprite

    def _backdrop_for(self, area: QRect, big: float) -> QPixmap:
        """The session's ring and its progress, drawn again only when the ring grows by a
        visible step: stroked curves cost about 2 ms each, too much to redraw 60 times a second."""
        p = self.palette_tokens
        ratio = self.devicePixelRatioF()
        steps = int(RING_STEPS * min(1.0, self.session_progress)) if self.show_ring else 0
        track = self.moment is not None  # at rest, only the soft orb: no ring, no chrome
        key = (area.width(), round(big, 1), p.name, steps, ratio, track)
        if self._backdrop is not None and self._backdrop_key == key:
            return self._backdrop
        backdrop = QPixmap(round(area.width() * ratio), round(area.height() * ratio))
        backdrop.setDevicePixelRatio(ratio)
        backdrop.fill(Qt.GlobalColor.transparent)
        painter = QPainter(backdrop)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre = QPointF(area.width() / 2, area.height() / 2)
        # One ring a little beyond the fullest orb (never touching it, so no seam shows at the
        # top of a breath); the session's progress fills that same ring, clockwise from the top.
        r = big + RING_GAP
        if track:
            outline = QColor(p.muted)
            outline.setAlphaF(0.35)
            painter.setPen(QPen(outline, 1.5))
            painter.drawEllipse(centre, r, r)
        if steps and track:
            ring = QColor(p.blue)
            ring.setAlphaF(0.8)
            painter.setPen(QPen(ring, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            span = -round(360 * 16 * steps / RING_STEPS)
            painter.drawArc(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r), 90 * 16, span)
        painter.end()
        self._backdrop, self._backdrop_key = backdrop, key
        return backdrop

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        p = self.palette_tokens
        painter.fillRect(event.rect(), QColor(p.quiet if self.quiet else p.bg))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre, big, area = self._geometry()
        painter.drawPixmap(area.topLeft(), self._backdrop_for(area, big))
        radius = self.radius()
        closing = self.moment is not None and self.moment.stage is not Stage.BREATHING
        light, deep = self._colours(closing)
        # The gradient and its glow are drawn once into a sprite and scaled, which costs a tenth
        # of drawing them 60 times a second (with reduced motion the colour changes instead).
        sprite = self._sprite_for(big * (1 + TOP_UP_EXTRA), light, deep)
        target = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
        painter.drawPixmap(target, sprite, QRectF(sprite.rect()))
        painter.end()
