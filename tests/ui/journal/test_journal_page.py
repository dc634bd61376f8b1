"""The Journal page on the offscreen platform with a real vault: the first-time setup and its
recovery key, unlocking in a worker, autosave, search, delete with undo, sync conflicts, guided
writing, and locking that forgets every decrypted word."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from companion.clock import FakeClock
from companion.journal.entry import Entry, to_plaintext
from companion.journal.prompts import grounding
from companion.journal.vault import Vault


@pytest.fixture
def journal_app(make_app, save_settings, qtbot):
    """The app on the Journal page; journal_folder points at the given folder."""
    def build(folder):
        save_settings(welcome_seen=True, journal_folder=str(folder))
        app = make_app()
        app.show("journal", start=False, background=False)
        qtbot.waitExposed(app.window)
        return app, app.window.page("journal")
    return build


@pytest.fixture
def opened(journal_app, vault):
    """The Journal page opened on a copy of the session's vault (no scrypt: the keys are known)."""
    app, page = journal_app(vault.folder)
    page._opened(Vault(vault.folder, vault.keys, FakeClock()), vault.read_all())
    return app, page, vault


def write(page, qtbot, text: str, title: str = "") -> Entry:
    """Type into a new entry and let the autosave timer fire."""
    entry = page.new_entry()
    page.editor.title.setText(title)
    page.editor.body.setPlainText(text)
    assert page.autosave.isActive()
    page.autosave.timeout.emit()
    page.pool.waitForDone()
    qtbot.waitUntil(lambda: page.status.text().startswith("Saved"))
    return page.entries[entry.id]


def test_the_first_time_a_passphrase_is_chosen_and_the_recovery_key_shown_once(
        journal_app, tmp_path, qtbot):
    _app, page = journal_app(tmp_path / "journal")
    assert page.stack.currentWidget() is page.setup_view
    page.setup_view.first.setText("harbour lights")
    page.setup_view.second.setText("harbour light")
    page.setup_view.create_button.click()
    assert "not the same" in page.setup_view.error.text()
    page.setup_view.second.setText("harbour lights")
    page.setup_view.create_button.click()
    assert page.setup_view.busy.isVisible()  # the window stays responsive while scrypt runs
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.recovery_view, timeout=20_000)
    assert page.recovery_view.key_label.text().startswith("AGE-SECRET-KEY-1 ")
    assert not page.recovery_view.continue_button.isEnabled()
    page.recovery_view.stored.setChecked(True)
    page.recovery_view.continue_button.click()
    assert page.stack.currentWidget() is page.open_view
    assert page.recovery_view.key_label.text() == ""  # shown only once


def test_unlocking_runs_in_a_worker_with_a_visible_state(journal_app, vault, passphrase, qtbot):
    _app, page = journal_app(vault.folder)
    assert page.stack.currentWidget() is page.locked_view
    page.locked_view.passphrase.setText(passphrase)
    page.locked_view.unlock_button.click()
    assert page.locked_view.busy.isVisible() and not page.locked_view.unlock_button.isEnabled()
    qtbot.waitUntil(page.is_unlocked, timeout=20_000)
    assert page.stack.currentWidget() is page.open_view
    assert page.locked_view.passphrase.text() == ""


def test_a_wrong_passphrase_says_so_and_keeps_the_journal_locked(journal_app, vault, qtbot):
    _app, page = journal_app(vault.folder)
    page.locked_view.passphrase.setText("not it at all")
    page.locked_view.unlock_button.click()
    qtbot.waitUntil(lambda: page.locked_view.error.isVisible(), timeout=20_000)
    assert "does not open this journal" in page.locked_view.error.text()
    assert not page.is_unlocked()


def test_typing_is_saved_encrypted_after_a_pause(opened, qtbot):
    _app, page, vault = opened
    saved = write(page, qtbot, "The words I could not say.", title="Tonight")
    assert vault.read(saved.id).body == "The words I could not say."
    assert b"could not say" not in vault.path_of(saved.id).read_bytes()


def test_an_empty_new_entry_is_never_saved(opened):
    _app, page, vault = opened
    page.new_entry()
    page.save_now()
    page.pool.waitForDone()
    assert list(vault.entries_dir.glob("*.age")) == []


def test_locking_forgets_every_decrypted_word(opened, qtbot):
    """The key, the list, the editor and its undo history, the search index and a copied line
    from the journal are all gone after Lock."""
    _app, page, vault = opened
    write(page, qtbot, "A secret sentence about the sea.")
    page.editor.body.setPlainText("A secret sentence about the sea, and more.")
    QGuiApplication.clipboard().setText("secret sentence")
    page.lock_button.click()
    page.pool.waitForDone()
    assert not page.is_unlocked() and page.stack.currentWidget() is page.locked_view
    assert page.entries == {} and page.entry_list.count() == 0
    assert page.editor.body.toPlainText() == "" and not page.editor.body.document().isUndoAvailable()
    assert page.index.search("sea") == []
    assert QGuiApplication.clipboard().text() == ""
    assert vault.read_all().entries  # the typing was saved before the lock


def test_ctrl_l_locks(opened, qtbot):
    app, page, _vault = opened
    app.window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is app.window.windowHandle())
    qtbot.keyClick(app.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not page.is_unlocked()


def test_being_away_for_the_chosen_minutes_locks(opened, qtbot):
    app, page, _vault = opened
    assert page.idle_timer.isActive() and page.idle_timer.interval() == 5 * 60_000
    app.model.update(journal_lock_minutes=2)
    assert page.idle_timer.interval() == 2 * 60_000
    page.idle_timer.timeout.emit()
    assert not page.is_unlocked()


def test_the_screen_locking_locks_the_journal(opened):
    app, page, _vault = opened
    app.services.screen_lock.away.emit("screen locked")
    assert not page.is_unlocked()


def test_search_and_tag_filter_narrow_the_list(opened, qtbot):
    _app, page, _vault = opened
    sea = write(page, qtbot, "Walked by the sea at dusk.")
    page.editor.tags.setText("walk")
    page.editor.tags.textEdited.emit("walk")
    page.save_now()
    write(page, qtbot, "The meeting went fine.")
    page.search.setText("dusk")
    assert page.entry_list.count() == 1
    assert page.entry_list.item(0).data(Qt.ItemDataRole.UserRole) == sea.id
    page.search.clear()
    page._refresh_filters()
    page.tag_filter.setCurrentIndex(page.tag_filter.findData("walk"))
    page._show_list()
    assert page.entry_list.count() == 1


def test_delete_can_be_undone_and_otherwise_removes_the_file(opened, qtbot):
    _app, page, vault = opened
    saved = write(page, qtbot, "Something to let go of.")
    page.delete_current()
    assert saved.id not in page.entries and page.undo_row.isVisibleTo(page)
    page.undo_delete()
    assert saved.id in page.entries and vault.path_of(saved.id).exists()
    page._show_list(select=saved.id)
    page.delete_current()
    page.undo_timer.timeout.emit()
    page.pool.waitForDone()
    assert not vault.path_of(saved.id).exists()


def test_an_entry_added_by_another_process_appears(opened, qtbot):
    """`companion journal add` while the window is open: the watcher notices and the list grows."""
    _app, page, vault = opened
    other = Vault(vault.folder, vault.keys, FakeClock())
    other.save(Entry.new(FakeClock().now(), "From the terminal", "quick note"))
    qtbot.waitUntil(lambda: page.entry_list.count() == 1, timeout=10_000)
    assert page.entry_list.item(0).text().startswith("From the terminal")


def test_a_sync_conflict_shows_both_versions_and_keeping_both_loses_nothing(opened, qtbot):
    _app, page, vault = opened
    saved = write(page, qtbot, "Written at home.")
    other = saved.edited(saved.modified, body="Written on the laptop.")
    copy = vault.entries_dir / f"{saved.id}.sync-conflict-20261125-220000-XYZ.age"
    copy.write_bytes(vault.keys.encrypt(to_plaintext(other, vault.keys)))
    page.refresh_from_disk()
    page.pool.waitForDone()
    qtbot.waitUntil(lambda: page.conflict_card.isVisibleTo(page))
    assert page.conflict_card.texts[0].toPlainText() == "Written at home."
    assert page.conflict_card.texts[1].toPlainText() == "Written on the laptop."
    assert page.conflict_card.names[1].text().startswith("Saved ")  # never "here"
    page.conflict_card.keep_buttons["both"].click()
    page.pool.waitForDone()
    qtbot.waitUntil(lambda: len(page.entries) == 2 and not page.conflict_card.isVisibleTo(page))
    assert not copy.exists()


def test_a_damaged_entry_is_named_and_the_rest_still_open(journal_app, vault, qtbot):
    good = Entry.new(FakeClock().now(), "Fine", "fine")
    vault.save(good)
    bad = vault.entries_dir / "00000000-0000-4000-8000-000000000000.age"
    bad.write_bytes(b"age-encryption.org/v1\ngarbage")
    _app, page = journal_app(vault.folder)
    page._opened(Vault(vault.folder, vault.keys, FakeClock()), vault.read_all())
    assert list(page.entries) == [good.id]
    assert bad.name in page.notice.text() and page.notice.isVisibleTo(page)


def test_guided_writing_offers_a_prompt_then_grounding_after_15_minutes(opened, clock):
    _app, page, _vault = opened
    page.start_guided()
    assert page.guided_checkin.isVisibleTo(page)  # a light check-in first, skippable
    page.guided_checkin.skip_button.click()
    assert page.guided.isVisibleTo(page) and page.guided.prompt_label.text()
    assert page.guided.time_label.text() == "15 min left"
    first = page.guided.prompt_label.text()
    page.guided.another.click()
    assert page.guided.prompt_label.text() != first
    clock.advance(15 * 60)
    page.guided.tick.timeout.emit()
    assert page.guided.invitation.text() == grounding()
    page.guided.done_button.click()
    assert not page.guided.isVisibleTo(page) and not page.guided.tick.isActive()


def test_a_canary_typed_in_the_window_is_found_nowhere_on_disk(opened, qtbot, paths):
    """After writing, locking and quitting, no file under the home folder holds the words."""
    app, page, vault = opened
    write(page, qtbot, "canary-51d2 my grandmother's garden in June")
    page.lock("test")
    app.quit()
    for root in (paths.config, paths.data, paths.cache, paths.logs, vault.folder):
        for path in root.rglob("*"):
            if path.is_file():
                assert b"canary-51d2" not in path.read_bytes(), path


def test_a_forgotten_passphrase_is_replaced_using_the_recovery_key(journal_app, vault, qtbot):
    """The recovery key opens the journal and sets a new passphrase, which then works."""
    _app, page = journal_app(vault.folder)
    view = page.locked_view
    view.forgot_button.click()
    view.recovery_key.setText(" ".join([vault.keys.recovery_key[:20], vault.keys.recovery_key[20:]]))
    view.new_first.setText("a brand new phrase")
    view.new_second.setText("a brand new phrase")
    view.recover_button.click()
    qtbot.waitUntil(page.is_unlocked, timeout=20_000)
    from companion.journal.opening import unlock

    assert unlock(vault.folder, "a brand new phrase", FakeClock()).keys is not None


def test_export_and_import_from_more(opened, qtbot, tmp_path):
    """Markdown export writes readable files; a jrnl export moves in."""
    _app, page, _vault = opened
    write(page, qtbot, "Exported words.", title="To take along")
    page.tools.export_markdown(tmp_path / "out")
    page.pool.waitForDone()
    qtbot.waitUntil(lambda: "readable" in page.status.text())
    assert "Exported words." in next((tmp_path / "out").glob("*.md")).read_text()
    jrnl = tmp_path / "jrnl.txt"
    jrnl.write_text("[2026-11-01 08:00:00 PM] From jrnl. Moving in. @moving\n\n")
    page.tools.import_jrnl(jrnl)
    page.pool.waitForDone()
    qtbot.waitUntil(lambda: any(e.title == "From jrnl." for e in page.entries.values()))


def test_a_new_passphrase_that_is_too_short_is_refused_in_the_dialog(opened, passphrase, qtbot):
    _app, page, _vault = opened
    page.tools.ask_new_passphrase()
    current = page.tools.dialog
    current.first.setText(passphrase)  # the current passphrase comes first
    current._check()
    qtbot.waitUntil(lambda: page.tools.dialog is not current, timeout=20_000)
    dialog = page.tools.dialog
    dialog.first.setText("short")
    dialog.second.setText("short")
    dialog._check()
    assert dialog.isVisible() and "at least 8" in dialog.error.text()
    dialog.reject()


def test_delete_waits_for_an_entry_and_no_saved_status_lingers(opened, qtbot):
    """Open with nothing chosen: Delete is off. After deleting the entry shown, it is off again
    and the page no longer says 'Saved'."""
    _app, page, _vault = opened
    page.editor.load(None)
    assert not page.delete_button.isEnabled()
    write(page, qtbot, "a few words")
    assert page.delete_button.isEnabled()
    page.delete_current()
    assert not page.delete_button.isEnabled() and not page.status.text().startswith("Saved")


def test_an_empty_journal_says_how_to_begin_and_a_search_says_when_nothing_matches(opened, qtbot):
    """No blank box: the list gives way to a sentence about New entry and Guided writing; with
    entries, a search that finds nothing says so."""
    _app, page, _vault = opened
    page.entries.clear()
    page._show_list()
    assert page.list_empty.isVisibleTo(page) and not page.entry_list.isVisibleTo(page)
    assert "Nothing written yet" in page.list_empty.text()
    write(page, qtbot, "the river at dusk")
    assert page.entry_list.isVisibleTo(page) and not page.list_empty.isVisibleTo(page)
    page.search.setText("zebra")
    page._show_list()
    assert "No entry matches" in page.list_empty.text()
