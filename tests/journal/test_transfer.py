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
