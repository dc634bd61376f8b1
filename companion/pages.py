"""The app's pages: their ids, titles and what their main action is called."""

from __future__ import annotations

from dataclasses import dataclass

from companion.i18n import N_, _


@dataclass(frozen=True)
class PageInfo:
    """A page a user can open from the sidebar, the command line or a launcher action."""

    id: str
    english_title: str
    english_summary: str
    english_start: str | None = None  # the page's main action, where Home offers one

    @property
    def title(self) -> str:
        return _(self.english_title)

    @property
    def summary(self) -> str:
        return _(self.english_summary)

    @property
    def start_label(self) -> str | None:
        return _(self.english_start) if self.english_start else None


# Only pages that exist are listed; later features add theirs here, in sidebar order.
PAGES: tuple[PageInfo, ...] = (
    PageInfo("home", N_("Home"), N_("A calm place to begin")),
    PageInfo("session", N_("Quiet session"), N_("Breathe, let go, write and rest, with a check-in "
                                                "before and after"),
             english_start=N_("Begin a quiet session")),
    PageInfo("breathe", N_("Breathe"), N_("Slow, paced breathing with a gentle orb and sound"),
             english_start=N_("Breathe now")),
    PageInfo("relax", N_("Relax"), N_("Guided muscle relaxation and body scans, spoken softly"),
             english_start=N_("Relax now")),
    PageInfo("journal", N_("Journal"),
             N_("A private, encrypted place to write, with gentle prompts")),
    PageInfo("sounds", N_("Sounds"), N_("Rain, waves, a fire and more, mixed the way you like"),
             english_start=N_("Play sounds")),
    PageInfo("reminders", N_("Reminders"), N_("Gentle nudges at the times you choose")),
    PageInfo("progress", N_("Progress"), N_("How your quiet sessions went, before and after")),
    PageInfo("settings", N_("Settings"), N_("Appearance, motion, sound and privacy")),
)

PAGE_IDS: tuple[str, ...] = tuple(page.id for page in PAGES)
DEFAULT_PAGE = "home"


def page_info(page_id: str) -> PageInfo:
    """The page with this id; KeyError names the ones that exist."""
    for page in PAGES:
        if page.id == page_id:
            return page
    raise KeyError(f"no page called {page_id!r}; pages are: {', '.join(PAGE_IDS)}")
