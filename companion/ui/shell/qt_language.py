"""Qt's own words (standard buttons, dialogs, context menus) in the language Companion speaks,
from the qtbase translations PySide6 ships; numbers and dates in Qt widgets follow it too."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from companion.i18n import SOURCE

log = logging.getLogger(__name__)


def install_qt_translations(qapp: QApplication, code: str) -> bool:
    """Load qtbase_<code> for the app; True when Qt has words for that language."""
    if code == SOURCE:
        return True
    QLocale.setDefault(QLocale(code))
    translator = QTranslator(qapp)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{code}", folder):
        log.info("no Qt translations for %s in %s", code, folder)
        return False
    qapp.installTranslator(translator)
    return True
