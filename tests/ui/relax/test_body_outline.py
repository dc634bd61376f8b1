"""The body silhouette on the Relax page: one soft shape whose regions light up, never boxes."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPathStroker

from companion.relax.body import REGIONS
from companion.ui.relax.body_outline import BodyOutlineWidget, figure_paths


def test_the_figure_is_one_shape_with_one_outline(qtbot):
    """Head, torso, arms, hands, legs and feet join into a single outline (no separate boxes)."""
    whole, _regions = figure_paths()
    assert len(whole.toSubpathPolygons()) == 1


def test_every_region_has_a_point_that_belongs_to_it_alone(qtbot):
    """The point the page lights for a region lies inside that region and no other, so lighting
    one area never lights a neighbour's."""
    widget = BodyOutlineWidget()
    qtbot.addWidget(widget)
    _whole, regions = figure_paths()
    for name in REGIONS:
        point = widget.region_point(name)
        assert [other for other in REGIONS if regions[other].contains(point)] == [name]


def test_regions_lie_inside_the_silhouette(qtbot):
    """No lit area reaches past the outline drawn round the figure (checked on a half-unit grid
    over the 100 x 180 figure; the outline's own stroke counts as inside)."""
    whole, regions = figure_paths()
    stroker = QPainterPathStroker()
    stroker.setWidth(1.0)
    whole = whole.united(stroker.createStroke(whole))
    grid = [QPointF(x / 2, y / 2) for x in range(200) for y in range(360)]
    for name, path in regions.items():
        inside = [point for point in grid if path.contains(point)]
        assert inside, name
        assert all(whole.contains(point) for point in inside), name


def test_the_left_and_right_sides_mirror_each_other(qtbot):
    """The person's right arm is where the left one is, reflected across the middle."""
    _whole, regions = figure_paths()
    for right in ("upper_arm_r", "forearm_r", "hand_r", "thigh_r", "calf_r", "foot_r"):
        a, b = regions[right].boundingRect(), regions[right[:-1] + "l"].boundingRect()
        assert abs((a.left() + b.right()) - 100) < 0.01 and abs(a.top() - b.top()) < 0.01
