"""Reduce-motion: the user's choice, else the desktop's preference read without Qt."""

from __future__ import annotations

import logging
import os
import shutil
from typing import Any

log = logging.getLogger(__name__)

PORTAL_TIMEOUT_S = 0.5  # Seconds to wait for the settings portal before trying gsettings


def reduce_motion(setting: str, system_prefers_reduced: bool | None) -> bool:
    """Whether to still animations: an explicit setting wins, else the system's, else move."""
    if setting == "reduce":
        return True
    if setting == "full":
        return False
    return bool(system_prefers_reduced)


def system_prefers_reduced_motion() -> bool | None:
    """GNOME's enable-animations, through the settings portal or gsettings; None when unknown.

    Qt 6.12+ reports the preference itself (the ui asks it first); this covers older Qt on Linux.
    Call it off the GUI thread: it may wait for D-Bus or a subprocess.
    """
    animations = _portal_enable_animations()
    if animations is None:
        animations = _gsettings_enable_animations()
    return None if animations is None else not animations


def _portal_enable_animations() -> bool | None:
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return None
    try:
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection
    except ImportError:
        return None
    portal = DBusAddress("/org/freedesktop/portal/desktop",
                         bus_name="org.freedesktop.portal.Desktop",
                         interface="org.freedesktop.portal.Settings")
    try:
        with open_dbus_connection(bus="SESSION") as conn:
            msg = new_method_call(portal, "Read", "ss",
                                  ("org.gnome.desktop.interface", "enable-animations"))
            reply = conn.send_and_get_reply(msg, timeout=PORTAL_TIMEOUT_S)
    except Exception as exc:  # no portal, no bus, a timeout: all mean "unknown"
        log.debug("settings portal unavailable: %s", exc)
        return None
    return _unwrap_bool(reply.body[0] if reply.body else None)


def _unwrap_bool(value: Any) -> bool | None:
    # The portal's Read wraps the value in one or two variants: ('v', ('b', True)).
    while isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str):
        value = value[1]
    return value if isinstance(value, bool) else None


def _gsettings_enable_animations() -> bool | None:
    gsettings = shutil.which("gsettings")
    if gsettings is None:
        return None
    import subprocess  # asked once, off the GUI thread, after the first paint

    try:
        out = subprocess.run([gsettings, "get", "org.gnome.desktop.interface", "enable-animations"],
                             capture_output=True, text=True, timeout=2, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    answer = out.stdout.strip()
    return {"true": True, "false": False}.get(answer)
