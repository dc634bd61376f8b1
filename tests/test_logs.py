"""The log file: appended to, and set aside at start once it is large, keeping three old ones."""

from __future__ import annotations

import logging
from pathlib import Path

from companion.logs import LOG_BYTES, setup_logging


def start(log_file: Path) -> None:
    setup_logging(log_file, verbose=False)
    logging.getLogger("companion.test").info("started")
    for handler in logging.getLogger("companion").handlers:
        handler.close()


def test_a_small_log_is_appended_to(tmp_path):
    log_file = tmp_path / "companion.log"
    start(log_file)
    start(log_file)
    assert log_file.read_text().count("started") == 2
    assert not (tmp_path / "companion.log.1").exists()


def test_a_large_log_is_set_aside_at_start_and_three_are_kept(tmp_path):
    """Each start that finds the log over 512 KiB moves it to .1 (and .1 to .2, .2 to .3); the
    oldest beyond three is dropped."""
    log_file = tmp_path / "companion.log"
    for generation in "abcd":
        log_file.write_text(generation * LOG_BYTES)
        start(log_file)
    assert log_file.read_text().count("started") == 1
    kept = [(tmp_path / f"companion.log.{n}").read_text()[0] for n in (1, 2, 3)]
    assert kept == ["d", "c", "b"]
    assert not (tmp_path / "companion.log.4").exists()
