"""The Journal page's widgets, laid out: the setup, recovery-key and locked views, and the open
journal (search and filters, actions, notices, the entry list and the editor). What they do is
wired by JournalPage (page.py), which builds on this."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.clock import Clock
from companion.i18n import _
from companion.journal.entry import MOODS, Entry
from companion.journal.prompts import Prompt
from companion.journal.vault import Conflict, Review
from companion.ui.journal.conflict import ConflictCardWidget
from companion.ui.journal.editor import EntryEditorWidget, GuidedWritingWidget
from companion.ui.journal.lock_views import LockedView, RecoveryKeyView, SetupView
from companion.ui.journal.review import ReviewCardWidget
from companion.ui.shell.base_page import BasePage, choice_list
from companion.ui.shell.checkin_widget import CheckInWidget
from companion.ui.shell.theme import GAP, page_margins
from companion.ui.shell.wording import day_and_time

PERIODS = ((_("Any time"), None), (_("Past 7 days"), 7), (_("Past 30 days"), 30), (_("Past year"), 365))


class JournalView(BasePage):
    """Every widget of the Journal page, with nothing connected yet."""

    def __init__(self, clock: Clock, folder: Path, prompts: list[Prompt],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._clock = clock
        outer = QVBoxLayout(self)
        outer.setContentsMargins(*page_margins(20))
        outer.setSpacing(GAP)
        heading = QLabel(_("Journal"))
        heading.setProperty("role", "title")
        heading.setObjectName("pageTitle")
        outer.addWidget(heading)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        self.setup_view = SetupView(str(folder))
        self.recovery_view = RecoveryKeyView()
        self.locked_view = LockedView()
        self.open_view = self._build_open_view(prompts)
        for view in (self.setup_view, self.recovery_view, self.locked_view, self.open_view):
            self.stack.addWidget(view)

    def _build_open_view(self, prompts: list[Prompt]) -> QWidget:
        view = QWidget()
        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        tools = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search your journal"))
        self.search.setAccessibleName(_("Search your journal"))
        self.search.setClearButtonEnabled(True)
        self.tag_filter = QComboBox()
        self.tag_filter.setAccessibleName(_("Show entries with this tag"))
        self.mood_filter = QComboBox()
        self.mood_filter.setAccessibleName(_("Show entries with this mood"))
        self.mood_filter.addItem(_("Any mood"), None)
        for value, mood_words in MOODS.items():
            self.mood_filter.addItem(_(mood_words).capitalize(), value)
        self.period_filter = QComboBox()
        self.period_filter.setAccessibleName(_("Show entries from this period"))
        for label, days in PERIODS:
            self.period_filter.addItem(label, days)
        self.new_button = QPushButton(_("New entry"))
        self.new_button.setProperty("role", "primary")
        self.guided_button = QPushButton(_("Guided writing"))
        self.lock_button = QPushButton(_("Lock"))
        self.lock_button.setAccessibleName(_("Lock the journal (Ctrl+L)"))
        tools.addWidget(self.search, 1)
        for combo in (self.tag_filter, self.mood_filter, self.period_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(9)
            combo.setMaximumWidth(140)
            tools.addWidget(combo, 0)
        layout.addLayout(tools)
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.guided_button)
        actions.addStretch(1)
        self.more_button = QPushButton(_("More…"))
        self.more_button.setAccessibleName(_("Passphrase, recovery key, export and import"))
        actions.addWidget(self.more_button)
        actions.addWidget(self.lock_button)
        layout.addLayout(actions)

        self.notice = QLabel()
        self.notice.setProperty("role", "warning")
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout.addWidget(self.notice)
        self.undo_row = QWidget()
        undo = QHBoxLayout(self.undo_row)
        undo.setContentsMargins(0, 0, 0, 0)
        undo.setSpacing(GAP)
        self.undo_label = QLabel()
        self.undo_button = QPushButton(_("Undo"))
        undo.addWidget(self.undo_label, 1)
        undo.addWidget(self.undo_button)
        self.undo_row.hide()
        layout.addWidget(self.undo_row)
        self.conflict_card = ConflictCardWidget()
        layout.addWidget(self.conflict_card)
        self.guided_checkin = CheckInWidget()
        self.guided_checkin.hide()
        layout.addWidget(self.guided_checkin)
        self.review_card = ReviewCardWidget()
        layout.addWidget(self.review_card)

        split = QSplitter()
        self.entry_list = choice_list(_("Journal entries"))
        self.entry_list.setMinimumWidth(210)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(12, 0, 0, 0)
        column.setSpacing(GAP)
        self.guided = GuidedWritingWidget(self._clock, prompts)
        self.editor = EntryEditorWidget()
        status = QHBoxLayout()
        self.status = QLabel(" ")
        self.status.setProperty("role", "muted")
        self.delete_button = QPushButton(_("Delete entry"))
        status.addWidget(self.status, 1)
        status.addWidget(self.delete_button)
        column.addWidget(self.guided)
        column.addWidget(self.editor, 1)
        column.addLayout(status)
        entries_side = QWidget()  # the list, or a word about why it is empty
        side = QVBoxLayout(entries_side)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(0)
        self.list_empty = QLabel()
        self.list_empty.setWordWrap(True)
        self.list_empty.setProperty("role", "muted")
        self.list_empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.list_empty.setMinimumWidth(210)
        self.list_empty.hide()
        side.addWidget(self.entry_list)
        side.addWidget(self.list_empty)
        split.addWidget(entries_side)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)
        return view

    # --- showing ----------------------------------------------------------------------------------

    def fill_list(self, entries: list[Entry], keep: str | None, any_writing: bool) -> None:
        """The entries in the list (keeping one selected), or a word about why it is empty."""
        self.entry_list.blockSignals(True)
        self.entry_list.clear()
        for entry in entries:
            item = QListWidgetItem(item_text(entry))
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.entry_list.addItem(item)
            if entry.id == keep:
                self.entry_list.setCurrentItem(item)
        self.entry_list.blockSignals(False)
        empty = self.entry_list.count() == 0
        self.entry_list.setVisible(not empty)
        self.list_empty.setVisible(empty)
        if empty:
            self.list_empty.setText(
                _("No entry matches the search or the filters.") if any_writing else
                _("Nothing written yet. New entry starts a page; Guided writing offers a prompt "
                "and fifteen quiet minutes."))

    def retitle_item(self, entry: Entry) -> bool:
        """Update an entry's line in the list; False when it is not listed."""
        for row in range(self.entry_list.count()):
            item = self.entry_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == entry.id:
                item.setText(item_text(entry))
                return True
        return False

    def show_tags(self, tags: list[str]) -> None:
        """The tag filter's choices, keeping the one chosen."""
        current = self.tag_filter.currentData()
        self.tag_filter.clear()
        self.tag_filter.addItem(_("Any tag"), None)
        for tag in tags:
            self.tag_filter.addItem(_("#{tag}").format(tag=tag), tag)
        self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findData(current)))

    def show_problems(self, problems: list[str], reviews: list[Review],
                      conflicts: list[Conflict]) -> None:
        """Files that could not be opened, then the first thing to review and the first conflict."""
        if problems:
            self.notice.setText(_("Some files in your journal could not be opened and are left "
                                "as they are: ") + "; ".join(problems) + ".")
            self.notice.show()
        else:
            self.notice.hide()
        self.review_card.show_review(reviews[0] if reviews else None, len(reviews))
        self.conflict_card.show_conflict(conflicts[0] if conflicts else None)


def item_text(entry: Entry) -> str:
    """An entry's two lines in the list: its heading, then when it was written and its tags."""
    tags = "  " + " ".join(f"#{t}" for t in entry.tags) if entry.tags else ""
    return f"{entry.heading}\n{day_and_time(entry.created.astimezone(), with_year=True)}{tags}"
