"""The README's promises that a newcomer relies on."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def commands() -> list[str]:
    first_block = re.search(r"```bash\n(.*?)```", README, re.S)
    assert first_block, "README needs a bash code block with the two commands"
    return [line for line in first_block.group(1).splitlines() if not line.startswith("#")]


def test_readme_has_install_run_and_test_commands():
    """One block holds the install-and-run and the install-and-test commands."""
    run, test = commands()
    assert run.endswith(".venv/bin/companion")
    assert test.endswith(".venv/bin/pytest")


def test_ci_runs_the_readme_test_command_word_for_word():
    """CI runs exactly the test command the README gives a newcomer."""
    _run, test = commands()
    assert test in (ROOT / ".ci" / "run").read_text().splitlines()


def test_readme_pictures_exist():
    """Every image the README shows is in the repository."""
    for target in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README):
        assert (ROOT / target).is_file(), target


def test_readme_lists_every_page_you_can_open():
    """The --open pages in the README are the ones that exist."""
    from companion.pages import PAGE_IDS

    for page in PAGE_IDS:
        assert f"`{page}`" in README
