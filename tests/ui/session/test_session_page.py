"""The quiet session in the running app (offscreen, no sound device): the steps run on the real
Breathe and Relax pages or here, Skip and End work from the bar, the check-out is always offered,
the help rule shows help, and the record goes to the encrypted journal, held while it is locked."""

from __future__ import annotations

from PySide6.QtCore import Qt

from companion.clock import FakeClock
from companion.journal.vault import Vault
from companion.sessions.checkin import CheckIn
from companion.sessions.flow import Stage
from companion.sessions.history import records
from companion.ui.session.feature import SessionFeature


def choose(page, flow_id: str) -> None:
    page.flow_list.setCurrentRow([f.id for f in page.flows].index(flow_id))


def through_check_in(page, distress: int = 7) -> None:
    page.begin()
    assert page.stack.currentWidget() is page.space
    page.ready_button.click()
    page.checkin.distress.setValue(distress)
    page.checkin.continue_button.click()


def test_wind_down_starts_breathing_on_the_breathe_page(session_app, qtbot):
    app, page = session_app()
    choose(page, "wind-down")
    through_check_in(page)
    breathe = app.window.page("breathe")
    qtbot.waitUntil(breathe.is_running)  # once the sound is known to be ready or missing
    assert app.window.current_page_id() == "breathe"
    assert breathe.session.plan.pattern.id == "resonance"
    assert page.bar.isVisibleTo(app.window) and "step 1 of 3" in page.bar.label.text()
    assert page.run.before == CheckIn(7, None)  # no feeling chosen: none recorded


def test_when_breathing_ends_the_body_scan_follows_then_grounding_here(session_app, qtbot):
    app, page = session_app()
    choose(page, "wind-down")
    through_check_in(page)
    qtbot.waitUntil(app.window.page("breathe").is_running)
    app.window.page("breathe").stop()
    relax = app.window.page("relax")
    assert app.window.current_page_id() == "relax" and relax.is_running()
    assert relax.player.script.id == "body-scan"
    page.bar.skip_button.click()  # skip the scan from the bar
    assert not relax.is_running()
    assert app.window.current_page_id() == "session" and page.stack.currentWidget() is page.here
    assert page.here_title.text() == "Coming back"
    page.here_done.click()
    assert page.run.stage is Stage.CHECK_OUT and page.stack.currentWidget() is page.checkin
    assert [r.skipped for r in page.run.results] == [False, True, False]


def test_ending_early_still_offers_the_check_out_and_a_summary(session_app, qtbot):
    app, page = session_app()
    choose(page, "after-a-hard-day")
    through_check_in(page, distress=6)
    qtbot.waitUntil(app.window.page("breathe").is_running)
    page.bar.end_button.click()
    assert not app.window.page("breathe").is_running()
    assert page.stack.currentWidget() is page.checkin and page.run.ended_early
    page.checkin.distress.setValue(3)
    page.checkin.continue_button.click()
    assert page.stack.currentWidget() is page.summary
    assert "Distress before: 6 of 10. After: 3." in page.summary_text.text()
    assert not page.help_box.isVisibleTo(page)
    assert "no journal yet" in page.kept_label.text()
    page.create_journal_button.click()
    assert app.window.current_page_id() == "journal"


def test_a_high_rating_afterwards_offers_help(session_app):
    app, page = session_app()
    through_check_in(page, distress=5)
    page.end_early()
    page.checkin.distress.setValue(8)
    page.checkin.continue_button.click()
    assert page.help_box.isVisibleTo(page) and page.help_button.isVisibleTo(page)
    page.help_button.click()
    assert app.window.help_dialog is not None


def test_a_later_check_in_is_a_one_off_reminder(session_app, clock):
    from datetime import timedelta

    app, page = session_app()
    through_check_in(page)
    page.end_early()
    page.checkin.skip_button.click()
    page.later_button.click()
    rules = app.reminder_service().reminders.rules
    assert len(rules) == 1 and rules[0].once_at == clock.now() + timedelta(minutes=90)


def test_the_later_check_in_asks_how_you_are_and_records_the_rating(session_app, vault):
    """Its Start opens "How are you now?" on the Session page; the answer is kept (here held
    for the locked journal) and shown in Progress's table beside the session once saved."""
    from companion.reminders.rules import Kind

    app, page = session_app(journal_folder=str(vault.folder))
    through_check_in(page)
    page.end_early()
    page.checkin.skip_button.click()
    page.later_button.click()
    (rule,) = app.reminder_service().reminders.rules
    assert rule.kind is Kind.CHECKIN and "a while after your quiet session" in rule.words
    app.window.show_page("home")
    app.reminder_service().start(rule)  # the notification's Start
    assert app.window.current_page_id() == "session"
    assert page.stack.currentWidget() is page.later
    assert page.later.checkin.heading.text() == "How are you now?"
    page.later.checkin.continue_button.click()  # no answer yet: it asks for one
    assert page.stack.currentWidget() is page.later and len(page.keeper.held) == 1
    page.later.checkin.distress.setValue(3)
    page.later.checkin.continue_button.click()
    assert "will be saved when you next unlock" in page.later.result.text()
    assert [type(h).__name__ for h in page.keeper.held] == ["SessionRecord", "LaterCheckIn"]
    assert page.keeper.held[1].feeling.distress == 3
    page.later.done_button.click()
    assert page.stack.currentWidget() is page.picker


def test_steps_can_be_reordered_and_left_out_before_beginning(session_app):
    _app, page = session_app()
    choose(page, "after-a-hard-day")
    page.step_list.setCurrentRow(2)  # the writing
    page.up_button.click()
    page.step_list.item(0).setCheckState(Qt.CheckState.Unchecked)  # no settling
    kinds = [s.kind.value for s in page.chosen_flow().steps]
    assert kinds == ["express", "release", "close"]


def test_with_the_journal_open_the_session_and_the_writing_are_kept_encrypted(
        session_app, vault, qtbot):
    app, page = session_app(journal_folder=str(vault.folder))
    journal = app.window.page("journal")
    journal._opened(Vault(vault.folder, vault.keys, FakeClock()), vault.read_all())
    app.window.show_page("session")
    choose(page, "after-a-hard-day")
    through_check_in(page)
    qtbot.waitUntil(app.window.page("breathe").is_running)
    app.window.page("breathe").stop()
    page.bar.skip_button.click()  # the muscle relaxation
    assert page.writing.isVisibleTo(page)
    page.writing.setPlainText("canary-3c1 what I never said to him")
    page.here_done.click()
    page.end_early()
    page.checkin.distress.setValue(4)  # an answer, not the default
    page.checkin.continue_button.click()
    assert page.kept == "saved"
    journal.pool.waitForDone()  # records are saved in the journal's own worker
    entries = vault.read_all().entries
    assert len(records(entries)) == 1
    assert any("canary-3c1" in e.body for e in entries.values() if e.kind == "journal")
    for path in vault.folder.rglob("*"):
        if path.is_file():
            assert b"canary-3c1" not in path.read_bytes()


def test_while_the_journal_is_locked_the_record_waits_and_is_saved_at_unlock(session_app, vault):
    app, page = session_app(journal_folder=str(vault.folder))
    through_check_in(page)
    page.end_early()
    page.checkin.distress.setValue(4)  # an answer, not the default
    page.checkin.continue_button.click()
    assert page.kept == "held" and list(vault.entries_dir.glob("*.age")) == []
    journal = app.window.page("journal")
    journal._opened(Vault(vault.folder, vault.keys, FakeClock()), vault.read_all())
    journal.pool.waitForDone()
    assert len(records(vault.read_all().entries)) == 1
    assert any("1 quiet session from while your journal was locked is now saved" in t
               for t in app.window.notice_texts())


def test_with_history_switched_off_nothing_is_kept(session_app, vault):
    _app, page = session_app(journal_folder=str(vault.folder), session_history=False)
    through_check_in(page)
    page.end_early()
    page.checkin.distress.setValue(4)  # an answer, not the default
    page.checkin.continue_button.click()
    assert page.kept == "off" and "switched off" in page.kept_label.text()


def test_home_always_offers_one_minute_of_breathing(session_app, qtbot):
    app, _page = session_app()
    app.window.show_page("home")
    app.home_page.one_minute.click()
    breathe = app.window.page("breathe")
    qtbot.waitUntil(breathe.is_running)
    assert app.window.current_page_id() == "breathe"
    assert breathe.session.plan.pattern.id == "resonance"
    assert breathe.session.plan.cycles == 6  # one minute at six breaths a minute


def test_the_progress_page_shows_sessions_in_a_chart_and_tables(session_app, vault, clock):
    app, page = session_app(journal_folder=str(vault.folder))
    journal = app.window.page("journal")
    journal._opened(Vault(vault.folder, vault.keys, FakeClock()), vault.read_all())
    app.window.show_page("session")
    for before, after in ((7, 4), (6, 6)):
        through_check_in(page, distress=before)
        page.end_early()
        page.checkin.distress.setValue(after)
        page.checkin.continue_button.click()
        page.finish_button.click()
        clock.advance(3600)
    journal.refresh_from_disk()
    journal.pool.waitForDone()
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    app.window.show_page("progress")
    progress = app.window.page("progress")
    progress.refresh()
    assert len(progress.records) == 2 and progress.tabs.count() == 3
    assert progress.sessions_table.rowCount() == 2
    assert progress.sessions_table.item(1, 3).text() == "7"  # oldest last: before 7
    assert "lower afterwards in 1" in progress.chart.accessibleDescription()
    assert journal.entry_list.count() == 0  # session records stay out of the journal's list
    progress.sessions_table.setCurrentCell(0, 0)
    progress.delete_one.click()
    journal.pool.waitForDone()
    assert len(progress.records) == 1


def test_progress_without_an_open_journal_shows_one_way_forward(session_app):
    """No empty chart or tables: one sentence and a button to the Journal page."""
    app, _page = session_app()
    app.window.show_page("progress")
    progress = app.window.page("progress")
    assert progress.empty.isVisibleTo(progress) and "encrypted journal" in \
        progress.empty_text.text()
    for part in (progress.chart, progress.tabs, progress.buttons, progress.status):
        assert not part.isVisibleTo(progress)
    progress.empty_button.click()
    assert app.window.current_page_id() == "journal"


def test_progress_with_no_sessions_yet_offers_one(session_app, vault):
    """An open journal without sessions: an empty state that begins a quiet session."""
    from companion.clock import FakeClock
    from companion.journal.vault import Vault

    app, _page = session_app(journal_folder=str(vault.folder))
    app.window.page("journal")._opened(Vault(vault.folder, vault.keys, FakeClock()),
                                       vault.read_all())
    app.window.show_page("progress")
    progress = app.window.page("progress")
    progress.refresh()
    assert "No quiet sessions yet" in progress.empty_text.text()
    assert not progress.chart.isVisibleTo(progress)
    progress.empty_button.click()
    assert app.window.current_page_id() == "session"


def test_quitting_while_a_session_waits_for_the_journal_asks_first(session_app, vault):
    app, page = session_app(journal_folder=str(vault.folder))
    through_check_in(page)
    page.end_early()
    page.checkin.distress.setValue(4)  # an answer, not the default
    page.checkin.continue_button.click()
    assert page.kept == "held"
    assert app.request_quit() is False and not app.quitting
    box = app.feature(SessionFeature).held_box
    assert "has not been saved yet" in box.text()
    box.buttons()[0].click()  # Unlock my journal
    assert app.window.current_page_id() == "journal" and not app.quitting


def test_the_first_breath_of_a_session_is_heard_not_joined_a_breath_later(
        make_app, save_settings, qtbot):
    """Pressing through the first screens at once: the breathing waits for its sound (a moment),
    then starts with the cue playing from the first breath."""
    from companion.audio.pygame_engine import PygameAudioEngine

    save_settings(welcome_seen=True)
    app = make_app(audio_opener=PygameAudioEngine)
    app.show("session", start=False, background=False)
    qtbot.waitExposed(app.window)
    page = app.window.page("session")
    choose(page, "wind-down")
    through_check_in(page)
    breathe = app.window.page("breathe")
    qtbot.waitUntil(breathe.is_running, timeout=10_000)
    assert breathe._cues.playing and breathe.session.elapsed() == 0


def test_home_suggests_a_flow_for_the_time_of_day(session_app):
    """At 21:30 with no history, Wind down; the session page preselects it too."""
    app, page = session_app()
    app.window.show_page("home")
    assert app.home_page.suggestion.text() == "Suggested: Wind down. Something gentle for the evening."
    app.window.show_page("session")
    assert page.chosen_flow().id == "wind-down"


def test_steps_are_named_for_people_and_the_minutes_follow_the_ticks(session_app):
    """'Release: Tense and release: seven groups', never 'pmr 7'; unticking a step takes its
    minutes off the estimate; with nothing ticked, Begin waits."""
    _app, page = session_app()
    choose(page, "after-a-hard-day")
    names = [page.step_list.item(i).text() for i in range(page.step_list.count())]
    assert names == ["Settle: Long exhale, 5 minutes", "Release: Tense and release: seven groups",
                     "Write for 5 minutes", "Close: Resonance, 1 minute"]
    before = int(page.minutes_label.text().split()[1])
    page.step_list.item(1).setCheckState(Qt.CheckState.Unchecked)  # the muscle relaxation
    after = int(page.minutes_label.text().split()[1])
    assert before - after >= 10
    for row in range(page.step_list.count()):
        page.step_list.item(row).setCheckState(Qt.CheckState.Unchecked)
    assert not page.begin_button.isEnabled() and "Tick at least one" in page.minutes_label.text()


def test_a_one_minute_breathing_step_shows_one_minute_on_breathe(session_app, qtbot):
    """The closing minute of breathing shows '1 minute' on the Breathe page, and the length the
    person chose there is still remembered for next time."""
    app, _page = session_app()
    breathe = app.window.page("breathe")
    remembered = app.model.settings.breathe_length
    assert breathe.start_for("resonance", 1)
    assert breathe.length_box.currentText() == "1 minute"
    assert breathe.plan().cycles == 6
    breathe.stop()
    assert app.model.settings.breathe_length == remembered


def test_the_session_has_the_whole_window_while_its_steps_run(session_app, qtbot):
    """From the first step to the check-out the sidebar folds away (no page to wander to in the
    middle of it); the bar above keeps Skip, End and Need help now?, and ending the session
    brings the sidebar back."""
    app, page = session_app()
    window = app.window
    window.resize(960, 680)
    assert not window.sidebar_panel.isHidden()
    choose(page, "wind-down")
    through_check_in(page)
    assert page.bar.isVisibleTo(window) and window.sidebar_panel.isHidden()
    assert window.compact_bar.isHidden()
    page.bar.help_button.click()
    assert window.help_dialog is not None and window.help_dialog.isVisible()
    window.help_dialog.close()
    page.end_early()
    assert not window.sidebar_panel.isHidden() and not page.bar.isVisibleTo(window)
