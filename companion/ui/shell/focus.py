"""Focus rings for the keyboard only: buttons, check boxes and menus take the focus from Tab (and
from the app moving it on purpose), never from a mouse click, so a ring shows where the keyboard
is and is not left behind after a click (as GNOME and macOS do). Text fields, lists and sliders
still take the focus on a click: typing, arrow keys and the wheel need it there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QWidget

CLICK_FREE = (QAbstractButton, QComboBox)


def keyboard_focus_only(root: QWidget) -> None:
    """Give every button, check box and menu under root (and root itself) Tab focus only."""
    # Asking Qt for these kinds only: a list of every child would make PySide6 look up a Python
    # class for each widget Qt made itself (a scroll area's viewport...), loading dozens of them.
    found = [child for kind in CLICK_FREE for child in root.findChildren(kind)]
    for widget in [root, *found]:
        if isinstance(widget, CLICK_FREE) and widget.focusPolicy() == Qt.FocusPolicy.StrongFocus:
            widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
