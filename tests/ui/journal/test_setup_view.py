"""The journal's first screen names its folder on a line of its own that wraps only between
folders, never in the middle of a folder's name."""

from __future__ import annotations

from companion.ui.journal.lock_views import SetupView, breakable_path


def test_a_path_may_break_only_after_a_slash():
    path = "/home/someone/.local/share/companion/journal"
    shown = breakable_path(path)
    assert shown.replace("\u200b", "") == path
    assert all(shown[i - 1] == "/" for i, ch in enumerate(shown) if ch == "\u200b")


def test_the_setup_view_shows_the_folder_apart_from_the_sentence(qtbot):
    view = SetupView("/home/someone/.local/share/companion/journal")
    qtbot.addWidget(view)
    assert view.folder_label.text().replace("\u200b", "") == \
        "/home/someone/.local/share/companion/journal"
    assert view.folder_label.wordWrap()
    assert "journal" in view.folder_label.accessibleName()
