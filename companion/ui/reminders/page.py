"""The Reminders page: gentle nudges at set times on chosen days, every so often between two times,
or once; quiet hours; pause; and a test reminder to see how the desktop shows them."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from companion.i18n import _
from companion.reminders.rules import Kind, Rule, RuleError, new_id, validate
from companion.reminders.schedule import QuietHours, next_due
from companion.ui.reminders.service import ReminderService
from companion.ui.shell.base_page import BasePage, card, choice_list, page_layout
from companion.ui.shell.theme import GAP, text_scale
from companion.ui.shell.wording import day_and_time

DAY_NAMES = (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))
KIND_NAMES = {Kind.BREATHE: _("Breathe for a moment"), Kind.RELAX: _("A short body scan"),
              Kind.JOURNAL: _("A journal prompt"), Kind.CUSTOM: _("My own words")}


def to_time(edit: QTimeEdit) -> time:
    value = edit.time()
    return time(value.hour(), value.minute())


def parse_times(text: str) -> tuple[time, ...]:
    """'9:00, 21:30' -> times; RuleError names the field when one cannot be read."""
    found = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            hours, minutes = part.split(":")
            found.append(time(int(hours), int(minutes)))
        except ValueError:
            raise RuleError("times", _("“{part}” is not a time like 09:30").format(part=part)) \
                from None
    return tuple(sorted(set(found)))


def describe(rule: Rule) -> str:
    if rule.schedule == "once":
        assert rule.once_at is not None
        when = _("once, {day}").format(day=day_and_time(rule.once_at, with_date=True))
    else:
        days = _("every day") if len(rule.weekdays) == 7 else ", ".join(
            DAY_NAMES[d] for d in sorted(rule.weekdays))
        if rule.schedule == "daily":
            when = _("{times}, {days}").format(
                times=", ".join(t.strftime("%H:%M") for t in rule.times), days=days)
        else:
            assert rule.start is not None and rule.end is not None
            when = _("every {minutes} min, {start:%H:%M} to {end:%H:%M}, {days}").format(
                minutes=rule.every_minutes, start=rule.start, end=rule.end, days=days)
    return f"{rule.words}\n{when}"


SIDE_BY_SIDE = 660  # the page's width (at 13 pt) below which the cards stack


class RemindersPage(BasePage):
    page_id = "reminders"

    def __init__(self, service: ReminderService, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        layout = page_layout(self, _("Reminders"), _("Gentle nudges, only when you ask for them. They "
                             "wait during quiet hours, while you are in a session, and when "
                             "paused."))
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder = QWidget()
        row = QBoxLayout(QBoxLayout.Direction.LeftToRight, holder)  # one above the other if narrow
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        self.cards = row
        scroller.setWidget(holder)
        layout.addWidget(scroller, 1)
        left, left_inner = card()
        self.rule_list = choice_list(_("Your reminders"))
        self.rule_list.setMinimumHeight(220)
        self.remove_button = QPushButton(_("Remove"))
        self.test_button = QPushButton(_("Send a test reminder"))
        self.route_label = QLabel(" ")
        self.route_label.setProperty("role", "muted")
        self.route_label.setWordWrap(True)
        self.pause_label = QLabel()
        self.pause_label.setWordWrap(True)
        pauses = QHBoxLayout()
        self.pause_hour = QPushButton(_("Pause 1 hour"))
        self.pause_day = QPushButton(_("Until morning"))
        self.pause_day.setAccessibleName(_("Pause until tomorrow morning"))
        self.resume_button = QPushButton(_("Resume reminders"))
        for button in (self.pause_hour, self.pause_day, self.resume_button):
            pauses.addWidget(button)
        pauses.setSpacing(8)
        for widget in (self.rule_list, self.remove_button):
            left_inner.addWidget(widget)
        left_inner.addWidget(self.pause_label)
        left_inner.addLayout(pauses)
        left_inner.addWidget(self.test_button)
        left_inner.addWidget(self.route_label)
        self.empty_spacer = QWidget()  # with no list, the words sit at the top of the card
        self.empty_spacer.setStyleSheet("background: transparent;")
        left_inner.addWidget(self.empty_spacer, 1)
        row.addWidget(left, 1, Qt.AlignmentFlag.AlignTop)  # an empty list is no tall empty box
        row.addWidget(self._build_form(), 1, Qt.AlignmentFlag.AlignTop)

        self.remove_button.clicked.connect(self.remove_selected)
        self.test_button.clicked.connect(self.service.send_test)
        self.pause_hour.clicked.connect(self.service.pause_for_an_hour)
        self.pause_day.clicked.connect(self.service.pause_until_tomorrow)
        self.resume_button.clicked.connect(lambda: self.service.pause(None))
        self.rule_list.itemChanged.connect(self._toggled)
        service.routed.connect(lambda route: self.route_label.setText(_("Delivered as a {route}.")
                                                                        .format(route=route)))
        service.changed.connect(self.refresh)
        self.refresh()

    def resizeEvent(self, event) -> None:
        """The list and the form side by side where both fit, one above the other otherwise."""
        super().resizeEvent(event)
        side_by_side = self.width() >= round(SIDE_BY_SIDE * text_scale(self))
        self.cards.setDirection(QBoxLayout.Direction.LeftToRight if side_by_side
                                else QBoxLayout.Direction.TopToBottom)

    def _show_when(self, index: int) -> None:
        """Show the fields for set times or for every so often; the hidden ones take no room,
        so the form is only as tall as what it shows."""
        self.forms.setCurrentIndex(index)
        for page_index, fields in enumerate(self._when_fields):
            fields.setSizePolicy(QSizePolicy.Policy.Preferred,
                                 QSizePolicy.Policy.Preferred if page_index == index
                                 else QSizePolicy.Policy.Ignored)
        self.forms.updateGeometry()

    def _build_form(self) -> QWidget:
        frame, inner = card()
        heading = QLabel(_("Add a reminder"))
        heading.setProperty("role", "heading")
        self.kind = QComboBox()
        self.kind.setAccessibleName(_("What the reminder invites"))
        for kind, name in KIND_NAMES.items():
            self.kind.addItem(name, kind)
        self.words = QLineEdit()
        self.words.setPlaceholderText(_("Your own words (optional)"))
        self.words.setAccessibleName(_("Reminder words"))
        self.when = QComboBox()
        self.when.setAccessibleName(_("When"))
        self.when.addItem(_("At set times"), "daily")
        self.when.addItem(_("Every so often"), "interval")
        self.forms = QStackedWidget()
        daily = QWidget()
        daily_layout = QVBoxLayout(daily)
        daily_layout.setContentsMargins(0, 0, 0, 0)
        daily_layout.setSpacing(GAP)
        self.times = QLineEdit("09:00, 21:30")
        self.times.setAccessibleName(_("Times, separated by commas"))
        daily_layout.addWidget(self.times)
        interval = QWidget()
        interval_layout = QGridLayout(interval)
        interval_layout.setContentsMargins(0, 0, 0, 0)
        interval_layout.setSpacing(GAP)
        self.every = QSpinBox()
        self.every.setRange(0, 600)
        self.every.setValue(90)
        self.every.setSuffix(_(" min"))
        self.every.setAccessibleName(_("Every this many minutes"))
        self.start = QTimeEdit(QTime(9, 0))
        self.start.setAccessibleName(_("From"))
        self.end = QTimeEdit(QTime(18, 0))
        self.end.setAccessibleName(_("Until"))
        for index, widget in enumerate((QLabel(_("Every")), self.every, QLabel(_("from")), self.start,
                                        QLabel(_("to")), self.end)):
            interval_layout.addWidget(widget, index // 2, index % 2)
        self._when_fields = (daily, interval)
        self.forms.addWidget(daily)
        self.forms.addWidget(interval)
        days = QGridLayout()
        days.setHorizontalSpacing(4)
        self.day_boxes = [QCheckBox(name) for name in DAY_NAMES]
        for index, box in enumerate(self.day_boxes):
            box.setChecked(True)
            days.addWidget(box, index // 3, index % 3)
        self.add_button = QPushButton(_("Add reminder"))
        self.add_button.setProperty("role", "primary")
        self.error = QLabel()
        self.error.setProperty("role", "warning")
        self.error.setWordWrap(True)
        self.error.hide()
        quiet_row = QHBoxLayout()
        self.quiet_box = QCheckBox(_("Quiet hours"))
        self.quiet_start = QTimeEdit(QTime(22, 0))
        self.quiet_start.setAccessibleName(_("Quiet hours start"))
        self.quiet_end = QTimeEdit(QTime(7, 0))
        self.quiet_end.setAccessibleName(_("Quiet hours end"))
        for quiet_widget in (self.quiet_start, QLabel(_("to")), self.quiet_end):
            quiet_row.addWidget(quiet_widget)
        quiet_row.addStretch(1)
        for form_widget in (heading, self.kind, self.words, self.when, self.forms):
            inner.addWidget(form_widget)
        inner.addLayout(days)
        inner.addWidget(self.error)
        inner.addWidget(self.add_button)
        inner.addStretch(1)
        inner.addWidget(self.quiet_box)
        inner.addLayout(quiet_row)
        self.when.currentIndexChanged.connect(self._show_when)
        self._show_when(0)
        self.add_button.clicked.connect(self.add_from_form)
        self.quiet_box.toggled.connect(self._quiet_changed)
        self.quiet_start.timeChanged.connect(self._quiet_changed)
        self.quiet_end.timeChanged.connect(self._quiet_changed)
        return frame

    def rule_from_form(self) -> Rule:
        """The rule the form describes; RuleError names the field that makes it impossible."""
        days = frozenset(i for i, box in enumerate(self.day_boxes) if box.isChecked())
        kind = Kind(self.kind.currentData())
        if self.when.currentData() == "daily":
            rule = Rule(new_id(), kind, self.words.text().strip(),
                        times=parse_times(self.times.text()), weekdays=days)
        else:
            rule = Rule(new_id(), kind, self.words.text().strip(), every_minutes=self.every.value(),
                        start=to_time(self.start), end=to_time(self.end), weekdays=days)
        return validate(rule)

    def add_from_form(self) -> None:
        try:
            rule = self.rule_from_form()
        except RuleError as exc:
            names = {"times": _("Times"), "weekdays": _("Days"), "every_minutes": _("Every"),
                     "end": _("Until"), "start": _("From"), "text": _("Words")}
            self.error.setText(_("{value}: {message}.")
                                 .format(value=names.get(exc.field, exc.field), message=exc.message))
            self.error.show()
            return
        self.error.hide()
        self.service.set_rules([*self.service.reminders.rules, rule])

    def remove_selected(self) -> None:
        item = self.rule_list.currentItem()
        if item is None:
            return
        rule_id = item.data(Qt.ItemDataRole.UserRole)
        self.service.set_rules([r for r in self.service.reminders.rules if r.id != rule_id])

    def _toggled(self, item: QListWidgetItem) -> None:
        rule_id = item.data(Qt.ItemDataRole.UserRole)
        on = item.checkState() == Qt.CheckState.Checked
        self.service.set_rules([replace(r, enabled=on) if r.id == rule_id else r
                                for r in self.service.reminders.rules])

    def _quiet_changed(self, *_args) -> None:
        quiet = QuietHours(to_time(self.quiet_start), to_time(self.quiet_end)) \
            if self.quiet_box.isChecked() else None
        if quiet != self.service.reminders.quiet:
            self.service.reminders.quiet = quiet
            self.service.save()

    def refresh(self) -> None:
        reminders = self.service.reminders
        self.rule_list.blockSignals(True)
        self.rule_list.clear()
        now = self.service.now()
        for rule in reminders.rules:
            upcoming = next_due(rule, now, self.service.zone)
            suffix = "\n" + _("next: {day}").format(
                day=day_and_time(upcoming.astimezone(self.service.zone))) \
                if upcoming is not None and rule.enabled else ""
            item = QListWidgetItem(describe(rule) + suffix)
            item.setData(Qt.ItemDataRole.UserRole, rule.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked)
            self.rule_list.addItem(item)
        self.rule_list.blockSignals(False)
        paused = reminders.paused_until
        self.pause_label.setText(
            _("Paused until {day}.").format(day=day_and_time(paused.astimezone(self.service.zone)))
            if paused is not None
            and paused > now else _("Reminders are on.") if reminders.rules else
            _("No reminders yet. A gentle nudge to breathe, relax or write can come at the times "
            "you choose, never during a session or a full-screen film: add one under Add a reminder."))
        is_paused = paused is not None and paused > now
        empty = not reminders.rules  # an empty state, not an empty box and buttons that do nothing
        self.rule_list.setVisible(not empty)
        self.empty_spacer.setVisible(empty)
        self.remove_button.setVisible(not empty)
        self.resume_button.setVisible(is_paused)
        self.pause_hour.setVisible(not is_paused and not empty)
        self.pause_day.setVisible(not is_paused and not empty)
        for widget in (self.quiet_box, self.quiet_start, self.quiet_end):
            widget.blockSignals(True)
        self.quiet_box.setChecked(reminders.quiet is not None)
        if reminders.quiet is not None:
            self.quiet_start.setTime(QTime(reminders.quiet.start.hour, reminders.quiet.start.minute))
            self.quiet_end.setTime(QTime(reminders.quiet.end.hour, reminders.quiet.end.minute))
        for widget in (self.quiet_box, self.quiet_start, self.quiet_end):
            widget.blockSignals(False)
