"""The Journal page's writing: entries in memory, the list and its filters, the editor's autosave
in the vault's worker, deleting with undo, and guided writing. JournalPage (page.py) builds on
this with creating, unlocking, locking and reading what changed on disk."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QListWidgetItem, QWidget

from companion.clock import Clock
from companion.i18n import _
from companion.journal.entry import Entry
from companion.journal.keys import DeletedElsewhere, JournalError, KeyChanged
from companion.journal.prompts import Prompt
from companion.journal.search import SearchIndex, all_tags, filtered
from companion.journal.vault import Conflict, Review, Vault
from companion.sessions.checkin import CheckIn
from companion.ui.journal.view import JournalView
from companion.ui.shell.workers import run_in_background, serial_pool

log = logging.getLogger(__name__)

AUTOSAVE_MS = 1500  # a pause in typing this long saves the entry
UNDO_DELETE_MS = 10_000  # a deleted entry can be brought back for this long


class JournalWriting(JournalView):
    """What is written, while the journal is open."""

    def __init__(self, clock: Clock, folder: Path, prompts: list[Prompt],
                 parent: QWidget | None = None):
        super().__init__(clock, folder, prompts, parent)
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
        self.guided_checkin.given.connect(self._begin_guided)
        self.guided_checkin.skipped.connect(lambda: self._begin_guided(None))
        self.search.textChanged.connect(self._show_list)
        for combo in (self.tag_filter, self.mood_filter, self.period_filter):
            combo.activated.connect(self._show_list)
        self.new_button.clicked.connect(lambda: self.new_entry())
        self.guided_button.clicked.connect(self.start_guided)
        self.entry_list.currentItemChanged.connect(self._entry_chosen)
        self.editor.edited.connect(self._edited)
        self.delete_button.clicked.connect(self.delete_current)
        self.delete_button.setEnabled(False)  # until an entry is shown
        self.editor.loaded.connect(self._entry_shown)
        self.undo_button.clicked.connect(self.undo_delete)
        self.guided.finished.connect(self.save_now)

    def lock(self, why: str = "", save: bool = True) -> None:
        """Forget the key and every decrypted word (JournalPage does this)."""
        raise NotImplementedError

    def _timer(self, name: str, ms: int, slot: Callable[[], Any]) -> QTimer:
        timer = QTimer(self)
        timer.setObjectName(name)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

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
        self.guided_checkin.reset(_("Before you write: how are you, right now?"), offer_care=True,
                                  calmer=_("Breathe for a minute first"))
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
        self.status.setText(_("Not saved yet"))
        self.autosave.start()

    def save_now(self) -> None:
        """Encrypt and save the entry on screen, if it changed (in the vault's worker)."""
        updated = self._take_edits()
        vault = self.vault
        if updated is None or vault is None:
            return
        self._saving += 1
        self.status.setText(_("Saving…"))

        def saved(_result: object) -> None:
            self._saving -= 1
            if not self._saving:
                self.status.setText(_("Saved, encrypted, at {value:%H:%M}").format(value=self._clock.now()))

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
            self.status.setText(_("Not saved: this entry was deleted elsewhere."))
            self._show_notices()
            return
        if entry is not None:
            self.held_edits[entry.id] = entry
        self.lock(_("the key changed elsewhere"), save=False)
        kept = _(" Your latest words are kept and will be saved when the journal opens.") \
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
        self.undo_label.setText(_("“{heading}” was deleted.").format(heading=entry.heading))
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

    def save_record(self, entry: Entry) -> None:
        """Save a record made elsewhere in the app (a quiet session) in the vault's worker."""
        vault = self.vault
        if vault is None:
            raise JournalError(_("The journal is locked."))
        self.entries[entry.id] = entry

        def saved(result: object) -> None:
            if self.vault is vault and isinstance(result, Entry):
                self.entries[result.id] = result

        run_in_background(lambda: vault.save(entry), saved, self,
                          on_failed=lambda msg: self.status.setText(msg), pool=self.pool)

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
        writing = any(e.kind == "journal" for e in self.entries.values())
        self.fill_list(self.visible_entries(), keep, writing)
        if select is not None and select in self.entries:
            self.editor.load(self.entries[select])

    def _update_item(self, entry: Entry) -> None:
        if not self.retitle_item(entry):
            self._show_list(select=entry.id)

    def _refresh_filters(self) -> None:
        self.show_tags(all_tags(self.entries.values()))

    def _show_notices(self) -> None:
        self.show_problems(self.problems, self.reviews, self.conflicts)
