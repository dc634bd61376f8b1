"""The breathing timeline: exact, drift-free, and paused without shifting."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.breathing.library import load_builtin_patterns
from companion.breathing.model import PHASE_ORDER, PhaseKind, custom_pattern
from companion.breathing.session import BreathingSession, SessionState
from companion.breathing.timeline import (
    SessionPlan,
    Stage,
    plan_for_breaths,
    plan_for_minutes,
    plan_until_stop,
)
from companion.clock import FakeClock

S = Fraction
DAY = 24 * 3600

half_seconds = st.integers(min_value=0, max_value=40).map(lambda n: S(n, 2))


@st.composite
def patterns(draw):
    seconds = {kind: draw(half_seconds) for kind in PHASE_ORDER}
    seconds[PhaseKind.INHALE] = max(seconds[PhaseKind.INHALE], S(1, 2))
    seconds[PhaseKind.EXHALE] = max(seconds[PhaseKind.EXHALE], S(1, 2))
    if sum(seconds.values()) < 2:
        seconds[PhaseKind.EXHALE] += 2
    return custom_pattern("p", "P", seconds)


def resonance():
    return load_builtin_patterns()[0]


@settings(max_examples=200)
@given(pattern=patterns(), cycle=st.integers(min_value=0, max_value=DAY // 2),
       phase_index=st.integers(min_value=0, max_value=4))
def test_phase_boundaries_fall_exactly_on_cumulative_sums_for_a_whole_day(pattern, cycle,
                                                                           phase_index):
    """At n cycles plus the sum of the first k phases, phase k begins exactly, even a day in."""
    index = phase_index % len(pattern.phases)
    boundary = cycle * pattern.cycle_seconds + sum(
        (p.seconds for p in pattern.phases[:index]), S(0))
    if boundary > DAY:
        return
    plan = plan_until_stop(pattern)
    at = plan.phase_at(boundary)
    assert (at.phase_index, at.cycle, at.phase_elapsed) == (index, cycle + 1, 0)
    if boundary > 0:
        just_before = plan.phase_at(boundary - S(1, 10**9))
        assert just_before.phase_index == (index - 1) % len(pattern.phases)


@settings(max_examples=200)
@given(pattern=patterns(), before=st.integers(min_value=0, max_value=10**6),
       paused=st.integers(min_value=1, max_value=10**6), after=st.integers(min_value=0,
                                                                          max_value=10**6))
def test_pause_and_resume_never_shift_the_phase(pattern, before, paused, after):
    """However long a pause, the session continues exactly where it stopped (times in ms)."""
    clock = FakeClock()
    session = BreathingSession(plan_until_stop(pattern), clock)
    session.start()
    clock.advance(before / 1000)
    moment_at_pause = session.moment()
    session.pause()
    clock.advance(paused / 1000)
    assert session.moment() == moment_at_pause
    session.resume()
    clock.advance(after / 1000)
    # Only the unpaused time counts (to float precision of the fake clock), and the moment
    # shown is the timeline's moment at exactly that time.
    assert abs(session.elapsed() - S(before + after, 1000)) < S(1, 10**6)
    assert session.moment() == session.plan.phase_at(session.elapsed())


def test_worst_boundary_error_over_an_hour_is_zero():
    """Every boundary of a 60-minute resonance session at 5.5/min (a 10.909… s cycle) is exact."""
    pattern = resonance().at_rate(S(11, 2))
    plan = plan_until_stop(pattern)
    elapsed, worst, boundaries = S(0), S(0), 0
    expected = S(0)
    lengths = [p.seconds for p in pattern.phases]
    while elapsed < 3600:
        nxt = plan.next_boundary_after(elapsed)
        expected += lengths[boundaries % len(lengths)]
        worst = max(worst, abs(nxt - expected))
        elapsed, boundaries = nxt, boundaries + 1
    assert boundaries > 600 and worst == 0


def test_minutes_become_whole_breaths_then_a_free_close():
    """Five minutes of resonance is 30 breaths, then 45 s of free breathing, then done."""
    plan = plan_for_minutes(resonance(), 5)
    assert plan.cycles == 30
    assert plan.phase_at(299).stage is Stage.BREATHING
    closing = plan.phase_at(300)
    assert closing.stage is Stage.CLOSING and closing.kind is None
    assert plan.phase_at(345).stage is Stage.DONE


def test_4_7_8_is_counted_in_breaths_and_capped():
    """4-7-8 defaults to its four-breath cap and never goes past it."""
    pattern = next(p for p in load_builtin_patterns() if p.id == "4-7-8")
    assert plan_for_breaths(pattern, 10).cycles == 4


def test_count_goes_down_through_the_phase():
    """The count under the orb reads 4, 3, 2, 1 through a four-second inhale."""
    plan = plan_until_stop(resonance())
    assert [plan.phase_at(t).count for t in (0, 1, 2, 3, S("3.99"))] == [4, 3, 2, 1, 1]


def test_session_finishes_by_itself():
    """Reaching the end moves the session to finished and tells listeners."""
    clock = FakeClock()
    session = BreathingSession(plan_for_breaths(resonance(), 1, close_seconds=S(30)), clock)
    seen = []
    session.on_state_changed(seen.append)
    session.start()
    clock.advance(40)
    assert session.moment().stage is Stage.DONE
    assert seen == [SessionState.RUNNING, SessionState.FINISHED]


def test_seconds_to_next_boundary_arms_one_timer():
    """Half a second into a 4 s inhale, the next change is 3.5 s away; none while paused."""
    clock = FakeClock()
    session = BreathingSession(plan_until_stop(resonance()), clock)
    session.start()
    clock.advance(0.5)
    assert session.seconds_to_next_boundary() == 3.5
    session.pause()
    assert session.seconds_to_next_boundary() is None


def test_stop_freezes_the_session():
    """After Stop, time no longer moves the session."""
    clock = FakeClock()
    session = BreathingSession(plan_until_stop(resonance()), clock)
    session.start()
    clock.advance(3)
    session.stop()
    clock.advance(100)
    assert session.elapsed() == 3 and session.state is SessionState.STOPPED


def test_a_capped_pattern_never_runs_until_stopped():
    """4-7-8 asked to run 'until I stop' gets its four breaths and the free-breathing close."""
    from companion.breathing.library import load_builtin_patterns

    capped = next(p for p in load_builtin_patterns() if p.id == "4-7-8")
    plan = plan_until_stop(capped)
    assert plan.cycles == 4 and plan.close_seconds > 0


def test_a_hold_is_called_a_hold_in_every_pattern():
    from companion.breathing.library import load_builtin_patterns

    for pattern in load_builtin_patterns():
        for phase in pattern.phases:
            if phase.kind.is_hold:
                assert phase.kind.word == "Hold", pattern.id
        assert " rest" not in pattern.description.lower(), pattern.id


def test_a_slower_count_shows_the_same_counts_for_longer():
    """4-7-8 at 1.25 s a count: the hold shows 7 for its first 1.25 s, then 6."""
    pattern = next(p for p in load_builtin_patterns() if p.id == "4-7-8").with_count(Fraction(5, 4))
    plan = SessionPlan(pattern, 1)
    assert plan.phase_at(Fraction(5)).count == 7  # 5 s = 4 counts in, hold just begun
    assert plan.phase_at(Fraction(5) + Fraction(5, 4)).count == 6
    assert plan.phase_at(Fraction(5)).until_next_count == Fraction(5, 4)
