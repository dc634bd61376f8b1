"""Colour tokens for the Evening (dark) and Morning (light) palettes, and the app stylesheet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from companion.resources import asset

W = TypeVar("W", bound=QWidget)


@dataclass(frozen=True)
class Palette:
    """Named colours; every text colour keeps 4.5:1 or more against the surfaces it sits on."""

    name: str
    bg: str
    surface: str
    raised: str
    text: str
    muted: str
    teal: str
    lavender: str
    blue: str
    focus: str
    warning: str
    on_accent: str
    quiet: str  # the dimmed background of quiet mode


EVENING = Palette("evening", bg="#11151c", surface="#19202b", raised="#222b38", text="#e4e9f0",
                  muted="#a3afbf", teal="#7cc6c4", lavender="#b7aee6", blue="#86a9d9",
                  focus="#f0d58c", warning="#e0b48a", on_accent="#11151c",
                  quiet="#07090d")
MORNING = Palette("morning", bg="#f3f5f7", surface="#ffffff", raised="#e8ecf1", text="#1d2631",
                  muted="#4f5d6e", teal="#287370", lavender="#5f56a0", blue="#3a629a",
                  focus="#8a5a00", warning="#8c4a1c", on_accent="#ffffff",
                  quiet="#d9dee5")


def relative_luminance(hex_colour: str) -> float:
    """WCAG relative luminance of an sRGB colour such as '#11151c'."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def system_is_dark() -> bool:
    """Whether the desktop asks for a dark scheme; unknown counts as dark (a calm night default)."""
    scheme = QGuiApplication.styleHints().colorScheme()
    return scheme != Qt.ColorScheme.Light


STANDARD_POINTS = 13  # the standard text size; layouts that grow with the text scale from it

# One type scale: every text is the body size times one of these steps.
TYPE_BODY = 1.0
TYPE_HEADING = 1.25  # a card's or a section's heading; the journal's recovery code
TYPE_WORDS = 1.6  # the words a guided relaxation speaks, shown large
TYPE_TITLE = 1.8  # a page's title and the breath's phase in a session

# One spacing grid: every margin and gap is a multiple of GRID pixels. Every layout on a widget
# says its margins and gap (GAP where nothing else is meant): the style's defaults (9 px margins,
# 6 px gaps in Fusion, others elsewhere) are never used. A proxy style that put them on the grid
# cost 40 M instructions before the first paint (PySide6 wrapped every widget it was asked about).
GRID = 4
GAP = 8  # between controls in a row or a column, unless a layout says otherwise
PAGE_SIDE, PAGE_TOP = 40, 32  # round every page's content: each title sits at the same place


def buttons_on_grid(box: W) -> W:
    """A dialog's button box (QDialogButtonBox) with GAP between its buttons, not the style's
    default gap; returns it."""
    layout = box.layout()
    if layout is not None:
        layout.setSpacing(GAP)
    return box


# The help button's own stylesheet in the folded sidebar, where its words are short ("Help"): set
# on the button itself, which restyles that button alone.
RAIL_HELP_STYLE = "QPushButton { padding: 8px 4px; }"


def page_margins(bottom: int = PAGE_TOP) -> tuple[int, int, int, int]:
    """A page's margins: the same sides and top everywhere; the bottom as the page needs."""
    return (PAGE_SIDE, PAGE_TOP, PAGE_SIDE, bottom)


def type_points(text_size: float, step: float) -> int:
    """The point size of a step of the type scale over this body size."""
    return round(text_size * step)


def text_scale(widget: QWidget) -> float:
    """How much larger than the standard text this widget's text is (1.0 at 13 pt)."""
    return widget.font().pointSizeF() / STANDARD_POINTS


def palette_for(appearance: str) -> Palette:
    """The palette for a setting of 'system', 'dark' or 'light'."""
    if appearance == "dark":
        return EVENING
    if appearance == "light":
        return MORNING
    return EVENING if system_is_dark() else MORNING


def apply_theme(app: QApplication, palette: Palette, text_size: int) -> None:
    """Set the application's palette, base font size and stylesheet."""
    qp = QPalette()
    roles = {
        QPalette.ColorRole.Window: palette.bg, QPalette.ColorRole.WindowText: palette.text,
        QPalette.ColorRole.Base: palette.surface, QPalette.ColorRole.AlternateBase: palette.raised,
        QPalette.ColorRole.Text: palette.text, QPalette.ColorRole.Button: palette.raised,
        QPalette.ColorRole.ButtonText: palette.text, QPalette.ColorRole.Highlight: palette.teal,
        QPalette.ColorRole.HighlightedText: palette.on_accent,
        QPalette.ColorRole.ToolTipBase: palette.raised, QPalette.ColorRole.ToolTipText: palette.text,
        QPalette.ColorRole.PlaceholderText: palette.muted, QPalette.ColorRole.Link: palette.blue,
    }
    for role, colour in roles.items():
        qp.setColor(role, QColor(colour))
    app.setPalette(qp)
    font = QFont(app.font())
    font.setPointSize(text_size)
    app.setFont(font)
    app.setStyleSheet(stylesheet(palette, text_size))
    app.setProperty("companion_palette", palette.name)


def stylesheet(p: Palette, text_size: int) -> str:
    """The app's Qt stylesheet for one palette and base text size."""
    big = type_points(text_size, TYPE_TITLE)
    medium = type_points(text_size, TYPE_HEADING)
    check = asset(f"icons/check-{p.name}.svg").as_posix()
    chevron = asset(f"icons/chevron-{p.name}.svg").as_posix()
    chevron_up = asset(f"icons/chevron-up-{p.name}.svg").as_posix()
    return f"""
    QWidget {{ color: {p.text}; background: {p.bg}; }}
    QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
    QDialog, QMessageBox {{ background: {p.surface}; }}
    QLabel {{ background: transparent; }}
    QLabel[role="title"] {{ font-size: {big}pt; font-weight: 300; }}
    QLabel[role="heading"] {{ font-size: {medium}pt; font-weight: 600; }}
    QLabel[role="muted"] {{ color: {p.muted}; }}
    QLabel#phaseLabel[large="true"] {{ font-size: {big}pt; font-weight: 500; }}
    QLabel[role="warning"] {{ color: {p.warning}; }}
    QLineEdit, QDoubleSpinBox {{ background: {p.raised}; border: 2px solid {p.raised};
        border-radius: 8px; padding: 6px 10px; }}
    QLineEdit:focus, QDoubleSpinBox:focus {{ border-color: {p.focus}; }}
    QPlainTextEdit {{ background: {p.surface}; border: 2px solid {p.raised};
        border-radius: 8px; padding: 4px 6px; }}
    QPlainTextEdit:focus {{ border-color: {p.focus}; }}
    QDoubleSpinBox::up-button, QDoubleSpinBox::down-button {{ border: none; width: 24px;
        background: transparent; }}
    QDoubleSpinBox::up-arrow {{ image: url({chevron_up}); width: 12px; height: 12px; }}
    QDoubleSpinBox::down-arrow {{ image: url({chevron}); width: 12px; height: 12px; }}
    QListWidget {{ background: {p.surface}; border: 2px solid {p.surface}; border-radius: 8px; }}
    QListWidget:focus {{ border-color: {p.focus}; }}
    QListWidget[role="choices"] {{ background: {p.raised}; border-color: {p.raised}; }}
    QListWidget[role="choices"]:focus {{ border-color: {p.focus}; }}
    QListWidget[role="choices"]::item {{ padding: 5px 8px; border-radius: 6px; }}
    QListWidget[role="choices"]::item:selected {{ background: {p.teal}; color: {p.on_accent}; }}
    QListWidget[role="choices"]:disabled {{ color: {p.muted}; }}
    QListWidget::indicator {{ width: 16px; height: 16px; border: 2px solid {p.muted};
        border-radius: 5px; background: {p.surface}; }}
    QListWidget::indicator:checked {{ background: {p.teal}; border-color: {p.teal};
        image: url({check}); }}
    QFrame[role="card"] {{ background: {p.surface}; border-radius: 14px; }}
    QFrame[role="card"] QLabel, QFrame[role="card"] QCheckBox, QFrame[role="card"] QSlider,
    QFrame[role="card"] QStackedWidget, QFrame[role="card"] .QWidget {{
        background: transparent; }}
    QFrame[role="notice"] {{ background: {p.raised}; border-left: 4px solid {p.warning};
        border-radius: 8px; }}
    QListWidget#sidebar {{ background: {p.surface}; border: none; padding: 12px 8px;
        outline: none; }}
    QListWidget#sidebar::item {{ padding: 10px 14px; border-radius: 10px; margin: 2px 0; }}
    QListWidget#sidebar::item:selected {{ background: {p.raised}; color: {p.text};
        border-left: 4px solid {p.teal}; border-top-left-radius: 0; border-bottom-left-radius: 0; }}
    QListWidget#sidebar::item:selected:focus {{ border: 2px solid {p.focus};
        border-left: 4px solid {p.focus}; }}
    QWidget#sidebarPanel {{ background: {p.surface}; }}
    QPushButton {{ background: {p.raised}; border: 2px solid {p.raised}; border-radius: 10px;
        padding: 8px 18px; }}
    QPushButton:hover {{ border-color: {p.blue}; }}
    QPushButton:focus {{ border: 2px solid {p.focus}; }}
    QPushButton[role="primary"] {{ background: {p.teal}; color: {p.on_accent};
        border-color: {p.teal}; }}
    QPushButton[role="primary"]:focus {{ border-color: {p.focus}; }}
    QPushButton:checked {{ background: {p.surface}; border-color: {p.teal}; }}
    QPushButton:checked:focus {{ border-color: {p.focus}; }}
    QPushButton[role="tile"] {{ padding: 8px 10px; }}
    QPushButton[role="tile"]:checked {{ background: {p.teal}; color: {p.on_accent};
        border-color: {p.teal}; }}
    QPushButton[role="tile"]:checked:focus {{ border-color: {p.focus}; }}
    QWidget#breathePage[quiet="true"] {{ background: {p.quiet}; }}
    QPushButton[role="help"] {{ background: transparent; color: {p.lavender};
        border: 2px solid {p.lavender}; }}
    QPushButton[role="help"]:focus {{ border-color: {p.focus}; }}
    QPushButton[role="danger"] {{ color: {p.warning}; }}
    QPushButton[role="danger"]:focus {{ border-color: {p.focus}; }}
    QComboBox {{ background: {p.raised}; border: 2px solid {p.raised};
        border-radius: 8px; padding: 6px 10px; min-height: 1.4em; }}
    QComboBox:focus {{ border-color: {p.focus}; }}
    QComboBox::drop-down {{ border: none; width: 28px; }}
    QComboBox::down-arrow {{ image: url({chevron}); width: 14px; height: 14px; }}
    QComboBox QAbstractItemView {{ background: {p.surface}; selection-background-color: {p.teal};
        selection-color: {p.on_accent}; }}
    QCheckBox {{ spacing: 10px; padding: 4px; border: 2px solid transparent; border-radius: 6px; }}
    QCheckBox:focus {{ border-color: {p.focus}; }}
    QCheckBox::indicator {{ width: 18px; height: 18px; border: 2px solid {p.muted};
        border-radius: 5px; background: {p.surface}; }}
    QCheckBox::indicator:checked {{ background: {p.teal}; border-color: {p.teal};
        image: url({check}); }}
    QSlider {{ padding: 4px; border: 2px solid transparent; border-radius: 6px; }}
    QSlider:focus {{ border-color: {p.focus}; }}
    QSlider::groove:horizontal {{ height: 6px; background: {p.raised}; border-radius: 3px; }}
    QSlider::sub-page:horizontal {{ background: {p.blue}; border-radius: 3px; }}
    QSlider::handle:horizontal {{ background: {p.teal}; width: 18px; margin: -7px 0;
        border-radius: 9px; }}
    QScrollArea {{ border: none; }}
    QScrollBar:vertical {{ background: transparent; width: 12px; margin: 4px 2px; }}
    QScrollBar::handle:vertical {{ background: {p.raised}; border-radius: 4px; min-height: 40px; }}
    QScrollBar::handle:vertical:hover {{ background: {p.muted}; }}
    QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; }}
    QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
    QToolTip {{ background: {p.raised}; color: {p.text}; border: 1px solid {p.muted}; }}
    QPushButton:disabled, QPushButton[role="primary"]:disabled, QComboBox:disabled {{
        background: transparent; color: {p.muted}; border: 2px solid {p.raised}; }}
    QCheckBox:disabled {{ color: {p.muted}; }}
    QSlider::handle:horizontal:disabled {{ background: {p.muted}; }}
    QSlider::sub-page:horizontal:disabled {{ background: {p.raised}; }}
    QListWidget, QPushButton, QCheckBox, QComboBox, QSlider {{ outline: none; }}
    """
