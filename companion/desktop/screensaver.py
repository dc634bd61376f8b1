"""Keeps the screen awake during a session: the freedesktop ScreenSaver inhibit over D-Bus.

Where it cannot (no session bus, no screensaver service, another platform) it says nothing and
the session carries on. Calls may wait for D-Bus, so callers run them off the GUI thread.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

log = logging.getLogger(__name__)

TIMEOUT_S = 1.0  # Seconds to wait for the screensaver service before giving up quietly
SERVICE = "org.freedesktop.ScreenSaver"
PATH = "/org/freedesktop/ScreenSaver"


class ScreenSaverInhibitor:
    """inhibit() asks the desktop not to blank; uninhibit() gives that back. Safe from any thread."""

    def __init__(self, app_name: str = "Companion") -> None:
        self._app_name = app_name
        self._lock = threading.Lock()
        self._connection: Any = None
        self._cookie: int | None = None

    @property
    def active(self) -> bool:
        return self._cookie is not None

    def inhibit(self, reason: str) -> bool:
        """True when the desktop agreed; the inhibit lasts until uninhibit() or this app exits."""
        with self._lock:
            if self._cookie is not None:
                return True
            if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
                return False
            try:
                from jeepney import DBusAddress, new_method_call
                from jeepney.io.blocking import open_dbus_connection

                connection = open_dbus_connection(bus="SESSION")
                address = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)
                reply = connection.send_and_get_reply(
                    new_method_call(address, "Inhibit", "ss", (self._app_name, reason)),
                    timeout=TIMEOUT_S)
            except Exception as exc:  # no bus, no service, a timeout: carry on without it
                log.info("screen cannot be kept awake here: %s", exc)
                return False
            if reply.header.message_type.name != "method_return":
                log.info("screensaver refused to inhibit: %s", reply.body)
                connection.close()
                return False
            self._connection, self._cookie = connection, int(reply.body[0])
            return True

    def uninhibit(self) -> None:
        """Let the screen blank again; nothing happens if it was never inhibited."""
        with self._lock:
            if self._cookie is None:
                return
            try:
                from jeepney import DBusAddress, new_method_call

                address = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)
                self._connection.send_and_get_reply(
                    new_method_call(address, "UnInhibit", "u", (self._cookie,)), timeout=TIMEOUT_S)
            except Exception as exc:  # closing the connection below releases it anyway
                log.info("screensaver uninhibit failed: %s", exc)
            finally:
                self._connection.close()
                self._connection, self._cookie = None, None
