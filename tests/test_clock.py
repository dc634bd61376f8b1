"""The clock seam."""

from datetime import UTC, datetime

import pytest

from companion.clock import FakeClock, SystemClock


def test_fake_clock_moves_only_when_advanced():
    """A FakeClock stands still until the test advances it, then both clocks move together."""
    clock = FakeClock(datetime(2026, 3, 1, 8, 0, tzinfo=UTC), monotonic_start=50.0)
    assert clock.monotonic() == 50.0
    clock.advance(2.5)
    assert clock.monotonic() == 52.5
    assert clock.now() == datetime(2026, 3, 1, 8, 0, 2, 500000, tzinfo=UTC)


def test_fake_clock_wall_change_leaves_monotonic_alone():
    """Setting the wall clock (a user or NTP change) does not move the monotonic clock."""
    clock = FakeClock(monotonic_start=10.0)
    clock.set_wall_clock(datetime(2030, 1, 1, tzinfo=UTC))
    assert clock.now().year == 2030
    assert clock.monotonic() == 10.0


def test_fake_clock_refuses_to_go_backwards():
    """Monotonic time cannot run backwards."""
    with pytest.raises(ValueError):
        FakeClock().advance(-1)


def test_system_clock_now_is_timezone_aware():
    """The real clock gives aware datetimes, so comparisons across DST are safe."""
    assert SystemClock().now().tzinfo is not None
