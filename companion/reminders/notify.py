"""Desktop notifications over the freedesktop Notifications service (D-Bus, through jeepney):
send one with "Start" (also the default action, which many servers offer alone) and "Snooze", and
hear which action was chosen. Sending may wait for D-Bus, so callers run it off the GUI thread;
listening blocks a thread of its own on the socket (no polling)."""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
TIMEOUT_S = 2.0
APP_NAME = "Companion"


class NotificationsUnavailable(RuntimeError):
    """No notification service answered; the message says why."""


class DesktopNotifier:
    """One connection to send on, another (on its own thread) to hear actions and closings.
    on_action(notification id, action key) and on_closed(id) are called from that thread."""

    def __init__(self, on_action: Callable[[int, str], None],
                 on_closed: Callable[[int], None] | None = None) -> None:
        self._on_action = on_action
        self._on_closed = on_closed or (lambda _id: None)
        self._lock = threading.Lock()
        self._sender: Any = None
        self._listener: Any = None
        self._thread: threading.Thread | None = None
        self.capabilities: list[str] = []
        self.server = ""

    def _address(self) -> Any:
        from jeepney import DBusAddress

        return DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)

    def connect(self) -> None:
        """Open both connections and learn what the server can do; NotificationsUnavailable
        when there is no session bus or no notification service."""
        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            raise NotificationsUnavailable("no D-Bus session bus")
        from jeepney import MatchRule, new_method_call
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

        with self._lock:
            if self._sender is not None:
                return
            try:
                sender = open_dbus_connection(bus="SESSION")
                info = sender.send_and_get_reply(
                    new_method_call(self._address(), "GetServerInformation"), timeout=TIMEOUT_S)
                if info.header.message_type.name != "method_return":
                    sender.close()
                    raise NotificationsUnavailable(f"no notification service ({info.body})")
                caps = sender.send_and_get_reply(
                    new_method_call(self._address(), "GetCapabilities"), timeout=TIMEOUT_S)
                listener = open_dbus_connection(bus="SESSION")
                rule = MatchRule(type="signal", interface=SERVICE, path=PATH)
                listener.send_and_get_reply(message_bus.AddMatch(rule), timeout=TIMEOUT_S)
            except NotificationsUnavailable:
                raise
            except Exception as exc:
                raise NotificationsUnavailable(f"the session bus could not be used ({exc})") \
                    from exc
            self.server = f"{info.body[0]} {info.body[2]}"
            self.capabilities = list(caps.body[0]) if caps.body else []
            self._sender, self._listener = sender, listener
            self._thread = threading.Thread(target=self._listen, args=(listener, rule),
                                            name="notification-actions", daemon=True)
            self._thread.start()

    @property
    def supports_actions(self) -> bool:
        return "actions" in self.capabilities

    def notify(self, summary: str, body: str, actions: list[tuple[str, str]],
               timeout_ms: int = 0) -> int:
        """Show a notification; returns its id. actions: (key, label) pairs; the first is also
        sent as the default action."""
        from jeepney import new_method_call

        self.connect()
        flat: list[str] = []
        if actions:
            flat += ["default", actions[0][1]]
        for key, label in actions:
            flat += [key, label]
        hints = {"desktop-entry": ("s", "companion"), "urgency": ("y", 0),
                 "category": ("s", "presence")}
        message = new_method_call(self._address(), "Notify", "susssasa{sv}i",
                                  (APP_NAME, 0, "companion", summary, body, flat, hints,
                                   timeout_ms))
        with self._lock:
            reply = self._sender.send_and_get_reply(message, timeout=TIMEOUT_S)
        if reply.header.message_type.name != "method_return":
            raise NotificationsUnavailable(f"the notification was refused ({reply.body})")
        return int(reply.body[0])

    def _listen(self, connection: Any, rule: Any) -> None:
        try:
            with connection.filter(rule, bufsize=64) as queue:
                while True:
                    message = connection.recv_until_filtered(queue)
                    member = message.header.fields.get(3)  # HeaderFields.member
                    if member == "ActionInvoked":
                        self._on_action(int(message.body[0]), str(message.body[1]))
                    elif member == "NotificationClosed":
                        self._on_closed(int(message.body[0]))
        except Exception as exc:  # the connection was closed (quitting) or the bus went away
            log.debug("notification listener stopped: %s", exc)

    def close(self) -> None:
        with self._lock:
            for connection in (self._sender, self._listener):
                if connection is not None:
                    with contextlib.suppress(OSError):
                        connection.close()
            self._sender = self._listener = None
