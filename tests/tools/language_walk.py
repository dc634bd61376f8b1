"""Open every page of a fresh app in one language and list what a person would read on it.

Run: python tests/tools/language_walk.py LANGUAGE [WIDTH HEIGHT TEXT_SIZE]
Prints JSON: for each page, every visible label, button, check box, menu item, placeholder, tooltip
and accessible name (with the widget's class), and every one-line text cut off by its widget.
The language is installed before any page's module is imported, as `companion` does at start-up;
tests/ui/test_languages.py runs this in a subprocess for the pseudo-language, German and Spanish.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from companion.i18n import install

install(sys.argv[1])

from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from companion.clock import FakeClock  # noqa: E402
from companion.i18n import language  # noqa: E402
from companion.pages import PAGES  # noqa: E402
from companion.paths import resolve_paths  # noqa: E402
from companion.settings import Settings, SettingsStore  # noqa: E402


def texts_of(widget: QWidget) -> list[str]:
    """What a person (or a screen reader) reads on one widget."""
    found = [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
    if isinstance(widget, QLabel | QAbstractButton):
        found.append(widget.text())
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        found.append(widget.placeholderText())
    if isinstance(widget, QComboBox):
        found += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QListWidget):
        found += [widget.item(i).text() for i in range(widget.count())]
    return [text for text in found if text and any(c.isalpha() for c in text)]


def cut_off(widget: QWidget) -> bool:
    """A one-line button or label whose words are wider than the widget shows."""
    if isinstance(widget, QLabel) and (widget.wordWrap() or "<" in widget.text()):
        return False
    if not isinstance(widget, QLabel | QAbstractButton) or not widget.text():
        return False
    if isinstance(widget, QToolButton):  # an icon button: its words are for screen readers
        return False
    # A button's padding, or a check box's indicator and spacing, beside its words.
    room = widget.contentsRect().width() - (44 if isinstance(widget, QCheckBox) else
                                            24 if isinstance(widget, QAbstractButton) else 0)
    return widget.fontMetrics().horizontalAdvance(widget.text().replace("&", "")) > room + 1


def main() -> None:
    width, height, size = (int(a) for a in (sys.argv[2:5] if len(sys.argv) > 4
                                             else (960, 680, 13)))
    qapp = QApplication([])
    from companion.ui.app import CompanionApp
    from companion.ui.shell.qt_language import install_qt_translations

    install_qt_translations(qapp, language())
    paths = resolve_paths(Path(tempfile.mkdtemp()))
    clock = FakeClock(datetime(2026, 12, 2, 20, 0, tzinfo=ZoneInfo("UTC")))
    SettingsStore(paths.settings_file, clock).save(Settings(welcome_seen=True, text_size=size))
    app = CompanionApp(qapp, paths, clock, tray_enabled=False,
                       audio_opener=lambda: "No sound device in this walk.")
    app.show("home", start=False, background=False)
    app.window.resize(width, height)
    report: dict[str, dict[str, list]] = {}
    for info in PAGES:
        app.window.show_page(info.id)
        for _turn in range(5):
            qapp.processEvents()
        page = app.window.page(info.id)
        shown = [w for w in (page, *page.findChildren(QWidget)) if w.isVisibleTo(page)]
        report[info.id] = {
            "texts": sorted({f"{type(w).__name__}\t{t}" for w in shown for t in texts_of(w)}),
            "cut": sorted({f"{type(w).__name__}\t{w.text()}" for w in shown if cut_off(w)}),
        }
    window = [w for w in app.window.findChildren(QWidget)
              if w.isVisible() and not any(w is p or p.isAncestorOf(w)
                                           for p in app.window.built_pages())]
    report["window"] = {
        "texts": sorted({f"{type(w).__name__}\t{t}" for w in window for t in texts_of(w)}),
        "cut": sorted({f"{type(w).__name__}\t{w.text()}" for w in window if cut_off(w)}),
    }
    print(json.dumps(report, ensure_ascii=False, indent=1))
    app.quit()


if __name__ == "__main__":
    main()
