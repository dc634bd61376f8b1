"""Which script to suggest: the gentle body scan first, the last one chosen after that, and the
next stage (recall, then counting) after a couple of sessions that felt relaxing."""

from __future__ import annotations

from companion.clock import FakeClock
from companion.relax.library import load_builtin_scripts
from companion.relax.model import Stage
from companion.relax.progress import Answer, ProgressStore, RelaxProgress

SCRIPTS = load_builtin_scripts()


def suggested_id(progress: RelaxProgress, last: str = "") -> str:
    suggestion = progress.suggestion(SCRIPTS, last)
    assert suggestion is not None
    return suggestion[0].id


def test_with_no_history_the_body_scan_is_suggested():
    assert suggested_id(RelaxProgress()) == "body-scan"


def test_the_last_script_is_suggested_again():
    assert suggested_id(RelaxProgress(), last="pmr-7") == "pmr-7"


def test_two_relaxing_tense_and_release_sessions_suggest_release_by_recall():
    progress = RelaxProgress()
    progress.record(Stage.TENSE, Answer.MORE)
    assert suggested_id(progress, last="pmr-7") == "pmr-7"
    progress.record(Stage.TENSE, Answer.MORE)
    assert suggested_id(progress, last="pmr-7") == "recall"


def test_then_recall_with_counting_then_counting_alone():
    progress = RelaxProgress({"tense": 2, "recall": 2})
    assert suggested_id(progress) == "recall-counting"
    progress.record(Stage.RECALL_COUNTING, Answer.MORE)
    progress.record(Stage.RECALL_COUNTING, Answer.MORE)
    assert suggested_id(progress) == "counting"


def test_answers_other_than_more_relaxed_do_not_move_anyone_on():
    progress = RelaxProgress()
    for _ in range(5):
        progress.record(Stage.TENSE, Answer.SAME)
        progress.record(Stage.TENSE, Answer.LESS)
    assert progress.reached() is Stage.TENSE


def test_counts_survive_a_restart(tmp_path):
    store = ProgressStore(tmp_path / "relax-progress.toml", FakeClock())
    store.save(RelaxProgress({"tense": 2}))
    assert store.load().relaxed == {"tense": 2}


def test_a_damaged_file_is_kept_aside_with_a_notice(tmp_path):
    path = tmp_path / "relax-progress.toml"
    path.write_text("relaxed = [")
    loaded = ProgressStore(path, FakeClock()).load()
    assert loaded.relaxed == {} and "kept at" in loaded.notices[0]
    assert list(tmp_path.glob("relax-progress.toml.kept-*"))


def test_nonsense_counts_are_ignored(tmp_path):
    path = tmp_path / "relax-progress.toml"
    path.write_text('[relaxed]\ntense = -3\nrecall = "lots"\nnap = 4\ncounting = 1\n')
    assert ProgressStore(path, FakeClock()).load().relaxed == {"counting": 1}


def test_after_less_relaxed_the_suggestion_fits_what_was_just_done():
    """Never the same kind again: not the body scan right after the body scan."""
    from companion.relax.library import load_builtin_scripts
    from companion.relax.progress import after_less_relaxed

    scripts = load_builtin_scripts()
    by_id = {s.id: s for s in scripts}
    other, words = after_less_relaxed(by_id["body-scan"], scripts)
    assert other is None and "slow breathing" in words and "Need help now?" in words
    other, words = after_less_relaxed(by_id["pmr-7"], scripts)
    assert other is not None and other.id == "body-scan" and "nothing to tense" in words
    other, _words = after_less_relaxed(by_id["counting"], scripts)
    assert other is not None and other.stage.value != "counting"
