"""Relaxation scripts as data: the validator names file, line and field; the built-ins keep the
timings of Bernstein & Borkovec's method; a user's broken file is listed while the others still load."""

from __future__ import annotations

import pytest

from companion.relax.body import AREAS
from companion.relax.library import load_builtin_scripts, load_user_scripts, parse_scripts
from companion.relax.model import ScriptError, StepKind

BUILTINS = {script.id: script for script in load_builtin_scripts()}

GOOD_STEP = '[[script.step]]\nkind = "rest"\nseconds = 10\ntext = "Rest here."\n'


def script_text(steps: str, head: str = 'id = "mine"\ntitle = "Mine"\nminutes = 3\n') -> str:
    return f"format = 1\n\n[[script]]\n{head}\n{GOOD_STEP}\n{steps}"


def error_for(text: str) -> str:
    with pytest.raises(ScriptError) as caught:
        parse_scripts(text, "mine.toml")
    return str(caught.value)


def test_an_unknown_step_kind_names_the_file_the_line_and_the_field():
    """The second step starts on line 13, so that is the line the message points at."""
    message = error_for(script_text('[[script.step]]\nkind = "squeeze"\nseconds = 5\ntext = "x"\n'))
    assert message.startswith("kind: mine.toml, line 13 (step 2): kind: must be one of intro")


def test_a_tense_step_longer_than_ten_seconds_is_refused_because_it_can_cramp():
    """Holds stay short: the message says why."""
    message = error_for(script_text(
        '[[script.step]]\nkind = "tense"\narea = "jaw"\nseconds = 15\ntext = "Clench."\n'))
    assert "line 13" in message and "seconds" in message and "cramp" in message


def test_an_unknown_area_is_named_and_the_known_ones_are_listed():
    """A typo in an area name tells the writer what the choices are."""
    message = error_for(script_text(
        '[[script.step]]\nkind = "attend"\narea = "elbowz"\nseconds = 8\ntext = "Notice."\n'))
    assert "'elbowz' is not a body area" in message and "dominant_hand" in message


def test_a_tense_step_without_an_area_is_refused():
    """Tensing needs to say what to tense."""
    message = error_for(script_text('[[script.step]]\nkind = "tense"\nseconds = 5\ntext = "x"\n'))
    assert "area: a tense step needs the body area" in message


def test_a_step_without_text_is_refused():
    message = error_for(script_text('[[script.step]]\nkind = "rest"\nseconds = 5\n'))
    assert "text: is required" in message


def test_a_bad_script_id_points_at_the_script_line():
    """Script-level fields point at the [[script]] header."""
    message = error_for(script_text("", head='id = "My Script!"\ntitle = "x"\nminutes = 3\n'))
    assert "mine.toml, line 3: id: must be short lowercase letters" in message


def test_a_script_without_minutes_is_refused():
    message = error_for(script_text("", head='id = "mine"\ntitle = "Mine"\n'))
    assert "minutes: must be a whole number of minutes" in message


def test_a_file_that_is_not_toml_says_so():
    message = error_for("[[script]\nid =")
    assert "mine.toml: this is not valid TOML" in message


def test_a_newer_format_is_refused_with_the_format_this_version_reads():
    message = error_for(script_text("").replace("format = 1", "format = 7"))
    assert "format 7 is not one this version reads" in message


def test_a_broken_user_file_is_listed_and_the_others_still_load(tmp_path):
    """One file's mistake never hides another file's script, and nothing is deleted."""
    (tmp_path / "good.toml").write_text(script_text(""))
    (tmp_path / "bad.toml").write_text(script_text("").replace('kind = "rest"', 'kind = "nap"'))
    loaded = load_user_scripts(tmp_path, set(BUILTINS))
    assert [s.id for s in loaded.scripts] == ["mine"]
    assert len(loaded.broken) == 1 and loaded.broken[0].path.name == "bad.toml"
    assert "bad.toml, line 8 (step 1): kind" in loaded.broken[0].message
    assert (tmp_path / "bad.toml").exists()


def test_a_user_script_may_not_take_a_built_in_id(tmp_path):
    (tmp_path / "scan.toml").write_text(script_text("").replace('id = "mine"', 'id = "body-scan"'))
    loaded = load_user_scripts(tmp_path, set(BUILTINS))
    assert loaded.scripts == [] and "already used" in loaded.broken[0].message


def test_no_user_folder_means_no_user_scripts(tmp_path):
    loaded = load_user_scripts(tmp_path / "missing", set())
    assert loaded.scripts == [] and loaded.broken == []


def test_the_promised_scripts_are_built_in():
    """PMR with 16, 7 and 4 groups, the later stages, a body scan and the short release."""
    assert list(BUILTINS) == ["pmr-16", "pmr-7", "pmr-4", "recall", "recall-counting",
                              "counting", "body-scan", "jaw-throat-chest"]


@pytest.mark.parametrize(("script_id", "groups"), [("pmr-16", 16), ("pmr-7", 7), ("pmr-4", 4)])
def test_pmr_visits_its_groups_and_tenses_each_twice(script_id, groups):
    script = BUILTINS[script_id]
    assert len(script.areas()) == groups
    for area in script.areas():
        tensed = [s for s in script.steps if s.area == area and s.kind is StepKind.TENSE]
        released = [s for s in script.steps if s.area == area and s.kind is StepKind.RELEASE]
        assert len(tensed) == 2 and len(released) == 2, area


@pytest.mark.parametrize("script_id", list(BUILTINS))
def test_tense_holds_last_5_to_7_seconds_and_releases_30_to_45(script_id):
    """Bernstein & Borkovec: tense 5-7 s, release 30-40 s (recall's releases take up to 45 s)."""
    for step in BUILTINS[script_id].steps:
        if step.kind is StepKind.TENSE:
            assert 5 <= step.seconds <= 7
        if step.kind is StepKind.RELEASE:
            assert 30 <= step.seconds <= 45


@pytest.mark.parametrize("script_id", list(BUILTINS))
def test_every_script_ends_with_a_gentle_return(script_id):
    steps = BUILTINS[script_id].steps
    assert steps[-1].kind is StepKind.RETURN
    if BUILTINS[script_id].tenses:
        assert steps[-2].kind is StepKind.REST and steps[-2].seconds >= 45


def test_the_body_scan_gives_each_area_20_to_25_seconds_and_never_tenses():
    scan = BUILTINS["body-scan"]
    assert not scan.tenses
    assert all(20 <= s.seconds <= 25 for s in scan.steps if s.area)
    assert len(scan.areas()) == 12  # then the whole body, which is never left out
    assert 5 <= scan.seconds / 60 <= 7


@pytest.mark.parametrize("script_id", list(BUILTINS))
def test_the_shown_estimate_is_within_15_percent_of_the_steps(script_id):
    script = BUILTINS[script_id]
    assert abs(script.seconds / 60 - script.minutes) <= 0.15 * script.minutes


@pytest.mark.parametrize("script_id", list(BUILTINS))
def test_leaving_out_any_area_keeps_every_other_step_and_no_step_mentions_it(script_id):
    """Whatever hurts can be left out, and what remains still reads as a whole: no step that is
    left names the missing area (steps about an area may only name their own area's words)."""
    script = BUILTINS[script_id]
    for gone in script.areas():
        plan = script.without({gone})
        with_it = {gone} | {a.id for a in AREAS.values() if gone in a.moves}
        expected = [s for s in script.steps if s.area not in with_it]
        assert list(plan.steps) == expected
        for step in plan.steps:
            own = {w for a in ((step.area, *AREAS[step.area].moves) if step.area else ())
                   for w in AREAS[a].words}  # its own words, and those of what it moves
            stray = [w for w in AREAS[gone].words if w not in own]
            pattern = type(AREAS[gone])("x", "x", (), tuple(stray)) if stray else None
            assert pattern is None or not pattern.mentioned_in(step.text), (gone, step.text)


def test_leaving_out_a_foot_leaves_out_its_calf_which_is_tensed_with_the_toes():
    """The calf step pulls the toes toward you (pointing them invites cramps), so a foot that
    hurts takes its calf's tensing with it; the other leg keeps both."""
    plan = BUILTINS["pmr-16"].without({"dominant_foot"})
    areas = {step.area for step in plan.steps}
    assert "dominant_calf" not in areas and {"other_calf", "other_foot"} <= areas
    calf = next(s.text for s in BUILTINS["pmr-16"].steps
                if s.area == "other_calf" and s.kind.value == "tense")
    assert "Pull your toes toward you" in calf


def test_every_script_that_tenses_says_how_hard_and_to_keep_breathing_in_its_introduction():
    """One wording everywhere: firmly but never to pain, gently where something hurts, and
    keep breathing; every introduction says the eyes may stay open."""
    for script in BUILTINS.values():
        intro = " ".join(s.text for s in script.steps if s.kind.value == "intro")
        assert "eyes open or closed, whichever feels safe" in intro, script.id
        if script.tenses:
            assert "firmly, but never to the point of pain" in intro, script.id
            assert "only gently where something hurts" in intro, script.id
            assert "Keep breathing while you tense" in intro, script.id
        for step in script.steps:
            if step.kind.value == "tense":
                assert "gently" not in step.text, (script.id, step.text)


def test_where_scripts_speak_of_tears_they_say_tears_need_not_come():
    """Tears are welcome and never asked for."""
    for script in BUILTINS.values():
        for step in script.steps:
            if "tears" in step.text and "welcome" in step.text:
                assert "if tears don't come, that's fine too" in step.text \
                    or "if they don't, that's fine too" in step.text, (script.id, step.text)


def test_the_whole_body_cannot_be_left_out():
    scan = BUILTINS["body-scan"]
    assert "whole_body" not in scan.areas()
    assert any(s.area == "whole_body" for s in scan.without({"whole_body"}).steps)
