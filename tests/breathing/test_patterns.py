"""Breathing patterns: the built-in library and custom patterns."""

from fractions import Fraction
from pathlib import Path

import pytest

from companion.breathing.library import (
    PatternFileError,
    UserPatternStore,
    load_builtin_patterns,
    renamed,
)
from companion.breathing.model import PatternError, PhaseKind, custom_pattern
from companion.clock import FakeClock

S = Fraction


def builtins():
    return {pattern.id: pattern for pattern in load_builtin_patterns()}


def test_builtin_library_has_the_evidence_checked_timings():
    """Resonance 4/6, long exhale 3/7, cyclic sighing 2+1/6, box 4s and 3s, 4-7-8 capped at 4."""
    lib = builtins()
    assert lib["resonance"].timings_text() == "4 · 6"
    assert lib["long-exhale"].timings_text() == "3 · 7"
    assert [p.kind for p in lib["cyclic-sighing"].phases] == [
        PhaseKind.INHALE, PhaseKind.TOP_UP, PhaseKind.EXHALE]
    assert lib["box"].timings_text() == "4 · 4 · 4 · 4"
    assert lib["box-gentle"].timings_text() == "3 · 3 · 3 · 3"
    assert lib["4-7-8"].max_cycles == 4 and lib["4-7-8"].counted_in_breaths


def test_resonance_is_the_default_and_has_no_holds():
    """The first pattern offered has no holds (holds are off by default)."""
    first = load_builtin_patterns()[0]
    assert first.id == "resonance" and not first.has_holds


def test_resonance_pace_runs_from_4_5_to_7_breaths_a_minute_in_half_steps():
    """The resonance control offers 4.5 to 7 breaths a minute in 0.5 steps."""
    rate = builtins()["resonance"].rate
    assert [float(v) for v in rate.choices()] == [4.5, 5.0, 5.5, 6.0, 6.5, 7.0]


def test_changing_pace_keeps_the_in_out_ratio():
    """At 5 breaths a minute resonance becomes 4.8 s in and 7.2 s out: the 4:6 ratio holds."""
    slower = builtins()["resonance"].at_rate(S(5))
    assert slower.cycle_seconds == 12
    assert [p.seconds for p in slower.phases] == [S("4.8"), S("7.2")]


def test_a_bad_builtin_file_names_file_line_and_field(tmp_path: Path):
    """A broken entry is reported with the file, its line and the field."""
    bad = tmp_path / "patterns.toml"
    bad.write_text('format = 1\n\n[[pattern]]\nid = "a"\nname = "A"\ninhale = 4\nexhale = 6\n\n'
                   '[[pattern]]\nid = "b"\nname = "B"\ninhale = "slow"\nexhale = 6\n')
    with pytest.raises(PatternFileError, match=r"patterns.toml, line 9: inhale: must be a number"):
        load_builtin_patterns(bad)


@pytest.mark.parametrize(("field", "seconds", "message"), [
    ("inhale", {"inhale": 21, "exhale": 4}, "between 0 and 20"),
    ("exhale", {"inhale": 4, "exhale": S("4.3")}, "whole or half second"),
    ("hold_in", {"inhale": 4, "hold_in": -1, "exhale": 4}, "between 0 and 20"),
    ("exhale", {"inhale": 4}, "needs some time"),
    ("cycle", {"inhale": S("0.5"), "exhale": 1}, "at least 2 seconds"),
])
def test_invalid_custom_patterns_name_the_field(field, seconds, message):
    """Each rule's error says which field is wrong and how."""
    with pytest.raises(PatternError) as error:
        custom_pattern("x", "Mine", {PhaseKind(k): S(v) for k, v in seconds.items()})
    assert error.value.field == field
    assert message in error.value.message


def test_a_nameless_pattern_is_refused():
    """A custom pattern needs a name."""
    with pytest.raises(PatternError) as error:
        custom_pattern("x", "   ", {PhaseKind.INHALE: S(4), PhaseKind.EXHALE: S(4)})
    assert error.value.field == "name"


def test_zero_second_phases_are_left_out():
    """A hold of 0 s is no hold at all."""
    pattern = custom_pattern("x", "Mine", {PhaseKind.INHALE: S(4), PhaseKind.HOLD_IN: S(0),
                                           PhaseKind.EXHALE: S(5)})
    assert not pattern.has_holds


@pytest.fixture
def store(tmp_path: Path) -> UserPatternStore:
    return UserPatternStore(tmp_path / "config" / "breathing-patterns.toml", FakeClock())


def test_custom_patterns_save_and_load_back(store):
    """Any number of custom patterns are kept in the config folder, half seconds included."""
    mine = [custom_pattern(store.new_id(), f"Mine {n}",
                           {PhaseKind.INHALE: S(4), PhaseKind.HOLD_IN: S(n, 2),
                            PhaseKind.EXHALE: S("6.5")}) for n in range(1, 6)]
    store.save(mine)
    assert store.load().patterns == mine


def test_rename_keeps_the_timings(store):
    """Renaming changes only the name."""
    mine = custom_pattern(store.new_id(), "Old", {PhaseKind.INHALE: S(4), PhaseKind.EXHALE: S(6)})
    new = renamed(mine, "Evening")
    assert (new.name, new.phases, new.id) == ("Evening", mine.phases, mine.id)


def test_a_damaged_patterns_file_is_moved_aside_with_a_notice(store):
    """Unreadable TOML is kept aside; no custom patterns load; the built-ins are untouched."""
    store.path.parent.mkdir(parents=True)
    store.path.write_text("[[pattern]\nbroken")
    result = store.load()
    assert result.patterns == []
    assert "only the built-in ones" in result.notices[0]
    assert not store.path.exists()
    assert load_builtin_patterns()


def test_one_bad_custom_pattern_leaves_the_rest(store):
    """An invalid entry is left out with a notice naming its line and field; the others load."""
    store.path.parent.mkdir(parents=True)
    store.path.write_text('format = 1\n[[pattern]]\nid = "a"\nname = "Good"\ninhale = 4\n'
                          'exhale = 6\n[[pattern]]\nid = "b"\nname = "Bad"\ninhale = 40\n'
                          'exhale = 6\n')
    result = store.load()
    assert [p.name for p in result.patterns] == ["Good"]
    assert "line 7 (inhale: must be between 0 and 20 seconds)" in result.notices[0]
