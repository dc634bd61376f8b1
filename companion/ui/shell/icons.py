"""Line icons drawn in one ink colour in their SVG files, recoloured for the look in use."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon, QPixmap

from companion.resources import asset

ICON_INK = "#7cc6c4"  # the colour the icons are drawn in; tinted_icon replaces it


def tinted_icon(path: Path, off: str, on: str | None = None) -> QIcon:
    """The SVG icon drawn in `off`, and in `on` (if given) for a checked button."""
    svg = path.read_text(encoding="utf-8")
    icon = QIcon()
    drawn: dict[str, QPixmap] = {}  # one colour is drawn once, for both states
    for colour, state in ((off, QIcon.State.Off), (on or off, QIcon.State.On)):
        if colour not in drawn:
            drawn[colour] = QPixmap()
            drawn[colour].loadFromData(svg.replace(ICON_INK, colour).encode(), "SVG")
        icon.addPixmap(drawn[colour], QIcon.Mode.Normal, state)
    return icon


def page_icon(page_id: str, colour: str) -> QIcon:
    """The sidebar's icon for a page, in one colour."""
    return tinted_icon(asset(f"icons/pages/{page_id}.svg"), colour)
