"""The `companion journal …` command line's shape: its actions and options, for the parser. Kept
apart from the commands themselves, so building the parser (which every launch of the window
does) imports nothing of the journal."""

from __future__ import annotations

import argparse

from companion.i18n import _


def _common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    """--vault and --passphrase-fd, taken before or after the action."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--vault", metavar="DIR", default=default,
                        help=_("the journal folder (default: the one Settings names, or "
                             "DATA/journal)"))
    parser.add_argument("--passphrase-fd", metavar="N", type=int, default=default,
                        help=_("read passphrases from file descriptor N, one per line"))


def add_journal_commands(commands: argparse._SubParsersAction) -> None:
    journal = commands.add_parser("journal", help=_("your encrypted journal, from the command line"))
    _common(journal, False)
    actions = journal.add_subparsers(dest="journal_command", metavar="ACTION", required=True)
    parsers = [actions.add_parser("init", help=_("create a new journal and show its recovery key "
                                               "once"))]
    add = actions.add_parser("add", help=_("add an entry (text from the arguments, stdin, or "
                                         "$EDITOR on a terminal)"))
    parsers.append(add)
    add.add_argument("text", nargs="*", help=_("the entry's text; omit it to read stdin, or to "
                                             "write in $EDITOR on a terminal"))
    add.add_argument("--title", default="")
    add.add_argument("--tag", action="append", default=[], help=_("a tag (repeat for more)"))
    add.add_argument("--mood", type=int, choices=range(1, 8), metavar="1-7",
                     help="1 very unpleasant … 4 neutral … 7 very pleasant")
    edit = actions.add_parser("edit", help=_("replace an entry's text (stdin, or $EDITOR on a "
                                           "terminal)"))
    edit.add_argument("id", help=_("the entry's id, or its first characters as `list` shows"))
    delete = actions.add_parser("delete", help=_("delete an entry for good"))
    delete.add_argument("id", help=_("the entry's id, or its first characters as `list` shows"))
    parsers += [edit, delete]
    parsers.append(actions.add_parser("check", help=_("verify every file; exit 0 only when all "
                                                    "is well")))
    parsers.append(actions.add_parser("new-recovery-key", help=_("encrypt everything to a new key "
                                                               "and print its recovery key")))
    parsers.append(actions.add_parser("confirm-key", help=_("say the new recovery key is stored; "
                                                          "the one before stops working")))
    parsers.append(actions.add_parser("merge-key", help=_("after the key was changed on two "
                                                        "computers while apart: merge in the "
                                                        "other computer's recovery key")))
    listing = actions.add_parser("list", help=_("list entries, newest first"))
    listing.add_argument("--tag")
    listing.add_argument("--limit", type=int, default=50)
    search = actions.add_parser("search", help=_("find entries holding every word given"))
    search.add_argument("words", nargs="+")
    export = actions.add_parser("export", help=_("export every entry"))
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("--markdown", metavar="DIR",
                        help=_("a folder of Markdown files: READABLE BY ANYONE who can open it"))
    target.add_argument("--archive", metavar="FILE",
                        help=_("one age file, protected by a passphrase you type for it"))
    imports = actions.add_parser("import", help=_("bring entries in"))
    source = imports.add_mutually_exclusive_group(required=True)
    source.add_argument("--markdown", metavar="DIR", help=_("a folder of Markdown files"))
    source.add_argument("--jrnl", metavar="FILE", help="jrnl's plain-text export (jrnl --export "
                                                      "txt)")
    parsers += [listing, search, export, imports,
                actions.add_parser("passwd", help=_("change the passphrase (the entries stay as "
                                                  "they are)"))]
    for parser in parsers:
        _common(parser, True)
