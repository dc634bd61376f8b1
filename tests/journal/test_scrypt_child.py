"""The passphrase's key derivation (scrypt) runs in a child process: pyrage holds Python's lock for
its two seconds, which froze the window and would stall the sound mixer; the child also takes
scrypt's memory away with it."""

from __future__ import annotations

import subprocess
import sys
import threading

import pyrage
import pytest

from companion.journal import scrypt_child
from companion.journal.keys import Keys, WrongPassphrase


@pytest.fixture(scope="module")
def keys_and_wrapped() -> tuple[Keys, bytes]:
    keys = Keys.generate()
    return keys, keys.wrap("a lantern by the door")


def test_the_app_runs_on_while_a_passphrase_is_worked_out():
    """A plain Python computation on this thread finishes while the derivation is still going
    (in-process, pyrage would hold the lock until the derivation was done)."""
    started = threading.Event()

    def derive() -> None:
        started.set()
        Keys.generate().wrap("a lantern by the door")
    worker = threading.Thread(target=derive)
    worker.start()
    assert started.wait(timeout=30)
    assert sum(range(3_000_000)) > 0
    assert worker.is_alive()
    worker.join(timeout=60)


def test_the_wrapped_key_opens_with_its_passphrase(keys_and_wrapped):
    keys, wrapped = keys_and_wrapped
    assert Keys.unwrap(wrapped, "a lantern by the door").same_as(keys)


def test_a_wrong_passphrase_is_told_kindly(keys_and_wrapped):
    _keys, wrapped = keys_and_wrapped
    with pytest.raises(WrongPassphrase, match="does not open this journal"):
        Keys.unwrap(wrapped, "a candle by the window")


def test_the_wrapped_key_is_a_standard_age_file(keys_and_wrapped, tmp_path):
    """What the child writes, pyrage in this process reads (and so does the age tool: see the
    tests with real tools)."""
    keys, wrapped = keys_and_wrapped
    from pyrage import passphrase

    assert passphrase.decrypt(wrapped, "a lantern by the door").decode().strip() == (
        keys.recovery_key)


def test_a_child_that_fails_is_reported_kindly(monkeypatch):
    """The child dies (here: its Python cannot start): a kind OSError, never a hang or a raw
    traceback."""
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    with pytest.raises(OSError, match="Nothing was changed"):
        scrypt_child.encrypt(b"words", "phrase")


def test_a_damaged_file_is_a_decrypt_error(keys_and_wrapped):
    _keys, wrapped = keys_and_wrapped
    with pytest.raises(pyrage.DecryptError):
        scrypt_child.decrypt(wrapped[:-40] + b"\x00" * 40, "a lantern by the door")


def test_the_passphrase_is_never_on_the_childs_command_line(monkeypatch):
    """Other local users can read a process's arguments; the passphrase goes through a pipe."""
    seen: list[list[str]] = []
    real_run = subprocess.run

    def run(command, **kwargs):
        seen.append(list(command))
        return real_run(command, **kwargs)
    monkeypatch.setattr(subprocess, "run", run)
    scrypt_child.encrypt(b"words", "a very private phrase")
    assert seen and not any("private" in part for part in seen[0])
