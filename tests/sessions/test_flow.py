"""The quiet-session flow on a fake clock: the built-in templates, skipping, reordering, pausing
and ending early (the check-out is still offered), the help rule, and the flow files' errors."""

from __future__ import annotations

import pytest

from companion.breathing.library import load_builtin_patterns
from companion.clock import FakeClock
from companion.relax.library import load_builtin_scripts
from companion.sessions.checkin import CheckIn, needs_gentle_check
from companion.sessions.flow import FlowRun, Stage
from companion.sessions.flows import FlowError, StepKind, load_builtin_flows, parse_flows

FLOWS = {flow.id: flow for flow in load_builtin_flows()}


def run_of(flow_id: str, clock: FakeClock) -> FlowRun:
    run = FlowRun(FLOWS[flow_id], clock)
    run.begin()
    run.check_in(CheckIn(7, 2, ("sad",)))
    return run


def test_the_three_promised_flows_are_built_in():
    assert list(FLOWS) == ["wind-down", "after-a-hard-day", "let-it-out"]
    assert [s.kind for s in FLOWS["wind-down"].steps] == [
        StepKind.SETTLE, StepKind.RELEASE, StepKind.CLOSE]
    assert not any(s.kind is StepKind.EXPRESS for s in FLOWS["wind-down"].steps)
    let_it_out = FLOWS["let-it-out"]
    assert let_it_out.sound == "own"
    assert any(s.kind is StepKind.EXPRESS and s.grief for s in let_it_out.steps)
    assert any(s.script == "jaw-throat-chest" for s in let_it_out.steps)


def test_every_built_in_step_names_an_exercise_that_exists():
    patterns = {p.id for p in load_builtin_patterns()}
    scripts = {s.id for s in load_builtin_scripts()}
    for flow in FLOWS.values():
        for step in flow.steps:
            assert step.kind is not StepKind.RELEASE or step.script in scripts
            assert step.grounding or step.kind in (StepKind.RELEASE, StepKind.EXPRESS) \
                or step.pattern in patterns


def test_a_session_goes_space_check_in_steps_check_out_done():
    clock = FakeClock()
    run = FlowRun(FLOWS["wind-down"], clock)
    assert run.stage is Stage.SPACE
    run.begin()
    run.check_in(CheckIn(6, 3))
    for _ in FLOWS["wind-down"].steps:
        assert run.stage is Stage.STEP
        clock.advance(120)
        run.finish_step()
    assert run.stage is Stage.CHECK_OUT
    run.check_out(CheckIn(3, 5))
    assert run.stage is Stage.DONE and run.minutes == pytest.approx(6)


def test_a_skipped_step_counts_no_minutes_and_the_next_begins():
    clock = FakeClock()
    run = run_of("after-a-hard-day", clock)
    clock.advance(60)
    run.skip()
    assert run.results[0].skipped and run.results[0].seconds == 0
    assert run.step is FLOWS["after-a-hard-day"].steps[1]


def test_time_paused_is_not_counted():
    clock = FakeClock()
    run = run_of("wind-down", clock)
    clock.advance(60)
    run.pause()
    clock.advance(600)
    run.resume()
    clock.advance(30)
    run.finish_step()
    assert run.results[0].seconds == 90


def test_ending_early_still_offers_the_check_out():
    clock = FakeClock()
    run = run_of("let-it-out", clock)
    clock.advance(200)
    run.end_early()
    assert run.stage is Stage.CHECK_OUT and run.ended_early
    assert [r.skipped for r in run.results] == [False, True, True, True, True]
    run.check_out(CheckIn(5, 3))
    assert run.stage is Stage.DONE


def test_steps_can_be_reordered_before_starting():
    flow = FLOWS["after-a-hard-day"]
    moved = flow.reordered([1, 0, 2, 3])
    assert moved.steps[0].kind is StepKind.RELEASE and moved.steps[1].kind is StepKind.SETTLE
    with pytest.raises(ValueError):
        flow.reordered([0, 0, 1, 2])


@pytest.mark.parametrize(("before", "after", "expected"), [
    (5, 8, True),    # 8 or more afterwards
    (9, 8, True),
    (2, 5, True),    # rose by 3
    (4, 6, False),   # rose by 2, under 8
    (7, 3, False),
])
def test_the_gentle_check_follows_the_rule(before, after, expected):
    assert needs_gentle_check(CheckIn(before, 4), CheckIn(after, 4)) is expected


def test_without_a_before_rating_only_the_level_counts():
    assert needs_gentle_check(None, CheckIn(8, 2)) and not needs_gentle_check(None, CheckIn(5, 2))


def test_a_flow_file_error_names_the_line_and_field():
    text = ('format = 1\n\n[[flow]]\nid = "mine"\ntitle = "Mine"\n\n[[flow.step]]\n'
            'kind = "release"\n')
    with pytest.raises(FlowError) as caught:
        parse_flows(text, "session-flows.toml")
    assert str(caught.value.message).startswith("session-flows.toml, line 7 (step 1): script:")
