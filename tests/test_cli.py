"""The command line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from companion import __version__
from companion.cli import main


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "companion", *args], capture_output=True,
                          text=True, timeout=60, env=env, check=False)


def test_version_prints_and_exits_zero(capsys):
    """--version prints the version and exits 0."""
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_help_lists_pages_and_home(capsys):
    """--help names the pages and the --home flag."""
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--open PAGE" in out and "settings" in out and "--home DIR" in out


def test_unknown_page_prints_usage_and_exits_2(capsys):
    """--open with a page that does not exist is a usage error."""
    with pytest.raises(SystemExit) as exit_info:
        main(["--open", "spaceship"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: companion") and "spaceship" in err


def test_bad_flag_prints_usage_and_exits_2(capsys):
    """An unknown flag is a usage error."""
    with pytest.raises(SystemExit) as exit_info:
        main(["--colour", "blue"])
    assert exit_info.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_window_flags_do_not_mix_with_subcommands(capsys):
    """--open belongs to the window; with a subcommand it is a usage error."""
    with pytest.raises(SystemExit) as exit_info:
        main(["--open", "settings", "paths"])
    assert exit_info.value.code == 2


def test_paths_subcommand_honours_home(tmp_path: Path, capsys):
    """`companion --home DIR paths` shows folders under DIR and opens no window."""
    assert main(["--home", str(tmp_path), "paths"]) == 0
    out = capsys.readouterr().out
    assert f"config  {tmp_path / 'config'}" in out
    assert (tmp_path / "logs" / "companion.log").exists()


def test_subcommand_does_not_load_qt(tmp_path: Path):
    """A subcommand never starts Qt, so it works beside a running window and on a bare terminal."""
    code = ("import sys; from companion.cli import main; rc = main(['paths']); "
            "print('QT' if 'PySide6' in sys.modules else 'NOQT'); sys.exit(rc)")
    env = {**os.environ, "COMPANION_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, timeout=60, check=False)
    assert result.returncode == 0
    assert result.stdout.strip().endswith("NOQT")


def test_without_any_display_the_error_is_kind(tmp_path: Path):
    """No DISPLAY, no WAYLAND_DISPLAY and no Qt platform: a clear message and exit 1, not an abort."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["COMPANION_HOME"] = str(tmp_path)
    result = run_cli(env=env)
    assert result.returncode == 1
    assert "no graphical desktop" in result.stderr
    assert "QT_QPA_PLATFORM=offscreen" in result.stderr


def test_python_dash_m_runs_the_cli(tmp_path: Path):
    """`python -m companion --version` works like the installed command."""
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"companion {__version__}"


def test_building_the_parser_imports_nothing_of_the_journal():
    """Every launch builds the parser before its window's first paint: the journal's vault,
    search and encryption stay unimported until a `journal` command runs."""
    import subprocess
    import sys

    code = ("import sys, companion.cli as cli; cli.build_parser(); "
            "print(sorted(m for m in ('companion.journal.vault', 'companion.journal.search', "
            "'companion.journal.commands', 'pyrage') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=60)
    assert done.stdout.strip() == "[]"


def test_a_plain_launch_of_the_window_skips_building_the_subcommands():
    """Opening the window (no word that could be a command) needs the window's options alone;
    a word, or a request for help, builds every subcommand."""
    from companion.cli import names_a_command

    assert not names_a_command([])
    assert not names_a_command(["--open", "journal", "--start", "-v"])  # "journal" is a page here
    assert not names_a_command(["--home", "paths", "--background"])  # and "paths" a folder
    assert names_a_command(["journal", "list"])
    assert names_a_command(["--home", "/tmp/h", "paths"])
    assert names_a_command(["--help"])
    assert names_a_command(["jurnal"])  # a mistyped command still meets the full list of them


def test_the_window_options_parse_the_same_without_the_subcommands():
    """The short parser reads the window's options exactly as the full one does."""
    from companion.cli import build_parser

    argv = ["--open", "sounds", "--start", "--home", "/tmp/h", "-v"]
    short = build_parser(with_commands=False).parse_args(argv)
    full = build_parser().parse_args(argv)
    assert vars(short) == vars(full)
