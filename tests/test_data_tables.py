"""The one parse skeleton for the app's [[table]] data files (relaxation scripts and session
flows): the same kind words for the same mistakes, and a place that is always a real one."""

from __future__ import annotations

import pytest

from companion.relax.library import parse_scripts
from companion.relax.model import ScriptError
from companion.sessions.flows import FlowError, parse_flows


def test_an_entry_written_inline_is_named_by_file_never_line_none():
    """A flow written as an inline table has no [[flow]] line to point at: the message names the
    file (and the step), never 'line None'."""
    text = ('format = 1\nflow = [{ id = "mine", title = "Mine", '
            'step = [{ kind = "release" }] }]\n')
    with pytest.raises(FlowError) as caught:
        parse_flows(text, "session-flows.toml")
    assert "None" not in caught.value.message
    assert caught.value.message.startswith("session-flows.toml (step 1): script:")


@pytest.mark.parametrize(("parse", "error", "table"), [
    (parse_scripts, ScriptError, "script"), (parse_flows, FlowError, "flow")])
def test_scripts_and_flows_say_the_same_about_a_newer_format(parse, error, table):
    """Both name the format they read, in the same words."""
    with pytest.raises(error) as caught:
        parse(f"format = 9\n[[{table}]]\n", "mine.toml")
    assert caught.value.message == ("mine.toml: format 9 is not one this version reads "
                                    "(it reads format = 1)")


@pytest.mark.parametrize(("parse", "error", "table"), [
    (parse_scripts, ScriptError, "script"), (parse_flows, FlowError, "flow")])
def test_a_file_with_no_entries_says_so(parse, error, table):
    """A file without a single [[table]] is refused with what was looked for."""
    with pytest.raises(error) as caught:
        parse("format = 1\n", "mine.toml")
    assert caught.value.message == f"mine.toml: no [[{table}]] table was found"


@pytest.mark.parametrize(("parse", "error"), [(parse_scripts, ScriptError),
                                              (parse_flows, FlowError)])
def test_text_that_is_not_toml_says_so(parse, error):
    with pytest.raises(error) as caught:
        parse("this is = = not toml", "mine.toml")
    assert caught.value.message.startswith("mine.toml: this is not valid TOML")
