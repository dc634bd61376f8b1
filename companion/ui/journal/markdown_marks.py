"""Markdown in the journal's editor, shown as it is meant while the words stay plain text: *soft*
in italics, **strong** in bold, a heading in bold, and the marks themselves (asterisks, the #, a
list's dash) quieter than the words, so what is written reads first."""

from __future__ import annotations

import re

from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
SOFT = re.compile(r"(?<![*_\w])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![*_\w])")
HEADING = re.compile(r"^(#{1,6})\s+\S.*$")
LIST_MARK = re.compile(r"^\s*([-*+]|\d+[.)])\s")


class MarkdownMarks(QSyntaxHighlighter):
    """Formats each line of the document as it changes (Qt calls highlightBlock per line)."""

    def __init__(self, document: QTextDocument):
        super().__init__(document)

    def _quiet(self) -> QTextCharFormat:
        marks = QTextCharFormat()
        marks.setForeground(QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText))
        return marks

    def highlightBlock(self, text: str) -> None:
        quiet = self._quiet()
        heading = HEADING.match(text)
        if heading:
            bold = QTextCharFormat()
            bold.setFontWeight(QFont.Weight.Bold)
            self.setFormat(0, len(text), bold)
            marks = QTextCharFormat(quiet)
            marks.setFontWeight(QFont.Weight.Bold)
            self.setFormat(0, len(heading.group(1)), marks)
            return
        listed = LIST_MARK.match(text)
        if listed:
            self.setFormat(listed.start(1), len(listed.group(1)), quiet)
        for match in STRONG.finditer(text):
            strong = QTextCharFormat()
            strong.setFontWeight(QFont.Weight.Bold)
            self.setFormat(match.start(2), len(match.group(2)), strong)
            self.setFormat(match.start(1), 2, quiet)
            self.setFormat(match.end(2), 2, quiet)
        for match in SOFT.finditer(text):
            if any(m.start() <= match.start() < m.end() for m in STRONG.finditer(text)):
                continue  # inside **strong**
            soft = QTextCharFormat()
            soft.setFontItalic(True)
            self.setFormat(match.start(2), len(match.group(2)), soft)
            self.setFormat(match.start(1), 1, quiet)
            self.setFormat(match.end(2), 1, quiet)
