"""The Settings page: every change applies at once and is saved."""


import shutil

from PySide6.QtWidgets import QApplication, QMessageBox

from companion.clock import FakeClock
from companion.desktop.autostart import starts_at_login
from companion.journal.vault import Vault
from companion.settings import SettingsStore
from companion.ui.relax.feature import RelaxFeature
from companion.ui.settings.feature import SettingsFeature


def choose(combo, value):
    """Pick the entry holding value, as a user would."""
    combo.setCurrentIndex(combo.findData(value))
    combo.activated.emit(combo.currentIndex())


def saved(paths, clock):
    return SettingsStore(paths.settings_file, clock).load().settings


def test_choosing_dark_switches_theme_and_saves(make_app, paths, clock):
    """Picking Evening applies the dark palette and writes it to settings.toml."""
    app = make_app()
    choose(app.settings_page.appearance, "light")
    assert QApplication.instance().property("companion_palette") == "morning"
    choose(app.settings_page.appearance, "dark")
    assert QApplication.instance().property("companion_palette") == "evening"
    assert saved(paths, clock).appearance == "dark"


def test_text_size_changes_the_app_font(make_app, paths, clock):
    """A larger text size enlarges the application font and is remembered."""
    app = make_app()
    choose(app.settings_page.text_size, 18)
    assert QApplication.instance().font().pointSize() == 18
    assert saved(paths, clock).text_size == 18


def test_motion_choice_overrides_the_system(make_app, qtbot):
    """'Keep things still' reduces motion even when the system allows it."""
    app = make_app()
    app.services.system_reduced_motion = False
    with qtbot.waitSignal(app.services.reduce_motion_changed) as blocker:
        choose(app.settings_page.motion, "reduce")
    assert blocker.args == [True]
    assert app.services.reduce_motion


def test_system_motion_status_is_explained(make_app):
    """The page says what the desktop asks for."""
    app = make_app()
    app.services.set_system_motion(True)
    assert "less motion" in app.settings_page.motion_status.text()


def test_start_at_login_writes_the_autostart_entry(make_app, paths):
    """Ticking 'Start Companion quietly when I log in' creates the autostart entry; unticking removes it."""
    app = make_app()
    app.settings_page.start_at_login.setChecked(True)
    assert starts_at_login(paths.autostart)
    app.settings_page.start_at_login.setChecked(False)
    assert not starts_at_login(paths.autostart)


def test_volumes_and_cues_are_saved(make_app, paths, clock):
    """The ambient and cue volumes and the cue switch persist."""
    app = make_app()
    app.settings_page.volume.setValue(40)
    app.settings_page.cue_volume.setValue(25)
    app.settings_page.cues.setChecked(False)
    settings = saved(paths, clock)
    assert (settings.sounds_master, settings.cue_volume, settings.sound_cues) == (40, 25, False)


def test_ambient_volume_set_in_settings_reaches_the_sounds(make_app, qtbot):
    """The ambient volume on the Settings page is the Sounds page's master volume."""
    app = make_app()
    sounds = app.window.page("sounds")
    app.settings_page.volume.setValue(30)
    assert sounds.player.mix.master == 0.3 and sounds.master.value() == 30


def test_cue_volume_set_in_settings_shows_on_breathe(make_app):
    """The breathing cue volume on the Settings page moves the Breathe page's slider."""
    app = make_app()
    breathe = app.window.page("breathe")
    app.settings_page.cue_volume.setValue(20)
    assert breathe.volume.value() == 20 and breathe._cues.volume == 0.2


def test_a_full_disk_keeps_settings_in_memory_and_says_so(make_app, monkeypatch):
    """When saving fails (disk full), the choice still applies and a calm notice explains."""
    import errno

    from companion import settings as settings_module

    app = make_app()

    def full_disk(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(settings_module, "atomic_write_text", full_disk)
    choose(app.settings_page.text_size, 18)
    assert app.model.settings.text_size == 18
    assert any("could not be saved" in text and "No space left" in text
               for text in app.window.notice_texts())


def _answer_delete(app, qtbot, confirm: bool):
    app.feature(SettingsFeature).confirm_delete_all()
    box = app.feature(SettingsFeature).delete_box
    qtbot.waitExposed(box)
    wanted = "Delete everything" if confirm else "Keep my data"
    button = next(b for b in box.buttons() if b.text() == wanted)
    button.click()


def test_delete_all_asks_and_keeps_data_on_cancel(make_app, qtbot, paths):
    """Choosing 'Keep my data' deletes nothing."""
    app = make_app()
    app.show("settings", start=False, background=False)
    choose(app.settings_page.text_size, 15)
    _answer_delete(app, qtbot, confirm=False)
    assert paths.settings_file.exists()
    assert not app.quitting


def test_delete_all_confirmed_removes_everything_and_quits(make_app, qtbot, paths):
    """'Delete everything' removes every folder and closes without writing settings again."""
    app = make_app()
    app.show("settings", start=False, background=False)
    choose(app.settings_page.text_size, 15)
    (paths.data / "journal").mkdir(parents=True)
    _answer_delete(app, qtbot, confirm=True)
    assert app.quitting
    assert [folder for folder in paths.user_folders() if folder.exists()] == []


def test_delete_button_default_is_the_safe_one(make_app, qtbot):
    """The confirmation's default and Esc button is 'Keep my data'."""
    app = make_app()
    app.feature(SettingsFeature).confirm_delete_all()
    box = app.feature(SettingsFeature).delete_box
    assert box.defaultButton().text() == "Keep my data"
    assert box.escapeButton().text() == "Keep my data"
    box.close()
    assert isinstance(box, QMessageBox)


def test_a_hand_set_text_size_is_shown_not_lost(make_app, save_settings):
    """A size written by hand in settings.toml (14 pt) appears in the list and stays selected."""
    save_settings(welcome_seen=True, text_size=14)
    app = make_app()
    assert app.settings_page.text_size.currentData() == 14
    assert app.model.settings.text_size == 14


def test_delete_all_removes_a_journal_moved_elsewhere_and_nothing_writes_it_again(
        make_app, save_settings, qtbot, paths, vault, tmp_path):
    """The journal in a synced folder goes too (only its own files), and locking on the way out
    does not write its index back; the dialog names the folders and the sync."""
    synced = tmp_path / "Sync"
    shutil.copytree(vault.folder, synced / "journal")
    (synced / "journal" / "my-notes.txt").write_text("not Companion's")
    save_settings(welcome_seen=True, journal_folder=str(synced / "journal"))
    app = make_app()
    app.show("journal", start=False, background=False)
    journal = app.window.page("journal")
    journal._opened(Vault(synced / "journal", vault.keys, FakeClock()),
                    Vault(synced / "journal", vault.keys, FakeClock()).read_all())
    app.feature(SettingsFeature).confirm_delete_all()
    text = app.feature(SettingsFeature).delete_box.informativeText()
    assert str(synced / "journal") in text and "every computer" in text
    assert str(paths.config) in text
    box = app.feature(SettingsFeature).delete_box
    button = next(b for b in box.buttons() if b.text() == "Delete everything")
    button.click()
    journal.pool.waitForDone()
    assert sorted(p.name for p in (synced / "journal").rglob("*")) == ["my-notes.txt"]


def test_settings_says_which_voice_reads_and_prepares_the_natural_one(
        make_app, paths, natural_voice_set, qtbot):
    """With the voice extra installed and no natural set yet, Settings names espeak-ng and offers
    to prepare the natural voice; the real render runs in its own process (here only the one
    step missing from a copied set is spoken), the window stays free, and once it is ready
    Settings, the notice and the Relax page's next script all use it."""
    from companion.relax.voice import natural_voice_folder

    cache = paths.cache / "voice"
    shutil.copytree(natural_voice_folder(natural_voice_set), natural_voice_folder(cache))
    next(natural_voice_folder(cache).glob("*.ogg")).unlink()  # an incomplete set is not used
    app = make_app()
    page = app.settings_page
    assert "espeak-ng" in page.voice_status.text()
    assert page.voice_button.isVisibleTo(page)
    page.voice_button.click()
    assert app.feature(RelaxFeature).renderer().running and not page.voice_button.isEnabled()
    assert "being prepared" in page.voice_status.text()
    with qtbot.waitSignal(app.feature(RelaxFeature).renderer().ready, timeout=120_000) as ready:
        pass
    assert ready.args == [True]
    assert "natural voice (Piper" in page.voice_status.text()
    assert not page.voice_button.isVisibleTo(page)
    assert any("natural voice is ready" in n for n in app.window.notice_texts())
    relax = app.window.page("relax")
    assert relax.voice.builtin().natural
