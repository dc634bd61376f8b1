"""Crisis lines and emergency numbers for "Need help now?", ordered for the user's country."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from companion.content_language import Localized, localize, translated_path
from companion.i18n import PSEUDO, SOURCE, language
from companion.resources import asset


@dataclass(frozen=True)
class Helpline:
    """A support line a person can reach right now."""

    name: str
    regions: tuple[str, ...]
    how: str
    detail: str
    web: str
    source: str
    checked: date
    text: bool = False  # answers text messages, for someone too choked up to speak


@dataclass(frozen=True)
class EmergencyNumber:
    """An emergency services number and where it works."""

    number: str
    regions: tuple[str, ...]
    source: str
    checked: date


@dataclass(frozen=True)
class HelpDirectory:
    """All the help the app knows of, already ordered for one country."""

    lines: tuple[Helpline, ...]
    emergency: tuple[EmergencyNumber, ...]
    countries: dict[str, str] = field(default_factory=dict)  # code -> English name
    here: str = ""  # the country this directory is ordered for, '' when unknown

    def serving_here(self) -> tuple[Helpline, ...]:
        """The lines that serve the country it is ordered for."""
        return tuple(line for line in self.lines if self.here and self.here in line.regions)

    def emergency_here(self) -> EmergencyNumber:
        """The emergency number for this country, or the worldwide fallback."""
        return self.emergency[0]

    def where(self, regions: tuple[str, ...]) -> str:
        """The countries an entry serves, by name ('' for the worldwide entries)."""
        return ", ".join(self.countries.get(code, code) for code in regions)


def _line_words(text: str, _name: str) -> list[Helpline]:
    """A translated helplines file: each line's name and regions (to find the English one) and
    its words; its web address, source and date are the English file's."""
    doc = tomllib.loads(text)
    return [Helpline(name=e["name"], regions=tuple(e["regions"]), how=e["how"],
                     detail=e["detail"], web="", source="", checked=date.min)
            for e in doc.get("line", [])]


def _same_line(english: object, translated: object) -> Helpline | None:
    assert isinstance(english, Helpline) and isinstance(translated, Helpline)
    if english.regions != translated.regions:
        return None
    return replace(english, how=translated.how, detail=translated.detail)


LINES = Localized("help/helplines.toml", _line_words,
                  lambda line, _i: f"{line.name} ({', '.join(line.regions) or 'anywhere'})",
                  _same_line,
                  words=("how", "detail"))


def load_directory(path: Path | None = None, code: str | None = None) -> HelpDirectory:
    """Read the bundled helplines file, with each line's words and the countries' names in the
    app's language where a translation is there (names, numbers and addresses stay as they are)."""
    english = _read_directory(path or asset(LINES.name))
    if path is not None:
        return english
    code = code or language()
    lines = tuple(localize(LINES, list(english.lines), code))
    countries = dict(english.countries)
    translated = translated_path(LINES.name, code)
    if code not in (SOURCE, PSEUDO) and translated.is_file():
        try:
            names = tomllib.loads(translated.read_text(encoding="utf-8")).get("countries", {})
            countries.update({k: str(v) for k, v in names.items() if k in countries})
        except (OSError, tomllib.TOMLDecodeError):
            pass  # localize() has logged the file's trouble; English names are kept
    return replace(english, lines=lines, countries=countries)


def _read_directory(source: Path) -> HelpDirectory:
    doc = tomllib.loads(source.read_text(encoding="utf-8"))
    lines = tuple(Helpline(name=e["name"], regions=tuple(e["regions"]), how=e["how"],
                           detail=e["detail"], web=e["web"], source=e["source"],
                           checked=e["checked"], text=e.get("text", False))
                  for e in doc["line"])
    emergency = tuple(EmergencyNumber(number=e["number"], regions=tuple(e["regions"]),
                                      source=e["source"], checked=e["checked"])
                      for e in doc["emergency"])
    return HelpDirectory(lines, emergency, dict(doc.get("countries", {})))


def country_of(locale_name: str) -> str:
    """The country part of a locale name such as 'en_GB.UTF-8' or 'en-IE', upper-cased, or ''."""
    base = locale_name.split(".")[0].split("@")[0].replace("-", "_")
    parts = base.split("_")
    return parts[-1].upper() if len(parts) > 1 else ""


def ordered_for(directory: HelpDirectory, country: str) -> HelpDirectory:
    """Lines serving the country first, then the others in their stored order; the same for numbers."""
    country = country.upper()

    def rank(regions: tuple[str, ...]) -> int:
        if country and country in regions:
            return 0
        return 2 if regions else 1  # the worldwide entry ranks above other countries' lines

    return replace(
        directory,
        lines=tuple(sorted(directory.lines, key=lambda line: rank(line.regions))),
        emergency=tuple(sorted(directory.emergency, key=lambda num: rank(num.regions))),
        here=country,
    )
