"""One type scale and one spacing grid: every page's text comes in a few sizes from the theme's
scale, and every margin and gap is a multiple of the grid (Qt's own defaults included)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLayout, QWidget

from companion.pages import PAGES
from companion.ui.shell.theme import (
    GRID,
    TYPE_BODY,
    TYPE_HEADING,
    TYPE_TITLE,
    TYPE_WORDS,
    type_points,
)


@pytest.fixture
def default_app(make_app, save_settings, qtbot):
    def make(text_size: int = 13):
        save_settings(welcome_seen=True, text_size=text_size)
        app = make_app()
        app.show("home", start=False, background=False)
        qtbot.waitExposed(app.window)
        return app
    return make


def shown_pages(app):
    for info in PAGES:
        app.window.show_page(info.id)
        for _turn in range(5):  # let the layouts settle
            QApplication.processEvents()
        yield info.id, app.window.page(info.id)


def layouts_in(widget: QWidget):
    def walk(layout: QLayout):
        yield layout
        for index in range(layout.count()):
            child = layout.itemAt(index).layout()
            if child is not None:
                yield from walk(child)
    for each in (widget, *widget.findChildren(QWidget)):
        if each.layout() is not None:
            yield from walk(each.layout())


def test_every_margin_and_gap_is_on_the_grid(default_app):
    """No layout on any page (nor the window round them) has a margin or gap off the grid."""
    app = default_app()
    off = []
    for page_id, page in [*shown_pages(app), ("window", app.window)]:
        for layout in layouts_in(page):
            m = layout.contentsMargins()
            values = (m.left(), m.top(), m.right(), m.bottom(), max(layout.spacing(), 0))
            if any(value % GRID for value in values):
                owner = layout.parentWidget()
                off.append((page_id, type(owner).__name__, values))
    assert off == []


@pytest.mark.parametrize("text_size", [13, 18])
def test_every_text_is_a_step_of_the_type_scale(default_app, text_size):
    """Labels and buttons on every page use only the body, heading, spoken-words and title sizes
    for the chosen text size."""
    app = default_app(text_size)
    steps = {type_points(text_size, step) for step in (TYPE_BODY, TYPE_HEADING, TYPE_TITLE)}
    steps.add(round(text_size * TYPE_WORDS, 1))
    sizes = {}
    for page_id, page in shown_pages(app):
        for widget in page.findChildren(QWidget):
            if isinstance(widget, QLabel | QAbstractButton) and widget.isVisibleTo(page):
                size = widget.font().pointSizeF()
                if round(size) not in steps and round(size, 1) not in steps:
                    sizes.setdefault(page_id, set()).add(size)
    assert sizes == {}
