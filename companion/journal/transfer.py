"""Moving entries in and out: a folder of Markdown files (readable by anyone: the caller warns), one
passphrase-protected age archive, and imports from that Markdown folder or jrnl's text export."""

from __future__ import annotations

import io
import json
import re
import tarfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from companion.atomic import atomic_write_bytes, atomic_write_text
from companion.journal import scrypt_child
from companion.journal.entry import Entry, clean_tags
from companion.journal.files import NotARegularFile, TooLarge, read_regular
from companion.journal.keys import JournalError

FRONT = "---"
MAX_IMPORT = 10 * 1024 * 1024  # a file bigger than this is not a journal entry
JRNL_LINE = re.compile(r"^\[(\d{4}-\d{2}-\d{2}[ T][0-9:]{5,8}(?: ?[AP]M)?)\] ?(.*)$")
JRNL_FORMATS = ("%Y-%m-%d %I:%M:%S %p", "%Y-%m-%d %I:%M %p", "%Y-%m-%d %H:%M:%S",
                "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S")
JRNL_TAG = re.compile(r"(?<![\w@])@([\w-]+)")


def _slug(text: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return words[:40].strip("-") or "entry"


def markdown_name(entry: Entry) -> str:
    return f"{entry.created.date().isoformat()}-{_slug(entry.heading)}-{entry.id[:8]}.md"


def to_markdown(entry: Entry) -> str:
    """An entry as a Markdown file with a small front matter (values in JSON)."""
    head = {"title": entry.title, "created": entry.created.isoformat(),
            "modified": entry.modified.isoformat(), "tags": list(entry.tags), "mood": entry.mood,
            "kind": entry.kind, "id": entry.id}
    lines = [FRONT] + [f"{key}: {json.dumps(value, ensure_ascii=False)}"
                       for key, value in head.items()] + [FRONT, ""]
    return "\n".join(lines) + entry.body + ("" if entry.body.endswith("\n") else "\n")


def export_markdown(entries: Iterable[Entry], folder: Path) -> int:
    """Write one readable Markdown file per entry; returns how many."""
    count = 0
    for entry in entries:
        atomic_write_text(folder / markdown_name(entry), to_markdown(entry))
        count += 1
    return count


def export_archive(entries: Iterable[Entry], path: Path, passphrase: str) -> int:
    """One age file (passphrase-protected) holding a tar of the Markdown files; `age -d` opens it.
    The tar is built in memory, so nothing readable touches the disk."""
    buffer = io.BytesIO()
    count = 0
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for entry in entries:
            data = to_markdown(entry).encode("utf-8")
            info = tarfile.TarInfo(f"journal/{markdown_name(entry)}")
            info.size = len(data)
            info.mtime = int(entry.modified.timestamp())
            info.mode = 0o600
            tar.addfile(info, io.BytesIO(data))
            count += 1
    atomic_write_bytes(path, scrypt_child.encrypt(buffer.getvalue(), passphrase))
    return count


def from_markdown(text: str, fallback_title: str, fallback_time: datetime) -> Entry:
    """An entry from a Markdown file: our front matter when present, else the text as it is."""
    head: dict = {}
    body = text
    if text.startswith(FRONT + "\n"):
        block, sep, rest = text[len(FRONT) + 1:].partition("\n" + FRONT + "\n")
        if sep:
            for line in block.splitlines():
                key, _, raw = line.partition(": ")
                try:
                    head[key.strip()] = json.loads(raw)
                except json.JSONDecodeError:
                    head[key.strip()] = raw.strip()
            body = rest[1:] if rest.startswith("\n") else rest
    title = head.get("title") if isinstance(head.get("title"), str) else None
    if title is None:
        first = body.lstrip().splitlines()[0] if body.strip() else ""
        title = first.lstrip("# ").strip() if first.startswith("#") else fallback_title
    created = _when(head.get("created"), fallback_time)
    raw_mood = head.get("mood")
    mood = raw_mood if type(raw_mood) is int and 1 <= raw_mood <= 7 else None
    raw_tags = head.get("tags")
    tags: list[str] = [str(tag) for tag in raw_tags] if isinstance(raw_tags, list) else []
    entry = Entry.new(created, title[:200], body, clean_tags(tags), mood)
    return entry.edited(_when(head.get("modified"), created))


def _when(value: object, fallback: datetime) -> datetime:
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
            return moment if moment.tzinfo else moment.astimezone()
        except ValueError:
            pass
    return fallback


def read_import(path: Path) -> str:
    """The text of a file to import: an ordinary file of at most 10 MiB, in UTF-8; JournalError
    (naming the file and saying why) otherwise."""
    try:
        data = read_regular(path, MAX_IMPORT)
    except TooLarge:
        raise JournalError(f"{path.name} is larger than 10 MiB; split it or leave it out") from None
    except NotARegularFile as exc:
        raise JournalError(f"{exc}; only ordinary files are imported") from None
    except OSError as exc:
        raise JournalError(f"{path.name} cannot be read ({exc.strerror})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise JournalError(f"{path.name} is not UTF-8 text") from None


def import_markdown(folder: Path) -> tuple[list[Entry], list[str]]:
    """Entries from every .md file in a folder, and one line per file left out, saying why."""
    entries, problems = [], []
    for path in sorted(folder.glob("*.md")):
        try:
            text = read_import(path)
            modified = datetime.fromtimestamp(path.lstat().st_mtime, UTC)
            entries.append(from_markdown(text, path.stem, modified))
        except JournalError as exc:
            problems.append(str(exc))
        except (ValueError, TypeError, AttributeError, OverflowError):
            problems.append(f"{path.name}: its front matter (the part between the --- lines) "
                            "cannot be read")
    return entries, problems


def import_jrnl(text: str) -> list[Entry]:
    """Entries from jrnl's plain-text export: '[date time] Title. Body', @tags kept as tags."""
    entries: list[Entry] = []
    current: tuple[datetime, list[str]] | None = None

    def finish() -> None:
        if current is None:
            return
        when, lines = current
        joined = "\n".join(lines).strip()
        first, _, rest = joined.partition("\n")
        match = re.match(r"^(.*?[.?!])(\s+|$)(.*)$", first)
        title, tail = (match.group(1), match.group(3)) if match else (first, "")
        body = "\n".join(part for part in (tail, rest) if part).strip()
        tags = tuple(JRNL_TAG.findall(joined))
        entries.append(Entry.new(when, title.strip()[:200], body, clean_tags(tags)))

    for line in text.splitlines():
        match = JRNL_LINE.match(line)
        when = _jrnl_time(match.group(1)) if match else None
        if match and when is not None:
            finish()
            current = (when, [match.group(2)])
        elif current is not None:
            current[1].append(line)
    finish()
    return entries


def _jrnl_time(text: str) -> datetime | None:
    for fmt in JRNL_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).astimezone()
        except ValueError:
            continue
    return None
