"""The main window: a sidebar of pages, the page stack, notices, and the always-there help button."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion import APP_TITLE
from companion.i18n import _
from companion.pages import PAGES, page_info
from companion.ui.shell.base_page import BasePage
from companion.ui.shell.focus import keyboard_focus_only
from companion.ui.shell.icons import page_icon
from companion.ui.shell.notice_widget import NoticeWidget
from companion.ui.shell.theme import GAP, RAIL_HELP_STYLE, Palette, text_scale

if TYPE_CHECKING:
    from companion.ui.shell.help_dialog import HelpDialog

PageFactory = Callable[[], BasePage]
NOTICE_MARGINS = (24, 16, 24, 0)
SIDEBAR_WIDTH = 220  # at the standard text size; it grows with the text
RAIL_WIDTH = 88  # the sidebar folded to its icons, at the standard text size
PAGE_ROOM = 600  # a page needs this much width (at 13 pt) beside the sidebar, or it folds
ICON_SIZE = 22  # a page's icon in the sidebar, at the standard text size
HELP_PADDING = 2 * 18 + 2 * 2 + 8  # the stylesheet's padding and border round a button's words


class PageScroll(QScrollArea):
    """A page as wide as the window and as tall as the window, unless its controls need more
    height (a small window, a large text size): then it scrolls down instead of squeezing them
    over each other. Never wider than the window: no sideways scrolling."""

    def __init__(self, page: BasePage):
        super().__init__()
        # The viewport is made here, so Python knows it: asking Qt for the one it makes would have
        # PySide6 search every widget class for its wrapper. Set up as QScrollArea sets up its own.
        viewport = QWidget()
        viewport.setObjectName("qt_scrollarea_viewport")
        viewport.setAutoFillBackground(True)
        viewport.setBackgroundRole(QPalette.ColorRole.NoRole)
        self.setViewport(viewport)
        self.setObjectName(f"{page.page_id}Scroll")
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(page)
        page.installEventFilter(self)  # its layout asking for room fits it again

    def fit(self) -> None:
        page = self.widget()
        if page is None:
            return
        room = self.viewport().size()
        layout = page.layout()
        need = page.minimumSizeHint().height()
        if layout is not None and layout.hasHeightForWidth():  # wrapped words need more lines
            need = max(need, layout.totalMinimumHeightForWidth(room.width()))
        page.resize(room.width(), max(room.height(), need))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.fit()
        return False


class Sidebar(QListWidget):
    """The list of pages. Typing a letter here never switches pages (a list's usual type-ahead
    would, and a person typing a passphrase into the wrong place would be thrown elsewhere)."""

    def keyboardSearch(self, search: str) -> None:
        pass


class MainWindow(QMainWindow):
    """Owns navigation; pages own their content and are built the first time they are shown,
    so start-up pays only for the first page. Closing asks close_handler what to do."""

    first_paint = Signal()

    def __init__(self, factories: dict[str, PageFactory] | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(APP_TITLE)
        self.setMinimumSize(640, 480)
        self.close_handler: Callable[[], bool] = lambda: True  # True: really close
        self._painted = False
        self._factories = dict(factories or {})
        self._pages: dict[str, BasePage] = {}
        self._scrolls: dict[str, PageScroll] = {}  # each page in its scroll area
        self._current = PAGES[0].id
        self.help_dialog: HelpDialog | None = None
        self._was_maximized = False  # the window's state before quiet mode
        self.quiet = False
        self.session_view = False  # a session has the whole window
        self._session_views: set[str] = set()  # which sessions are running
        self.sidebar_mode = "full"  # "full" (icons and names), "rail" (icons) or "menu"

        self.sidebar = Sidebar()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName(_("Pages"))
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        for info in PAGES:
            item = QListWidgetItem(info.title)
            # Selectable only: a list item is checkable by default, and Space would tick it.
            item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, info.title)  # also as icons only
            item.setToolTip(info.summary)
            self.sidebar.addItem(item)
        self.sidebar.currentRowChanged.connect(self._on_row_changed)

        self.brand = brand = QLabel(APP_TITLE)
        brand.setProperty("role", "heading")
        brand.setContentsMargins(16, 20, 0, 4)
        self.help_button = QPushButton(_("Need help now?"))
        self.help_button.setProperty("role", "help")
        self.help_button.setAccessibleName(_("Need help now? Show helplines"))
        self.help_button.setToolTip(_("Helplines and emergency numbers (F1)"))
        self.help_button.clicked.connect(self.show_help)
        panel = QWidget()
        self.sidebar_panel = panel
        panel.setObjectName("sidebarPanel")
        panel.setFixedWidth(SIDEBAR_WIDTH)
        side = QVBoxLayout(panel)
        side.setContentsMargins(8, 8, 8, 16)
        side.setSpacing(GAP)
        side.addWidget(brand)
        side.addWidget(self.sidebar, 1)
        side.addWidget(self.help_button)

        self.compact_bar = self._build_compact_bar()
        self.notices = QVBoxLayout()
        self.notices.setContentsMargins(*NOTICE_MARGINS)
        content = QVBoxLayout()
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(0)
        content.addWidget(self.compact_bar)
        content.addLayout(self.notices)
        content.addWidget(self.stack, 1)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(panel)
        row.addLayout(content, 1)
        self.setCentralWidget(central)
        keyboard_focus_only(panel)
        keyboard_focus_only(self.compact_bar)
        central.installEventFilter(self)  # the first paint of the content marks "window shown"

        for index in range(min(len(PAGES), 9)):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self)
            shortcut.activated.connect(lambda i=index: self.sidebar.setCurrentRow(i))
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self).activated.connect(self.stop_all)
        QShortcut(QKeySequence(Qt.Key.Key_F1), self).activated.connect(self.show_help)

    def _build_compact_bar(self) -> QWidget:
        """What the sidebar folds into where the window is narrow (or the text large): a Pages
        menu naming the page shown, and Need help now?, always one click away."""
        bar = QWidget()
        bar.setObjectName("compactBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(24, 12, 24, 0)
        row.setSpacing(GAP)
        self.pages_button = QPushButton(PAGES[0].title)
        self.pages_button.setAccessibleName(_("Pages"))
        menu = QMenu(self.pages_button)
        for index, info in enumerate(PAGES):
            action = menu.addAction(info.title)
            action.triggered.connect(lambda _c=False, i=index: self.sidebar.setCurrentRow(i))
        self.pages_button.setMenu(menu)
        self.compact_help = QPushButton(_("Need help now?"))
        self.compact_help.setProperty("role", "help")
        self.compact_help.setAccessibleName(_("Need help now? Show helplines"))
        self.compact_help.clicked.connect(self.show_help)
        row.addWidget(self.pages_button)
        row.addStretch(1)
        row.addWidget(self.compact_help)
        bar.hide()
        return bar

    def set_session_view(self, on: bool, source: str = "session") -> None:
        """While a session runs (a quiet session's steps, a breathing session, a relaxation),
        it has the whole window: the sidebar and the Pages menu fold away; the page keeps Need
        help now? in reach. Several may overlap (a quiet session's breathing step): the sidebar
        comes back when the last one ends."""
        if on:
            self._session_views.add(source)
        else:
            self._session_views.discard(source)
        self.session_view = bool(self._session_views)
        self.fold_sidebar()

    def fold_sidebar(self) -> None:
        """The sidebar with names where the page keeps its room beside it; folded to its icons
        (names for screen readers and in tooltips) where only that leaves the room; else a Pages
        menu above the page. The room and the sidebar grow with the text size."""
        if self.quiet:
            return
        if self.session_view:
            self.sidebar_panel.hide()
            self.compact_bar.hide()
            return
        scale = text_scale(self)
        room = PAGE_ROOM * scale
        full, rail = (max(width, round(width * scale)) for width in (SIDEBAR_WIDTH, RAIL_WIDTH))
        full = max(full, self._help_width())  # a longer language's "Need help now?" is never cut
        if self.width() - full >= room:
            mode = "full"
        elif self.width() - rail >= room:
            mode = "rail"
        else:
            mode = "menu"
        self._set_sidebar_mode(mode, full if mode == "full" else rail)

    def _help_width(self) -> int:
        """The sidebar's width that shows the full help button's words with its padding."""
        words = self.help_button.fontMetrics().horizontalAdvance(_("Need help now?"))
        return words + HELP_PADDING + 16  # the button's padding and border; the panel's margins

    def _set_sidebar_mode(self, mode: str, width: int) -> None:
        self.sidebar_panel.setVisible(mode != "menu")
        self.compact_bar.setVisible(mode == "menu")
        self.sidebar_panel.setFixedWidth(width)
        size = round(ICON_SIZE * text_scale(self))
        self.sidebar.setIconSize(QSize(size, size))
        if mode == self.sidebar_mode:
            return
        self.sidebar_mode = mode
        rail = mode == "rail"
        self.brand.setVisible(not rail)
        self.help_button.setText(_("Help") if rail else _("Need help now?"))
        # Its own stylesheet restyles the button alone (a changed property would need the style
        # asked to polish it again, which costs PySide6 the whole QStyle class at start-up).
        self.help_button.setStyleSheet(RAIL_HELP_STYLE if rail else "")
        for row, info in enumerate(PAGES):
            item = self.sidebar.item(row)
            item.setText("" if rail else info.title)
            item.setToolTip(_("{title}: {summary}").format(title=info.title, summary=info.summary)
                            if rail else info.summary)

    def set_palette(self, palette: Palette) -> None:
        """Draw the pages' icons in the look's colours."""
        for row, info in enumerate(PAGES):
            self.sidebar.item(row).setIcon(page_icon(info.id, palette.teal))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fold_sidebar()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fold_sidebar()

    def set_factory(self, page_id: str, factory: PageFactory) -> None:
        """How to build a page, the first time it is shown."""
        self._factories[page_id] = factory

    def page(self, page_id: str) -> BasePage:
        """The page widget with this id, built now if it was not yet."""
        page = self._pages.get(page_id)
        if page is None:
            page = self._factories[page_id]()
            keyboard_focus_only(page)
            self._pages[page_id] = page
            self._scrolls[page_id] = PageScroll(page)
            self.stack.addWidget(self._scrolls[page_id])
        return page

    def built_pages(self) -> list[BasePage]:
        """The pages built so far (the others have nothing running)."""
        return list(self._pages.values())

    def current_page_id(self) -> str:
        return self._current

    def show_page(self, page_id: str, start: bool = False) -> None:
        """Switch to a page, and start its main action when asked."""
        page_info(page_id)  # raises for an unknown id
        row = [p.id for p in PAGES].index(page_id)
        if self.sidebar.currentRow() != row:
            self.sidebar.setCurrentRow(row)
        else:
            self._on_row_changed(row)
        if start:
            self.page(page_id).start_main_action()

    def _on_row_changed(self, row: int) -> None:
        if row < 0:
            return
        page_id = PAGES[row].id
        self.page(page_id)  # built the first time it is shown
        self.stack.setCurrentWidget(self._scrolls[page_id])
        self._current = page_id
        self.pages_button.setText(PAGES[row].title)
        self.pages_button.setAccessibleDescription(_("Now showing {title}").format(title=PAGES[row].title))

    def stop_all(self) -> None:
        """Esc: stop whatever runs, on every page."""
        for page in self.built_pages():
            page.stop()

    def show_help(self) -> None:
        """Open (or bring forward) the help dialog."""
        if self.help_dialog is None:
            from companion.ui.shell.help_dialog import HelpDialog

            self.help_dialog = HelpDialog(self)
        self.help_dialog.show()
        self.help_dialog.raise_()
        self.help_dialog.activateWindow()

    def add_notice(self, text: str) -> NoticeWidget:
        """Show a calm, dismissible message above the page."""
        notice = NoticeWidget(text)
        self.notices.addWidget(notice)
        notice.setVisible(not self.quiet)  # hidden only in quiet mode
        return notice

    def notice_texts(self) -> list[str]:
        """The messages currently shown (for tests and screen readers)."""
        return [notice.label.text() for notice in self.findChildren(NoticeWidget)
                if not notice.isHidden()]

    def set_quiet(self, quiet: bool) -> None:
        """Quiet mode: full screen with the sidebar and notices hidden."""
        self.quiet = quiet
        self.sidebar_panel.setVisible(not quiet)
        self.compact_bar.hide()
        margins = (0, 0, 0, 0) if quiet else NOTICE_MARGINS
        self.notices.setContentsMargins(*margins)
        for notice in self.findChildren(NoticeWidget):
            notice.setVisible(not quiet)
        if quiet:
            self._was_maximized = self.isMaximized()
            self.showFullScreen()
        elif self.isFullScreen():
            if self._was_maximized:
                self.showMaximized()
            else:
                self.showNormal()
        self.fold_sidebar()

    def bring_to_front(self) -> None:
        """Show, un-minimise and raise the window."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        focused = self.focusWidget()
        if focused is None or focused is self.sidebar:
            # The keyboard starts on the page, not in the sidebar: no ring before anyone
            # has used the keyboard, and Tab goes to the page's first control.
            self.page(self._current).setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched, event) -> bool:
        if not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            watched.removeEventFilter(self)
            self.first_paint.emit()
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.close_handler():
            event.accept()
        else:
            event.ignore()
            self.hide()
