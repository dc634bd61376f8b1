"""The script player on a fake clock: steps follow the clock (never timer ticks), pauses stop
time, pace stretches or shortens steps but never tensing holds, and back/skip do what they say."""

from __future__ import annotations

import pytest

from companion.clock import FakeClock
from companion.relax.model import Script, Stage, Step, StepKind
from companion.relax.player import PlayerState, ScriptPlayer

STEPS = (
    Step(StepKind.INTRO, "Welcome.", 20),
    Step(StepKind.ATTEND, "Notice the jaw.", 8, "jaw"),
    Step(StepKind.TENSE, "Clench gently.", 6, "jaw"),
    Step(StepKind.RELEASE, "Let go.", 30, "jaw"),
    Step(StepKind.RETURN, "Come back.", 10),
)
SCRIPT = Script("test", "Test", "", Stage.SHORT, 1, STEPS)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def started(clock: FakeClock, **kwargs) -> tuple[ScriptPlayer, list[int], list[PlayerState]]:
    player = ScriptPlayer(SCRIPT, clock, **kwargs)
    steps: list[int] = []
    states: list[PlayerState] = []
    player.on_step(steps.append)
    player.on_state(states.append)
    player.play()
    return player, steps, states


def test_play_begins_at_the_first_step(clock):
    player, steps, states = started(clock)
    assert steps == [0] and states == [PlayerState.PLAYING]
    assert player.seconds_to_next() == 20


def test_the_next_step_begins_when_its_time_comes_and_not_before(clock):
    player, steps, _ = started(clock)
    clock.advance(19.999)
    player.update()
    assert steps == [0]
    clock.advance(0.001)
    player.update()
    assert steps == [0, 1] and player.step.text == "Notice the jaw."


def test_time_paused_does_not_count(clock):
    player, _steps, states = started(clock)
    clock.advance(15)
    player.pause()
    clock.advance(600)
    player.update()
    assert player.index == 0 and player.seconds_to_next() is None
    player.resume()
    assert player.seconds_to_next() == pytest.approx(5)
    assert states == [PlayerState.PLAYING, PlayerState.PAUSED, PlayerState.PLAYING]


def test_a_slower_pace_gives_each_step_more_time(clock):
    """Pace 0.75: a 20 s step lasts 26.7 s."""
    player, _, _ = started(clock, pace=0.75)
    assert player.step_seconds(0) == pytest.approx(20 / 0.75)
    assert player.step_seconds(3) == pytest.approx(40)


def test_pace_never_changes_how_long_a_tensing_hold_lasts(clock):
    """Holds stay at 5-7 s whatever the pace, so muscles never cramp."""
    for pace in (0.75, 1.0, 1.5):
        player, _, _ = started(FakeClock(), pace=pace)
        assert player.step_seconds(2) == 6


def test_pace_is_kept_between_three_quarters_and_one_and_a_half(clock):
    assert started(clock, pace=0.2)[0].pace == 0.75
    assert started(clock, pace=9)[0].pace == 1.5


def test_changing_pace_mid_step_keeps_what_was_already_heard(clock):
    """Half-way through a 20 s step, slowing to 0.8 leaves half of its new 25 s: 12.5 s."""
    player, _, _ = started(clock)
    clock.advance(10)
    player.set_pace(0.8)
    assert player.seconds_to_next() == pytest.approx(12.5)


def test_words_longer_than_a_step_stretch_it(clock):
    """A step never ends before its words do (plus a second of quiet)."""
    player, _, _ = started(clock, voice_seconds=lambda step: 25.0 if step.kind is StepKind.INTRO
                           else 0.0)
    assert player.step_seconds(0) == 26.0


def test_a_tense_step_holds_after_its_words(clock):
    """The hold is counted from the end of the instruction."""
    player, _, _ = started(clock, voice_seconds=lambda step: 2.5)
    assert player.step_seconds(2) == 8.5


def test_skip_moves_to_the_start_of_the_next_step(clock):
    player, steps, _ = started(clock)
    clock.advance(5)
    player.next()
    assert steps == [0, 1] and player.elapsed_in_step() == 0


def test_back_early_in_a_step_goes_to_the_step_before(clock):
    player, steps, _ = started(clock)
    player.next()
    clock.advance(1)
    player.previous()
    assert steps == [0, 1, 0]


def test_back_later_in_a_step_starts_it_again(clock):
    player, steps, _ = started(clock)
    player.next()
    clock.advance(5)
    player.previous()
    assert steps == [0, 1, 1] and player.elapsed_in_step() == 0


def test_skipping_while_paused_stays_paused_at_the_new_step(clock):
    player, _steps, _ = started(clock)
    player.pause()
    player.next()
    clock.advance(100)
    assert player.state is PlayerState.PAUSED and player.index == 1
    assert player.elapsed_in_step() == 0


def test_skipping_the_last_step_finishes(clock):
    player, _, states = started(clock)
    for _ in STEPS:
        player.next()
    assert states[-1] is PlayerState.FINISHED and player.progress() == 1.0
    assert player.time_left() == 0


def test_a_long_stall_catches_up_in_one_update(clock):
    """After the machine slept through two steps, one update lands on the right step."""
    player, steps, _ = started(clock)
    clock.advance(20 + 8 + 3)
    player.update()
    assert steps == [0, 2]


def test_running_to_the_end_finishes_with_full_progress(clock):
    player, _steps, states = started(clock)
    clock.advance(sum(s.seconds for s in STEPS))
    player.update()
    assert states[-1] is PlayerState.FINISHED and player.progress() == 1.0


def test_progress_and_time_left_follow_the_clock(clock):
    player, _, _ = started(clock)
    clock.advance(37)
    player.update()
    assert player.progress() == pytest.approx(37 / 74)
    assert player.time_left() == pytest.approx(37)


def test_a_script_plays_only_once(clock):
    player, _, _ = started(clock)
    with pytest.raises(RuntimeError):
        player.play()
