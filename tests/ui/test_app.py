"""The running app: first run, recovery notices, restoring the window, closing and quitting."""

from PySide6.QtWidgets import QApplication

from companion.settings import SettingsStore


def test_first_run_shows_the_welcome_once(make_app, qtbot, paths, clock):
    """The welcome appears on first run; after the user closes it, it never comes back."""
    app = make_app(first_run=True)
    app.show(None, start=False, background=False)
    qtbot.waitUntil(lambda: getattr(app, "welcome_dialog", None) is not None)
    dialog = app.welcome_dialog
    text = dialog.findChild(type(app.home_page.greeting_label), "welcomeText").text()
    assert "offline" in text and "not a substitute for care" in text and "Esc" in text
    dialog.begin_button.click()
    assert SettingsStore(paths.settings_file, clock).load().settings.welcome_seen


def test_no_welcome_after_the_first_run(make_app, qtbot, save_settings):
    """With welcome_seen saved, starting again shows no welcome."""
    save_settings(welcome_seen=True)
    app = make_app()
    with qtbot.waitSignal(app.window.first_paint):
        app.show(None, start=False, background=False)
    assert getattr(app, "welcome_dialog", None) is None


def test_damaged_settings_show_a_calm_notice(make_app, paths, qtbot):
    """A damaged settings file shows a notice that says where the old file is kept."""
    paths.config.mkdir(parents=True)
    paths.settings_file.write_text("{{ not toml")
    app = make_app()
    notices = app.window.notice_texts()
    assert len(notices) == 1
    assert "damaged" in notices[0] and ".kept-" in notices[0]


def test_notice_can_be_dismissed(make_app, paths, qtbot):
    """'Got it' removes a notice."""
    paths.config.mkdir(parents=True)
    paths.settings_file.write_text("{{ not toml")
    app = make_app()
    app.show(None, start=False, background=False)
    qtbot.waitExposed(app.window)
    from PySide6.QtWidgets import QPushButton

    from companion.ui.shell.notice_widget import NoticeWidget

    notice = app.window.findChild(NoticeWidget)
    notice.findChild(QPushButton).click()
    assert app.window.notice_texts() == []


def test_window_size_and_page_are_restored(make_app, save_settings, qtbot):
    """The window opens at its saved size on the page the user left."""
    save_settings(welcome_seen=True, window_width=700, window_height=500, last_page="settings")
    app = make_app()
    app.show(None, start=False, background=False)
    qtbot.waitExposed(app.window)
    assert (app.window.width(), app.window.height()) == (700, 500)
    assert app.window.current_page_id() == "settings"


def test_quitting_saves_size_and_page(make_app, qtbot, paths, clock, save_settings):
    """On quit the window's size and page are written to settings."""
    save_settings(welcome_seen=True)
    app = make_app()
    app.show("settings", start=False, background=False)
    qtbot.waitExposed(app.window)
    app.window.resize(720, 520)
    app.quit()
    saved = SettingsStore(paths.settings_file, clock).load().settings
    assert (saved.window_width, saved.window_height, saved.last_page) == (720, 520, "settings")


def test_open_flag_beats_the_saved_page(make_app, save_settings, qtbot):
    """--open settings wins over the page saved last time."""
    save_settings(welcome_seen=True, last_page="home")
    app = make_app()
    app.show("settings", start=False, background=False)
    assert app.window.current_page_id() == "settings"


def test_closing_without_tray_quits(make_app, save_settings, qtbot):
    """With no tray and no background choice, closing the window ends the app."""
    save_settings(welcome_seen=True)
    app = make_app(tray=False)
    with qtbot.waitSignal(app.window.first_paint):
        app.show(None, start=False, background=False)
    assert app.server.is_listening()  # from the first paint on
    app.window.close()
    assert app.quitting
    assert not app.server.is_listening()


def test_closing_with_background_choice_keeps_running(make_app, save_settings, qtbot):
    """When the user chose to keep running, closing hides the window and the app stays."""
    save_settings(welcome_seen=True, keep_running_in_background=True)
    app = make_app(tray=False)
    app.show(None, start=False, background=False)
    qtbot.waitExposed(app.window)
    app.window.close()
    assert not app.quitting and not app.window.isVisible()
    app.handle_request(None, False)
    assert app.window.isVisible()


def test_closing_with_tray_hides_and_says_so_once(make_app, save_settings, qtbot, monkeypatch):
    """With a tray, closing hides the window and explains once that Companion is still there."""
    save_settings(welcome_seen=True)
    app = make_app(tray=True)
    told = []
    monkeypatch.setattr(app.tray, "say_still_here", lambda: told.append(1))
    app.show(None, start=False, background=False)
    qtbot.waitExposed(app.window)
    app.window.close()
    assert not app.quitting and not app.window.isVisible()
    app.window.bring_to_front()
    app.window.close()
    assert told == [1]


def test_tray_menu_offers_open_breathe_relax_pause_and_quit(make_app, save_settings):
    """The tray menu has Open, Breathe now, Relax now, Pause reminders and Quit."""
    save_settings(welcome_seen=True)
    app = make_app(tray=True)
    labels = [action.text() for action in app.tray.menu.actions() if action.text()]
    assert labels == ["Open Companion", "Breathe now", "Relax now",
                      "Pause reminders for an hour", "Quit"]


def test_background_start_stays_hidden_only_when_there_is_a_way_back(make_app, save_settings):
    """--background hides the window when a tray exists; with no tray the window shows anyway."""
    save_settings(welcome_seen=True)
    with_tray = make_app(tray=True)
    with_tray.show(None, start=False, background=True)
    assert not with_tray.window.isVisible()
    with_tray.quit()
    without = make_app(tray=False)
    without.show(None, start=False, background=True)
    assert without.window.isVisible()


def test_request_from_second_launch_switches_page(make_app, save_settings, qtbot):
    """A later launch's --open settings switches the running window to Settings."""
    save_settings(welcome_seen=True)
    app = make_app()
    app.show("home", start=False, background=False)
    app.handle_request("settings", False)
    assert app.window.current_page_id() == "settings"


def test_app_palette_follows_the_appearance_setting(make_app, save_settings):
    """appearance = light applies the Morning palette."""
    save_settings(welcome_seen=True, appearance="light")
    make_app()
    assert QApplication.instance().property("companion_palette") == "morning"


def test_tray_relax_now_opens_relax_and_plays_the_last_script(make_app, save_settings):
    """The tray's Relax now opens the Relax page and begins the script chosen last time."""
    save_settings(welcome_seen=True, pmr_note_seen=True, relax_script="counting")
    app = make_app(tray=True, audio_opener=lambda: "No sound device in this test.")
    relax_now = next(a for a in app.tray.menu.actions() if a.text() == "Relax now")
    relax_now.trigger()
    page = app.window.page("relax")
    assert app.window.current_page_id() == "relax" and page.is_running()
    assert page.player.script.id == "counting"


def test_tray_breathe_now_and_pause_reminders_reach_their_features(make_app, save_settings,
                                                                   qtbot):
    """Each feature wires its own tray entry: Breathe now starts breathing on Breathe, Pause
    reminders pauses them for an hour."""
    save_settings(welcome_seen=True)
    app = make_app(tray=True, audio_opener=lambda: "No sound device in this test.")
    actions = {a.text(): a for a in app.tray.menu.actions()}
    actions["Breathe now"].trigger()
    assert app.window.current_page_id() == "breathe"
    qtbot.waitUntil(app.window.page("breathe").is_running, timeout=10_000)
    app.window.page("breathe").stop()
    actions["Pause reminders for an hour"].trigger()
    assert app.reminder_service().reminders.paused_until is not None
