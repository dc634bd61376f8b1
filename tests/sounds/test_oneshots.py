"""One-shot events over the loops: a bird, a wave, a pop, a bowl strike."""

import numpy as np

from companion.sounds.oneshots import (
    EVENTS,
    MIN_GAP_S,
    next_gap,
    random_source,
    render_event,
)


def test_four_sounds_have_events_and_the_others_none():
    """Night, ocean, fire and bowl have their events; rain has none."""
    rng = random_source(1)
    assert set(EVENTS) == {"night", "ocean", "fire", "bowl"}
    assert render_event("rain", rng) is None
    for sound_id in EVENTS:
        event = render_event(sound_id, rng)
        assert event.dtype == np.int16 and event.shape[1] == 2 and np.any(event)


def test_events_peak_at_most_minus_6_dbfs():
    """An event never jumps out: its peak stays at or below half of full scale."""
    rng = random_source(2)
    for sound_id in EVENTS:
        for _ in range(5):
            assert np.max(np.abs(render_event(sound_id, rng).astype(int))) <= 16384


def test_gaps_are_irregular_and_never_crowded():
    """Gaps between events vary and are never shorter than the minimum."""
    rng = random_source(3)
    gaps = [next_gap(rng) for _ in range(200)]
    assert min(gaps) >= MIN_GAP_S and len({round(g, 1) for g in gaps}) > 150
    assert 25 < np.mean(gaps) < 45


def test_the_waves_running_mean_is_numpys_centred_convolution():
    """The big wave's drift is removed with a running sum (linear time) that gives what
    np.convolve(x, ones(w) / w, mode="same") gives, at even and odd widths."""
    from companion.sounds.oneshots import moving_average

    x = np.random.default_rng(4).standard_normal(5000)
    for width in (400, 399, 2, 1):
        expected = np.convolve(x, np.ones(width) / width, mode="same")
        assert np.allclose(moving_average(x, width), expected, atol=1e-9)
