"""The Journal page: create or unlock the vault (slow key work in a worker, with a visible
'unlocking' state), then write, search, filter and delete; autosave on a pause in typing and on
leaving; lock by button, Ctrl+L, idleness, screen lock or sleep, forgetting every decrypted word."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QWidget,
)

from companion.clock import Clock
from companion.i18n import _
from companion.journal.index_cache import index_writer
from companion.journal.keys import JournalError, KeyChanged
from companion.journal.opening import create_vault, is_vault, unlock, unlock_with_recovery_key
from companion.journal.prompts import Prompt
from companion.journal.vault import ReadResult, Vault
from companion.ui.journal.clipboard import JournalClipboard
from companion.ui.journal.writing import JournalWriting
from companion.ui.shell.settings_model import SettingsModel
from companion.ui.shell.workers import run_in_background

log = logging.getLogger(__name__)

WATCH_SETTLE_MS = 400  # wait for a burst of file changes to end before reading them
ACTIVITY = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel)


class JournalPage(JournalWriting):
    """locked_changed(True) when the journal locks, (False) when it opens."""

    page_id = "journal"
    locked_changed = Signal(bool)
    breathe_requested = Signal()  # a minute of breathing before writing, asked at the check-in

    def __init__(self, model: SettingsModel, clock: Clock, folder: Path, prompts: list[Prompt],
                 parent: QWidget | None = None, cache: Path | None = None):
        super().__init__(clock, folder, prompts, parent)
        self.cache = cache  # where this computer keeps its index of the journal
        self._model = model
        self.folder = folder
        self.watch_timer = self._timer("journal-watch", WATCH_SETTLE_MS, self.refresh_from_disk)
        self.idle_timer = self._timer("journal-idle-lock", 60_000, lambda: self.lock("idle"))
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _path: self.watch_timer.start())

        self.conflict_card.decided.connect(self.resolve_conflict)
        self.guided_checkin.help_requested.connect(self._show_help)
        self.guided_checkin.calmer_requested.connect(self._breathe_first)
        self.review_card.decided.connect(self.resolve_review)
        self.lock_button.clicked.connect(lambda: self.lock("button"))

        self.setup_view.create_requested.connect(self._create)
        self.recovery_view.done.connect(self._key_stored)
        self.locked_view.unlock_requested.connect(self._unlock)
        self.locked_view.recover_requested.connect(self._recover)
        from companion.ui.journal.tools import JournalTools

        self.tools = JournalTools(self)
        self.clipboard = JournalClipboard(self)
        self.recovery_view.copy_key = self.clipboard.copy_secret
        self.lock_shortcut = QShortcut(QKeySequence("Ctrl+L"), self)
        self.lock_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.lock_shortcut.activated.connect(lambda: self.lock("Ctrl+L"))
        self._show_state()

    # --- states -----------------------------------------------------------------------------------

    def is_unlocked(self) -> bool:
        return self.vault is not None

    def _show_state(self) -> None:
        """Show the view for the journal's state, with the keyboard on its first useful control
        (never left on the sidebar, where typing would do nothing)."""
        if self.vault is not None:
            self.stack.setCurrentWidget(self.open_view)
            self.new_button.setFocus()
        elif is_vault(self.folder):
            self.stack.setCurrentWidget(self.locked_view)
            self.locked_view.passphrase.setFocus()
        else:
            self.stack.setCurrentWidget(self.setup_view)
            self.setup_view.first.setFocus()

    def _create(self, passphrase: str) -> None:
        folder, clock = self.folder, self._clock
        run_in_background(lambda: create_vault(folder, passphrase, clock, self.cache),
                          self._created, self,
                          on_failed=self.setup_view.show_error, pool=self.pool)

    def _created(self, vault: Vault) -> None:
        self.setup_view.clear()
        assert vault.keys is not None
        self.recovery_view.show_key(vault.keys.recovery_key)
        self._opened(vault, ReadResult())
        self.stack.setCurrentWidget(self.recovery_view)
        self.recovery_view.copy_button.setFocus()

    def _key_stored(self) -> None:
        """The person stored the key shown: a waiting key change is confirmed (the old recovery
        key stops working, and every file is encrypted to the new key alone)."""
        vault = self.vault
        if vault is not None and vault.unconfirmed_key is not None:
            self.status.setText(_("Encrypting every entry with the new key alone…"))
            run_in_background(vault.confirm_key,
                              lambda _r: self.status.setText(_("Your new recovery key is now the "
                                                             "only one that opens the journal.")),
                              self, on_failed=self.status.setText, pool=self.pool)
        self._show_state()

    def show_waiting_key(self) -> bool:
        """Show a new recovery key that waits to be confirmed; True when there was one."""
        key = self.vault.unconfirmed_key if self.vault is not None else None
        if key is None:
            return False
        self.recovery_view.show_key(key, _("Your new recovery key: store it, then continue"))
        self.stack.setCurrentWidget(self.recovery_view)
        self.recovery_view.copy_button.setFocus()
        return True

    def _unlock(self, passphrase: str) -> None:
        folder, clock = self.folder, self._clock

        def work() -> tuple[Vault, ReadResult]:
            vault = unlock(folder, passphrase, clock, self.cache)
            return vault, vault.open_all()

        run_in_background(work, lambda done: self._opened(*done), self,
                          on_failed=self.locked_view.show_error, pool=self.pool)

    def _recover(self, recovery_key: str, new_passphrase: str) -> None:
        folder, clock = self.folder, self._clock

        def work() -> tuple[Vault, ReadResult]:
            vault = unlock_with_recovery_key(folder, recovery_key, clock, self.cache)
            vault.change_passphrase(new_passphrase)
            return vault, vault.open_all()

        run_in_background(work, lambda done: self._opened(*done), self,
                          on_failed=self.locked_view.show_error, pool=self.pool)

    def _opened(self, vault: Vault, read: ReadResult) -> None:
        self.locked_view.clear()
        self.vault = vault
        self._take(read)
        self.watcher.addPaths([str(vault.entries_dir), str(vault.folder)])  # keyring, manifest
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._restart_idle()
        self._show_state()
        self.show_waiting_key()  # a key change finished at this unlock is shown now
        self._save_held()
        self.locked_changed.emit(False)
        log.info("journal unlocked: %d entries", len(self.entries))

    def _show_help(self) -> None:
        window = self.window()
        if hasattr(window, "show_help"):
            window.show_help()

    def _breathe_first(self) -> None:
        self.guided_checkin.hide()
        self.breathe_requested.emit()

    def _save_held(self) -> None:
        """Words typed before the key changed elsewhere are saved with the journal's key now."""
        held, self.held_edits = list(self.held_edits.values()), {}
        vault = self.vault
        if not held or vault is None:
            return
        for entry in held:
            self.entries[entry.id] = entry

        def save_all() -> int:
            for entry in held:
                vault.save(entry)
            return len(held)

        run_in_background(save_all, lambda count: self.status.setText(
            _("Saved what you typed before the journal's key changed ({count}).").format(count=count)), self,
            on_failed=self.status.setText, pool=self.pool)
        self._show_list()

    def _take(self, read: ReadResult) -> None:
        """Adopt what was read from disk, keeping the entry being edited as it is on screen."""
        editing = self.editor.entry.id if self.editor.entry is not None else None
        if editing is not None and editing not in read.entries and editing in self.entries:
            read.entries[editing] = self.entries[editing]  # new and not yet saved
        self.entries = read.entries
        self.problems = read.problems + [n for n in self.vault.notes if n not in read.problems] \
            if self.vault is not None else read.problems
        self.conflicts = read.conflicts
        waiting = [r for r in self.reviews if r.kind == "deleted-elsewhere"]  # not on disk
        self.reviews = waiting + read.reviews
        self.index.replace_all(self.entries.values())
        self._refresh_filters()
        self._show_list()
        self._show_notices()

    def lock(self, why: str = "", save: bool = True) -> None:
        """Save what is typed (unless the journal is being deleted), then forget the key and
        every decrypted word, everywhere."""
        vault = self.vault
        if vault is None:
            return
        log.info("journal locking (%s)", why or "asked")
        self.autosave.stop()
        write_index = None
        if save:
            self._save_sync()
            self._commit_delete()
            with contextlib.suppress(JournalError):
                write_index = index_writer(vault, dict(self.entries))  # holds no secret key
        else:
            self._pending_delete = None
        self._clear_clipboard()
        vault.lock()  # the keys are gone now, even if a worker task is stuck
        if write_index is not None:
            run_in_background(write_index, lambda _r: None, self,
                              on_failed=lambda msg: log.warning("index not saved: %s", msg),
                              pool=self.pool)
        self.vault = None
        self.entries = {}
        self.problems, self.conflicts, self.reviews = [], [], []
        self.index.clear()
        self.guided.stop()
        self.editor.forget()
        self.entry_list.clear()
        self.search.clear()
        self.conflict_card.forget()
        self.review_card.forget()
        self.notice.hide()
        self.idle_timer.stop()
        self.watch_timer.stop()
        if self.watcher.directories():
            self.watcher.removePaths(self.watcher.directories())
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._show_state()
        self.locked_changed.emit(True)

    def _clear_clipboard(self) -> None:
        texts = [self.editor.body.toPlainText(), self.editor.title.text()]
        texts += [e.body for e in self.entries.values()] + [e.title for e in self.entries.values()]
        self.clipboard.forget(texts)

    # --- idle lock --------------------------------------------------------------------------------

    def _restart_idle(self) -> None:
        self.idle_timer.start(self._model.settings.journal_lock_minutes * 60_000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and self.vault is not None:
            self._restart_idle()
        return False

    def settings_changed(self) -> None:
        """The idle time may have changed in Settings."""
        if self.vault is not None:
            self._restart_idle()

    def refresh_from_disk(self) -> None:
        """Another process (or a sync tool) changed the folder: read what changed."""
        vault = self.vault
        if vault is None:
            return
        known = dict(self.entries)
        pending = self._pending_delete.id if self._pending_delete is not None else None

        def work() -> ReadResult | KeyChanged:
            try:
                return vault.read_all(known)
            except KeyChanged as exc:
                return exc

        def done(read: ReadResult | KeyChanged) -> None:
            if self.vault is not vault:
                return  # locked meanwhile
            if isinstance(read, KeyChanged):
                self._save_refused(None, read)
                return
            if pending is not None:
                read.entries.pop(pending, None)
            self._take(read)

        run_in_background(work, done, self, pool=self.pool)

    def _decide(self, waiting: list, act: Callable[[Vault, Any], object]) -> None:
        """Carry out the person's choice for the first item waiting, then read the folder."""
        if not waiting or self.vault is None:
            return
        item = waiting.pop(0)
        vault = self.vault
        run_in_background(lambda: act(vault, item), lambda _r: self.refresh_from_disk(), self,
                          on_failed=self.status.setText, pool=self.pool)
        self._show_notices()

    def resolve_review(self, keep: bool) -> None:
        """Keep, or discard, the first thing set aside."""
        if self.reviews and self.reviews[0].kind == "deleted-elsewhere" and not keep:
            gone = self.reviews[0].entry_id
            self.entries.pop(gone, None)
            self.index.remove(gone)
            if self.editor.entry is not None and self.editor.entry.id == gone:
                self.editor.load(None)
        self._decide(self.reviews, lambda vault, review: vault.resolve_review(review, keep))

    def resolve_conflict(self, keep: str) -> None:
        self._decide(self.conflicts, lambda vault, conflict: vault.resolve_conflict(conflict, keep))

    # --- page protocol ----------------------------------------------------------------------------

    def start_main_action(self) -> None:
        if self.vault is not None:
            self.start_guided()
        else:
            self._show_state()

    def stop(self) -> None:
        """Esc ends a guided writing session's timer; the words stay."""
        if self.guided.session is not None:
            self.guided.stop()
            self.save_now()

    def is_running(self) -> bool:
        return self.guided.session is not None

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.save_now()  # leaving the page saves what is typed

    def close_journal(self) -> None:
        """The app is quitting: save, then lock."""
        self.lock("quit")
        self.pool.waitForDone(5000)
        self.index.close()
