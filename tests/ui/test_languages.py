"""Every page in the chosen language: no word bypasses the catalogue (the pseudo-language finds
any that does), German and Spanish fit the default window and the largest text, Qt's own buttons
speak the language, and the help dialog puts the person's country first, in their words."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from companion import APP_TITLE, i18n

WALK = Path(__file__).parents[1] / "tools" / "language_walk.py"


def walk(code: str, width: int = 960, height: int = 680, text_size: int = 13) -> dict:
    """Every page's words, as a fresh app in that language shows them (see the tool)."""
    done = subprocess.run([sys.executable, str(WALK), code, str(width), str(height),
                           str(text_size)], capture_output=True, text=True, timeout=120,
                          check=True)
    return json.loads(done.stdout)


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.install("en")


def test_every_word_on_every_page_goes_through_the_catalogue():
    """In the pseudo-language each message, and each name and text from the content files, is
    bracketed; anything unbracketed skipped its catalogue or its language's file. Allowed: each
    language's own name in the language menu, the app's name, the journal's folder (the person's
    own path) and the walk's own sound message."""
    allowed = set(i18n.LANGUAGES.values()) | {APP_TITLE}
    report = walk(i18n.PSEUDO)
    bypassed = {}
    for page, found in report.items():
        words = [entry.split("\t", 1)[1] for entry in found["texts"]]
        missed = [w for w in words if i18n.PseudoTranslations.OPEN not in w and w not in allowed
                  and not w.replace("\u200b", "").endswith("/journal")
                  and not w.startswith("No sound device")]
        if missed:
            bypassed[page] = missed
    assert bypassed == {}


@pytest.mark.parametrize("code", ["de", "es"])
@pytest.mark.parametrize("text_size", [13, 24])
def test_longer_languages_are_never_cut_off(code, text_size):
    """German and Spanish run longer than English: at the default window, with the standard and
    the largest text, no button, check box or one-line label is cut on any page."""
    report = walk(code, 960, 680, text_size)
    assert {page: found["cut"] for page, found in report.items() if found["cut"]} == {}


@pytest.mark.parametrize(("code", "help_words"), [("de", "Brauchst du jetzt Hilfe?"),
                                                  ("es", "¿Necesitas ayuda ahora?")])
def test_the_window_speaks_the_chosen_language(code, help_words):
    """The sidebar's page names and the help button come from the catalogue."""
    report = walk(code)
    window = [entry.split("\t", 1)[1] for entry in report["window"]["texts"]]
    assert help_words in window
    assert i18n.install(code) == code and i18n._("Journal") in window


PROGRAM = """
import sys
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from companion.ui.shell.qt_language import install_qt_translations
app = QApplication([])
print(install_qt_translations(app, sys.argv[1]))
box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
print(box.button(QDialogButtonBox.StandardButton.Close).text().replace("&", ""))
"""


@pytest.mark.parametrize(("code", "close"), [("de", "Schließen"), ("es", "Cerrar")])
def test_qts_own_buttons_speak_the_language(code, close):
    """Standard buttons (Close, Cancel…) come from the qtbase translations PySide6 ships."""
    done = subprocess.run([sys.executable, "-c", PROGRAM, code], capture_output=True,
                          text=True, timeout=60, check=True)
    assert done.stdout.split("\n")[:2] == ["True", close]


@pytest.mark.parametrize(("code", "locale_name", "first_line", "heading"), [
    ("de", "de_DE.UTF-8", "TelefonSeelsorge", "Wenn du in Gefahr bist"),
    ("es", "es_MX.UTF-8", "Línea de la Vida", "Si tú u otra persona estáis en peligro")])
def test_help_puts_the_countrys_lines_first_in_its_language(qtbot, code, locale_name,
                                                             first_line, heading):
    from companion.ui.shell.help_dialog import HelpDialog

    i18n.install(code)
    dialog = HelpDialog(locale_name=locale_name)
    qtbot.addWidget(dialog)
    text = dialog.body.text()
    assert heading in text
    first = text.index("<b>", text.index("</p>"))  # the first line after the opening words
    assert text[first + 3:].startswith(first_line)


DATES = """
import sys
from datetime import datetime
from PySide6.QtWidgets import QApplication
from companion.ui.shell.qt_language import install_qt_translations
from companion.ui.shell.wording import day_and_time, decimal
app = QApplication([])
install_qt_translations(app, sys.argv[1])
moment = datetime(2026, 12, 2, 21, 45)
print(day_and_time(moment))
print(day_and_time(moment, with_year=True))
print(decimal(5.5), decimal(6))
"""


@pytest.mark.parametrize(("code", "short", "long", "numbers"), [
    ("en", "Wed 21:45", "Wed 02 Dec 2026, 21:45", "5.5 6"),
    ("de", "Mi. 21:45", "Mi. 02 Dez. 2026, 21:45", "5,5 6"),
    ("es", "mié 21:45", "mié 02 dic 2026, 21:45", "5,5 6")])
def test_dates_and_numbers_are_written_in_the_language(code, short, long, numbers):
    """Reminders' next time and the journal's dates name the day and month in the app's
    language, whatever the system's locale (the clock is 24-hour in every language), and a
    number with a fraction takes the language's decimal mark (the breathing pace, progress)."""
    done = subprocess.run([sys.executable, "-c", DATES, code], capture_output=True, text=True,
                          timeout=60, check=True, env={**os.environ, "LANG": "C.UTF-8"})
    assert done.stdout.split("\n")[:3] == [short, long, numbers]
