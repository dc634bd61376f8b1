"""Your own breathing patterns, edited in the window."""

import pytest
from PySide6.QtWidgets import QApplication

from companion.breathing.library import UserPatternStore
from companion.breathing.model import PhaseKind
from companion.ui.breathe.feature import BreatheFeature
from companion.ui.breathe.pattern_editor import PatternEditorDialog


@pytest.fixture
def editor(make_app, qtbot, paths, clock):
    """The app on Breathe with the pattern editor open (no sound device needed here)."""
    app = make_app(audio_opener=lambda: "sound off in this test")
    app.show("breathe", start=False, background=False)
    app.feature(BreatheFeature).edit_patterns()
    dialog: PatternEditorDialog = app.feature(BreatheFeature).pattern_dialog
    yield app, dialog
    dialog.close()


def fill(dialog, name, **seconds):
    dialog.name.setText(name)
    for kind, spin in dialog.spins.items():
        spin.setValue(seconds.get(kind.value, 0.0))


def test_new_pattern_is_saved_and_offered_on_the_page(editor, paths, clock):
    """A new pattern is written to the config folder and appears in the page's pattern list."""
    app, dialog = editor
    fill(dialog, "Evening wind-down", inhale=4.0, exhale=8.0)
    assert dialog.save()
    stored = UserPatternStore(paths.config / "breathing-patterns.toml", clock).load().patterns
    assert [(p.name, p.timings_text()) for p in stored] == [("Evening wind-down", "4 · 8")]
    page = app.window.page("breathe")
    names = [page.pattern_box.itemText(i) for i in range(page.pattern_box.count())]
    assert names[-1] == "Evening wind-down"


def test_invalid_value_is_refused_naming_the_field(editor, qtbot):
    """A too-short breath is refused; the message names 'One breath' and nothing is saved."""
    _app, dialog = editor
    fill(dialog, "Quick", inhale=0.5, exhale=1.0)
    assert not dialog.save()
    assert dialog.error.text().startswith("One breath: must last at least 2 seconds")
    assert dialog.patterns == []


def test_missing_name_puts_the_cursor_in_the_name_field(editor, qtbot):
    """Without a name the error says so and the name field gets the focus."""
    _app, dialog = editor
    qtbot.waitExposed(dialog)
    dialog.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    fill(dialog, "", inhale=4.0, exhale=6.0)
    assert not dialog.save()
    assert dialog.error.text().startswith("Name:")
    assert dialog.focusWidget() is dialog.name


def test_rename_and_edit_keep_one_entry(editor):
    """Saving again after changing the name and a timing updates the same pattern."""
    _app, dialog = editor
    fill(dialog, "Mine", inhale=4.0, exhale=6.0)
    dialog.save()
    fill(dialog, "Mine, slower", inhale=4.0, hold_in=2.0, exhale=7.5)
    dialog.save()
    assert [(p.name, p.timings_text()) for p in dialog.patterns] == [("Mine, slower",
                                                                      "4 · 2 · 7.5")]


def test_delete_removes_the_pattern_everywhere(editor, paths, clock):
    """Deleting a pattern removes it from the file and from the page's list."""
    app, dialog = editor
    fill(dialog, "Short-lived", inhale=3.0, exhale=5.0)
    dialog.save()
    dialog.delete_current()
    assert UserPatternStore(paths.config / "breathing-patterns.toml", clock).load().patterns == []
    page = app.window.page("breathe")
    assert page.pattern_box.findText("Short-lived") < 0


def test_half_seconds_and_every_phase_are_accepted(editor):
    """All five phases can be used, in half seconds."""
    _app, dialog = editor
    fill(dialog, "Full", inhale=2.5, top_up=1.0, hold_in=0.5, exhale=6.5, hold_out=1.5)
    assert dialog.save()
    assert [p.kind for p in dialog.patterns[0].phases] == list(PhaseKind)
