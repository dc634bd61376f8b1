"""Journal benchmark against jrnl 4.6 with an encrypted journal, on the same 1,000 and 10,000
entries of about 2 KB, in the same run: saving one entry after unlock, the whole add command,
searching, unlocking, and memory.

Run: python tests/benchmarks/bench_journal.py [--sizes 1000 10000] [--jrnl PATH/TO/jrnl]
jrnl is installed into a throwaway venv when not given (pip install "jrnl>=4.6,<4.7"). It reads
its password with getpass, so it is driven through a pty and typed to only after the terminal's
ECHO flag goes off. Figures are medians; absolute times drift between runs, so read the ratios.
"""

from __future__ import annotations

import argparse
import os
import pty
import random
import select
import statistics
import subprocess
import sys
import tempfile
import termios
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

PASSPHRASE = "benchmark harbour lights"
WORDS = ("river", "evening", "quiet", "letter", "mother", "window", "garden", "rain", "train",
         "morning", "coffee", "friend", "tired", "hope", "walk", "breath", "winter", "music",
         "kitchen", "laugh", "sorry", "thank", "afraid", "moment")

ENCRYPT_JRNL = """
import sys
from jrnl.encryption.Jrnlv3Encryption import Jrnlv3Encryption
enc = Jrnlv3Encryption("default", {})
enc.password = sys.argv[2]
text = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[1], "wb").write(enc.encrypt(text))
"""


def text_of(rng: random.Random, size: int = 2000) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < size:
        words.append(rng.choice(WORDS))
    return " ".join(words)


def ensure_jrnl(given: str | None) -> str:
    if given:
        return given
    venv = Path(tempfile.gettempdir()) / "companion-bench-jrnl"
    jrnl = venv / "bin" / "jrnl"
    if not jrnl.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "jrnl>=4.6,<4.7"], check=True)
    return str(jrnl)


def build(root: Path, count: int, jrnl: str) -> tuple[Path, dict[str, str]]:
    """The same entries in a Companion vault and in an encrypted jrnl journal."""
    from companion.clock import SystemClock
    from companion.journal.entry import Entry
    from companion.journal.opening import create_vault

    rng = random.Random(count)
    start = datetime(2020, 1, 1, 9, 0, tzinfo=UTC)
    items = [(start + timedelta(hours=6 * n), f"Entry {n} {rng.choice(WORDS)}", text_of(rng))
             for n in range(count)]
    home = root / "companion"
    vault = create_vault(home / "data" / "journal", PASSPHRASE, SystemClock())
    for when, title, body in items:
        vault.save(Entry.new(when, title, body))
    vault.save_index(vault.read_all().entries)

    config = root / "xdg-config"
    journal = root / "jrnl" / "journal.txt"
    journal.parent.mkdir(parents=True)
    journal.write_text("".join(f"[{when:%Y-%m-%d %I:%M:%S %p}] {title}.\n{body}\n\n"
                               for when, title, body in items), encoding="utf-8")
    python = str(Path(jrnl).with_name("python"))
    subprocess.run([python, "-c", ENCRYPT_JRNL, str(journal), PASSPHRASE], check=True)
    (config / "jrnl").mkdir(parents=True)
    (config / "jrnl" / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\ndefault_hour: 9\n"
        "default_minute: 0\neditor: ''\nencrypt: true\nhighlight: false\nindent_character: '|'\n"
        f"journals:\n  default:\n    journal: {journal}\n    encrypt: true\nlinewrap: 79\n"
        "tagsymbols: '#@'\ntemplate: false\ntimeformat: '%F %r'\nversion: v4.6\n")
    env = {**os.environ, "XDG_CONFIG_HOME": str(config), "XDG_DATA_HOME": str(root / "xdg-data"),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "NO_COLOR": "1"}
    return home, env


def run_companion(home: Path, *args: str) -> tuple[float, float]:
    """Seconds and peak MiB of one `companion journal …` command."""
    read, write = os.pipe()
    os.write(write, (PASSPHRASE + "\n").encode())
    os.close(write)
    env = {**os.environ, "COMPANION_HOME": str(home)}
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "companion", "journal", "--passphrase-fd",
                             str(read), *args], env=env, pass_fds=(read,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    os.close(read)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.monotonic() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "failed")
    if proc.stderr:
        proc.stderr.close()
    return seconds, usage.ru_maxrss / 1024


def run_jrnl(jrnl: str, env: dict[str, str], *args: str) -> tuple[float, float]:
    """Seconds and peak MiB of one jrnl command, typing the password once echo is off."""
    started = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(jrnl, [jrnl, *args], env)
    typed = False
    output = b""
    while True:
        if not typed:
            try:
                echo_off = not termios.tcgetattr(fd)[3] & termios.ECHO
            except termios.error:
                echo_off = False
            if echo_off and b"assword" in output:
                os.write(fd, (PASSPHRASE + "\n").encode())
                typed = True
        ready, _, _ = select.select([fd], [], [], 0.01)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
    _, status, usage = os.wait4(pid, 0)
    os.close(fd)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(output.decode(errors="replace")[-500:])
    return time.monotonic() - started, usage.ru_maxrss / 1024


def in_app(home: Path) -> dict[str, float]:
    """Unlock (scrypt, then the cache), save one entry, search once: inside one process."""
    from companion.clock import SystemClock
    from companion.journal.entry import Entry
    from companion.journal.opening import unlock
    from companion.journal.search import SearchIndex

    clock = SystemClock()
    started = time.monotonic()
    vault = unlock(home / "data" / "journal", PASSPHRASE, clock)
    entries = vault.open_all().entries
    unlocked = time.monotonic() - started
    index = SearchIndex()
    index.replace_all(entries.values())
    saves = []
    rng = random.Random(1)
    for _ in range(21):
        entry = Entry.new(clock.now(), "One more", text_of(rng))
        t0 = time.monotonic()
        vault.save(entry)
        saves.append(time.monotonic() - t0)
    searches = []
    for word in WORDS[:11]:
        t0 = time.monotonic()
        index.search(word)
        searches.append(time.monotonic() - t0)
    t0 = time.monotonic()
    problems = vault.check()
    checked = time.monotonic() - t0
    if problems:
        raise RuntimeError("check found problems: " + "; ".join(problems[:3]))
    return {"unlock": unlocked, "save": statistics.median(saves),
            "search": statistics.median(searches), "check": checked}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jrnl", help="a jrnl 4.6 executable (else one is installed)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    jrnl = ensure_jrnl(args.jrnl)
    for count in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.monotonic()
            home, env = build(Path(tmp), count, jrnl)
            print(f"\n{count} entries of ~2 KB (built in {time.monotonic() - t0:.0f} s)")
            app = in_app(home)
            ours_add = [run_companion(home, "add", "A new line of text.") for _ in
                        range(args.repeat)]
            theirs_add = [run_jrnl(jrnl, env, "A new line of text.") for _ in range(args.repeat)]
            ours_find = [run_companion(home, "search", "river") for _ in range(args.repeat)]
            theirs_find = [run_jrnl(jrnl, env, "-contains", "river") for _ in
                           range(args.repeat)]
            ours_check = [run_companion(home, "check") for _ in range(args.repeat)]

            def med(runs: list[tuple[float, float]], i: int) -> float:
                return statistics.median(r[i] for r in runs)

            print(f"  save one entry after unlock: Companion {app['save'] * 1000:.1f} ms; "
                  f"jrnl's whole add {med(theirs_add, 0):.2f} s -> "
                  f"{app['save'] / med(theirs_add, 0):.4f} of it (target <= 0.1)")
            print(f"  whole add command: Companion {med(ours_add, 0):.2f} s, "
                  f"jrnl {med(theirs_add, 0):.2f} s")
            print(f"  search: Companion in the open app {app['search'] * 1000:.2f} ms; whole "
                  f"command Companion {med(ours_find, 0):.2f} s, jrnl {med(theirs_find, 0):.2f} s")
            print(f"  unlock (scrypt + index cache): Companion {app['unlock']:.2f} s")
            print(f"  check (every file decrypted, MAC-checked, held against the manifest): in "
                  f"the open app {app['check']:.2f} s; whole command {med(ours_check, 0):.2f} s, "
                  f"{med(ours_check, 1):.0f} MiB; jrnl reading its whole journal (search) "
                  f"{med(theirs_find, 0):.2f} s -> {med(ours_check, 0) / med(theirs_find, 0):.2f}x")
            print(f"  peak memory, search command: Companion {med(ours_find, 1):.0f} MiB, "
                  f"jrnl {med(theirs_find, 1):.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
