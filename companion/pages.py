"""The app's pages: their ids, titles and what their main action is called."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageInfo:
    """A page a user can open from the sidebar, the command line or a launcher action."""

    id: str
    title: str
    summary: str
    start_label: str | None = None


# Only pages that exist are listed; later features add theirs here, in sidebar order.
PAGES: tuple[PageInfo, ...] = (
    PageInfo("home", "Home", "A calm place to begin"),
    PageInfo("session", "Quiet session", "Breathe, let go, write and rest, with a check-in "
             "before and after", start_label="Begin a quiet session"),
    PageInfo("breathe", "Breathe", "Slow, paced breathing with a gentle orb and sound",
             start_label="Breathe now"),
    PageInfo("relax", "Relax", "Guided muscle relaxation and body scans, spoken softly",
             start_label="Relax now"),
    PageInfo("journal", "Journal", "A private, encrypted place to write, with gentle prompts"),
    PageInfo("sounds", "Sounds", "Rain, waves, a fire and more, mixed the way you like",
             start_label="Play sounds"),
    PageInfo("reminders", "Reminders", "Gentle nudges at the times you choose"),
    PageInfo("progress", "Progress", "How your quiet sessions went, before and after"),
    PageInfo("settings", "Settings", "Appearance, motion, sound and privacy"),
)

PAGE_IDS: tuple[str, ...] = tuple(page.id for page in PAGES)
DEFAULT_PAGE = "home"


def page_info(page_id: str) -> PageInfo:
    """The page with this id; KeyError names the ones that exist."""
    for page in PAGES:
        if page.id == page_id:
            return page
    raise KeyError(f"no page called {page_id!r}; pages are: {', '.join(PAGE_IDS)}")
