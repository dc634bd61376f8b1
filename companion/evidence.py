"""'What the evidence says': short, honest sections with their sources, from assets/help."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

from companion.resources import asset


@dataclass(frozen=True)
class EvidenceSection:
    title: str
    text: str
    sources: tuple[str, ...]


def load_evidence() -> list[EvidenceSection]:
    doc = tomllib.loads(asset("help/evidence.toml").read_text(encoding="utf-8"))
    return [EvidenceSection(str(s["title"]), str(s["text"]), tuple(s.get("sources", ())))
            for s in doc["section"]]
