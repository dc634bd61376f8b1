"""Qt's own words (standard buttons, dialogs, context menus) in the language Companion speaks,
from the qtbase translations PySide6 ships; numbers and dates in Qt widgets follow it too."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from companion.i18n import PSEUDO, SOURCE

log = logging.getLogger(__name__)


def apply_locale(code: str) -> None:
    """Day and month names follow the app's language, not the system's (English as in Britain:
    the day before the month, a 24-hour clock)."""
    QLocale.setDefault(QLocale("en_GB" if code in (SOURCE, PSEUDO) else code))


def install_qt_translations(qapp: QApplication, code: str) -> bool:
    """Load qtbase_<code> for the app; True when Qt has words for that language."""
    apply_locale(code)
    if code in (SOURCE, PSEUDO):
        return True
    translator = QTranslator(qapp)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{code}", folder):
        log.info("no Qt translations for %s in %s", code, folder)
        return False
    qapp.installTranslator(translator)
    return True
