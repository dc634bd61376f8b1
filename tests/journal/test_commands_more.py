"""`companion journal` verbs that jrnl users expect: edit, delete, check, a new recovery key, and
writing in $EDITOR without leaving the text readable; each in a real process."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from companion.clock import FakeClock
from companion.journal.opening import unlock_with_recovery_key
from tests.journal.test_commands import journal
from tests.journal.test_with_real_tools import read_until

PHRASE = "harbour lights\n"


@pytest.fixture
def home(tmp_path) -> Path:
    home = tmp_path / "home"
    assert journal(home, "init", secrets=PHRASE).returncode == 0
    for title in ("First", "Second"):
        added = journal(home, "add", "--title", title, secrets=PHRASE, stdin=f"{title} words\n")
        assert added.returncode == 0, added.stderr
    return home


def ids(home: Path) -> dict[str, str]:
    listed = journal(home, "list", secrets=PHRASE)
    assert listed.returncode == 0, listed.stderr
    return {line.split("  ")[2]: line.split("  ")[0] for line in listed.stdout.splitlines()}


def test_edit_replaces_the_text_from_stdin_and_passphrase_fd_may_follow_the_verb(home):
    first = ids(home)["First"]
    read, write = os.pipe()
    os.write(write, PHRASE.encode())
    os.close(write)
    env = {**os.environ, "COMPANION_HOME": str(home)}
    edited = subprocess.run([sys.executable, "-m", "companion", "journal", "edit", first,
                             "--passphrase-fd", str(read)], input="Rewritten calmly.\n",
                            capture_output=True, text=True, env=env, pass_fds=(read,),
                            timeout=120)
    os.close(read)
    assert edited.returncode == 0, edited.stderr
    found = journal(home, "search", "rewritten", secrets=PHRASE)
    assert "First" in found.stdout


def test_delete_removes_one_entry(home):
    deleted = journal(home, "delete", ids(home)["Second"], secrets=PHRASE)
    assert deleted.returncode == 0, deleted.stderr
    assert list(ids(home)) == ["First"]


def test_an_unknown_id_is_one_kind_line_and_exit_1(home):
    missing = journal(home, "delete", "ffffffff", secrets=PHRASE)
    assert missing.returncode == 1 and "`companion journal list` shows each entry's id" in \
        missing.stderr


def test_check_says_all_is_well_then_names_a_damaged_entry_and_exits_1(home):
    good = journal(home, "check", secrets=PHRASE)
    assert good.returncode == 0 and "All is well" in good.stdout
    victim = sorted((home / "data" / "journal" / "entries").glob("*.age"))[0]
    victim.write_bytes(victim.read_bytes()[:-10])
    bad = journal(home, "check", secrets=PHRASE)
    assert bad.returncode == 1 and victim.name in bad.stdout


def test_check_names_an_entry_deleted_behind_the_journals_back(home):
    victim = sorted((home / "data" / "journal" / "entries").glob("*.age"))[0]
    victim.unlink()
    bad = journal(home, "check", secrets=PHRASE)
    assert bad.returncode == 1 and "was removed from the journal folder" in bad.stdout


def test_a_new_recovery_key_is_printed_once_committed_and_confirmed_later(home):
    folder = home / "data" / "journal"
    made = journal(home, "new-recovery-key", secrets=PHRASE)
    assert made.returncode == 0, made.stderr
    key = next(w for w in made.stdout.split() if w.startswith("AGE-SECRET-KEY-1"))
    assert "keeps working until" in made.stdout
    again = journal(home, "list", secrets=PHRASE)
    assert "waits to be confirmed" in again.stderr
    confirmed = journal(home, "confirm-key", secrets=PHRASE)
    assert confirmed.returncode == 0 and "no longer opens" in confirmed.stdout
    opened = unlock_with_recovery_key(folder, key, FakeClock())
    assert len(opened.read_all().entries) == 2


def run_on_terminal(home: Path, editor: str, *args: str) -> tuple[int, bytes]:
    """`companion journal ARGS` with stdin on a real pseudo-terminal and EDITOR set."""
    read, write = os.pipe()
    os.write(write, PHRASE.encode())
    os.close(write)
    main, child = pty.openpty()
    env = {**os.environ, "COMPANION_HOME": str(home), "EDITOR": editor, "VISUAL": ""}
    env.pop("VISUAL")
    proc = subprocess.Popen([sys.executable, "-m", "companion", "journal", "--passphrase-fd",
                             str(read), *args], stdin=child, stdout=child, stderr=child,
                            env=env, pass_fds=(read,))
    os.close(child)
    os.close(read)
    seen = read_until(main, b"\x00never\x00", timeout=60)
    code = proc.wait(timeout=60)
    os.close(main)
    return code, seen


def test_add_on_a_terminal_opens_the_editor_in_a_private_ram_folder_and_removes_the_file(
        home, tmp_path):
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    report = tmp_path / "report.txt"
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\n"
                      f"stat -c '%a' \"$(dirname \"$1\")\" > {report}\n"
                      f"echo \"$1\" >> {report}\n"
                      "echo 'Written in my own editor.' > \"$1\"\n")
    editor.chmod(0o755)
    os.environ["XDG_RUNTIME_DIR"] = str(runtime)
    try:
        code, output = run_on_terminal(home, str(editor), "add", "--title", "Editor")
    finally:
        os.environ.pop("XDG_RUNTIME_DIR")
    assert code == 0, output
    mode, path = report.read_text().split()
    assert mode == "700" and path.startswith(str(runtime)) and not Path(path).exists()
    assert list(runtime.iterdir()) == []
    assert "Editor" in ids(home)


def test_a_failing_editor_saves_nothing(home, tmp_path):
    code, output = run_on_terminal(home, "false", "add")
    assert code == 1 and b"nothing was saved" in output
    assert len(ids(home)) == 2


def test_unlocking_turns_core_dumps_off(vault):
    """A process that has held the journal's key never writes a core dump."""
    script = ("import resource, ctypes, sys\n"
              "from pathlib import Path\n"
              "from companion.clock import FakeClock\n"
              "from companion.journal.opening import unlock_with_recovery_key\n"
              "unlock_with_recovery_key(Path(sys.argv[1]), sys.stdin.read(), FakeClock())\n"
              "print(resource.getrlimit(resource.RLIMIT_CORE),"
              " ctypes.CDLL(None).prctl(3, 0, 0, 0, 0))\n")
    done = subprocess.run([sys.executable, "-c", script, str(vault.folder)],
                          input=vault.keys.recovery_key, capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["(0,", "0)", "0"]


def test_the_command_line_sees_both_versions_of_a_sync_conflict(home, tmp_path):
    """`list` marks it, `search` finds words only the other version holds, `export` writes both."""
    from companion.journal.entry import to_plaintext
    from companion.journal.opening import unlock

    folder = home / "data" / "journal"
    vault = unlock(folder, PHRASE.strip(), FakeClock())
    first = next(e for e in vault.read_all().entries.values() if e.title == "First")
    other = first.edited(FakeClock().now(), body="heron words only on the laptop")
    name = f"{first.id}.sync-conflict-20261202-210000-ABCDEF1.age"
    (folder / "entries" / name).write_bytes(vault.keys.encrypt(to_plaintext(other, vault.keys)))
    listed = journal(home, "list", secrets=PHRASE)
    assert "[two versions" in next(line for line in listed.stdout.splitlines() if "First" in line)
    found = journal(home, "search", "heron", secrets=PHRASE)
    assert "First" in found.stdout
    out = tmp_path / "out"
    assert journal(home, "export", "--markdown", str(out), secrets=PHRASE).returncode == 0
    texts = [p.read_text() for p in out.glob("*.md")]
    assert len(texts) == 3 and any("heron words only" in t for t in texts)


def test_the_index_cache_lives_outside_the_journal_folder(home):
    """Nothing a read rewrites lands in a folder a sync tool shares."""
    folder = home / "data" / "journal"
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    assert journal(home, "list", secrets=PHRASE).returncode == 0
    assert not (folder / "index.age").exists()
    assert list((home / "cache" / "journal-index").glob("*.age"))
    after = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    assert after == before


def test_merge_key_merges_the_other_computers_keyring(home, tmp_path):
    """After both computers changed and confirmed a key while apart, the other recovery key
    (typed without echo, or on the passphrase descriptor) brings every entry back."""
    from companion.journal.opening import unlock
    from tests.journal.test_two_computers import both_changed_and_confirmed

    vault = unlock(home / "data" / "journal", PHRASE.strip(), FakeClock())
    expected, b = both_changed_and_confirmed(vault, PHRASE.strip(), tmp_path)
    checked = journal(home, "check", secrets=PHRASE)
    assert checked.returncode == 1 and "merge-key" in checked.stdout
    merged = journal(home, "merge-key", secrets=PHRASE + b.keys.recovery_key + "\n")
    assert merged.returncode == 0, merged.stderr
    assert journal(home, "check", secrets=PHRASE).returncode == 0
    listed = journal(home, "list", secrets=PHRASE).stdout
    assert all(entry.title in listed for entry in expected)
