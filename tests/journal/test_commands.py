"""`companion journal …` in real processes: quick capture from stdin, list and search, one clear
line and a non-zero exit for every error, and no journal text left readable anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CANARY = "canary-7f3a9 the blue heron at the harbour"


def journal(home: Path, *args: str, secrets: str = "", stdin: str = "",
            tmp: Path | None = None) -> subprocess.CompletedProcess:
    """Run `companion journal ARGS` with passphrases on an inherited pipe."""
    read, write = os.pipe()
    os.write(write, secrets.encode())
    os.close(write)
    env = {**os.environ, "COMPANION_HOME": str(home)}
    if tmp is not None:
        env.update(TMPDIR=str(tmp), TMP=str(tmp), TEMP=str(tmp))
    try:
        return subprocess.run([sys.executable, "-m", "companion", "journal", "--passphrase-fd",
                               str(read), *args], input=stdin, capture_output=True, text=True,
                              env=env, pass_fds=(read,), timeout=120)
    finally:
        os.close(read)


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """A home with a journal holding two entries (made once: each command runs scrypt)."""
    home = tmp_path_factory.mktemp("home")
    made = journal(home, "init", secrets="harbour lights\n")
    assert made.returncode == 0, made.stderr
    assert "AGE-SECRET-KEY-1" in made.stdout and "nobody can open" in made.stdout
    added = journal(home, "add", "--title", "After the call", "--tag", "grief",
                    secrets="harbour lights\n", stdin=f"I cried for a long time. {CANARY}\n")
    assert added.returncode == 0 and added.stdout.startswith("saved "), added.stderr
    return home


def test_list_shows_the_entry_with_its_tag(home):
    listed = journal(home, "list", secrets="harbour lights\n")
    assert listed.returncode == 0
    assert "After the call  #grief" in listed.stdout


def test_search_finds_words_from_the_text(home):
    found = journal(home, "search", "heron", secrets="harbour lights\n")
    assert "After the call" in found.stdout
    none = journal(home, "search", "elephant", secrets="harbour lights\n")
    assert none.returncode == 0 and none.stdout == ""


def test_a_wrong_passphrase_is_one_line_and_exit_1(home):
    wrong = journal(home, "list", secrets="harbor lights\n")
    assert wrong.returncode == 1 and wrong.stdout == ""
    assert wrong.stderr.count("\n") == 1 and "does not open this journal" in wrong.stderr


def test_no_journal_yet_says_how_to_make_one(tmp_path):
    missing = journal(tmp_path, "list", secrets="x\n")
    assert missing.returncode == 1
    assert missing.stderr.strip().endswith("create one with `companion journal init`")


def test_an_empty_entry_is_refused_without_asking_for_the_passphrase(home):
    empty = journal(home, "add", secrets="", stdin="  \n")
    assert empty.returncode == 1 and "the entry is empty" in empty.stderr


def test_a_short_new_passphrase_is_refused(tmp_path):
    short = journal(tmp_path, "init", secrets="abc\n")
    assert short.returncode == 1 and "at least 8 characters" in short.stderr
    assert not (tmp_path / "data" / "journal").exists()


def test_a_bad_action_is_a_usage_error(home):
    bad = journal(home, "frobnicate")
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_no_journal_text_is_readable_anywhere_on_disk(home, tmp_path):
    """After adding, listing, searching and exporting an archive, the canary is found in no file
    under the home folder (config, data, cache, logs) nor in the process's temp folder."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    archive = tmp_path / "out" / "journal.tar.age"
    journal(home, "search", "heron", secrets="harbour lights\n", tmp=tmp)
    exported = journal(home, "export", "--archive", str(archive),
                       secrets="harbour lights\narchive phrase\n", tmp=tmp)
    assert exported.returncode == 0, exported.stderr
    needle = CANARY.encode()
    for root in (home, tmp, archive.parent):
        for path in root.rglob("*"):
            if path.is_file():
                assert needle not in path.read_bytes(), path
