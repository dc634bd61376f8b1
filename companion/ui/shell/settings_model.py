"""The live settings shared by all widgets: one object that saves and announces every change."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal

from companion.i18n import _
from companion.settings import Settings, SettingsStore
from companion.ui.shell.wording import failure_reason

log = logging.getLogger(__name__)


class SettingsModel(QObject):
    """Holds the current Settings; update() saves atomically and emits changed."""

    changed = Signal(object)  # the new Settings
    save_failed = Signal(str)  # a calm message for the user

    def __init__(self, store: SettingsStore, settings: Settings, parent: QObject | None = None):
        super().__init__(parent)
        self._store = store
        self._settings = settings
        self.saving_enabled = True

    @property
    def settings(self) -> Settings:
        return self._settings

    def update(self, **changes: Any) -> None:
        """Apply changes, save them, and tell listeners; invalid values raise ValueError."""
        candidate = replace(self._settings, **changes)
        bad = candidate.validate()
        if bad:
            raise ValueError(f"invalid settings: {', '.join(bad)}")
        if candidate == self._settings:
            return
        self._settings = candidate
        self.save()
        self.changed.emit(candidate)

    def save(self) -> bool:
        """Write the current settings; on failure keep them in memory and say so once."""
        if not self.saving_enabled:
            return False
        try:
            self._store.save(self._settings)
        except OSError as exc:
            log.warning("could not save settings: %s", exc.strerror)
            self.save_failed.emit(
                _("Your settings could not be saved just now ({value}). They still apply until you close "
                  "Companion; freeing some disk space and changing any setting saves them.")
                  .format(value=failure_reason(exc)))
            return False
        return True
