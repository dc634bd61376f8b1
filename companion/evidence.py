"""'What the evidence says': short, honest sections with their sources, from assets/help."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

from companion.content_language import Localized, localize
from companion.resources import asset


@dataclass(frozen=True)
class EvidenceSection:
    title: str
    text: str
    sources: tuple[str, ...]


def parse_evidence(text: str, _name: str) -> list[EvidenceSection]:
    doc = tomllib.loads(text)
    return [EvidenceSection(str(s["title"]), str(s["text"]), tuple(s.get("sources", ())))
            for s in doc["section"]]


def _same_sources(english: object, translated: object) -> EvidenceSection | None:
    """The translated section, where it names the same sources (they are not translated)."""
    assert isinstance(english, EvidenceSection) and isinstance(translated, EvidenceSection)
    return translated if english.sources == translated.sources else None


EVIDENCE = Localized("help/evidence.toml", parse_evidence,
                     lambda section, index: f"section {index + 1}", _same_sources,
                     words=("title", "text"))


def load_english_evidence() -> list[EvidenceSection]:
    return parse_evidence(asset(EVIDENCE.name).read_text(encoding="utf-8"), "evidence.toml")


def load_evidence(code: str | None = None) -> list[EvidenceSection]:
    return localize(EVIDENCE, load_english_evidence(), code)
