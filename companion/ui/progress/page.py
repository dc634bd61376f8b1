"""Progress: how each quiet session went (before and after), weekly medians, minutes practised and
which exercises went with the most easing; a chart that matches the theme, with the same figures
in tables a screen reader can read. No streaks, no scores."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QWidget,
)

from companion.i18n import _, ngettext
from companion.sessions.history import SessionRecord
from companion.sessions.progress import easing_by_exercise, total_minutes, weekly
from companion.ui.shell.base_page import BasePage, card, page_layout
from companion.ui.shell.theme import EVENING, Palette
from companion.ui.shell.wording import day_and_time, decimal

SHOWN = 20  # sessions drawn in the chart: the most recent


class BeforeAfterChartWidget(QWidget):
    """Distress before (lavender, hollow) and after (teal, filled) for each recent session."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.palette_tokens: Palette = EVENING
        self.records: list[SessionRecord] = []
        self.setMinimumHeight(180)
        self.setAccessibleName(_("Distress before and after each session"))

    def set_records(self, records: list[SessionRecord]) -> None:
        self.records = [r for r in records if r.before is not None or r.after is not None][-SHOWN:]
        rated = [r for r in self.records if r.easing is not None]
        if rated:
            eased = sum(1 for r in rated if (r.easing or 0) > 0)
            self.setAccessibleDescription(
                ngettext("{count} session rated before and after; distress was lower afterwards "
                         "in {eased}. The tables beside list every figure.",
                         "{count} sessions rated before and after; distress was lower afterwards "
                         "in {eased}. The tables beside list every figure.",
                         len(rated)).format(count=len(rated), eased=eased))
        else:
            self.setAccessibleDescription(_("No sessions rated before and after yet."))
        self.update()

    def point(self, index: int, distress: int) -> QPointF:
        left, top, bottom = 36.0, 12.0, float(self.height() - 24)
        step = (self.width() - left - 16) / max(1, len(self.records))
        return QPointF(left + step * (index + 0.5), bottom - (bottom - top) * distress / 10)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        tokens = self.palette_tokens
        muted = QColor(tokens.muted)
        painter.setPen(QPen(muted, 1))
        for level in (0, 5, 10):
            y = self.point(0, level).y()
            painter.drawLine(QPointF(32, y), QPointF(self.width() - 8, y))
            painter.drawText(QPointF(4, y + 4), str(level))
        before, after = QColor(tokens.lavender), QColor(tokens.teal)
        for index, record in enumerate(self.records):
            if record.before is not None and record.after is not None:
                painter.setPen(QPen(muted, 1.5))
                painter.drawLine(self.point(index, record.before.distress),
                                 self.point(index, record.after.distress))
            if record.before is not None:
                painter.setPen(QPen(before, 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(self.point(index, record.before.distress), 5, 5)
            if record.after is not None:
                painter.setPen(QPen(after, 2))
                painter.setBrush(after)
                painter.drawEllipse(self.point(index, record.after.distress), 5, 5)
        painter.end()


def table(headers: list[str], rows: list[list[str]], name: str) -> QTableWidget:
    widget = QTableWidget(len(rows), len(headers))
    widget.setHorizontalHeaderLabels(headers)
    widget.setAccessibleName(name)
    widget.verticalHeader().setVisible(False)
    widget.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            widget.setItem(r, c, QTableWidgetItem(value))
    widget.resizeColumnsToContents()
    widget.horizontalHeader().setStretchLastSection(True)
    return widget


class ProgressPage(BasePage):
    """delete_requested(entry ids) when the person deletes one session or all of them."""

    page_id = "progress"
    delete_requested = Signal(list)
    open_requested = Signal(str)  # the empty state's way forward: a page id

    def __init__(self, load: Callable[[], list[SessionRecord] | None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._load = load
        self.records: list[SessionRecord] = []
        layout = page_layout(self, _("Progress"), _("How your quiet sessions went, in your own "
                             "words and numbers. Kept only in your encrypted journal."))
        self._empty_target = "journal"
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.empty, empty = card()  # with nothing to show: one sentence and one way forward
        self.empty_text = QLabel()
        self.empty_text.setWordWrap(True)
        self.empty_button = QPushButton()
        self.empty_button.setProperty("role", "primary")
        self.empty_button.clicked.connect(lambda: self.open_requested.emit(self._empty_target))
        empty.addWidget(self.empty_text)
        empty.addWidget(self.empty_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.empty)
        self.chart = BeforeAfterChartWidget()
        layout.addWidget(self.chart)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.buttons = QWidget()
        buttons = QHBoxLayout(self.buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(layout.spacing())  # as the page's own rows
        self.delete_one = QPushButton(_("Delete the chosen session"))
        self.delete_all = QPushButton(_("Delete all sessions…"))
        self.delete_all.setProperty("role", "danger")
        buttons.addStretch(1)
        buttons.addWidget(self.delete_one)
        buttons.addWidget(self.delete_all)
        layout.addWidget(self.buttons)
        self.spacer = QWidget()  # keeps the empty card at the top
        layout.addWidget(self.spacer, 1)
        self.delete_one.clicked.connect(self._delete_chosen)
        self.delete_all.clicked.connect(self._ask_delete_all)
        self.box: QMessageBox | None = None
        self.refresh()

    def refresh(self) -> None:
        loaded = self._load()
        self.tabs.clear()
        if loaded is None:
            self.records = []
            self._show_empty(_("Your progress lives in your encrypted journal, so only you can see "
                             "it. Open the journal (or create one) and it appears here."),
                             _("Open the Journal page"), "journal")
            self.chart.set_records([])
            self._enable(False)
            return
        self.records = loaded
        if not loaded:
            self._show_empty(_("No quiet sessions yet. After one, how you felt before and after "
                             "shows here, with what helped most."), _("Begin a quiet session"),
                             "session")
            self._enable(False)
            return
        self._show_empty(None)
        self.status.setText(ngettext(
            "{count} session, {value} minutes in all. Lavender rings: before. Teal dots: after.",
            "{count} sessions, {value} minutes in all. Lavender rings: before. Teal dots: after.",
            len(loaded)).format(count=len(loaded), value=decimal(total_minutes(loaded))))
        self.chart.set_records(loaded)

        def rating(check) -> str:
            return _("none") if check is None else str(check.distress)

        self.sessions_table = table(
            [_("Date"), _("Session"), _("Minutes"), _("Before"), _("After"), _("Later")],
            [[day_and_time(r.started.astimezone(), with_date=True), r.flow_title, f"{r.minutes:.0f}",
              rating(r.before), rating(r.after), rating(r.later)] for r in reversed(loaded)],
            _("Each session"))
        weeks = table([_("Week"), _("Sessions"), _("Minutes"), _("Median before"), _("Median after")],
                      [[w.label, str(w.sessions), decimal(w.minutes),
                        _("none") if w.before_median is None else decimal(w.before_median),
                        _("none") if w.after_median is None else decimal(w.after_median)]
                       for w in reversed(weekly(loaded))], _("Each week"))
        eased = table([_("Exercise"), _("Sessions"), _("Average easing (distress points)")],
                      [[e.exercise, str(e.sessions),
                        ("+" if e.average_easing > 0 else "") + decimal(e.average_easing)]
                       for e in easing_by_exercise(loaded)], _("What helped most"))
        self.tabs.addTab(self.sessions_table, _("Sessions"))
        self.tabs.addTab(weeks, _("Weeks"))
        self.tabs.addTab(eased, _("What helped"))
        self._enable(bool(loaded))

    def _show_empty(self, text: str | None, action: str = "", target: str = "") -> None:
        """An empty state instead of an empty chart and empty tables (text None: data shows)."""
        empty = text is not None
        self.empty.setVisible(empty)
        self.spacer.setVisible(empty)
        self.status.setVisible(not empty)
        for widget in (self.chart, self.tabs, self.buttons):
            widget.setVisible(not empty)
        if text is not None:
            self.empty_text.setText(text)
            self.empty_button.setText(action)
            self._empty_target = target

    def _enable(self, on: bool) -> None:
        self.delete_one.setEnabled(on)
        self.delete_all.setEnabled(on)

    def _delete_chosen(self) -> None:
        row = self.sessions_table.currentRow() if self.tabs.count() else -1
        if row < 0:
            return
        record = list(reversed(self.records))[row]
        self.delete_requested.emit([i for i in (record.entry_id, record.later_entry_id) if i])

    def _ask_delete_all(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, _("Delete all sessions?"),
                          _("This removes every quiet-session record from your journal. Your "
                          "journal entries stay."), QMessageBox.StandardButton.Cancel, self)
        go = box.addButton(_("Delete all sessions"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        def answered(_result: int) -> None:
            if box.clickedButton() is go:
                self.delete_requested.emit([i for r in self.records
                                            for i in (r.entry_id, r.later_entry_id) if i])

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        self.box = box
        box.open()

    def set_palette(self, palette: Palette) -> None:
        self.chart.palette_tokens = palette
        self.chart.update()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()
