"""The journal window keeps secrets and entries safe: secret fields with no undo history, a new
recovery key shown and confirmed, things set aside for the person's choice, the current
passphrase asked again, and keys dropped at once on lock."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from companion.clock import FakeClock
from companion.journal.entry import Entry
from companion.journal.keys import WrongPassphrase
from companion.journal.opening import unlock_with_recovery_key
from companion.journal.vault import Vault
from companion.ui.shell.workers import run_in_background
from tests.ui.journal.test_journal_page import journal_app, opened, write  # noqa: F401


@pytest.mark.parametrize("shown", [False, True])
def test_ctrl_z_never_brings_back_a_recovery_key_after_a_lock(journal_app, vault, qtbot,  # noqa: F811
                                                              shown):
    """Recovery-key unlock, lock, 'I forgot my passphrase', Ctrl+Z: the field stays empty."""
    _app, page = journal_app(vault.folder)
    view = page.locked_view
    QTest.mouseClick(view.forgot_button, Qt.MouseButton.LeftButton)
    view.recovery_key.toggle.setChecked(shown)
    view.recovery_key.setFocus()
    QTest.keyClicks(view.recovery_key, vault.keys.recovery_key)
    QTest.keyClicks(view.new_first, "a brand new phrase")
    QTest.keyClicks(view.new_second, "a brand new phrase")
    QTest.mouseClick(view.recover_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.is_unlocked, timeout=20_000)
    page.lock("test")
    QTest.mouseClick(view.forgot_button, Qt.MouseButton.LeftButton)
    view.recovery_key.toggle.setChecked(shown)
    for field in (view.recovery_key, view.new_first, view.passphrase):
        field.setFocus()
        QTest.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert field.text() == "" and not field.isUndoAvailable()
        assert field.echoMode() != field.EchoMode.Normal or shown


def test_a_shown_secret_field_keeps_no_undo_history_while_typing(journal_app, vault):  # noqa: F811
    _app, page = journal_app(vault.folder)
    field = page.locked_view.passphrase
    field.toggle.setChecked(True)
    QTest.keyClicks(field, "secret words")
    assert not field.isUndoAvailable()
    QTest.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == "secret words"
    field.wipe()
    QTest.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == "" and field.echoMode() == field.EchoMode.Password


def test_a_new_recovery_key_is_shown_and_confirming_it_retires_the_old_one(
        opened, passphrase, qtbot):  # noqa: F811
    _app, page, vault = opened
    old_key = vault.keys.recovery_key
    page.tools.rotate_key(passphrase)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.recovery_view, timeout=20_000)
    shown = page.recovery_view.key_label.text().replace(" ", "")
    assert shown == page.vault.unconfirmed_key != old_key
    assert unlock_with_recovery_key(vault.folder, old_key, FakeClock())  # still works
    page.recovery_view.stored.setChecked(True)
    page.recovery_view.continue_button.click()
    page.pool.waitForDone()
    qtbot.waitUntil(lambda: "only one" in page.status.text())
    with pytest.raises(WrongPassphrase):
        unlock_with_recovery_key(vault.folder, old_key, FakeClock())


def test_an_older_copy_put_back_is_shown_with_a_choice(opened, qtbot):  # noqa: F811
    _app, page, vault = opened
    entry = write(page, qtbot, "first words", title="Put back")
    old_bytes = vault.path_of(entry.id).read_bytes()
    page.editor.body.setPlainText("second words")
    page.save_now()
    page.pool.waitForDone()
    vault.path_of(entry.id).write_bytes(old_bytes)
    page.refresh_from_disk()
    page.pool.waitForDone()
    qtbot.waitUntil(page.review_card.isVisible)
    assert "older copy of “Put back”" in page.review_card.label.text()
    assert page.review_card.keep_button.text() == "Keep this older copy"
    page.review_card.keep_button.click()
    page.pool.waitForDone()
    page.pool.waitForDone()
    qtbot.waitUntil(lambda: page.entries[entry.id].body == "first words")
    assert not page.review_card.isVisible() and vault.read(entry.id).version == 3


def test_a_wrong_current_passphrase_stops_the_change(opened, qtbot):  # noqa: F811
    _app, page, _vault = opened
    page.tools.ask_new_passphrase()
    dialog = page.tools.dialog
    dialog.first.setText("not my passphrase")
    dialog._check()
    qtbot.waitUntil(lambda: "does not open" in page.status.text(), timeout=20_000)
    assert page.tools.dialog is dialog  # no dialog for a new passphrase


def test_locking_drops_the_keys_at_once_even_while_a_worker_is_stuck(opened, qtbot):  # noqa: F811
    _app, page, vault = opened
    opened_vault = page.vault
    release = threading.Event()
    run_in_background(lambda: release.wait(30), lambda _r: None, page, pool=page.pool)
    page.editor.load(None)
    page.new_entry()
    page.editor.body.setPlainText("typed just before locking")
    page.lock("test")
    assert opened_vault.ring is None  # while the worker is still stuck
    release.set()
    page.pool.waitForDone()
    bodies = [e.body for e in Vault(vault.folder, vault.keys, FakeClock()).read_all()
              .entries.values()]
    assert "typed just before locking" in bodies


def test_a_session_record_is_saved_in_the_journals_worker(opened, qtbot):  # noqa: F811
    _app, page, vault = opened
    record = Entry.new(FakeClock().now(), "Quiet session", "calmer", kind="session")
    callers = []
    real_save = page.vault.save
    page.vault.save = lambda e: (callers.append(threading.current_thread()), real_save(e))[1]
    page.save_record(record)
    page.pool.waitForDone()
    assert callers and callers[0] is not threading.main_thread()
    assert vault.read(record.id).title == "Quiet session"


def test_an_entry_deleted_elsewhere_is_not_brought_back_by_typing_here(opened, qtbot):  # noqa: F811
    _app, page, vault = opened
    entry = write(page, qtbot, "first words", title="Deleted there")
    Vault(vault.folder, vault.keys, FakeClock()).delete(entry.id)  # the other computer
    page.editor.body.setPlainText("typed here afterwards")
    page.save_now()
    page.pool.waitForDone()
    qtbot.waitUntil(page.review_card.isVisible)
    assert "was deleted on another computer" in page.review_card.label.text()
    assert not vault.path_of(entry.id).exists()
    page.review_card.keep_button.click()  # "Keep it"
    page.pool.waitForDone()
    qtbot.waitUntil(lambda: vault.path_of(entry.id).exists())
    assert vault.read(entry.id).body == "typed here afterwards"


def test_a_key_changed_elsewhere_locks_keeps_the_words_and_saves_them_after_unlock(
        opened, qtbot, passphrase):  # noqa: F811
    _app, page, vault = opened
    entry = write(page, qtbot, "before the change", title="Kept")
    other = Vault(vault.folder, vault.keys, FakeClock())
    other.rotate_key(passphrase)
    other.confirm_key()  # the key this window holds no longer opens the journal
    page.editor.body.setPlainText("typed while the other computer changed the key")
    page.save_now()
    page.pool.waitForDone()
    qtbot.waitUntil(lambda: not page.is_unlocked())
    assert "kept and will be saved" in page.locked_view.error.text()
    assert page.editor.body.toPlainText() == ""  # hidden while locked
    page.locked_view.passphrase.setText(passphrase)
    page.locked_view.unlock_button.click()
    qtbot.waitUntil(page.is_unlocked, timeout=20_000)
    page.pool.waitForDone()
    qtbot.waitUntil(lambda: "typed while" in other.read(entry.id).body)


def test_a_key_changed_elsewhere_is_noticed_when_the_folder_changes(opened, qtbot, passphrase):  # noqa: F811
    """The window watches the vault root: the other computer's new keyring locks it calmly."""
    _app, page, vault = opened
    assert str(vault.folder) in page.watcher.directories()
    other = Vault(vault.folder, vault.keys, FakeClock())
    other.rotate_key(passphrase)
    other.confirm_key()
    page.refresh_from_disk()
    page.pool.waitForDone()
    qtbot.waitUntil(lambda: not page.is_unlocked())
    assert "key was changed" in page.locked_view.error.text()
