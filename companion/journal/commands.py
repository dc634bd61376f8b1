"""`companion journal …`: quick capture and scripting without the window. The passphrase comes
from the terminal, or from a file descriptor (--passphrase-fd N) for scripts; errors are one line
and a non-zero exit."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from companion.clock import SystemClock
from companion.i18n import _
from companion.journal.entry import Entry
from companion.journal.keys import JournalError
from companion.journal.opening import create_vault, is_vault, unlock
from companion.journal.search import SearchIndex, filtered
from companion.journal.vault import Vault
from companion.paths import Paths


class _Passphrases:
    """Passphrases from a descriptor (one per line) or typed at the terminal, never echoed."""

    def __init__(self, fd: int | None) -> None:
        self._lines: list[str] | None = None
        self.last = ""
        if fd is not None:
            with os.fdopen(fd, "r", encoding="utf-8", closefd=False) as stream:
                self._lines = [line.rstrip("\n") for line in stream.read().splitlines()]

    def ask(self, prompt: str) -> str:
        if self._lines is not None:
            if not self._lines:
                raise JournalError("--passphrase-fd gave fewer passphrases than needed")
            self.last = self._lines.pop(0)
            return self.last
        try:
            self.last = getpass.getpass(prompt)
            return self.last
        except (EOFError, KeyboardInterrupt):
            raise JournalError(_("no passphrase was given")) from None

    def archive(self) -> str:
        """A passphrase for an exported archive: not empty, and typed twice on a terminal."""
        first = self.ask(_("Archive passphrase: "))
        if not first:
            raise JournalError(_("the archive needs a passphrase; an empty one would leave it "
                               "open to anyone"))
        second = self.ask(_("The same again: ")) if self._lines is None or self._lines else first
        if second != first:
            raise JournalError(_("the two archive passphrases differ; nothing was exported"))
        return first

    def new(self) -> str:
        first = self.ask(_("New passphrase: "))
        if len(first) < 8:
            raise JournalError(_("choose a passphrase of at least 8 characters; a few words are "
                               "easier to remember than symbols"))
        if self._lines is None and self.ask(_("The same again: ")) != first:
            raise JournalError(_("the two passphrases differ; nothing was changed"))
        return first


def journal_folder(args: argparse.Namespace, paths: Paths) -> Path:
    if args.vault:
        return Path(args.vault).expanduser().absolute()
    from companion.settings import SettingsStore

    chosen = SettingsStore(paths.settings_file, SystemClock()).load().settings.journal_folder
    return Path(chosen).expanduser() if chosen else paths.data / "journal"


def run_journal(args: argparse.Namespace, paths: Paths) -> int:
    try:
        return _run(args, journal_folder(args, paths), paths.cache)
    except JournalError as exc:
        print(_("companion journal: {exc}").format(exc=exc), file=sys.stderr)
        return 1
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(_("companion journal: {value}{where}")
                .format(value=exc.strerror or exc, where=where), file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, folder: Path, cache: Path) -> int:
    clock = SystemClock()
    secrets = _Passphrases(args.passphrase_fd)
    action = args.journal_command
    if action == "init":
        vault = create_vault(folder, secrets.new(), clock, cache)
        assert vault.keys is not None
        print(_("A new journal is ready in {folder}.\n\nYour recovery key (shown only now):\n\n    "
                "{recovery_key}\n\nStore it somewhere safe, apart from this computer. Without both your "
                "passphrase and this key, nobody can open the journal, not even you.")
                .format(folder=folder, recovery_key=vault.keys.recovery_key))
        return 0
    if not is_vault(folder):
        raise JournalError(_("there is no journal in {folder}; create one with `companion journal init`")
                             .format(folder=folder))
    if action == "add":
        text = " ".join(args.text) if args.text else _new_text("")
        if not text.strip():
            raise JournalError(_("the entry is empty, so nothing was saved; give its text as "
                               "arguments, on stdin, or in your editor"))
        vault = _unlock(folder, secrets, clock, cache)
        entry = vault.save(Entry.new(clock.now(), args.title, text.rstrip("\n") + "\n",
                                     tuple(args.tag), args.mood))
        print(_("saved {id}").format(id=entry.id))
        return 0
    if action == "passwd":
        vault = _unlock(folder, secrets, clock, cache, _("Current passphrase: "))
        vault.change_passphrase(secrets.new())
        print(_("The passphrase is changed. Your recovery key is the same as before."))
        return 0
    vault = _unlock(folder, secrets, clock, cache)
    if action in KEY_ACTIONS:
        return KEY_ACTIONS[action](vault, secrets)
    if action == "check":
        return _check(vault)
    read = vault.open_all()
    for problem in read.problems:
        print(_("companion journal: {problem}").format(problem=problem), file=sys.stderr)
    entries = read.entries
    copies = {c.copy_id: c.other_copy() for c in read.conflicts}  # a sync tool's other versions
    of_copy = {c.copy_id: c.copy.id for c in read.conflicts}
    two = set(of_copy.values())
    if action == "list":
        for entry in filtered(entries.values(), tag=args.tag)[:args.limit]:
            _print_line(entry, entry.id in two)
    elif action == "search":
        index = SearchIndex()
        index.replace_all([*entries.values(), *copies.values()])
        shown: set[str] = set()
        for found in index.search(" ".join(args.words)):
            entry_id = of_copy.get(found, found)
            if entry_id not in shown and entry_id in entries:
                shown.add(entry_id)
                _print_line(entries[entry_id], entry_id in two)
    elif action == "export":
        return _export(args, vault, {**entries, **copies}, secrets)
    elif action == "import":
        return _import(args, vault)
    elif action in ("edit", "delete"):
        return _edit_or_delete(args, vault, entries, clock)
    for review in read.reviews:
        print(_("companion journal: {text} (run `companion journal check`; the window offers to keep or "
                "discard it)").format(text=review.text), file=sys.stderr)
    vault.save_index(entries)
    return 1 if read.problems else 0


def _unlock(folder: Path, secrets: _Passphrases, clock: SystemClock, cache: Path,
            prompt: str = _("Passphrase: ")) -> Vault:
    vault = unlock(folder, secrets.ask(prompt), clock, cache)
    if vault.unconfirmed_key is not None:
        print(_("companion journal: a new recovery key waits to be confirmed; see it with "
              "`companion journal new-recovery-key`, then run `companion journal confirm-key`"),
              file=sys.stderr)
    return vault


def _check(vault: Vault) -> int:
    lines = vault.check()
    for line in lines:
        print(line)
    if not lines:
        print(_("All is well: every entry opens and passes its integrity check, and none was "
              "rolled back, brought back or removed."))
    return 1 if lines else 0


def _new_recovery_key(vault: Vault, secrets: _Passphrases) -> int:
    if vault.unconfirmed_key is None:
        vault.rotate_key(secrets.last)  # prints nothing until the change is committed
    print(_("Your new recovery key:\n\n    {unconfirmed_key}\n\nStore it somewhere safe, apart from this "
            "computer. Your old recovery key keeps working until you run `companion journal confirm-key`.")
            .format(unconfirmed_key=vault.unconfirmed_key))
    return 0


def _confirm_key(vault: Vault, _secrets: _Passphrases) -> int:
    if vault.unconfirmed_key is None:
        print(_("No new recovery key is waiting; nothing to confirm."))
        return 0
    vault.confirm_key()
    print(_("Confirmed. Every entry is now encrypted to the new key alone; the old recovery key "
          "no longer opens the journal."))
    return 0


def _merge_key(vault: Vault, secrets: _Passphrases) -> int:
    from companion.journal.keyring_merge import merge_with_key
    from companion.journal.keys import Keys

    other = Keys.from_recovery_key(secrets.ask(_("The other computer's recovery key: ")))
    count = merge_with_key(vault, other)
    print(_("Merged {count} keyring(s) from the other computer: every entry opens here now. To be sure "
            "which recovery key is yours, make a new one (companion journal new-recovery-key).")
            .format(count=count))
    return 0


KEY_ACTIONS = {"new-recovery-key": _new_recovery_key, "confirm-key": _confirm_key,
               "merge-key": _merge_key}


def _find(entries: dict[str, Entry], wanted: str) -> Entry:
    found = [e for e in entries.values() if e.id.startswith(wanted.lower())] if wanted else []
    if len(found) != 1:
        raise JournalError(_("no single entry has the id {wanted!r}").format(wanted=wanted) + (
            _(" ({count} begin with it; give more characters)").format(count=len(found)) if found else
            "; `companion journal list` shows each entry's id first"))
    return found[0]


def _edit_or_delete(args: argparse.Namespace, vault: Vault, entries: dict[str, Entry],
                    clock: SystemClock) -> int:
    entry = _find(entries, args.id)
    if args.journal_command == "delete":
        vault.delete(entry.id)
        print(_("deleted {id}").format(id=entry.id))
        return 0
    text = _new_text(entry.body)
    if not text.strip():
        raise JournalError(_("the new text is empty, so the entry was left as it was (use "
                           "`delete` to remove it)"))
    vault.save(entry.edited(clock.now(), body=text.rstrip("\n") + "\n"))
    print(_("saved {id}").format(id=entry.id))
    return 0


def _new_text(current: str) -> str:
    """Text from stdin, or written in $EDITOR when stdin is a terminal."""
    if not sys.stdin.isatty():
        return sys.stdin.read()
    from companion.journal.editor import write_in_editor

    return write_in_editor(current)


def _print_line(entry: Entry, two_versions: bool = False) -> None:
    tags = " ".join(f"#{t}" for t in entry.tags)
    mark = "  [two versions: a sync conflict; choose in the window]" if two_versions else ""
    print(f"{entry.id[:8]}  {entry.created.astimezone():%Y-%m-%d %H:%M}  {entry.heading}  "
          f"{tags}".rstrip() + mark)


def _export(args: argparse.Namespace, vault: Vault, entries: dict[str, Entry],
            secrets: _Passphrases) -> int:
    from companion.journal.transfer import export_archive, export_markdown

    ordered = sorted(entries.values(), key=lambda e: e.created)
    if args.markdown:
        count = export_markdown(ordered, Path(args.markdown))
        print(_("exported {count} entries to {markdown} as Markdown. These files are NOT encrypted: anyone "
                "who can open that folder can read them.").format(count=count, markdown=args.markdown))
    else:
        count = export_archive(ordered, Path(args.archive), secrets.archive())
        print(_("exported {count} entries to {archive} (open it with: age -d {archive} | tar -x)")
                .format(count=count, archive=args.archive))
    return 0


def _import(args: argparse.Namespace, vault: Vault) -> int:
    from companion.journal.transfer import import_jrnl, import_markdown, read_import

    problems: list[str] = []
    if args.markdown:
        entries, problems = import_markdown(Path(args.markdown))
    else:
        entries = import_jrnl(read_import(Path(args.jrnl)))
    for entry in entries:
        vault.save(entry)
    for problem in problems:
        print(_("companion journal: left out {problem}").format(problem=problem), file=sys.stderr)
    print(_("imported {count} entries").format(count=len(entries)))
    return 1 if problems else 0
