"""Reading the app's TOML data files: where each [[table]] starts, and a user file that may be
damaged (kept aside, never lost)."""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar, cast

from companion.atomic import keep_aside
from companion.clock import Clock
from companion.i18n import _

log = logging.getLogger(__name__)
T = TypeVar("T")


def table_lines(text: str, table: str) -> list[int]:
    """Line numbers (1-based) where each [[table]] entry starts, so errors can point at it."""
    header = f"[[{table}]]"
    return [number for number, line in enumerate(text.splitlines(), 1) if line.strip() == header]


def nested_line(text: str, table: str, index: int, step: int | None) -> int | None:
    """The line of the index-th [[table]], or of its step-th [[table.step]] (steps count from 1)."""
    heads = table_lines(text, table)
    start = heads[index] if index < len(heads) else None
    if step is None or start is None:
        return start
    after = [n for n in table_lines(text, f"{table}.step") if n > start]
    return after[step - 1] if step <= len(after) else start


class TableError(ValueError):
    """A [[table]] entry (or one of its steps) that cannot be used: the field and what is wrong."""

    def __init__(self, field: str, message: str, step: int | None = None):
        super().__init__(f"{field}: {message}")
        self.field, self.message, self.step = field, message, step


E = TypeVar("E", bound=TableError)


def where_in(text: str, name: str, table: str, index: int, step: int | None) -> str:
    """'scripts.toml, line 12 (step 3)'; the file's name alone when the line cannot be found
    (never 'line None')."""
    line = nested_line(text, table, index, step)
    place = f"{name}, line {line}" if line else name
    return place + (f" (step {step})" if step else "")


def parse_tables(text: str, name: str, table: str, version: int,
                 make: Callable[[dict[str, Any]], T], error: type[E]) -> list[T]:
    """Every [[table]] entry of a data file, each made by make(); the first that cannot be used
    raises error with a message naming the file, the line (and step) and the field."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error("toml", f"{name}: this is not valid TOML ({exc})") from None
    if doc.get("format", version) != version:
        raise error("format", f"{name}: format {doc.get('format')!r} is not one this version "
                              f"reads (it reads format = {version})")
    tables = doc.get(table)
    if not isinstance(tables, list) or not tables:
        raise error(table, f"{name}: no [[{table}]] table was found")
    made: list[T] = []
    for index, entry in enumerate(tables):
        try:
            made.append(make(entry))
        except error as exc:
            raise error(exc.field, f"{where_in(text, name, table, index, exc.step)}: "
                                   f"{exc.field}: {exc.message}", exc.step) from None
    return made


@dataclass
class UserFile:
    """A user's TOML file as read: its document and text, or where the damaged file was kept."""

    doc: dict[str, Any] | None
    text: str = ""
    kept_at: Path | None = None
    damaged: bool = False


def read_user_toml(path: Path, clock: Clock) -> UserFile:
    """Read a user's TOML file; a missing one is empty, a damaged one is moved aside."""
    try:
        text = path.read_text(encoding="utf-8")
        return UserFile(tomllib.loads(text), text)
    except FileNotFoundError:
        return UserFile({})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        log.warning("%s is damaged: %s", path.name, exc)
        return UserFile(None, kept_at=keep_aside(path, clock.now(), move=True), damaged=True)


def load_user_list(path: Path, parse: Callable[[str, str], list[T]],
                   refused: type[ValueError]) -> tuple[list[T], str | None]:
    """What parse makes of a person's own file, and what is wrong with the file if it cannot be
    used (a missing file is no problem; a file that cannot be used is left as it is)."""
    try:
        return parse(path.read_text(encoding="utf-8"), path.name), None
    except FileNotFoundError:
        return [], None
    except (OSError, UnicodeDecodeError) as exc:
        return [], f"{path.name} could not be read ({exc})"
    except refused as exc:
        return [], str(getattr(exc, "message", exc))


class EntryError(Protocol):
    """What the data modules' errors share: the field at fault and a message about it."""

    field: str
    message: str


def read_entries(read: UserFile, table: str, make: Callable[[dict[str, Any]], T],
                 errors: type[Exception]) -> tuple[list[T], list[str]]:
    """Build one item per [[table]] entry; entries that raise `errors` are left out and described
    as 'line N (field: message)'."""
    items: list[T] = []
    broken: list[str] = []
    lines = table_lines(read.text, table)
    for index, entry in enumerate((read.doc or {}).get(table, [])):
        try:
            items.append(make(entry))
        except errors as exc:
            error = cast(EntryError, exc)
            line = lines[index] if index < len(lines) else "?"
            broken.append(f"line {line} ({error.field}: {error.message})")
    return items, broken


def left_out_notice(path: Path, clock: Clock, what: str, broken: list[str]) -> list[str]:
    """The calm notice for entries left out (none when nothing was); keeps a copy of the file."""
    if not broken:
        return []
    aside = keep_aside(path, clock.now(), move=False)
    return [_("Some of your {what} could not be used and were left out: ")
              .format(what=what) + "; ".join(broken)
            + _(". A copy of the file is kept at {aside}.").format(aside=aside)]
