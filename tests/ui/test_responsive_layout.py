"""At the smallest window and the largest text, every page stays usable: the sidebar folds into a
Pages menu where the page needs its width, the page scrolls down instead of squeezing, and no two
controls are drawn over each other."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollBar,
    QWidget,
)

from companion.pages import PAGES

CONTROLS = (QAbstractButton, QComboBox, QLabel, QLineEdit, QAbstractSlider)


def overlaps(page: QWidget) -> list[tuple[str, str]]:
    """Pairs of visible controls on a page whose rectangles cross (neither inside the other)."""
    shown = [w for w in page.findChildren(QWidget) if isinstance(w, CONTROLS)
             and not isinstance(w, QScrollBar) and w.isVisibleTo(page)
             and w.width() > 0 and w.height() > 0]
    boxes = [(w, w.rect().translated(w.mapTo(page, w.rect().topLeft()))) for w in shown]
    found = []
    for (a, ra), (b, rb) in itertools.combinations(boxes, 2):
        if a.isAncestorOf(b) or b.isAncestorOf(a):
            continue
        inner = ra.intersected(rb)
        if inner.width() > 2 and inner.height() > 2:
            found.append((f"{type(a).__name__} {a.objectName() or a.accessibleName()}",
                          f"{type(b).__name__} {b.objectName() or b.accessibleName()}"))
    return found


@pytest.fixture
def sized_app(make_app, save_settings, qtbot):
    def make(width: int, height: int, text_size: int):
        save_settings(welcome_seen=True, text_size=text_size)
        app = make_app()
        app.show("home", start=False, background=False)
        qtbot.waitExposed(app.window)
        app.window.resize(width, height)
        return app
    return make


@pytest.mark.parametrize(("width", "height", "text_size"),
                         [(640, 480, 13), (800, 600, 13), (1024, 600, 13), (960, 680, 22),
                          (960, 680, 24), (640, 480, 24)])
def test_no_controls_are_drawn_over_each_other(sized_app, qtbot, width, height, text_size):
    app = sized_app(width, height, text_size)
    found = {}
    for info in PAGES:
        app.window.show_page(info.id)
        for _turn in range(5):  # let the layouts settle (turns of the event loop, no sleeping)
            QApplication.processEvents()
        crossing = overlaps(app.window.page(info.id))
        if crossing:
            found[info.id] = crossing
    assert found == {}


def test_a_narrow_window_folds_the_sidebar_into_a_pages_menu(sized_app, qtbot):
    """At 640 px the sidebar gives its width to the page: a Pages menu names the page shown and
    opens any other; Need help now? stays one click away; quiet mode hides the bar too."""
    app = sized_app(640, 480, 13)
    window = app.window
    assert not window.sidebar_panel.isVisible() and window.compact_bar.isVisible()
    assert window.compact_help.isVisible()
    assert window.pages_button.text() == "Home"
    journal = next(a for a in window.pages_button.menu().actions() if a.text() == "Journal")
    journal.trigger()
    assert window.current_page_id() == "journal" and window.pages_button.text() == "Journal"
    window.resize(960, 680)
    assert window.sidebar_panel.isVisible() and not window.compact_bar.isVisible()


def test_a_middle_width_folds_the_sidebar_to_its_icons(sized_app, qtbot):
    """Where the names would take the page's room but icons leave it, the sidebar shows only each
    page's icon; a screen reader and a tooltip still name every page, Need help now? stays in
    the sidebar (as "Help", with its full name for screen readers), and the widest window brings
    the names back."""
    from PySide6.QtCore import Qt

    app = sized_app(800, 600, 13)
    window = app.window
    assert window.sidebar_mode == "rail"
    assert window.sidebar_panel.isVisible() and not window.compact_bar.isVisible()
    assert window.sidebar_panel.width() < 120
    for row, info in enumerate(PAGES):
        item = window.sidebar.item(row)
        assert item.text() == "" and not item.icon().isNull()
        assert item.data(Qt.ItemDataRole.AccessibleTextRole) == info.title
        assert item.toolTip().startswith(info.title)
    assert window.help_button.isVisible() and window.help_button.text() == "Help"
    assert window.help_button.accessibleName() == "Need help now? Show helplines"
    window.sidebar.setCurrentRow(4)
    assert window.current_page_id() == PAGES[4].id
    window.resize(960, 680)
    assert window.sidebar_mode == "full" and window.sidebar.item(0).text() == PAGES[0].title
    assert window.help_button.text() == "Need help now?"


def test_the_default_window_keeps_the_sidebar_and_needs_no_scrolling(sized_app):
    """At the default size and text, every page fits: the sidebar shows, nothing scrolls."""
    app = sized_app(960, 680, 13)
    for info in PAGES:
        app.window.show_page(info.id)
        for _turn in range(5):
            QApplication.processEvents()
        scroll = app.window.page(info.id).parentWidget().parentWidget()
        assert not scroll.verticalScrollBar().isVisible(), info.id
    assert app.window.sidebar_panel.isVisible()


def test_home_fits_the_default_window_with_one_main_action(sized_app):
    """Home at the default size shows everything without scrolling, and only the quiet session
    is the filled main action (the exercises' buttons are quieter)."""
    from PySide6.QtWidgets import QScrollArea

    app = sized_app(960, 680, 13)
    home = app.window.page("home")
    for _turn in range(5):
        QApplication.processEvents()
    inner = home.findChild(QScrollArea)
    assert inner is not None and not inner.verticalScrollBar().isVisible()
    primary = [b.text() for b in home.findChildren(QAbstractButton)
               if b.property("role") == "primary" and b.isVisibleTo(home)]
    assert primary == ["Begin a quiet session"]


def clipped(page: QWidget) -> list[str]:
    """Buttons, check boxes, menus and one-line labels given less width than their words need,
    or lying past the window's right edge (there is no sideways scrolling)."""
    found = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(page):
            continue
        if isinstance(widget, QAbstractButton) and widget.text():
            need = widget.sizeHint().width()
        elif isinstance(widget, QComboBox) and widget.count():
            need = widget.minimumSizeHint().width()
        elif isinstance(widget, QLabel) and widget.text() and not widget.wordWrap() \
                and widget.pixmap().isNull():
            need = widget.sizeHint().width()
        else:
            continue
        right = widget.mapTo(page.window(), widget.rect().topRight()).x()
        if right > page.window().width() + 1:  # beyond the window's edge: nobody can reach it
            found.append(f"{type(widget).__name__} {widget.accessibleName()} past the window's edge")
        elif widget.width() < need - 2:
            found.append(f"{type(widget).__name__} {widget.text() if hasattr(widget, 'text') else ''}"
                         f" {widget.width()} < {need}")
    return found


@pytest.mark.parametrize(("width", "height", "text_size"),
                         [(640, 480, 13), (800, 600, 13), (1024, 600, 13), (960, 680, 18),
                          (960, 680, 24)])
def test_no_words_are_cut_off(sized_app, width, height, text_size):
    """At a small window or a large text size no button, menu or one-line label is cut."""
    app = sized_app(width, height, text_size)
    found = {}
    for info in PAGES:
        app.window.show_page(info.id)
        for _turn in range(5):
            QApplication.processEvents()
        cut = clipped(app.window.page(info.id))
        if cut:
            found[info.id] = cut
    assert found == {}


def test_no_sentence_is_squeezed_into_a_thin_column(sized_app):
    """A wrapped sentence gets at least twelve characters' width: never one word a line."""
    app = sized_app(960, 680, 13)
    thin = []
    for info in PAGES:
        app.window.show_page(info.id)
        for _turn in range(5):
            QApplication.processEvents()
        page = app.window.page(info.id)
        for label in page.findChildren(QLabel):
            wrapped = label.isVisibleTo(page) and label.wordWrap() and len(label.text()) > 40
            if wrapped and label.width() < 12 * label.fontMetrics().averageCharWidth():
                thin.append(f"{info.id}: {label.text()[:40]} ({label.width()} px)")
    assert thin == []
