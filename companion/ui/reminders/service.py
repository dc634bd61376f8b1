"""Runs the reminders: one single-shot timer armed for the next delivery (re-armed when rules
change, after sleep, or when the wall clock jumps), delivery through the desktop's notifications,
else the tray's balloon, else a calm in-window notice; and what Start and Snooze do."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from companion.clock import Clock
from companion.i18n import _
from companion.reminders.intrusion import reason_to_wait
from companion.reminders.notify import DesktopNotifier
from companion.reminders.rules import Kind, Rule
from companion.reminders.schedule import Plan, due_now, next_wakeup
from companion.reminders.store import Reminders, ReminderStore
from companion.ui.shell.workers import run_in_background, serial_pool

log = logging.getLogger(__name__)

SNOOZE = timedelta(minutes=10)
COARSE_CHECK_MS = 60_000  # only where the wall clock's changes cannot be heard (not Linux)
RECHECK_MS = 60_000  # while a reminder waits for a full-screen window or do-not-disturb to end
MAX_WAIT_MS = 6 * 3600 * 1000  # wake at least this often anyway: a cheap guard for missed jumps
TEST_RULE = Rule("test", Kind.BREATHE, _("This is how a Companion reminder looks. Start opens "
                 "Breathe; Snooze brings it back in ten minutes."))


class ReminderService(QObject):
    """open_requested(page, start) when a reminder's Start is chosen; routed(route) after each
    delivery says how it reached the person."""

    open_requested = Signal(str, bool)
    checkin_requested = Signal()  # the later check-in's Start: how are you now?
    routed = Signal(str)
    changed = Signal()
    _action = Signal(int, str)  # from the notifier's listening thread

    def __init__(self, store: ReminderStore, clock: Clock, zone: ZoneInfo,
                 banner: Callable[[str, Rule], None],
                 balloon: Callable[[str, str], bool] | None = None,
                 busy: Callable[[], bool] = lambda: False, parent: QObject | None = None):
        super().__init__(parent)
        self._store = store
        self._clock = clock
        self.zone = zone
        self._banner = banner
        self._balloon = balloon
        self._busy = busy
        self.reminders: Reminders = store.load()
        self.checked_until = clock.now()
        self.held: list[Rule] = []  # due while the person was in a session: delivered after
        self.waiting: list[Rule] = []  # due during full screen or do-not-disturb
        self.reason_to_wait: Callable[[], str | None] = reason_to_wait
        self.sent: dict[int, Rule] = {}
        self.pool = serial_pool(self)
        self.timer = QTimer(self)
        self.timer.setObjectName("reminder-next")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)
        self.recheck_timer = QTimer(self)
        self.recheck_timer.setObjectName("reminder-recheck")
        self.recheck_timer.setSingleShot(True)
        self.recheck_timer.setInterval(RECHECK_MS)
        self.recheck_timer.timeout.connect(self.recheck)
        self.jumps = 0  # wall-clock changes heard (for the page and tests)
        self._watch_clock()
        self.notifier = DesktopNotifier(lambda nid, key: self._action.emit(nid, key))
        self._action.connect(self._on_action)
        self.arm()

    def now(self) -> datetime:
        return self._clock.now()

    @property
    def plan(self) -> Plan:
        return Plan(self.zone, self.reminders.quiet, self.reminders.paused_until)

    def notices(self) -> list[str]:
        return self.reminders.notices

    # --- timing -----------------------------------------------------------------------------------

    def next_delivery(self) -> datetime | None:
        return next_wakeup(self.reminders.rules, self.checked_until, self.plan)

    def arm(self) -> None:
        """Arm the one timer for the next delivery (nothing runs while waiting)."""
        wake = self.next_delivery()
        if wake is None:
            self.timer.stop()
            return
        wait = (wake - self._clock.now()).total_seconds() * 1000
        self.timer.start(int(min(MAX_WAIT_MS, max(0, wait))))

    def check(self) -> None:
        """Deliver whatever is due now (after sleep: each rule once, only if recent)."""
        now = self._clock.now()
        due = due_now(self.reminders.rules, self.checked_until, now, self.plan)
        self.checked_until = now
        for rule in due:
            if self._busy():
                self.held.append(rule)
            else:
                self.deliver(rule)
        self._clear_spent_snoozes(now)
        self.arm()

    def _watch_clock(self) -> None:
        """Hear the wall clock being set (Linux timerfd); QTimer's clock would not notice."""
        from companion.reminders.clock_jumps import open_clock_watch

        self.clock_fd = open_clock_watch()
        self.clock_notifier: QSocketNotifier | None = None
        self.coarse_timer: QTimer | None = None
        if self.clock_fd is None:  # no way to hear clock changes here: look once a minute
            self.coarse_timer = QTimer(self)
            self.coarse_timer.setObjectName("reminder-coarse-check")
            self.coarse_timer.setInterval(COARSE_CHECK_MS)
            self.coarse_timer.timeout.connect(self.check)
            self.coarse_timer.start()
        else:
            self.clock_notifier = QSocketNotifier(self.clock_fd, QSocketNotifier.Type.Read, self)
            self.clock_notifier.activated.connect(self._clock_fd_ready)

    def _clock_fd_ready(self) -> None:
        from companion.reminders.clock_jumps import clock_was_set, rearm

        if self.clock_fd is not None and clock_was_set(self.clock_fd):
            rearm(self.clock_fd)
            self.jumps += 1
            log.info("the wall clock was set: checking reminders again")
            self.clock_changed()

    def clock_changed(self) -> None:
        """The wall clock jumped or the machine woke: look again and re-arm."""
        self.check()

    def session_ended(self) -> None:
        """The person's own session is over: deliver what waited for it, once each."""
        held, self.held = self.held, []
        self._deliver_once_each(held)

    def _clear_spent_snoozes(self, now: datetime) -> None:
        spent = [r for r in self.reminders.rules
                 if r.snoozed_until is not None and r.snoozed_until <= now]
        if spent:
            self.reminders.rules = [r.snoozed(None) if r in spent else r
                                    for r in self.reminders.rules]
            self.save()

    # --- delivery ---------------------------------------------------------------------------------

    def recheck(self) -> None:
        """Try again the reminders that waited for a full-screen window or do-not-disturb."""
        waiting, self.waiting = self.waiting, []
        self._deliver_once_each(waiting)

    def _deliver_once_each(self, rules: list[Rule]) -> None:
        """Deliver reminders that had to wait: a rule due several times meanwhile comes once."""
        for rule in {r.id: r for r in rules}.values():
            self.deliver(rule)

    def deliver(self, rule: Rule) -> None:
        """Unless full screen or do-not-disturb asks to wait: through the desktop's notifications
        (off the GUI thread); else the tray; else the window."""
        summary = {"breathe": _("A moment to breathe"), "relax": _("A moment to relax"),
                   "journal": _("A moment to write"), "custom": "Companion",
                   "checkin": _("A gentle check-in")}[rule.kind.value]
        actions = [("start", _("Start")), ("snooze", _("Snooze"))] if rule.kind.page else \
            [("snooze", _("Snooze"))]

        reason_to_wait = self.reason_to_wait

        def send() -> int | str:
            reason = reason_to_wait()
            if reason:
                return reason
            return self.notifier.notify(summary, rule.words, actions)

        def sent(result: object) -> None:
            if isinstance(result, str):
                log.info("a reminder waits: %s", result)
                self.waiting.append(rule)
                self.recheck_timer.start()
                self.routed.emit(f"wait ({result})")
                return
            self.sent[int(result)] = rule  # type: ignore[call-overload]
            self.routed.emit(f"desktop notification ({self.notifier.server})")

        def failed(message: str) -> None:
            log.info("no desktop notification: %s", message)
            if self._balloon is not None and self._balloon(summary, rule.words):
                self.routed.emit("tray message")
                return
            self._banner(f"{summary}: {rule.words}", rule)
            self.routed.emit("in-window notice")

        run_in_background(send, sent, self, on_failed=failed, pool=self.pool)

    def send_test(self) -> None:
        self.deliver(TEST_RULE)

    def _on_action(self, nid: int, key: str) -> None:
        rule = self.sent.get(nid)
        if rule is None:
            return
        if key in ("default", "start"):
            self.start(rule)
        elif key == "snooze":
            self.snooze(rule)

    def start(self, rule: Rule) -> None:
        """Start, from the notification or the in-window notice."""
        if rule.kind is Kind.CHECKIN:
            self.checkin_requested.emit()
        elif rule.kind.page:
            self.open_requested.emit(rule.kind.page, True)

    def snooze(self, rule: Rule) -> None:
        until = self._clock.now() + SNOOZE
        if rule.id == TEST_RULE.id:
            return
        self.reminders.rules = [r.snoozed(until) if r.id == rule.id else r
                                for r in self.reminders.rules]
        self.save()

    # --- changes ----------------------------------------------------------------------------------

    def set_rules(self, rules: list[Rule]) -> None:
        self.reminders.rules = rules
        self.save()

    def pause(self, until: datetime | None) -> None:
        """Pause every reminder until a time (None resumes)."""
        self.reminders.paused_until = until
        self.save()

    def pause_for_an_hour(self) -> None:
        self.pause(self._clock.now() + timedelta(hours=1))

    def pause_until_tomorrow(self) -> None:
        now = self._clock.now().astimezone(self.zone)
        tomorrow = (now + timedelta(days=1)).replace(hour=6, minute=0, second=0, microsecond=0)
        self.pause(tomorrow)

    def save(self) -> None:
        try:
            self._store.save(self.reminders)
        except OSError as exc:
            self.reminders.notices.append(_("Your reminders could not be saved ({strerror}); they apply "
                                            "until you quit.").format(strerror=exc.strerror))
        self.arm()
        self.changed.emit()

    def close(self) -> None:
        self.timer.stop()
        self.recheck_timer.stop()
        if self.coarse_timer is not None:
            self.coarse_timer.stop()
        if self.clock_notifier is not None and self.clock_fd is not None:
            self.clock_notifier.setEnabled(False)
            os.close(self.clock_fd)
            self.clock_fd = None
        self.pool.waitForDone(3000)
        self.notifier.close()

