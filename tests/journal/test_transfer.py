"""Export to Markdown and back, the age archive, and moving in from jrnl's text export."""

from __future__ import annotations

import io
import tarfile
from datetime import UTC, datetime

from pyrage import passphrase as age_passphrase

from companion.journal.entry import Entry
from companion.journal.search import SearchIndex, filtered
from companion.journal.transfer import (
    export_archive,
    export_markdown,
    import_jrnl,
    import_markdown,
)

NOW = datetime(2026, 11, 25, 21, 30, tzinfo=UTC)

JRNL = """[2026-11-20 09:30:00 PM] A long day. I held it together until the bus. @work @tired
Then it all came out at home.

[2026-11-21 07:05:00 AM] Morning pages
Slept badly but feel lighter.
"""


def test_markdown_export_and_import_keep_every_field(tmp_path):
    original = Entry.new(NOW, "After the call", "Line one\n\n- a list\n", ("grief",), 3)
    assert export_markdown([original], tmp_path) == 1
    (back,), problems = import_markdown(tmp_path)
    assert problems == []
    assert (back.title, back.body, back.tags, back.mood, back.created) == (
        original.title, original.body, original.tags, original.mood, original.created)
    assert back.id != original.id  # imported entries are new records


def test_a_plain_markdown_file_becomes_an_entry_titled_by_its_heading(tmp_path):
    (tmp_path / "notes.md").write_text("# Things I noticed\n\nThe light at six.\n")
    (entry,), _ = import_markdown(tmp_path)
    assert entry.title == "Things I noticed" and "The light at six." in entry.body


def test_the_archive_is_an_age_file_holding_a_tar_of_markdown(tmp_path):
    entries = [Entry.new(NOW, f"Entry {n}", f"text {n}\n") for n in range(3)]
    path = tmp_path / "journal.tar.age"
    assert export_archive(entries, path, "archive phrase") == 3
    data = age_passphrase.decrypt(path.read_bytes(), "archive phrase")
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        names = tar.getnames()
    assert len(names) == 3 and all(n.startswith("journal/") and n.endswith(".md") for n in names)


def test_jrnl_text_export_moves_in_with_titles_bodies_times_and_tags():
    first, second = import_jrnl(JRNL)
    assert first.title == "A long day."
    assert first.body.startswith("I held it together until the bus.")
    assert "Then it all came out at home." in first.body
    assert first.tags == ("work", "tired")
    assert (first.created.hour, first.created.minute) == (21, 30)
    assert second.title == "Morning pages" and second.body == "Slept badly but feel lighter."


def test_search_finds_word_beginnings_in_titles_bodies_and_tags():
    a = Entry.new(NOW, "Grief", "I miss her laugh.", ("loss",))
    b = Entry.new(NOW, "Work", "The meeting went fine.")
    index = SearchIndex()
    index.replace_all([a, b])
    assert index.search("laug") == [a.id]
    assert index.search("loss") == [a.id]
    assert index.search('"; DROP TABLE words') == []
    index.clear()
    assert index.search("laugh") == []


def test_filters_by_tag_date_and_mood_newest_first():
    older = Entry.new(datetime(2026, 11, 1, tzinfo=UTC), "a", "", ("walk",), 5)
    newer = Entry.new(datetime(2026, 11, 20, tzinfo=UTC), "b", "", ("walk",), 2)
    other = Entry.new(datetime(2026, 11, 21, tzinfo=UTC), "c", "", (), 5)
    everything = [older, newer, other]
    assert filtered(everything, tag="walk") == [newer, older]
    assert filtered(everything, mood=5) == [other, older]
    assert filtered(everything, since=datetime(2026, 11, 15).date()) == [other, newer]


def test_an_import_takes_ordinary_files_only_and_names_the_rest(tmp_path):
    """A symlink, a FIFO and a file over 10 MiB are left out by name; the others come in."""
    import os

    (tmp_path / "good.md").write_text("# Kept\nwords\n")
    (tmp_path / "elsewhere.txt").write_text("not to be followed")
    (tmp_path / "link.md").symlink_to(tmp_path / "elsewhere.txt")
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "huge.md").write_bytes(b"x" * (10 * 1024 * 1024 + 1))
    entries, problems = import_markdown(tmp_path)
    assert [e.title for e in entries] == ["Kept"]
    assert any("huge.md" in p and "10 MiB" in p for p in problems)
    assert any("link.md" in p and "link" in p for p in problems)
    assert any("pipe.md" in p and "not an ordinary file" in p for p in problems)


def test_bad_front_matter_skips_that_file_not_the_import(tmp_path):
    (tmp_path / "a.md").write_text('---\ncreated: "2026-13-45"\nmood: true\n---\nfine\n')
    (tmp_path / "b.md").write_text('---\ntitle: ["not", "text"]\ntags: 7\n---\nalso fine\n')
    (tmp_path / "c.md").write_bytes(b"\xff\xfe not utf-8")
    entries, problems = import_markdown(tmp_path)
    assert sorted(e.body.strip() for e in entries) == ["also fine", "fine"]
    assert entries[0].mood is None
    assert problems == ["c.md is not UTF-8 text"]


def test_search_accepts_any_text_without_an_error():
    index = SearchIndex()
    index.put(Entry.new(datetime(2026, 12, 2, tzinfo=UTC), "Quotes", 'she said "enough"'))
    for text in ['"', '""', "AND", "OR NOT", "NEAR(", "*", "a\x00b", "^", "'", "(", "enough\"",
                 "-", ":", "title:", "\\"]:
        assert isinstance(index.search(text), list), text
    assert index.search('"enough') != []


def test_the_search_index_keeps_its_temporary_data_in_memory():
    """SQLite may spill sorts to temp files; for decrypted words it must use memory only."""
    index = SearchIndex()
    assert index._db.execute("PRAGMA temp_store").fetchone()[0] == 2  # 2 = MEMORY
