"""Languages: the catalogues match the code, the language follows the system in gettext's order
unless Settings names one, and plurals follow each language's own rules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import companion
from companion import i18n
from companion.settings import Settings, SettingsStore, chosen_language

PACKAGE = Path(companion.__file__).parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
TRANSLATED = ("de", "es")


def key(message, context) -> tuple:
    """A message as the catalogue knows it: its context, its singular (and plural)."""
    return (context, message) if isinstance(message, str) else (context, *message)


def extracted() -> set[tuple]:
    """Every message the code asks to translate, freshly extracted as `pybabel extract` does."""
    return {key(message, context) for _file, _line, message, _comments, context
            in extract_from_dir(PACKAGE, [("**.py", "python")], keywords=KEYWORDS)}


def catalogue(code: str):
    with (PACKAGE / "locale" / code / "LC_MESSAGES" / "companion.po").open("rb") as source:
        return read_po(source, locale=code)


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.install("en")


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_in_the_code_is_translated(code):
    """A fresh extraction against the .po file: nothing missing, nothing fuzzy, nothing left
    empty; a stale catalogue fails here."""
    messages = {key(m.id, m.context): m for m in catalogue(code) if m.id}
    missing = sorted(str(m) for m in extracted() if m not in messages)
    fuzzy = sorted(str(k) for k, m in messages.items() if m.fuzzy)
    empty = sorted(str(k) for k, m in messages.items()
                   if not (m.string if isinstance(m.string, str) else all(m.string)))
    assert (missing, fuzzy, empty) == ([], [], [])


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalogues_keep_no_message_the_code_no_longer_has(code):
    """Old entries are dropped when the English changes, so translators never polish dead text."""
    current = extracted()
    stale = sorted(str(k) for k in (key(m.id, m.context) for m in catalogue(code) if m.id)
                   if k not in current)
    assert stale == []


def test_no_translation_call_is_given_an_fstring_or_a_variable():
    """_() and ngettext() take the English itself, a string literal: the extractor cannot see
    inside an f-string or a variable (N_() marks such text where it is defined)."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("N_", "ngettext") and node.args):
                continue
            literals = node.args[:2] if node.func.id == "ngettext" else node.args[:1]
            if not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in literals):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []


def test_underscore_takes_a_literal_or_a_marked_constant():
    """_() is given a literal, or a name marked with N_() where it was defined: never an f-string."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "_" and node.args
                    and isinstance(node.args[0], ast.JoinedStr)):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []


def test_the_system_language_is_read_in_gettexts_order():
    """LANGUAGE first (a list; its first language Companion speaks wins), then LC_ALL,
    LC_MESSAGES, LANG; region and encoding do not matter; C means English."""
    assert i18n.system_languages({"LANGUAGE": "fr:es", "LANG": "de_DE.UTF-8"}) == ["fr", "es"]
    assert i18n.system_languages({"LC_ALL": "es_MX.UTF-8", "LANG": "de_DE.UTF-8"}) == ["es"]
    assert i18n.system_languages({"LC_MESSAGES": "de_AT", "LANG": "es_ES"}) == ["de"]
    assert i18n.system_languages({"LANGUAGE": "de", "LC_ALL": "C"}) == []
    assert i18n.resolve("system", {"LANGUAGE": "fr:es", "LANG": "fr_FR"}) == "es"
    assert i18n.resolve("system", {"LANG": "ja_JP.UTF-8"}) == "en"
    assert i18n.resolve("system", {}) == "en"


def test_a_choice_in_settings_wins_over_the_system():
    assert i18n.resolve("de", {"LANG": "es_ES.UTF-8"}) == "de"
    assert i18n.install("es", {"LANG": "de_DE.UTF-8"}) == "es"
    assert i18n._("Need help now?") == "¿Necesitas ayuda ahora?"


def test_settings_keep_the_language_and_read_it_before_anything_else(paths, tmp_path):
    """The language is saved with the other settings and read without loading them (a broken
    settings file simply means: follow the system)."""
    from companion.clock import FakeClock

    store = SettingsStore(paths.settings_file, FakeClock())
    store.save(Settings(language="de"))
    assert chosen_language(paths.settings_file) == "de"
    assert store.load().settings.language == "de"
    assert Settings(language="fr").validate() == ["language"]
    broken = tmp_path / "broken.toml"
    broken.write_text("[appearance\nlanguage = 'de'", encoding="utf-8")
    assert chosen_language(broken) == "system"


@pytest.mark.parametrize(("code", "one", "many"), [
    ("de", "1 Minute", "5 Minuten"), ("es", "1 minuto", "5 minutos"), ("en", "1 minute",
                                                                       "5 minutes")])
def test_plurals_follow_each_language(code, one, many):
    i18n.install(code)
    words = [i18n.ngettext("{count} minute", "{count} minutes", n).format(count=n) for n in (1, 5)]
    assert words == [one, many]


def test_a_missing_catalogue_falls_back_to_english(monkeypatch, tmp_path):
    """Should the compiled catalogue be missing, every message still reads, in English."""
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    assert i18n.install("de") == "en"
    assert i18n._("Need help now?") == "Need help now?"


def test_the_pseudo_language_brackets_and_lengthens_every_message():
    i18n.install(i18n.PSEUDO)
    shown = i18n._("Breathe")
    assert shown.startswith("⟦Breathe") and shown.endswith("⟧")
    assert len(i18n._("Need help now? Show helplines")) >= 1.4 * len("Need help now? Show helplines")
    assert "{count}" in i18n.ngettext("{count} minute", "{count} minutes", 2)
