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
from companion.journal.entry import Entry
from companion.journal.keys import JournalError
from companion.journal.search import SearchIndex, filtered
from companion.journal.vault import Vault, create_vault, is_vault, unlock
from companion.paths import Paths


def add_journal_commands(commands: argparse._SubParsersAction) -> None:
    journal = commands.add_parser("journal", help="your encrypted journal, from the command line")
    journal.add_argument("--vault", metavar="DIR", help="the journal folder (default: the one "
                                                        "Settings names, or DATA/journal)")
    journal.add_argument("--passphrase-fd", metavar="N", type=int,
                         help="read passphrases from file descriptor N, one per line")
    actions = journal.add_subparsers(dest="journal_command", metavar="ACTION", required=True)
    actions.add_parser("init", help="create a new journal and show its recovery key once")
    add = actions.add_parser("add", help="add an entry (text from the arguments, or stdin)")
    add.add_argument("text", nargs="*", help="the entry's text; omit it to read stdin")
    add.add_argument("--title", default="")
    add.add_argument("--tag", action="append", default=[], help="a tag (repeat for more)")
    add.add_argument("--mood", type=int, choices=range(1, 8), metavar="1-7",
                     help="1 very unpleasant … 4 neutral … 7 very pleasant")
    listing = actions.add_parser("list", help="list entries, newest first")
    listing.add_argument("--tag")
    listing.add_argument("--limit", type=int, default=50)
    search = actions.add_parser("search", help="find entries holding every word given")
    search.add_argument("words", nargs="+")
    export = actions.add_parser("export", help="export every entry")
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("--markdown", metavar="DIR",
                        help="a folder of Markdown files: READABLE BY ANYONE who can open it")
    target.add_argument("--archive", metavar="FILE",
                        help="one age file, protected by a passphrase you type for it")
    imports = actions.add_parser("import", help="bring entries in")
    source = imports.add_mutually_exclusive_group(required=True)
    source.add_argument("--markdown", metavar="DIR", help="a folder of Markdown files")
    source.add_argument("--jrnl", metavar="FILE", help="jrnl's plain-text export (jrnl --export "
                                                      "txt)")
    actions.add_parser("passwd", help="change the passphrase (the entries stay as they are)")


class _Passphrases:
    """Passphrases from a descriptor (one per line) or typed at the terminal, never echoed."""

    def __init__(self, fd: int | None) -> None:
        self._lines: list[str] | None = None
        if fd is not None:
            with os.fdopen(fd, "r", encoding="utf-8", closefd=False) as stream:
                self._lines = [line.rstrip("\n") for line in stream.read().splitlines()]

    def ask(self, prompt: str) -> str:
        if self._lines is not None:
            if not self._lines:
                raise JournalError("--passphrase-fd gave fewer passphrases than needed")
            return self._lines.pop(0)
        try:
            return getpass.getpass(prompt)
        except (EOFError, KeyboardInterrupt):
            raise JournalError("no passphrase was given") from None

    def new(self) -> str:
        first = self.ask("New passphrase: ")
        if len(first) < 8:
            raise JournalError("choose a passphrase of at least 8 characters; a few words are "
                               "easier to remember than symbols")
        if self._lines is None and self.ask("The same again: ") != first:
            raise JournalError("the two passphrases differ; nothing was changed")
        return first


def journal_folder(args: argparse.Namespace, paths: Paths) -> Path:
    if args.vault:
        return Path(args.vault).expanduser().absolute()
    from companion.settings import SettingsStore

    chosen = SettingsStore(paths.settings_file, SystemClock()).load().settings.journal_folder
    return Path(chosen).expanduser() if chosen else paths.data / "journal"


def run_journal(args: argparse.Namespace, paths: Paths) -> int:
    try:
        return _run(args, journal_folder(args, paths))
    except JournalError as exc:
        print(f"companion journal: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"companion journal: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, folder: Path) -> int:
    clock = SystemClock()
    secrets = _Passphrases(args.passphrase_fd)
    action = args.journal_command
    if action == "init":
        vault = create_vault(folder, secrets.new(), clock)
        assert vault.keys is not None
        print(f"A new journal is ready in {folder}.\n\nYour recovery key (shown only now):\n\n"
              f"    {vault.keys.recovery_key}\n\nStore it somewhere safe, apart from this "
              "computer. Without both your passphrase and this key, nobody can open the "
              "journal, not even you.")
        return 0
    if not is_vault(folder):
        raise JournalError(f"there is no journal in {folder}; create one with "
                           "`companion journal init`")
    if action == "add":
        text = " ".join(args.text) if args.text else sys.stdin.read()
        if not text.strip():
            raise JournalError("the entry is empty; give its text as arguments or on stdin")
        vault = unlock(folder, secrets.ask("Passphrase: "), clock)
        entry = Entry.new(clock.now(), args.title, text.rstrip("\n") + "\n", tuple(args.tag),
                          args.mood)
        vault.save(entry)
        print(f"saved {entry.id}")
        return 0
    if action == "passwd":
        vault = unlock(folder, secrets.ask("Current passphrase: "), clock)
        vault.change_passphrase(secrets.new())
        print("The passphrase is changed. Your recovery key is the same as before.")
        return 0
    vault = unlock(folder, secrets.ask("Passphrase: "), clock)
    read = vault.open_all()
    for problem in read.problems:
        print(f"companion journal: {problem}", file=sys.stderr)
    entries = read.entries
    if action == "list":
        for entry in filtered(entries.values(), tag=args.tag)[:args.limit]:
            _print_line(entry)
    elif action == "search":
        index = SearchIndex()
        index.replace_all(entries.values())
        for entry_id in index.search(" ".join(args.words)):
            _print_line(entries[entry_id])
    elif action == "export":
        return _export(args, vault, entries, secrets)
    elif action == "import":
        return _import(args, vault)
    vault.save_index(entries)
    return 1 if read.problems else 0


def _print_line(entry: Entry) -> None:
    tags = " ".join(f"#{t}" for t in entry.tags)
    print(f"{entry.created.astimezone():%Y-%m-%d %H:%M}  {entry.heading}  {tags}".rstrip())


def _export(args: argparse.Namespace, vault: Vault, entries: dict[str, Entry],
            secrets: _Passphrases) -> int:
    from companion.journal.transfer import export_archive, export_markdown

    ordered = sorted(entries.values(), key=lambda e: e.created)
    if args.markdown:
        count = export_markdown(ordered, Path(args.markdown))
        print(f"exported {count} entries to {args.markdown} as Markdown. These files are NOT "
              "encrypted: anyone who can open that folder can read them.")
    else:
        count = export_archive(ordered, Path(args.archive), secrets.ask("Archive passphrase: "))
        print(f"exported {count} entries to {args.archive} (open it with: age -d {args.archive} "
              "| tar -x)")
    return 0


def _import(args: argparse.Namespace, vault: Vault) -> int:
    from companion.journal.transfer import import_jrnl, import_markdown

    problems: list[str] = []
    if args.markdown:
        entries, problems = import_markdown(Path(args.markdown))
    else:
        entries = import_jrnl(Path(args.jrnl).read_text(encoding="utf-8"))
    for entry in entries:
        vault.save(entry)
    for problem in problems:
        print(f"companion journal: left out {problem}", file=sys.stderr)
    print(f"imported {len(entries)} entries")
    return 1 if problems else 0
