"""A feature of the app as the composition root sees it: one page, built the first time it is
shown, and the wiring that feature owns (what it offers the others, what it hears from them)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from companion.ui.shell.base_page import BasePage
from companion.ui.shell.services import Services


class Feature(QObject):
    """Subclasses set page_id and build_page; start and close are optional."""

    page_id = ""

    def __init__(self, services: Services):
        super().__init__(services)
        self.services = services

    def build_page(self) -> BasePage:
        raise NotImplementedError

    def start(self) -> None:
        """Called once the window exists, before it shows: cheap wiring only (a page is built
        later, when first shown)."""

    def close(self) -> None:
        """The app is quitting: stop and let go of what this feature holds."""

    @property
    def page(self) -> BasePage:
        """This feature's page, built now if it was not yet."""
        return self.services.window.page(self.page_id)

    def page_built(self) -> bool:
        return any(page.page_id == self.page_id for page in self.services.window.built_pages())
