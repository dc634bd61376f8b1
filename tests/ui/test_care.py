"""Care in the wording and the check-ins: nothing grades the person, and a default is never
recorded as their answer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from companion.ui.shell.checkin_widget import CheckInWidget


def test_continue_without_choosing_a_distress_number_asks_for_one_or_a_skip(qtbot):
    widget = CheckInWidget()
    qtbot.addWidget(widget)
    given = []
    widget.given.connect(given.append)
    assert "not chosen yet" in widget.distress_label.text()
    widget.continue_button.click()
    assert given == [] and "or press Skip this" in widget.distress_label.text()


def test_a_key_on_the_slider_is_an_answer_even_at_the_same_number(qtbot):
    widget = CheckInWidget()
    qtbot.addWidget(widget)
    given = []
    widget.given.connect(given.append)
    widget.show()
    widget.distress.setFocus()
    QTest.keyClick(widget.distress, Qt.Key.Key_Right)
    QTest.keyClick(widget.distress, Qt.Key.Key_Left)  # back to 5, chosen on purpose
    widget.continue_button.click()
    assert [c.distress for c in given] == [5]


def test_skipping_records_nothing(qtbot):
    widget = CheckInWidget()
    qtbot.addWidget(widget)
    skipped = []
    widget.skipped.connect(lambda: skipped.append(True))
    widget.skip_button.click()
    assert skipped == [True]


def test_each_new_check_in_starts_unset_again(qtbot):
    widget = CheckInWidget()
    qtbot.addWidget(widget)
    widget.distress.setValue(8)
    assert widget.chosen
    widget.reset("And now: how are you?")
    assert not widget.chosen and "not chosen yet" in widget.distress_label.text()


def test_no_exercise_ends_by_grading_the_person():
    """Neutral closes only: no 'well done', 'great job' or the like anywhere in the app."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    praise = ("well done", "great job", "good job", "nice work", "you did it", "congratulations",
              "amazing", "excellent")
    found = []
    for folder in ("companion", "assets"):
        for path in (root / folder).rglob("*"):
            if path.suffix in {".py", ".toml"}:
                text = path.read_text(encoding="utf-8").lower()
                found += [f"{path.name}: {word}" for word in praise if word in text]
    assert found == []


def writing_step(session_app, **settings):
    """A quiet session ('Let it out', the writing moved first) at its writing step."""
    from tests.ui.session.test_session_page import choose, through_check_in

    app, page = session_app(**settings)
    choose(page, "let-it-out")
    kinds = [step.kind.value for step in page.chosen_flow().steps]
    page.step_list.setCurrentRow(kinds.index("express"))
    for _move in range(kinds.index("express")):
        page.up_button.click()
    assert page.chosen_flow().steps[0].kind.value == "express"
    through_check_in(page)
    return app, page


def test_without_a_journal_the_writing_step_says_first_that_nothing_will_be_kept(session_app):
    _app, page = writing_step(session_app)
    assert page.writing.isVisibleTo(page)
    assert "will not be kept" in page.keep_note.text() and page.keep_note.isVisibleTo(page)
    assert page.keep_button.text() == "Create a journal"


def test_writing_and_grounding_say_where_help_is(session_app):
    _app, page = writing_step(session_app)
    assert "press F1, or Need help now?" in page.here_text.text()
    page.here_done.click()  # on to the release, then skip to the closing grounding
    for _step in range(4):
        if page.here_title.text() == "Coming back":
            break
        page.skip()
    assert page.here_title.text() == "Coming back"
    assert "press F1, or Need help now?" in page.here_text.text()


def test_the_space_says_tears_are_welcome_and_not_needed(session_app):
    from tests.ui.session.test_session_page import choose

    _app, page = session_app()
    choose(page, "let-it-out")
    page.begin()
    assert "if tears don't come, that's fine too" in page.space_text.text()


def test_quiet_mode_keeps_a_help_button_on_screen(make_app, qtbot):
    app = make_app()
    app.show("breathe", start=False, background=False)
    page = app.window.page("breathe")
    assert not page.quiet_help.isVisibleTo(page)
    page.set_quiet(True)
    assert page.quiet_help.isVisibleTo(page) and not app.window.sidebar_panel.isVisible()
    page.quiet_help.click()
    assert app.window.help_dialog is not None
    app.window.help_dialog.close()
    page.set_quiet(False)
    assert not page.quiet_help.isVisibleTo(page)


def test_help_says_when_to_seek_support_and_how_to_look_after_yourself_afterwards():
    from companion.helplines import load_directory
    from companion.ui.shell.help_dialog import help_html

    text = help_html(load_directory())
    assert "two weeks or more" in text and "doctor or a therapist" in text
    assert "Drink some water" in text and "someone you trust" in text


def test_a_check_in_of_8_or_more_before_a_session_offers_help_and_a_calmer_flow(session_app):
    from tests.ui.session.test_session_page import choose

    app, page = session_app()
    choose(page, "let-it-out")
    page.begin()
    page.ready_button.click()
    page.checkin.distress.setValue(6)
    assert not page.checkin.care_row.isVisibleTo(page)
    page.checkin.distress.setValue(8)
    assert page.checkin.care_row.isVisibleTo(page)
    assert page.checkin.continue_button.isEnabled()  # never in the way
    page.checkin.care_help.click()
    assert app.window.help_dialog is not None
    app.window.help_dialog.close()
    page.checkin.care_calmer.click()
    assert page.run.flow.id == "wind-down" and page.run.before.distress == 8
    app.window.page("breathe").stop()


def test_the_check_out_does_not_offer_a_calmer_flow(session_app):
    from tests.ui.session.test_session_page import choose, through_check_in

    _app, page = session_app()
    choose(page, "let-it-out")
    through_check_in(page, distress=5)
    page.end_early()
    page.checkin.distress.setValue(9)
    assert not page.checkin.care_row.isVisibleTo(page)


def test_on_the_very_first_launch_breathing_starts_after_the_welcome_not_behind_it(
        make_app, qtbot):
    """`companion --open breathe --start` with a fresh home: the welcome first, then breathing."""
    app = make_app(first_run=True)
    app.show("breathe", start=True, background=False)
    qtbot.waitUntil(lambda: app.welcome_dialog is not None and app.welcome_dialog.isVisible())
    breathe = app.window.page("breathe")
    assert not breathe.is_running()
    app.welcome_dialog.accept()
    qtbot.waitUntil(breathe.is_running)
    breathe.stop()


def test_a_second_launch_asking_to_start_waits_for_the_welcome_too(make_app, qtbot):
    app = make_app(first_run=True)
    app.show("home", start=False, background=False)
    qtbot.waitUntil(lambda: app.welcome_dialog is not None and app.welcome_dialog.isVisible())
    app.handle_request("breathe", True)
    breathe = app.window.page("breathe")
    assert not breathe.is_running()
    app.welcome_dialog.accept()
    qtbot.waitUntil(breathe.is_running)
    breathe.stop()


def test_what_the_evidence_says_is_reachable_from_help_and_settings(make_app, qtbot):
    """Small, honest effects with their sources; never 'clinically proven' or 'treats'."""
    app = make_app()
    app.show("settings", start=False, background=False)
    app.settings_page.evidence_button.click()
    text = app.settings_page.evidence_dialog.body.text()
    assert "Frattaroli 2006" in text and "Gračanin et al. 2015" in text and "small" in text
    assert "clinically proven" not in text.lower() and "not supported" in text
    app.settings_page.evidence_dialog.close()
    app.window.show_help()
    app.window.help_dialog.evidence_button.click()
    assert app.window.help_dialog.evidence_dialog.isVisible()
    app.window.help_dialog.evidence_dialog.close()
    app.window.help_dialog.close()


def test_let_it_out_offers_a_new_prompt_inside_the_session(session_app):
    _app, page = writing_step(session_app)
    first = page.here_title.text()
    page.writing.setPlainText("words so far")
    page.new_prompt_button.click()
    assert page.here_title.text() != first and page.writing.toPlainText() == "words so far"


@pytest.fixture
def open_journal(make_app, vault, save_settings):
    """The app on the Journal page, opened on a copy of the session's vault."""
    from companion.clock import FakeClock
    from companion.journal.vault import Vault

    save_settings(welcome_seen=True, journal_folder=str(vault.folder))
    app = make_app(audio_opener=lambda: "No sound device in this test.")
    app.show("journal", start=False, background=False)
    page = app.window.page("journal")
    page._opened(Vault(vault.folder, vault.keys, FakeClock()), vault.read_all())
    return app, page


def test_guided_writing_begins_with_a_light_check_in_that_can_offer_help(open_journal):
    _app, page = open_journal
    page.guided_button.click()
    assert page.guided_checkin.isVisibleTo(page) and not page.guided.isVisibleTo(page)
    page.guided_checkin.distress.setValue(9)
    assert page.guided_checkin.care_row.isVisibleTo(page)
    assert page.guided_checkin.care_calmer.text() == "Breathe for a minute first"
    page.guided_checkin.valence.button(2).click()
    page.guided_checkin.continue_button.click()
    assert page.guided.isVisibleTo(page) and page.editor.entry.mood == 2
    page.guided.stop()


def test_breathe_first_from_the_writing_check_in_starts_a_minute_of_breathing(
        open_journal, qtbot):
    app, page = open_journal
    page.start_guided()
    page.guided_checkin.distress.setValue(8)
    page.guided_checkin.care_calmer.click()
    breathe = app.window.page("breathe")
    qtbot.waitUntil(breathe.is_running)
    assert app.window.current_page_id() == "breathe"
    breathe.stop()


def test_no_feeling_is_preselected_so_none_is_recorded_unless_chosen(qtbot):
    widget = CheckInWidget()
    qtbot.addWidget(widget)
    widget.distress.setValue(3)
    assert widget.current().valence is None
    widget.valence.button(6).click()
    assert widget.current().valence == 6
    widget.reset("Again")
    assert widget.valence.checkedId() == -1


def test_help_shows_this_countrys_lines_first_and_labels_every_other_number_with_its_country():
    """In Canada, 9-8-8 and 911 lead; the other countries follow, each named."""
    from companion.helplines import load_directory, ordered_for
    from companion.ui.shell.help_dialog import help_html

    text = help_html(ordered_for(load_directory(), "CA"))
    assert text.index("Call or text 9-8-8") < text.index("In other countries")
    assert "Call emergency services: 911</p>" in text
    assert "Australia: Lifeline, call 13 11 14" in text and "New Zealand 111" in text


def test_where_no_line_is_known_help_points_to_the_finder_and_112():
    """Without a line for the country, the worldwide finder and 112 come first."""
    from companion.helplines import load_directory, ordered_for
    from companion.ui.shell.help_dialog import help_html

    text = help_html(ordered_for(load_directory(), "SE"))
    assert text.index("findahelpline.com") < text.index("In other countries")
    assert "112, or your local emergency number" in text
