"""Keyboard and focus: Space never ticks the sidebar, typing there never switches pages, the
focus lands on the first useful control of each new view, and the mouse wheel over a slider on a
scrolling page scrolls the page instead of changing the value."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea

from tests.ui.journal.test_journal_page import journal_app  # noqa: F401 (a fixture)
from tests.ui.session.test_session_page import through_check_in


def activate(window, qtbot) -> None:
    """Make the window the active one, as a person's click would. The assertions below read the
    window's own focus widget (where its keyboard goes), which holds even if another test's
    leftover window takes the activation back on a busy machine."""
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_sidebar_items_cannot_be_ticked(make_app):
    """No page in the sidebar carries a check box (a list item is checkable by default)."""
    sidebar = make_app().window.sidebar
    for row in range(sidebar.count()):
        assert not sidebar.item(row).flags() & Qt.ItemFlag.ItemIsUserCheckable
        assert sidebar.item(row).data(Qt.ItemDataRole.CheckStateRole) is None


def test_space_with_the_sidebar_focused_begins_relax_and_ticks_nothing(make_app, save_settings,
                                                                        qtbot):
    save_settings(welcome_seen=True, pmr_note_seen=True)
    app = make_app(audio_opener=lambda: "No sound device in this test.")
    app.show("relax", start=False, background=False)
    qtbot.waitExposed(app.window)
    activate(app.window, qtbot)
    page, sidebar = app.window.page("relax"), app.window.sidebar
    sidebar.setFocus()
    qtbot.keyClick(sidebar, Qt.Key.Key_Space)
    assert page.is_running()
    assert sidebar.currentItem().data(Qt.ItemDataRole.CheckStateRole) is None
    page.stop()


def test_typing_in_the_sidebar_never_switches_pages(make_app, qtbot):
    """'j' would jump to Journal in a plain list; here the page stays."""
    app = make_app()
    app.show("breathe", start=False, background=False)
    qtbot.waitExposed(app.window)
    activate(app.window, qtbot)
    app.window.sidebar.setFocus()
    for key in (Qt.Key.Key_J, Qt.Key.Key_S, Qt.Key.Key_R):
        qtbot.keyClick(app.window.sidebar, key)
    assert app.window.current_page_id() == "breathe"


def test_after_a_wrong_passphrase_the_focus_is_back_in_the_field(journal_app, vault, qtbot):  # noqa: F811
    """Never on the sidebar: the person can type again at once, the old text selected."""
    app, page = journal_app(vault.folder)
    activate(app.window, qtbot)
    field = page.locked_view.passphrase
    qtbot.keyClicks(field, "not it at all")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.locked_view.error.isVisible(), timeout=20_000)
    assert app.window.focusWidget() is field
    assert field.selectedText() == "not it at all"


def test_creating_a_journal_focuses_the_key_then_the_new_entry(journal_app, tmp_path, qtbot):  # noqa: F811
    app, page = journal_app(tmp_path / "journal")
    activate(app.window, qtbot)
    page.setup_view.first.setText("harbour lights")
    page.setup_view.second.setText("harbour lights")
    page.setup_view.create_button.click()
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.recovery_view, timeout=20_000)
    assert app.window.focusWidget() is page.recovery_view.copy_button
    page.recovery_view.stored.setChecked(True)
    page.recovery_view.continue_button.click()
    assert app.window.focusWidget() is page.new_button


def test_the_session_views_focus_their_forward_action(session_app, qtbot):
    """'I'm ready' (not 'Not now'), the check-out's slider, then 'Finish' on the summary; Enter
    on the check-in answers."""
    app, page = session_app()
    activate(app.window, qtbot)
    page.begin()
    assert app.window.focusWidget() is page.ready_button
    through_check_in(page)
    page.end_early()
    assert app.window.focusWidget() is page.checkin.distress
    qtbot.keyClick(page.checkin.distress, Qt.Key.Key_Right)  # an answer: one step up
    qtbot.keyClick(page.checkin.distress, Qt.Key.Key_Return)
    assert page.stack.currentWidget() is page.summary
    assert app.window.focusWidget() is page.finish_button


def wheel(widget, delta: int = -120) -> QWheelEvent:
    """One notch of the mouse wheel over the middle of widget; returns the event, to see whether
    the widget took it. (Qt hands a wheel event the widget under the pointer ignores on to its
    parents, here the page's scroll area; only the system's own events are passed on that way,
    so the test checks the slider leaves the event alone.)"""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, delta), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)
    return event


def test_the_wheel_over_an_unfocused_slider_is_left_to_the_page(make_app, qtbot):
    """Settings' ambient volume keeps its value and leaves the wheel to the scrolling page; once
    focused (clicked or tabbed to), the wheel moves it."""
    app = make_app()
    app.show("settings", start=False, background=False)
    qtbot.waitExposed(app.window)
    page = app.settings_page
    assert page.findChild(QScrollArea).verticalScrollBar().maximum() > 0  # the page scrolls
    for slider in (page.volume, page.cue_volume):
        before = slider.value()
        event = wheel(slider)
        assert slider.value() == before and not event.isAccepted()
    activate(app.window, qtbot)
    page.volume.setFocus()
    before = page.volume.value()
    event = wheel(page.volume)
    assert page.volume.value() != before and event.isAccepted()


def test_every_slider_in_the_app_is_a_calm_one(make_app):
    """No page builds a plain slider the wheel could move by accident."""
    from PySide6.QtWidgets import QSlider

    from companion.pages import PAGE_IDS
    from companion.ui.shell.calm_slider import CalmSlider

    app = make_app(audio_opener=lambda: "No sound device in this test.")
    for page_id in PAGE_IDS:
        for slider in app.window.page(page_id).findChildren(QSlider):
            assert isinstance(slider, CalmSlider), (page_id, slider.accessibleName())


def test_a_click_leaves_no_focus_ring_but_tab_shows_where_the_keyboard_is(make_app,
                                                                          save_settings, qtbot):
    """Clicking a button or check box does not take the keyboard focus (so no ring is left
    behind after a click); Tab still reaches them, and a text field still takes a click."""
    from PySide6.QtWidgets import QAbstractButton

    save_settings(welcome_seen=True)
    app = make_app(audio_opener=lambda: "No sound device in this test.")
    app.show("breathe", start=False, background=False)
    qtbot.waitExposed(app.window)
    activate(app.window, qtbot)
    page = app.window.page("breathe")
    page.pattern_box.setFocus()
    qtbot.mouseClick(page.cues_box, Qt.MouseButton.LeftButton)
    assert app.window.focusWidget() is page.pattern_box
    assert not page.cues_box.isChecked()  # the click itself still works
    qtbot.mouseClick(app.window.help_button, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert app.window.focusWidget() is not app.window.help_button
    app.window.help_dialog.close()
    qtbot.keyClick(page.pattern_box, Qt.Key.Key_Tab)
    assert isinstance(app.window.focusWidget(), QAbstractButton | type(page.pattern_box))
    app.window.show_page("journal")
    journal = app.window.page("journal")
    field = journal.setup_view.first
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    assert app.window.focusWidget() is field
