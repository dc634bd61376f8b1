"""Full-text search over the unlocked journal, in memory only (SQLite FTS5), plus filters."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date

from companion.journal.entry import Entry


class SearchIndex:
    """Lives in memory while the journal is unlocked; clear() on lock forgets every word."""

    def __init__(self) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute("PRAGMA temp_store = MEMORY")  # no decrypted word in a temp file
        self._db.execute("CREATE VIRTUAL TABLE words USING fts5(id UNINDEXED, title, body, tags, "
                         "tokenize='unicode61 remove_diacritics 2')")

    def replace_all(self, entries: Iterable[Entry]) -> None:
        self.clear()
        self._db.executemany("INSERT INTO words VALUES (?, ?, ?, ?)",
                             [(e.id, e.title, e.body, " ".join(e.tags)) for e in entries])

    def put(self, entry: Entry) -> None:
        self.remove(entry.id)
        self._db.execute("INSERT INTO words VALUES (?, ?, ?, ?)",
                         (entry.id, entry.title, entry.body, " ".join(entry.tags)))

    def remove(self, entry_id: str) -> None:
        self._db.execute("DELETE FROM words WHERE id = ?", (entry_id,))

    def clear(self) -> None:
        self._db.execute("DELETE FROM words")
        self._db.execute("INSERT INTO words(words) VALUES ('optimize')")

    def search(self, text: str) -> list[str]:
        """Ids of entries holding every word typed (as word beginnings), best matches first."""
        words = text.replace("\x00", " ").split()  # any text is a search, never an error
        terms = ['"' + word.replace('"', '""') + '"*' for word in words]
        if not terms:
            return []
        try:
            rows = self._db.execute("SELECT id FROM words WHERE words MATCH ? ORDER BY rank",
                                    (" AND ".join(terms),)).fetchall()
        except sqlite3.Error:
            return []  # a word the tokenizer cannot take finds nothing
        return [row[0] for row in rows]

    def close(self) -> None:
        self._db.close()


def filtered(entries: Iterable[Entry], tag: str | None = None, since: date | None = None,
             until: date | None = None, mood: int | None = None) -> list[Entry]:
    """Entries matching every filter given, newest first."""
    chosen = [e for e in entries
              if (tag is None or tag in e.tags)
              and (since is None or e.created.date() >= since)
              and (until is None or e.created.date() <= until)
              and (mood is None or e.mood == mood)]
    return sorted(chosen, key=lambda e: e.created, reverse=True)


def all_tags(entries: Iterable[Entry]) -> list[str]:
    return sorted({tag for entry in entries for tag in entry.tags})
