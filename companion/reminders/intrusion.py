"""Whether a reminder would intrude right now: a full-screen window is active (X11's
_NET_WM_STATE, read with xprop; Wayland offers no way to tell) or the desktop's do-not-disturb is
on (the Notifications service's Inhibited property, dunst's pause, GNOME's show-banners). Each
check may wait on another process or D-Bus, so callers run them off the GUI thread; anything that
cannot be read counts as 'no reason to wait'."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from collections.abc import Mapping

log = logging.getLogger(__name__)

TIMEOUT_S = 2.0
FULLSCREEN = "_NET_WM_STATE_FULLSCREEN"


def _run(args: list[str], env: Mapping[str, str]) -> str | None:
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT_S,
                              env=dict(env), check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def fullscreen_active(env: Mapping[str, str] | None = None) -> bool | None:
    """True when the active X11 window is full screen; None where that cannot be known."""
    env = os.environ if env is None else env
    if not env.get("DISPLAY") or shutil.which("xprop") is None:
        return None
    root = _run(["xprop", "-root", "_NET_ACTIVE_WINDOW"], env)
    found = re.search(r"window id # (0x[0-9a-fA-F]+)", root or "")
    if found is None or int(found.group(1), 16) == 0:
        return None if root is None else False
    state = _run(["xprop", "-id", found.group(1), "_NET_WM_STATE"], env)
    return None if state is None else FULLSCREEN in state


def _notification_property(interface: str, name: str) -> bool | None:
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return None
    try:
        from jeepney import DBusAddress, Properties
        from jeepney.io.blocking import open_dbus_connection

        address = DBusAddress("/org/freedesktop/Notifications",
                              bus_name="org.freedesktop.Notifications", interface=interface)
        with open_dbus_connection(bus="SESSION") as connection:
            reply = connection.send_and_get_reply(Properties(address).get(name),
                                                  timeout=TIMEOUT_S)
    except Exception as exc:  # no service, no such property: unknown
        log.debug("cannot read %s.%s: %s", interface, name, exc)
        return None
    if reply.header.message_type.name != "method_return":
        return None
    signature, value = reply.body[0]
    return bool(value) if signature == "b" else None


def do_not_disturb(env: Mapping[str, str] | None = None) -> bool | None:
    """True when the desktop asks for no notifications; None when no desktop says either way."""
    env = os.environ if env is None else env
    for interface, name in (("org.freedesktop.Notifications", "Inhibited"),
                            ("org.dunstproject.cmd0", "paused")):
        value = _notification_property(interface, name)
        if value is not None:
            return value
    if shutil.which("gsettings"):
        shown = _run(["gsettings", "get", "org.gnome.desktop.notifications", "show-banners"], env)
        if shown is not None and shown.strip() in ("true", "false"):
            return shown.strip() == "false"
    return None


def reason_to_wait(env: Mapping[str, str] | None = None) -> str | None:
    """Why a reminder should wait now, in words; None when it may come."""
    if do_not_disturb(env):
        return "do not disturb is on"
    if fullscreen_active(env):
        return "a full-screen window is active"
    return None
