"""The mix state and the sleep timer, on a fake clock."""

import math

import pytest

from companion.clock import FakeClock
from companion.sounds.mix import Mix, SleepTimer, db_to_gain

PEAKS = {"rain": 0.2, "ocean": 0.4, "fire": 0.7, "night": 0.25}


def test_volumes_are_clamped_and_zero_removes_a_sound():
    """Volumes stay within 0..1; setting one to 0 takes it out of the mix."""
    mix = Mix().with_volume("rain", 1.4).with_volume("ocean", -1).with_volume("fire", 0.5)
    assert mix.volumes == {"rain": 1.0, "fire": 0.5}
    assert mix.with_volume("fire", 0).active == ["rain"]


def test_everything_at_full_can_never_clip():
    """With every sound and the master at full, the sum of all peaks stays at or below 1."""
    mix = Mix(master=1.0)
    for sound_id in PEAKS:
        mix = mix.with_volume(sound_id, 1.0)
    gains = mix.gains(PEAKS)
    assert sum(gains[s] * PEAKS[s] for s in PEAKS) <= 1.0 + 1e-12


def test_a_quiet_single_sound_is_not_turned_down_needlessly():
    """One sound whose peak is well below full plays at its set volume (no headroom needed)."""
    assert Mix(master=1.0).with_volume("rain", 0.6).gains(PEAKS) == {"rain": 0.6}


def test_master_and_mute_apply_to_every_sound():
    """The master scales every layer; mute silences them all and remembers the volumes."""
    mix = Mix(master=0.5).with_volume("rain", 1.0)
    assert mix.gains(PEAKS)["rain"] == pytest.approx(0.5)
    muted = Mix(volumes=mix.volumes, master=0.5, muted=True)
    assert muted.gains(PEAKS) == {"rain": 0.0} and muted.volumes == {"rain": 1.0}


def test_ambient_ducks_6_db_under_cues():
    """While cues or voice play, ambient sits 6 dB lower."""
    mix = Mix(master=1.0).with_volume("rain", 1.0)
    ratio = mix.gains(PEAKS, ducked=True)["rain"] / mix.gains(PEAKS)["rain"]
    assert 20 * math.log10(ratio) == pytest.approx(-6.0)
    assert db_to_gain(-6.0) == pytest.approx(0.501, abs=1e-3)


def test_sleep_timer_holds_then_fades_over_a_minute_then_ends():
    """A 15-minute timer starts its fade at 14 minutes and ends at 15."""
    clock = FakeClock()
    timer = SleepTimer(clock)
    timer.start(15)
    assert timer.seconds_to_fade() == pytest.approx(14 * 60)
    clock.advance(14 * 60)
    assert timer.seconds_to_fade() == 0.0 and timer.remaining() == pytest.approx(60)
    clock.advance(30)
    assert timer.remaining() == pytest.approx(30) and not timer.finished()
    clock.advance(30)
    assert timer.remaining() == 0.0 and timer.finished()


def test_sleep_fade_is_never_shorter_than_a_minute():
    """A shorter fade request is lengthened to 60 s."""
    clock = FakeClock()
    timer = SleepTimer(clock)
    timer.start(2, fade_seconds=5)
    assert timer.seconds_to_fade() == pytest.approx(60)


def test_cancelled_sleep_timer_keeps_full_volume():
    """Cancelling the timer leaves the sound playing at full."""
    clock = FakeClock()
    timer = SleepTimer(clock)
    timer.start(15)
    timer.cancel()
    clock.advance(3600)
    assert not timer.running and timer.remaining() is None and timer.seconds_to_fade() is None


def test_sleep_timer_refuses_a_time_in_the_past():
    """Zero or negative minutes are refused."""
    with pytest.raises(ValueError):
        SleepTimer(FakeClock()).start(0)


def test_sounds_still_loading_are_left_out_of_the_gains():
    """Only sounds whose peak is known (loaded) get a gain; the rest join once loaded."""
    mix = Mix(master=1.0).with_volume("rain", 0.5).with_volume("fire", 0.5)
    assert set(mix.gains({"rain": 0.2})) == {"rain"}
