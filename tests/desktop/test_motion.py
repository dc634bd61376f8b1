"""Reduce motion: the user's choice first, then the desktop's preference."""

import pytest

from companion.desktop import motion


@pytest.mark.parametrize(("setting", "system", "expected"), [
    ("reduce", False, True), ("full", True, False),
    ("system", True, True), ("system", False, False), ("system", None, False)])
def test_setting_overrides_system(setting, system, expected):
    """An explicit choice wins; 'system' follows the desktop, and unknown means motion is allowed."""
    assert motion.reduce_motion(setting, system) is expected


def test_portal_reply_variants_are_unwrapped():
    """The portal's nested variant ('v', ('b', False)) reads as False."""
    assert motion._unwrap_bool(("v", ("b", False))) is False
    assert motion._unwrap_bool(("b", True)) is True
    assert motion._unwrap_bool(("s", "yes")) is None


def test_no_bus_and_no_gsettings_means_unknown(monkeypatch):
    """Without a session bus or gsettings the preference is unknown, not guessed."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setattr(motion.shutil, "which", lambda _name: None)
    assert motion.system_prefers_reduced_motion() is None


def test_gsettings_animations_off_means_reduce(monkeypatch, tmp_path):
    """GNOME's enable-animations false, read through gsettings, asks for reduced motion."""
    fake = tmp_path / "gsettings"
    fake.write_text("#!/bin/sh\necho false\n")
    fake.chmod(0o755)
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setattr(motion.shutil, "which", lambda _name: str(fake))
    assert motion.system_prefers_reduced_motion() is True
