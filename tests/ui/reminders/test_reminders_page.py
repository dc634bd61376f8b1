"""Reminders in the running app (offscreen, no notification service, so the in-window fallback
is what delivers): one timer armed for the next time, rules added and refused by the form,
sessions and pauses respected, Start and Snooze doing what they say."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QPushButton

from companion.reminders.rules import Kind, Rule
from companion.reminders.store import Reminders, ReminderStore


@pytest.fixture(autouse=True)
def no_session_bus(monkeypatch):
    """No D-Bus here: delivery falls back to the window (the real server is tested end to end)."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)


@pytest.fixture
def app_with(make_app, paths, clock, qtbot):
    def build(*rules: Rule, **kwargs):
        ReminderStore(paths.config / "reminders.toml", clock).save(Reminders(list(rules), **kwargs))
        app = make_app(audio_opener=lambda: "No sound device in this test.")
        app.show("reminders", start=False, background=False)
        qtbot.waitExposed(app.window)
        service = app.reminder_service()
        service.reason_to_wait = lambda: None  # no full-screen window, no do-not-disturb here
        return app, service
    return build


def deliver_due(service, clock, seconds: float) -> None:
    clock.advance(seconds)
    service.check()
    QThreadPool.globalInstance().waitForDone()
    service.pool.waitForDone()


def at(clock, hh: int, mm: int) -> Rule:
    return Rule("r1", Kind.BREATHE, times=(time(hh, mm),))


def test_one_timer_waits_for_the_next_reminder(app_with, clock):
    """At 21:30 with a reminder at 21:45, a single timer is armed for 15 minutes."""
    _app, service = app_with(at(clock, 21, 45))
    assert service.timer.isActive() and service.timer.isSingleShot()
    assert abs(service.timer.remainingTime() - 15 * 60_000) < 2000


def test_a_due_reminder_without_a_notification_service_shows_in_the_window(app_with, clock,
                                                                            qtbot):
    app, service = app_with(at(clock, 21, 45))
    with qtbot.waitSignal(service.routed) as routed:
        deliver_due(service, clock, 15 * 60)
    assert routed.args == ["in-window notice"]
    assert any("Two minutes of slow breathing" in text for text in app.window.notice_texts())


def test_start_on_the_notice_opens_the_exercise_and_starts_it(app_with, clock, qtbot):
    app, service = app_with(at(clock, 21, 45))
    with qtbot.waitSignal(service.routed):
        deliver_due(service, clock, 15 * 60)
    start = next(b for b in app.window.findChildren(QPushButton) if b.text() == "Start")
    start.click()
    assert app.window.current_page_id() == "breathe"
    qtbot.waitUntil(app.window.page("breathe").is_running, timeout=10_000)  # cues first


def test_a_reminder_waits_while_a_session_runs_and_comes_after(app_with, clock, qtbot):
    app, service = app_with(at(clock, 21, 45))
    breathe = app.window.page("breathe")
    breathe.start_main_action()
    qtbot.waitUntil(breathe.is_running, timeout=10_000)  # once its cues are ready
    deliver_due(service, clock, 15 * 60)
    assert service.held and not any("breathing" in t for t in app.window.notice_texts())
    with qtbot.waitSignal(service.routed):
        breathe.stop()
        service.pool.waitForDone()


def test_quiet_hours_hold_a_reminder_until_they_end(app_with, clock):
    """A 23:00 reminder with quiet hours 22:00-07:00 comes at 07:00; the timer never waits more
    than six hours at a time (a cheap guard against a missed clock change)."""
    from companion.reminders.schedule import QuietHours

    _app, service = app_with(at(clock, 23, 0), quiet=QuietHours(time(22), time(7)))
    assert service.next_delivery() == datetime(2026, 11, 26, 7, tzinfo=clock.now().tzinfo)
    assert abs(service.timer.remainingTime() - 6 * 3600_000) < 2000


def test_pause_for_an_hour_skips_what_falls_inside_it(app_with, clock):
    _app, service = app_with(at(clock, 21, 45))
    service.pause_for_an_hour()
    assert service.reminders.paused_until == clock.now() + timedelta(hours=1)
    tomorrow = clock.now().replace(hour=21, minute=45) + timedelta(days=1)
    assert service.next_delivery() == tomorrow  # not tonight's, which falls in the pause


def test_snooze_brings_it_back_in_ten_minutes(app_with, clock):
    _app, service = app_with(at(clock, 21, 45))
    service.sent[7] = service.reminders.rules[0]
    service._on_action(7, "snooze")
    assert service.reminders.rules[0].snoozed_until == clock.now() + timedelta(minutes=10)
    assert abs(service.timer.remainingTime() - 10 * 60_000) < 2000


def test_the_form_adds_a_reminder_and_the_list_shows_when_it_comes(app_with, clock, paths):
    app, service = app_with()
    page = app.window.page("reminders")
    page.times.setText("22:15")
    page.add_button.click()
    assert [r.times for r in service.reminders.rules] == [(time(22, 15),)]
    assert "next: Wed 22:15" in page.rule_list.item(0).text()
    assert "22:15" in (paths.config / "reminders.toml").read_text()


@pytest.mark.parametrize(("setup", "message"), [
    (lambda page: page.times.setText("nine"), "Times: “nine” is not a time like 09:30."),
    (lambda page: [box.setChecked(False) for box in page.day_boxes], "Days: choose at least one"),
])
def test_the_form_refuses_an_impossible_reminder_naming_the_field(app_with, setup, message):
    app, service = app_with()
    page = app.window.page("reminders")
    setup(page)
    page.add_button.click()
    assert page.error.text().startswith(message) and service.reminders.rules == []


def test_an_interval_ending_before_it_starts_is_refused(app_with):
    from PySide6.QtCore import QTime

    app, _service = app_with()
    page = app.window.page("reminders")
    page.when.setCurrentIndex(1)
    page.start.setTime(QTime(18, 0))
    page.end.setTime(QTime(9, 0))
    page.add_button.click()
    assert page.error.text().startswith("Until: the end time must come after the start time")


def test_a_damaged_reminders_file_is_kept_aside_with_a_notice(make_app, paths):
    paths.config.mkdir(parents=True, exist_ok=True)
    (paths.config / "reminders.toml").write_text("[[reminder]\nkind =")
    app = make_app()
    app.reminder_service()
    assert any("reminders file was damaged" in t for t in app.window.notice_texts())
    assert list(paths.config.glob("reminders.toml.kept-*"))


def test_a_test_reminder_is_delivered_by_the_same_path(app_with, qtbot):
    app, service = app_with()
    page = app.window.page("reminders")
    with qtbot.waitSignal(service.routed):
        page.test_button.click()
        service.pool.waitForDone()
    assert page.route_label.text() == "Delivered as a in-window notice."


def test_a_reminder_waits_for_full_screen_to_end_then_comes_once(app_with, clock, qtbot):
    _app, service = app_with(at(clock, 21, 45))
    service.reason_to_wait = lambda: "a full-screen window is active"
    with qtbot.waitSignal(service.routed) as routed:
        deliver_due(service, clock, 15 * 60)
    assert routed.args == ["wait (a full-screen window is active)"]
    assert service.recheck_timer.isActive() and len(service.waiting) == 1
    service.reason_to_wait = lambda: None
    with qtbot.waitSignal(service.routed) as routed:
        service.recheck_timer.timeout.emit()
        service.pool.waitForDone()
    assert routed.args == ["in-window notice"] and service.waiting == []


def test_setting_the_wall_clock_is_heard_and_the_timer_rearmed(app_with, clock, qtbot):
    """The real realtime clock is set to its own value (a jump of microseconds): the timerfd
    turns readable and reminders are looked at again (skipped where setting it is not allowed)."""
    import sys
    import time as systime

    if not sys.platform.startswith("linux"):
        pytest.skip("timerfd is Linux's")
    _app, service = app_with(at(clock, 21, 45))
    assert service.clock_notifier is not None
    try:
        systime.clock_settime(systime.CLOCK_REALTIME, systime.clock_gettime(systime.CLOCK_REALTIME))
    except PermissionError:
        pytest.skip("this process may not set the clock")
    qtbot.waitUntil(lambda: service.jumps == 1, timeout=5000)
    assert service.timer.isActive()


def test_waking_from_sleep_delivers_a_recent_miss_once(app_with, clock, qtbot):
    """login1 says the machine woke 10 minutes after a reminder was due: it comes, once."""
    app, service = app_with(at(clock, 21, 45))
    clock.advance(25 * 60)  # asleep through 21:45 until 21:55
    with qtbot.waitSignal(service.routed) as routed:
        app.services.screen_lock.woke.emit()
        service.pool.waitForDone()
    assert routed.args == ["in-window notice"]
    assert sum("slow breathing" in t for t in app.window.notice_texts()) == 1


def test_with_no_reminders_the_page_says_what_they_are_instead_of_an_empty_box(app_with, clock):
    """No empty list, no Remove or Pause that would do nothing; adding one brings them back."""
    app, _service = app_with()
    page = app.window.page("reminders")
    assert "No reminders yet" in page.pause_label.text()
    for widget in (page.rule_list, page.remove_button, page.pause_hour, page.pause_day):
        assert not widget.isVisibleTo(page)
    page.add_from_form()
    assert page.rule_list.isVisibleTo(page) and page.rule_list.count() == 1
    assert page.pause_hour.isVisibleTo(page)


def test_the_fields_for_every_so_often_take_no_room_while_hidden(app_with, clock):
    """With 'At set times' chosen the form is only as tall as its times field (the three rows for
    'every so often' would push Add reminder down); choosing 'Every so often' shows them."""
    from PySide6.QtWidgets import QApplication

    app, _service = app_with(at(clock, 21, 45))
    app.window.resize(960, 680)
    page = app.window.page("reminders")
    for _turn in range(5):
        QApplication.processEvents()
    interval = page.forms.widget(1).sizeHint().height()
    assert page.forms.height() < interval
    page.when.setCurrentIndex(1)
    for _turn in range(5):
        QApplication.processEvents()
    assert page.forms.height() >= interval
