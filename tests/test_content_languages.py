"""Content per language: each built-in content file has a German and a Spanish file beside it,
read by the same loader; an item is shown in the language only where it lines up with the
English one (timings, steps, areas, flags belong to the exercise), and falls back to English on
its own otherwise; the voice has a recording of every step and cue word in each language."""

from __future__ import annotations

import shutil

import pytest

from companion import content_language
from companion.audio.cue_words import SPOKEN, read_words
from companion.breathing.library import PATTERNS, load_builtin_patterns
from companion.content_language import translation_gaps
from companion.evidence import EVIDENCE, load_english_evidence, load_evidence
from companion.helplines import LINES, load_directory
from companion.journal.prompts import PROMPTS, load_english_prompts
from companion.relax.library import SCRIPTS, load_builtin_scripts, load_english_scripts
from companion.relax.voice import bundled_voice
from companion.resources import assets_dir
from companion.sessions.flows import FLOWS, load_builtin_flows, load_english_flows
from companion.sounds.catalog import CATALOG, load_catalog
from companion.sounds.presets import PRESETS, load_builtin_presets

LANGUAGES = ("de", "es")


def every_kind() -> list:
    sounds = load_catalog(code="en")
    return [(SCRIPTS, load_english_scripts()), (PATTERNS, load_builtin_patterns(code="en")),
            (FLOWS, load_english_flows()), (PROMPTS, load_english_prompts()),
            (EVIDENCE, load_english_evidence()), (CATALOG, sounds),
            (PRESETS, load_builtin_presets({s.id for s in sounds}, code="en")),
            (LINES, list(load_directory(code="en").lines))]


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_content_item_is_translated_and_lines_up(code):
    """Nothing falls back to English: no file missing, no item missing or out of line."""
    assert translation_gaps(every_kind(), code) == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_script_keeps_the_english_steps_timings_and_areas(code):
    english = {s.id: s for s in load_english_scripts()}
    for script in load_builtin_scripts(code):
        steps = [(s.kind, s.area, s.seconds) for s in script.steps]
        assert steps == [(s.kind, s.area, s.seconds) for s in english[script.id].steps]
        assert script.title != english[script.id].title  # and the words are the language's


@pytest.mark.parametrize(("code", "flow", "pattern"), [("de", "Zur Ruhe kommen", "Resonanz"),
                                                       ("es", "Para ir calmándote", "Resonancia")])
def test_names_come_in_the_language(code, flow, pattern):
    assert load_builtin_flows(code)[0].title == flow
    assert load_builtin_patterns(code=code)[0].name == pattern
    assert load_evidence(code)[0].sources == load_english_evidence()[0].sources


def test_an_item_out_of_line_falls_back_to_english_alone(tmp_path, monkeypatch):
    """A German pattern whose breath differs from the English is shown in English (its timing
    belongs to the exercise); the other patterns stay German, and the gap is listed."""
    folder = tmp_path / "assets"
    (folder / "breathing").mkdir(parents=True)
    for name in ("patterns.toml", "patterns.de.toml"):
        shutil.copy(assets_dir() / "breathing" / name, folder / "breathing" / name)
    german = folder / "breathing" / "patterns.de.toml"
    german.write_text(german.read_text(encoding="utf-8").replace("inhale = 4", "inhale = 5", 1),
                      encoding="utf-8")
    monkeypatch.setattr(content_language, "assets_dir", lambda: folder)
    names = [p.name for p in load_builtin_patterns(code="de")]
    assert names[0] == "Resonance" and names[1] == "Langes Ausatmen"
    gaps = translation_gaps([(PATTERNS, load_builtin_patterns(code="en"))], "de")
    assert gaps == ["patterns.de.toml: resonance does not line up with the English"]


def test_a_broken_language_file_falls_back_to_english(tmp_path, monkeypatch):
    folder = tmp_path / "assets" / "sessions"
    folder.mkdir(parents=True)
    (folder / "flows.de.toml").write_text("format = 1\n[[flow]\n", encoding="utf-8")
    monkeypatch.setattr(content_language, "assets_dir", lambda: tmp_path / "assets")
    assert [f.title for f in load_builtin_flows("de")] == [f.title for f in load_english_flows()]


def test_the_pseudo_language_marks_content_too():
    script = load_builtin_scripts("qps")[0]
    assert script.title.startswith("⟦") and script.steps[0].text.startswith("⟦")
    assert load_directory(code="qps").lines[0].how.startswith("⟦")


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_voice_reads_every_step_and_cue_in_the_language(code):
    """espeak-ng's voice for the language recorded every built-in step and the breathing cue
    words (rendered by python -m companion.relax.voice_build --language CODE)."""
    voice = bundled_voice(code)
    assert voice.voice.startswith(f"espeak-ng -v {code}")
    steps = [step for script in load_builtin_scripts(code) for step in script.steps]
    assert all(voice.path(step) is not None and voice.path(step).is_file() for step in steps)
    words = read_words(voice.folder / "cues", 44100)
    assert words is not None and set(words) == set(SPOKEN[code])


def test_helplines_keep_their_names_numbers_and_addresses():
    """Only a line's words are translated; its name, number, web address and sources are the
    service's own."""
    english, german = load_directory(code="en"), load_directory(code="de")
    for a, b in zip(english.lines, german.lines, strict=True):
        assert (a.name, a.regions, a.web, a.source) == (b.name, b.regions, b.web, b.source)
    assert german.countries["DE"] == "Deutschland"
