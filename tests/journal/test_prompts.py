"""Writing prompts: 'Let it out' draws prompts about what was held back, a different one each
session; loss prompts only where loss is the subject; a person's own prompts load or are refused
by file, line and field."""

from __future__ import annotations

from companion.journal.prompts import (
    load_prompts,
    load_user_prompts,
    prompt_for,
    session_turn,
)


def test_a_release_step_draws_only_prompts_about_what_was_held_back():
    prompts = load_prompts()
    drawn = {prompt_for(prompts, turn, grief=False, release=True).theme for turn in range(40)}
    assert drawn and all(p.release for p in prompts if p.theme in drawn)
    assert not any(p.grief for p in prompts if p.theme in drawn)


def test_loss_prompts_come_only_in_a_flow_about_loss():
    prompts = load_prompts()
    plain = {prompt_for(prompts, turn, grief=False).theme for turn in range(40)}
    loss = {prompt_for(prompts, turn, grief=True).theme for turn in range(40)}
    assert not any(p.grief for p in prompts if p.theme in plain)
    assert all(p.grief for p in prompts if p.theme in loss)


def test_each_session_starts_from_a_different_prompt_than_the_last():
    last = None
    for started in range(50):
        turn = session_turn(1_700_000_000.0 + started * 3600, 20, last)
        assert turn != last
        last = turn


def test_the_anger_prompt_asks_what_the_anger_needs():
    anger = next(p for p in load_prompts() if p.theme == "anger")
    assert "need" in anger.text


def test_a_persons_own_prompts_load_beside_the_built_ins(tmp_path):
    path = tmp_path / "prompts.toml"
    path.write_text('format = 1\n\n[[prompt]]\ntheme = "mine"\ntext = "What did the rain say?"\n'
                    "release = true\n")
    mine, problem = load_user_prompts(path)
    assert problem is None and [(p.theme, p.release) for p in mine] == [("mine", True)]


def test_a_broken_prompt_is_refused_naming_the_file_line_and_field(tmp_path):
    path = tmp_path / "prompts.toml"
    path.write_text('format = 1\n\n[[prompt]]\ntheme = "ok"\ntext = "Fine."\n\n'
                    '[[prompt]]\ntheme = "broken"\ngrief = "yes"\ntext = "Hm."\n')
    mine, problem = load_user_prompts(path)
    assert mine == [] and problem == "prompts.toml, line 7: grief: must be true or false"
