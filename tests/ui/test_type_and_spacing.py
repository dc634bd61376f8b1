"""One type scale and one spacing grid: every page's text comes in a few sizes from the theme's
scale, and every margin and gap, on every page and in every dialog of ours, is a multiple of the
grid (each layout says its own: the style's defaults, 9 and 6 px in Fusion, are never used)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLayout,
    QMainWindow,
    QStackedLayout,
    QStackedWidget,
    QWidget,
)

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


def off_the_grid(name: str, root: QWidget) -> list[tuple]:
    """The layouts under root with a margin or gap off the grid. A stacked layout, and a main
    window's own layout, give each child the whole rectangle (Qt never uses their margins or
    gap: see the test below), so they are not counted."""
    off = []
    for layout in layouts_in(root):
        if isinstance(layout, QStackedLayout) or isinstance(layout.parentWidget(), QMainWindow):
            continue
        m = layout.contentsMargins()
        values = (m.left(), m.top(), m.right(), m.bottom(), max(layout.spacing(), 0))
        if any(value % GRID for value in values):
            off.append((name, type(layout.parentWidget()).__name__, values))
    return off


def test_every_margin_and_gap_is_on_the_grid(default_app):
    """No layout on any page (nor the window round them) has a margin or gap off the grid."""
    app = default_app()
    off = []
    for page_id, page in [*shown_pages(app), ("window", app.window)]:
        off += off_the_grid(page_id, page)
    assert off == []


def test_every_dialog_of_ours_is_on_the_grid(default_app, qtbot):
    """The help, the evidence behind it, the welcome, the passphrase and the breathing-pattern
    dialogs keep their margins, gaps and the gaps between their buttons on the grid."""
    from companion.ui.breathe.feature import BreatheFeature
    from companion.ui.journal.tools import PassphraseDialog

    app = default_app()
    app.window.show_help()
    help_dialog = app.window.help_dialog
    assert help_dialog is not None
    help_dialog.show_evidence()
    welcome = app.show_welcome()
    passphrase = PassphraseDialog(app.window, "Unlock", "Your passphrase", True, lambda _text: None)
    passphrase.show()
    app.window.show_page("breathe")
    app.feature(BreatheFeature).edit_patterns()
    QApplication.processEvents()
    editors = [w for w in QApplication.topLevelWidgets()
               if type(w).__name__ == "PatternEditorDialog" and w.isVisible()]
    assert len(editors) == 1
    dialogs = {"help": help_dialog, "evidence": help_dialog.evidence_dialog, "welcome": welcome,
               "passphrase": passphrase, "patterns": editors[0]}
    off = [entry for name, dialog in dialogs.items() for entry in off_the_grid(name, dialog)]
    assert off == []


def test_qt_never_uses_the_margins_of_a_stack_or_of_a_main_window():
    """Why the two kinds of layout above are not counted: a page in a stack, and the central
    widget of a main window, fill them edge to edge whatever those layouts' margins say."""
    stack, page = QStackedWidget(), QWidget()
    stack.addWidget(page)
    stack.layout().setContentsMargins(21, 21, 21, 21)
    stack.resize(300, 200)
    stack.show()
    window, central = QMainWindow(), QWidget()
    window.setCentralWidget(central)
    window.layout().setContentsMargins(21, 21, 21, 21)
    window.resize(300, 200)
    window.show()
    QApplication.processEvents()
    assert page.geometry() == QRect(0, 0, 300, 200)
    assert central.geometry() == QRect(0, 0, 300, 200)
    stack.close()
    window.close()


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
