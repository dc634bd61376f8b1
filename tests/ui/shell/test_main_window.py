"""The main window: sidebar navigation, the help button on every page, Esc."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from companion.pages import PAGE_IDS, PAGES


def test_sidebar_lists_every_existing_page(make_app):
    """The sidebar shows one entry per page, in order, with the page titles."""
    window = make_app().window
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert titles == [page.title for page in PAGES]


def shown(app, qtbot, page="home"):
    """Show the window and make it the active one, as when the user is looking at it."""
    app.show(page, start=False, background=False)
    qtbot.waitExposed(app.window)
    app.window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is app.window)
    return app.window


def test_ctrl_number_switches_page(make_app, qtbot):
    """Ctrl+2 opens the second page, Ctrl+1 goes home."""
    app = make_app()
    shown(app, qtbot)
    qtbot.keyClick(app.window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert app.window.current_page_id() == PAGE_IDS[1]
    qtbot.keyClick(app.window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert app.window.current_page_id() == "home"


def test_help_button_is_visible_on_every_page(make_app, qtbot):
    """'Need help now?' stays on screen whichever page is open, in the sidebar or, where the
    window is narrow, in the bar the sidebar folds into."""
    app = make_app()
    app.show("home", start=False, background=False)
    qtbot.waitExposed(app.window)
    for width in (960, 640):
        app.window.resize(width, 600)
        for page in PAGE_IDS:
            app.window.show_page(page)
            assert app.window.help_button.isVisible() or app.window.compact_help.isVisible(), \
                (page, width)


def test_help_button_opens_the_helplines(make_app, qtbot):
    """Clicking 'Need help now?' shows the crisis lines and emergency numbers."""
    app = make_app()
    app.show("settings", start=False, background=False)
    qtbot.waitExposed(app.window)
    qtbot.mouseClick(app.window.help_button, Qt.MouseButton.LeftButton)
    dialog = app.window.help_dialog
    qtbot.waitExposed(dialog)
    text = dialog.findChild(QLabel, "helpText").text()
    assert "988" in text and "116 123" in text and "findahelpline.com" in text
    assert "not a substitute for professional care" in text
    dialog.close()


def test_f1_opens_help(make_app, qtbot):
    """F1 opens the help dialog from the keyboard."""
    app = make_app()
    shown(app, qtbot)
    qtbot.keyClick(app.window, Qt.Key.Key_F1)
    assert app.window.help_dialog is not None and app.window.help_dialog.isVisible()
    app.window.help_dialog.close()


def test_escape_stops_every_page(make_app, qtbot, monkeypatch):
    """Esc asks every page to stop what it runs."""
    app = make_app()
    shown(app, qtbot)
    stopped = []
    for page_id in PAGE_IDS:
        page = app.window.page(page_id)
        monkeypatch.setattr(page, "stop", lambda pid=page_id: stopped.append(pid))
    qtbot.keyClick(app.window, Qt.Key.Key_Escape)
    assert sorted(stopped) == sorted(PAGE_IDS)


def test_home_quick_start_opens_its_page_and_starts_it(make_app, qtbot, save_settings):
    """A quick-start button on the home page opens that feature's page and begins it."""
    save_settings(welcome_seen=True, relax_script="body-scan")
    app = make_app(audio_opener=lambda: "No sound device in this test.")
    app.show("home", start=False, background=False)
    qtbot.waitExposed(app.window)
    assert set(app.home_page.quick_buttons) == {"session", "breathe", "relax", "sounds"}
    qtbot.mouseClick(app.home_page.quick_buttons["relax"], Qt.MouseButton.LeftButton)
    assert app.window.current_page_id() == "relax"
    assert app.window.page("relax").is_running()


def test_home_greets_by_time_of_day(make_app):
    """At 21:30 the home page says good evening."""
    assert make_app().home_page.greeting_label.text() == "Good evening"


def test_every_button_has_an_accessible_name_or_text(make_app, qtbot):
    """Screen readers can name every push button in the window."""
    from PySide6.QtWidgets import QAbstractButton

    app = make_app()
    for button in app.window.findChildren(QAbstractButton):
        assert button.accessibleName() or button.text(), button.objectName()


def test_home_greeting_follows_the_clock_when_shown_again(make_app, qtbot, clock):
    """Back on Home the next morning (the app waited in the tray), the greeting says so."""
    app = make_app()
    app.show("home", start=False, background=False)
    qtbot.waitExposed(app.window)
    app.window.show_page("settings")
    clock.advance(11 * 3600)  # 21:30 -> 08:30
    app.window.show_page("home")
    assert app.home_page.greeting_label.text() == "Good morning"


def test_every_page_title_sits_in_the_same_place(make_app, save_settings, qtbot):
    """Moving between pages, the title does not jump: each page's title is at one position."""
    from PySide6.QtWidgets import QLabel

    from companion.pages import PAGES

    save_settings(welcome_seen=True)
    app = make_app(audio_opener=lambda: "No sound device in this test.")
    app.show("home", start=False, background=False)
    app.window.resize(960, 680)
    places = {}
    for info in PAGES:  # measured within the page: a notice above pushes every page alike
        app.window.show_page(info.id)
        page = app.window.page(info.id)
        title = next(label for label in page.findChildren(QLabel)
                     if label.objectName() == "pageTitle" and label.isVisibleTo(page))
        places[info.id] = title.mapTo(page, title.rect().topLeft()).toTuple()
    assert len(set(places.values())) == 1, places
