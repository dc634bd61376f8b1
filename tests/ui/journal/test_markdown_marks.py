"""Markdown in the journal's editor is shown as meant (the words stay plain text): italics,
bold, headings, and the marks themselves quieter than the words."""

from __future__ import annotations

from PySide6.QtGui import QFont, QGuiApplication, QPalette, QTextCharFormat

from companion.ui.journal.editor import EntryEditorWidget


def formats_of(editor: EntryEditorWidget, line: int = 0):
    """(start, length, format) for each formatted range of a line, as the highlighter left it."""
    block = editor.body.document().findBlockByNumber(line)
    return [(r.start, r.length, QTextCharFormat(r.format)) for r in block.layout().formats()]


def format_at(editor: EntryEditorWidget, position: int, line: int = 0):
    for start, length, fmt in formats_of(editor, line):
        if start <= position < start + length:
            return fmt
    return None


def test_soft_and_strong_words_show_in_italics_and_bold_with_quiet_marks(qtbot):
    editor = EntryEditorWidget()
    qtbot.addWidget(editor)
    editor.body.setPlainText("I felt *small* and **angry** today")
    quiet = QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
    assert format_at(editor, 8).fontItalic()  # "small"
    assert format_at(editor, 7).foreground().color() == quiet  # its first asterisk
    assert format_at(editor, 21).fontWeight() == QFont.Weight.Bold  # "angry"
    assert not format_at(editor, 21).fontItalic()
    assert format_at(editor, 19).foreground().color() == quiet  # the first "**"
    assert format_at(editor, 2) is None  # plain words stay plain
    assert editor.body.toPlainText() == "I felt *small* and **angry** today"  # nothing changed


def test_a_heading_is_bold_and_a_list_dash_is_quiet(qtbot):
    editor = EntryEditorWidget()
    qtbot.addWidget(editor)
    editor.body.setPlainText("# What I need\n- rest\n2 * 3 is not a mark")
    quiet = QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
    assert format_at(editor, 4).fontWeight() == QFont.Weight.Bold
    assert format_at(editor, 0).foreground().color() == quiet  # the '#'
    assert format_at(editor, 0, line=1).foreground().color() == quiet  # the list's dash
    assert format_at(editor, 2, line=1) is None  # "rest"
    assert formats_of(editor, line=2) == []  # a lone asterisk between spaces is arithmetic
