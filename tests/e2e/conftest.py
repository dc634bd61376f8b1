"""A real X server (Xvfb) for end-to-end tests; tools missing here fail in CI and skip elsewhere."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator

import pytest

NEEDED = ("Xvfb", "dbus-run-session", "xdotool", "import", "convert")


def require_tools() -> None:
    missing = [tool for tool in NEEDED if shutil.which(tool) is None]
    if missing:
        message = f"end-to-end tools missing: {', '.join(missing)} (.ci/run installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def xvfb_display() -> Iterator[str]:
    """Start Xvfb on a free display; yield its name (':N'); stop it afterwards."""
    require_tools()
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()  # Xvfb writes the display number once it accepts clients
    if not number:
        server.kill()
        pytest.fail("Xvfb did not start")
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)
