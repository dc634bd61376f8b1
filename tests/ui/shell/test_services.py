"""The shared services the features stand on: saving with a calm word when the disk refuses, and
what features offer each other without importing each other."""

from __future__ import annotations

import errno

from companion.ui.breathe.feature import BreatheFeature
from companion.ui.journal.feature import JournalFeature
from companion.ui.relax.feature import RelaxFeature
from companion.ui.reminders.feature import RemindersFeature
from companion.ui.session.feature import SessionFeature
from companion.ui.sounds.feature import SoundsFeature


def test_a_refused_save_says_why_calmly_and_carries_on(make_app):
    """A full disk: the notice says what happened in the system's words; nothing is raised."""
    app = make_app()

    def full_disk() -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    assert app.services.save_or_say(full_disk, "Your mix could not be saved ({reason}).") is False
    assert "Your mix could not be saved (No space left on device)." in app.window.notice_texts()


def test_a_save_that_works_says_nothing(make_app):
    app = make_app()
    assert app.services.save_or_say(lambda: None, "unused ({reason})") is True
    assert app.window.notice_texts() == []


def test_every_feature_offers_its_capability_before_any_page_is_built(make_app):
    """The features find each other through the services from the start, and no page was built
    to make that so (start-up pays for the first page only)."""
    app = make_app()
    services = app.services
    assert services.journal is app.feature(JournalFeature)
    assert services.breathing is app.feature(BreatheFeature)
    assert services.soundscape is app.feature(SoundsFeature)
    assert services.reminders is app.feature(RemindersFeature)
    assert services.sessions is app.feature(SessionFeature)
    assert services.voice is app.feature(RelaxFeature)
    assert app.window.built_pages() == []


def test_the_root_registers_one_feature_for_every_page(make_app):
    """Each page in the sidebar is built by exactly one registered feature."""
    from companion.pages import PAGES

    app = make_app()
    assert [f.page_id for f in app.features] == [p.id for p in PAGES]
