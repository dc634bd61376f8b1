"""A journal record and its plaintext form: a small header (format, id, kind, times, title, tags,
mood and a MAC over all of it and the text), a blank line, then the Markdown."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from companion.i18n import N_

if TYPE_CHECKING:  # the keys (and pyrage) load with the journal, not with session history
    from companion.journal.keys import Keys

MAGIC = "companion-entry/1"
FIELDS = ("id", "kind", "created", "modified", "title", "tags", "mood", "version")
KINDS = ("journal", "session")  # session records arrive with the quiet-session work
MOODS = {1: N_("very unpleasant"), 2: N_("unpleasant"), 3: N_("a little unpleasant"),
         4: N_("neutral"), 5: N_("a little pleasant"), 6: N_("pleasant"),
         7: N_("very pleasant")}  # shown through _()
MAX_TITLE = 200
MAX_TAGS = 30


@dataclass(frozen=True)
class Entry:
    """One record in the journal. Text is Markdown; mood is 1 (very unpleasant) to 7."""

    id: str
    created: datetime
    modified: datetime
    title: str = ""
    body: str = ""
    tags: tuple[str, ...] = ()
    mood: int | None = None
    kind: str = "journal"
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    version: int = field(default=0, compare=False)  # raised by each save; inside the MAC

    @classmethod
    def new(cls, now: datetime, title: str = "", body: str = "", tags: tuple[str, ...] = (),
            mood: int | None = None, kind: str = "journal") -> Entry:
        import uuid  # with the first new entry: not needed to read the session history

        return cls(str(uuid.uuid4()), now, now, title, body, clean_tags(tags), mood, kind)

    def edited(self, now: datetime, **changes: Any) -> Entry:
        if "tags" in changes:
            changes["tags"] = clean_tags(changes["tags"])
        return replace(self, modified=now, **changes)

    @property
    def heading(self) -> str:
        """The title, or the first words of the text when there is none."""
        if self.title.strip():
            return self.title.strip()
        first = " ".join(self.body.split())[:60]
        return first or "Untitled"


def clean_tags(tags: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Tags in lower case without '#' or spaces, each once, in the order given."""
    seen: list[str] = []
    for tag in tags:
        cleaned = "-".join(str(tag).strip().lstrip("#").lower().split())
        if cleaned and cleaned not in seen:
            seen.append(cleaned[:40])
    return tuple(seen[:MAX_TAGS])


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _header(entry: Entry) -> list[str]:
    values: dict[str, Any] = {"id": entry.id, "kind": entry.kind,
                              "created": _stamp(entry.created),
                              "modified": _stamp(entry.modified), "title": entry.title,
                              "tags": list(entry.tags), "mood": entry.mood,
                              "version": entry.version}
    lines = [MAGIC] + [f"{name}: {json.dumps(values[name], ensure_ascii=False)}"
                       for name in FIELDS]
    if entry.extra:
        lines.append(f"extra: {json.dumps(entry.extra, ensure_ascii=False, sort_keys=True)}")
    return lines


def to_plaintext(entry: Entry, keys: Keys) -> bytes:
    """The entry as the text inside its age file, MAC included."""
    header = _header(entry)
    signed = ("\n".join(header) + "\n\n" + entry.body).encode("utf-8")
    mac = keys.mac(signed)
    return ("\n".join([*header, f"mac: {json.dumps(mac)}"]) + "\n\n" + entry.body).encode("utf-8")


def from_plaintext(data: bytes, expected_id: str, keys: Keys, name: str) -> Entry:
    """Read an entry back, checking its MAC and that its id matches its file name."""
    from companion.journal.keys import DamagedFile

    try:
        text = data.decode("utf-8")
        head, body = text.split("\n\n", 1)
    except (UnicodeDecodeError, ValueError):
        raise DamagedFile(f"{name} is damaged (its header cannot be read)") from None
    lines = head.split("\n")
    if not lines or lines[0] != MAGIC or not lines[-1].startswith("mac: "):
        raise DamagedFile(f"{name} is not a Companion journal entry, or is damaged")
    try:
        mac = json.loads(lines[-1][5:])
        signed = ("\n".join(lines[:-1]) + "\n\n" + body).encode("utf-8")
        values = {}
        for line in lines[1:-1]:
            key, _, raw = line.partition(": ")
            values[key] = json.loads(raw)
    except (json.JSONDecodeError, ValueError):
        raise DamagedFile(f"{name} is damaged (its header cannot be read)") from None
    if not isinstance(mac, str) or not keys.mac_ok(signed, mac):
        raise DamagedFile(f"{name} failed its integrity check: it was changed outside "
                          "Companion, or forged")
    if values.get("id") != expected_id:
        raise DamagedFile(f"{name} holds a different entry ({values.get('id')}); it was renamed "
                          "or swapped with another file")
    try:
        return Entry(id=values["id"], kind=values["kind"],
                     created=datetime.fromisoformat(values["created"]),
                     modified=datetime.fromisoformat(values["modified"]),
                     title=values["title"], body=body, tags=tuple(values["tags"]),
                     mood=values["mood"], extra=values.get("extra") or {},
                     version=int(values.get("version") or 0))
    except (KeyError, TypeError, ValueError):
        raise DamagedFile(f"{name} is damaged (a header field is missing)") from None
