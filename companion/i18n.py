"""The language a person reads Companion in: gettext catalogues for every word of the app, in the
domain and in the Qt skin alike (so the domain stays free of Qt).

Use `_("...")` wherever a person reads text, `ngettext(one, many, n)` for counts, and `N_("...")`
to mark text that is defined before a language is chosen (module-level tables) and translated
where it is shown. Never `_()` around an f-string: the extractor cannot see inside it; translate
the pattern and fill it in afterwards: `_("Breath {n} of {total}").format(n=..., total=...)`.

The language follows the system (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, in gettext's order) unless
Settings names one; it is chosen once at start-up. Catalogues are compiled from the .po files in
companion/locale by the build (see companion/locale/hatch_build.py)."""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "companion"
LOCALE_DIR = Path(__file__).parent / "locale"
# The languages Companion speaks, in their own words (as Settings offers them).
LANGUAGES: dict[str, str] = {"en": "English", "de": "Deutsch", "es": "Español"}
PSEUDO = "qps"  # a pseudo-language for tests: every string bracketed and 40 % longer
SOURCE = "en"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE


def _(message: str) -> str:
    """The message in the chosen language (the English itself where none is chosen)."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for n, in the chosen language's own plural rules."""
    return _translation.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """The message as meant in this context, where one English word has two meanings
    ('Close' a window; 'Close' the last step of a session)."""
    return _translation.pgettext(context, message)


def N_(message: str) -> str:
    """Mark a message for translation where it is defined; translate it with _() where shown."""
    return message


def language() -> str:
    """The language in use: 'en', 'de', 'es' (or the pseudo-language in tests)."""
    return _language


def system_languages(environ: Mapping[str, str] | None = None) -> list[str]:
    """The languages the system asks for, most wanted first, in gettext's order: LANGUAGE (a
    colon-separated list) unless the locale is C, then LC_ALL, LC_MESSAGES, LANG; codes such as
    'de_AT.UTF-8' become 'de'."""
    env = os.environ if environ is None else environ
    locale_name = ""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(variable):
            locale_name = env[variable]
            break
    wanted = []
    if env.get("LANGUAGE") and locale_name not in ("C", "POSIX"):
        wanted = env["LANGUAGE"].split(":")
    elif locale_name:
        wanted = [locale_name]
    codes = []
    for name in wanted:
        code = name.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
        if code and code not in codes and code not in ("c", "posix"):
            codes.append(code)
    return codes


def resolve(choice: str, environ: Mapping[str, str] | None = None) -> str:
    """The language to use for a Settings choice ('system' or a code): the first the system asks
    for that Companion speaks, else English."""
    if choice == PSEUDO or choice in LANGUAGES:
        return choice
    return next((code for code in system_languages(environ) if code in LANGUAGES), SOURCE)


class PseudoTranslations(gettext.NullTranslations):
    """Every message bracketed and lengthened by about 40 %, so a test can see any text that
    bypassed the catalogue and any layout that cannot take a longer language."""

    OPEN, CLOSE, PAD = "⟦", "⟧", "·"

    @classmethod
    def mark(cls, message: str) -> str:
        if not message.strip():
            return message
        padding = cls.PAD * max(1, round(len(message) * 0.4) - 2)
        return f"{cls.OPEN}{message}{padding}{cls.CLOSE}"

    def gettext(self, message: str) -> str:
        return self.mark(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.mark(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return self.mark(message)


def install(choice: str = "system", environ: Mapping[str, str] | None = None) -> str:
    """Load the catalogue for a Settings choice and return the language now in use. A missing
    or unreadable catalogue leaves English (every message still reads)."""
    global _translation, _language
    code = resolve(choice, environ)
    if code == PSEUDO:
        _translation = PseudoTranslations()
    elif code == SOURCE:
        _translation = gettext.NullTranslations()
    else:
        try:
            _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[code])
        except OSError:
            _translation, code = gettext.NullTranslations(), SOURCE
    _language = code
    return code
