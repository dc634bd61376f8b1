"""The Journal page: create or unlock the vault (slow key work in a worker, with a visible
'unlocking' state), then write, search, filter and delete; autosave on a pause in typing and on
leaving; lock by button, Ctrl+L, idleness, screen lock or sleep, forgetting every decrypted word."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.clock import Clock
from companion.journal.entry import MOODS, Entry
from companion.journal.index_cache import index_writer
from companion.journal.keys import DeletedElsewhere, JournalError, KeyChanged
from companion.journal.prompts import Prompt
from companion.journal.search import SearchIndex, all_tags, filtered
from companion.journal.vault import (
    Conflict,
    ReadResult,
    Review,
    Vault,
    create_vault,
    is_vault,
    unlock,
    unlock_with_recovery_key,
)
from companion.sessions.checkin import CheckIn
from companion.ui.journal.clipboard import JournalClipboard
from companion.ui.journal.conflict import ConflictCardWidget
from companion.ui.journal.editor import EntryEditorWidget, GuidedWritingWidget
from companion.ui.journal.lock_views import LockedView, RecoveryKeyView, SetupView
from companion.ui.journal.review import ReviewCardWidget
from companion.ui.shell.base_page import BasePage, choice_list
from companion.ui.shell.checkin_widget import CheckInWidget
from companion.ui.shell.settings_model import SettingsModel
from companion.ui.shell.workers import run_in_background, serial_pool

log = logging.getLogger(__name__)

AUTOSAVE_MS = 1500  # a pause in typing this long saves the entry
UNDO_DELETE_MS = 10_000  # a deleted entry can be brought back for this long
WATCH_SETTLE_MS = 400  # wait for a burst of file changes to end before reading them
PERIODS = (("Any time", None), ("Past 7 days", 7), ("Past 30 days", 30), ("Past year", 365))
ACTIVITY = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel)


class JournalPage(BasePage):
    """locked_changed(True) when the journal locks, (False) when it opens."""

    page_id = "journal"
    locked_changed = Signal(bool)
    breathe_requested = Signal()  # a minute of breathing before writing, asked at the check-in

    def __init__(self, model: SettingsModel, clock: Clock, folder: Path, prompts: list[Prompt],
                 parent: QWidget | None = None, cache: Path | None = None):
        super().__init__(parent)
        self.cache = cache  # where this computer keeps its index of the journal
        self._model = model
        self._clock = clock
        self.folder = folder
        self.vault: Vault | None = None
        self.entries: dict[str, Entry] = {}
        self.problems: list[str] = []
        self.conflicts: list[Conflict] = []
        self.reviews: list[Review] = []
        self.held_edits: dict[str, Entry] = {}  # typed when the key changed elsewhere; unsaved
        self.index = SearchIndex()
        self.pool = serial_pool(self)  # vault work, one task at a time and in order
        self._pending_delete: Entry | None = None
        self._saving = 0

        self.autosave = self._timer("journal-autosave", AUTOSAVE_MS, self.save_now)
        self.undo_timer = self._timer("journal-undo-delete", UNDO_DELETE_MS, self._commit_delete)
        self.watch_timer = self._timer("journal-watch", WATCH_SETTLE_MS, self.refresh_from_disk)
        self.idle_timer = self._timer("journal-idle-lock", 60_000, lambda: self.lock("idle"))
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _path: self.watch_timer.start())

        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 20)
        heading = QLabel("Journal")
        heading.setProperty("role", "title")
        heading.setObjectName("pageTitle")
        outer.addWidget(heading)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        self.setup_view = SetupView(str(folder))
        self.recovery_view = RecoveryKeyView()
        self.locked_view = LockedView()
        self.open_view = self._build_open_view(prompts)
        for view in (self.setup_view, self.recovery_view, self.locked_view, self.open_view):
            self.stack.addWidget(view)
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

    def _timer(self, name: str, ms: int, slot: Callable[[], Any]) -> QTimer:
        timer = QTimer(self)
        timer.setObjectName(name)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    # --- building the open journal ----------------------------------------------------------------

    def _build_open_view(self, prompts: list[Prompt]) -> QWidget:
        view = QWidget()
        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        tools = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search your journal")
        self.search.setAccessibleName("Search your journal")
        self.search.setClearButtonEnabled(True)
        self.tag_filter = QComboBox()
        self.tag_filter.setAccessibleName("Show entries with this tag")
        self.mood_filter = QComboBox()
        self.mood_filter.setAccessibleName("Show entries with this mood")
        self.mood_filter.addItem("Any mood", None)
        for value, words in MOODS.items():
            self.mood_filter.addItem(words.capitalize(), value)
        self.period_filter = QComboBox()
        self.period_filter.setAccessibleName("Show entries from this period")
        for label, days in PERIODS:
            self.period_filter.addItem(label, days)
        self.new_button = QPushButton("New entry")
        self.new_button.setProperty("role", "primary")
        self.guided_button = QPushButton("Guided writing")
        self.lock_button = QPushButton("Lock")
        self.lock_button.setAccessibleName("Lock the journal (Ctrl+L)")
        tools.addWidget(self.search, 1)
        for combo in (self.tag_filter, self.mood_filter, self.period_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(9)
            combo.setMaximumWidth(150)
            tools.addWidget(combo, 0)
        layout.addLayout(tools)
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.guided_button)
        actions.addStretch(1)
        self.more_button = QPushButton("More…")
        self.more_button.setAccessibleName("Passphrase, recovery key, export and import")
        actions.addWidget(self.more_button)
        actions.addWidget(self.lock_button)
        layout.addLayout(actions)

        self.notice = QLabel()
        self.notice.setProperty("role", "warning")
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout.addWidget(self.notice)
        self.undo_row = QWidget()
        undo = QHBoxLayout(self.undo_row)
        undo.setContentsMargins(0, 0, 0, 0)
        self.undo_label = QLabel()
        self.undo_button = QPushButton("Undo")
        undo.addWidget(self.undo_label, 1)
        undo.addWidget(self.undo_button)
        self.undo_row.hide()
        layout.addWidget(self.undo_row)
        self.conflict_card = ConflictCardWidget()
        self.conflict_card.decided.connect(self.resolve_conflict)
        layout.addWidget(self.conflict_card)
        self.guided_checkin = CheckInWidget()
        self.guided_checkin.hide()
        self.guided_checkin.given.connect(self._begin_guided)
        self.guided_checkin.skipped.connect(lambda: self._begin_guided(None))
        self.guided_checkin.help_requested.connect(self._show_help)
        self.guided_checkin.calmer_requested.connect(self._breathe_first)
        layout.addWidget(self.guided_checkin)
        self.review_card = ReviewCardWidget()
        self.review_card.decided.connect(self.resolve_review)
        layout.addWidget(self.review_card)

        split = QSplitter()
        self.entry_list = choice_list("Journal entries")
        self.entry_list.setMinimumWidth(230)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(12, 0, 0, 0)
        self.guided = GuidedWritingWidget(self._clock, prompts)
        self.editor = EntryEditorWidget()
        status = QHBoxLayout()
        self.status = QLabel(" ")
        self.status.setProperty("role", "muted")
        self.delete_button = QPushButton("Delete entry")
        status.addWidget(self.status, 1)
        status.addWidget(self.delete_button)
        column.addWidget(self.guided)
        column.addWidget(self.editor, 1)
        column.addLayout(status)
        entries_side = QWidget()  # the list, or a word about why it is empty
        side = QVBoxLayout(entries_side)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(0)
        self.list_empty = QLabel()
        self.list_empty.setWordWrap(True)
        self.list_empty.setProperty("role", "muted")
        self.list_empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.list_empty.setMinimumWidth(230)
        self.list_empty.hide()
        side.addWidget(self.entry_list)
        side.addWidget(self.list_empty)
        split.addWidget(entries_side)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)

        self.search.textChanged.connect(self._show_list)
        for combo in (self.tag_filter, self.mood_filter, self.period_filter):
            combo.activated.connect(self._show_list)
        self.new_button.clicked.connect(lambda: self.new_entry())
        self.guided_button.clicked.connect(self.start_guided)
        self.lock_button.clicked.connect(lambda: self.lock("button"))
        self.entry_list.currentItemChanged.connect(self._entry_chosen)
        self.editor.edited.connect(self._edited)
        self.delete_button.clicked.connect(self.delete_current)
        self.delete_button.setEnabled(False)  # until an entry is shown
        self.editor.loaded.connect(self._entry_shown)
        self.undo_button.clicked.connect(self.undo_delete)
        self.guided.finished.connect(self.save_now)
        return view

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
            self.status.setText("Encrypting every entry with the new key alone…")
            run_in_background(vault.confirm_key,
                              lambda _r: self.status.setText("Your new recovery key is now the "
                                                             "only one that opens the journal."),
                              self, on_failed=self.status.setText, pool=self.pool)
        self._show_state()

    def show_waiting_key(self) -> bool:
        """Show a new recovery key that waits to be confirmed; True when there was one."""
        key = self.vault.unconfirmed_key if self.vault is not None else None
        if key is None:
            return False
        self.recovery_view.show_key(key, "Your new recovery key: store it, then continue")
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
            f"Saved what you typed before the journal's key changed ({count})."), self,
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

    # --- entries ----------------------------------------------------------------------------------

    def new_entry(self, title: str = "") -> Entry | None:
        if self.vault is None:
            return None
        self.save_now()
        entry = Entry.new(self._clock.now(), title)
        self.entries[entry.id] = entry
        self._show_list(select=entry.id)
        self.editor.body.setFocus()
        return entry

    def start_guided(self) -> None:
        """A light check-in first (skippable; at 8 or more it offers help and a minute of
        breathing), then a new entry with a prompt and 15 minutes of writing time."""
        if self.vault is None:
            return
        self.guided_checkin.reset("Before you write: how are you, right now?", offer_care=True,
                                  calmer="Breathe for a minute first")
        self.guided_checkin.show()
        self.guided_checkin.distress.setFocus()

    def _begin_guided(self, feeling: CheckIn | None) -> None:
        self.guided_checkin.hide()
        entry = self.new_entry()
        if entry is None:
            return
        if feeling is not None and self.guided_checkin.valence_chosen:  # chosen, not a default:
            # how it feels becomes the entry's mood (1-7, the same scale)
            entry = replace(entry, mood=feeling.valence)
            self.entries[entry.id] = entry
            self.editor.load(entry)
        self.guided.start()

    def _entry_chosen(self, current: QListWidgetItem | None, _previous: Any = None) -> None:
        self.save_now()
        entry_id = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        entry = self.entries.get(entry_id) if entry_id else None
        if entry is not None and (self.editor.entry is None or self.editor.entry.id != entry.id):
            self.editor.load(entry)

    def _entry_shown(self, shown: bool) -> None:
        """Delete applies to the entry on screen; with none, it is off and no status lingers."""
        self.delete_button.setEnabled(shown)
        if not shown and not self._saving:
            self.status.setText(" ")

    def _edited(self) -> None:
        self.status.setText("Not saved yet")
        self.autosave.start()

    def save_now(self) -> None:
        """Encrypt and save the entry on screen, if it changed (in the vault's worker)."""
        updated = self._take_edits()
        vault = self.vault
        if updated is None or vault is None:
            return
        self._saving += 1
        self.status.setText("Saving…")

        def saved(_result: object) -> None:
            self._saving -= 1
            if not self._saving:
                self.status.setText(f"Saved, encrypted, at {self._clock.now():%H:%M}")

        def failed(message: str) -> None:
            self._saving -= 1
            self.status.setText(message)

        def work() -> object:
            try:
                return vault.save(updated)
            except (DeletedElsewhere, KeyChanged) as exc:
                return exc  # the person decides: see _save_refused

        def finished(result: object) -> None:
            saved(result)
            if isinstance(result, JournalError):
                self._save_refused(updated, result)

        run_in_background(work, finished, self, on_failed=failed, pool=self.pool)

    def _save_refused(self, entry: Entry | None, why: JournalError) -> None:
        """A deleted entry is not brought back unasked; a key changed elsewhere means unlocking
        again, with the words kept in memory (hidden while locked) and saved afterwards."""
        if entry is None:  # found while reading: what is typed is kept all the same
            entry = self._take_edits()
        if isinstance(why, DeletedElsewhere) and entry is not None:
            self.reviews.insert(0, Review("deleted-elsewhere", entry.id, entry, None))
            self.status.setText("Not saved: this entry was deleted elsewhere.")
            self._show_notices()
            return
        if entry is not None:
            self.held_edits[entry.id] = entry
        self.lock("the key changed elsewhere", save=False)
        kept = " Your latest words are kept and will be saved when the journal opens." \
            if self.held_edits else ""
        self.locked_view.show_error(f"{why}{kept}")

    def _take_edits(self) -> Entry | None:
        """The edited entry, adopted in memory; None when nothing changed or it is still empty."""
        self.autosave.stop()
        entry = self.editor.entry
        if entry is None or self.vault is None:
            return None
        values = self.editor.values()
        same = all(getattr(entry, key) == value for key, value in values.items() if key != "tags")
        if same and tuple(values["tags"]) == entry.tags:
            return None
        if not values["body"].strip() and not values["title"]:
            return None
        updated = entry.edited(self._clock.now(), **values)
        self.editor.entry = updated
        self.entries[updated.id] = updated
        self.index.put(updated)
        self._update_item(updated)
        return updated

    def _save_sync(self) -> None:
        """Save now on this thread (locking and quitting must not leave typing behind)."""
        updated = self._take_edits()
        if updated is not None and self.vault is not None and self.vault.ring is not None:
            try:  # a handle of its own: a worker stuck on the vault cannot hold this up
                Vault(self.vault.folder, self.vault.ring, self._clock).save(updated)
            except JournalError as exc:
                log.warning("entry not saved on lock: %s", exc)

    def delete_current(self) -> None:
        entry = self.editor.entry
        if entry is None:
            return
        self._commit_delete()
        self.entries.pop(entry.id, None)
        self.index.remove(entry.id)
        self._pending_delete = entry
        self.editor.load(None)
        self._show_list()
        self.undo_label.setText(f"“{entry.heading}” was deleted.")
        self.undo_row.show()
        self.undo_timer.start()

    def undo_delete(self) -> None:
        entry = self._pending_delete
        self._pending_delete = None
        self.undo_timer.stop()
        self.undo_row.hide()
        if entry is not None:
            self.entries[entry.id] = entry
            self.index.put(entry)
            self._show_list(select=entry.id)

    def _commit_delete(self) -> None:
        entry, vault = self._pending_delete, self.vault
        self._pending_delete = None
        self.undo_timer.stop()
        self.undo_row.hide()
        if entry is not None and vault is not None:
            run_in_background(lambda: vault.delete(entry.id), lambda _r: None, self,
                              pool=self.pool)

    def delete_entries(self, entry_ids: list[str]) -> None:
        """Delete records for good (the Progress page's sessions), in the vault's worker."""
        vault = self.vault
        if vault is None:
            return
        for entry_id in entry_ids:
            self.entries.pop(entry_id, None)
            self.index.remove(entry_id)
        def delete_all() -> None:
            for entry_id in entry_ids:
                vault.delete(entry_id)

        run_in_background(delete_all, lambda _r: None, self, pool=self.pool)
        self._show_list()

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

    def save_record(self, entry: Entry) -> None:
        """Save a record made elsewhere in the app (a quiet session) in the vault's worker."""
        vault = self.vault
        if vault is None:
            raise JournalError("The journal is locked.")
        self.entries[entry.id] = entry

        def saved(result: object) -> None:
            if self.vault is vault and isinstance(result, Entry):
                self.entries[result.id] = result

        run_in_background(lambda: vault.save(entry), saved, self,
                          on_failed=lambda msg: self.status.setText(msg), pool=self.pool)

    def resolve_conflict(self, keep: str) -> None:
        self._decide(self.conflicts, lambda vault, conflict: vault.resolve_conflict(conflict, keep))

    # --- showing ----------------------------------------------------------------------------------

    def visible_entries(self) -> list[Entry]:
        days = self.period_filter.currentData()
        since = (self._clock.now() - timedelta(days=days)).date() if days else None
        writing = [e for e in self.entries.values() if e.kind == "journal"]  # not session records
        chosen = filtered(writing, tag=self.tag_filter.currentData(),
                          since=since, mood=self.mood_filter.currentData())
        words = self.search.text().strip()
        if words:
            ranked = self.index.search(words)
            allowed = {e.id for e in chosen}
            return [self.entries[i] for i in ranked if i in allowed]
        return chosen

    def _show_list(self, *_args: Any, select: str | None = None) -> None:
        keep = select or (self.editor.entry.id if self.editor.entry is not None else None)
        self.entry_list.blockSignals(True)
        self.entry_list.clear()
        for entry in self.visible_entries():
            item = QListWidgetItem(self._item_text(entry))
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.entry_list.addItem(item)
            if entry.id == keep:
                self.entry_list.setCurrentItem(item)
        self.entry_list.blockSignals(False)
        empty = self.entry_list.count() == 0
        self.entry_list.setVisible(not empty)
        self.list_empty.setVisible(empty)
        if empty:
            writing = any(e.kind == "journal" for e in self.entries.values())
            self.list_empty.setText(
                "No entry matches the search or the filters." if writing else
                "Nothing written yet. New entry starts a page; Guided writing offers a prompt "
                "and fifteen quiet minutes.")
        if select is not None and select in self.entries:
            self.editor.load(self.entries[select])

    def _item_text(self, entry: Entry) -> str:
        tags = "  " + " ".join(f"#{t}" for t in entry.tags) if entry.tags else ""
        return f"{entry.heading}\n{entry.created.astimezone():%a %d %b %Y, %H:%M}{tags}"

    def _update_item(self, entry: Entry) -> None:
        for row in range(self.entry_list.count()):
            item = self.entry_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == entry.id:
                item.setText(self._item_text(entry))
                return
        self._show_list(select=entry.id)

    def _refresh_filters(self) -> None:
        current = self.tag_filter.currentData()
        self.tag_filter.clear()
        self.tag_filter.addItem("Any tag", None)
        for tag in all_tags(self.entries.values()):
            self.tag_filter.addItem(f"#{tag}", tag)
        self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findData(current)))

    def _show_notices(self) -> None:
        if self.problems:
            self.notice.setText("Some files in your journal could not be opened and are left "
                                "as they are: " + "; ".join(self.problems) + ".")
            self.notice.show()
        else:
            self.notice.hide()
        self.review_card.show_review(self.reviews[0] if self.reviews else None,
                                     len(self.reviews))
        self.conflict_card.show_conflict(self.conflicts[0] if self.conflicts else None)

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
