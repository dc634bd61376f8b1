"""Words shown large (a guided relaxation's step): at their step of the type scale where they fit,
smaller where the room is short, never below the body size, and following the text size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from companion.relax.library import load_builtin_scripts
from companion.ui.shell.theme import TYPE_BODY, TYPE_HEADING, TYPE_WORDS
from companion.ui.shell.words_label import WordsLabel

STEPS = (TYPE_WORDS, TYPE_HEADING, TYPE_BODY)
SHORT = "Let your shoulders drop."
LONG = " ".join(["Let a slow breath in, and a long breath out, and notice where it goes."] * 6)


@pytest.fixture
def body_13pt(qapp):
    """The app's text at the standard 13 pt for the test, as the theme sets it."""
    before = QApplication.font()
    font = QFont(before)
    font.setPointSize(13)
    QApplication.setFont(font)
    yield 13
    QApplication.setFont(before)


@pytest.fixture
def label(qtbot, body_13pt):
    words = WordsLabel(STEPS)
    qtbot.addWidget(words)
    words.show()
    qtbot.waitExposed(words)
    return words


def fits(label: WordsLabel) -> bool:
    room = label.contentsRect()
    flags = Qt.TextFlag.TextWordWrap.value | label.alignment().value
    needed = QFontMetrics(label.font()).boundingRect(QRect(0, 0, room.width(), 10**6), flags,
                                                     label.text())
    return needed.height() <= room.height()


def test_words_that_fit_are_shown_at_their_step_of_the_type_scale(label, body_13pt):
    """A short step in ample room is 1.6 times the body size."""
    label.resize(500, 300)
    label.setText(SHORT)
    assert label.font().pointSizeF() == pytest.approx(body_13pt * TYPE_WORDS)


def test_words_in_a_short_room_go_a_step_down_the_type_scale_until_they_fit(label, body_13pt):
    """A long step in little room is shown a step smaller, at the heading size, and fits."""
    label.resize(500, 340)
    label.setText(LONG)
    assert label.font().pointSizeF() == pytest.approx(body_13pt * TYPE_HEADING)
    assert fits(label)


def test_words_never_go_below_the_body_size(label, body_13pt):
    """Where even the body size cannot fit, the words stay at the body size."""
    label.resize(200, 40)
    label.setText(LONG)
    assert label.font().pointSizeF() == pytest.approx(body_13pt)


def test_more_room_makes_the_words_large_again(label, body_13pt):
    """A window made larger again gives the words their size back."""
    label.setText(LONG)
    label.resize(500, 240)
    smaller = label.font().pointSizeF()
    label.resize(900, 900)
    assert smaller < label.font().pointSizeF() == pytest.approx(body_13pt * TYPE_WORDS)


def test_the_words_follow_a_new_text_size(label, qtbot):
    """Settings' text size changes the app's font; the words grow with it."""
    label.resize(900, 900)
    label.setText(SHORT)
    larger = QFont(QApplication.font())
    larger.setPointSize(20)
    QApplication.setFont(larger)  # each widget hears of it through a posted event
    qtbot.waitUntil(lambda: label.font().pointSizeF() == pytest.approx(20 * TYPE_WORDS))


@pytest.mark.parametrize("text_size", [13, 20])
def test_every_built_in_step_fits_at_a_small_relax_page(make_app, qtbot, save_settings,
                                                         text_size):
    """In a 760 x 480 window (with the script's controls shown), at the standard and at a large
    text size, each step of every built-in script fits the words' room, larger than the body
    text where it can be."""
    save_settings(welcome_seen=True, pmr_note_seen=True, window_width=760, window_height=480,
                  text_size=text_size)
    app = make_app(audio_opener=lambda: "No sound device in this test.")
    app.show("relax", start=False, background=False)
    qtbot.waitExposed(app.window)
    page = app.window.page("relax")
    page.set_session_view(True)
    label = page.step_label
    qtbot.waitUntil(lambda: label.height() > 0)
    sizes = []
    for script in load_builtin_scripts():
        for step in script.steps:
            label.setText(step.text)
            assert fits(label), step.text
            sizes.append(label.font().pointSizeF())
    assert max(sizes) > QApplication.font().pointSizeF()

