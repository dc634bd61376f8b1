"""The timerfd that hears the wall clock being set (Linux)."""

from __future__ import annotations

import os
import select
import sys
import time

import pytest

from companion.reminders.clock_jumps import clock_was_set, open_clock_watch, rearm

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux timerfd")


def test_nothing_is_heard_while_the_clock_runs_on_its_own():
    fd = open_clock_watch()
    assert fd is not None
    try:
        assert select.select([fd], [], [], 0.05)[0] == []
        assert not clock_was_set(fd)
    finally:
        os.close(fd)


def test_setting_the_clock_is_heard_once_and_can_be_heard_again():
    fd = open_clock_watch()
    assert fd is not None
    try:
        for _ in range(2):
            try:
                time.clock_settime(time.CLOCK_REALTIME, time.clock_gettime(time.CLOCK_REALTIME))
            except PermissionError:
                pytest.skip("this process may not set the clock")
            assert select.select([fd], [], [], 2)[0] == [fd]
            assert clock_was_set(fd)
            assert rearm(fd)
            assert select.select([fd], [], [], 0.05)[0] == []
    finally:
        os.close(fd)
