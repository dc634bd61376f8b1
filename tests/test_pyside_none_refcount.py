"""Guards against the PySide6 6.12.0 / Python 3.11 bug that leaks a reference to None per void call.

With the bug, None's refcount falls by one on every call such as widget.update(), and after a few
thousand calls Python aborts with "none_dealloc". A breathing orb repainting at 60 fps would die
within two minutes. The dependency pin excludes that release; this test catches any future one.
"""

import subprocess
import sys

import pytest

CALLS = 10_000

PROBE = f"""
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
widget = QWidget()
before = sys.getrefcount(None)
for _ in range({CALLS}):
    widget.update()
after = sys.getrefcount(None)
print(before, after)
"""


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_void_qt_calls_do_not_leak_references_to_none():
    """Ten thousand void Qt calls leave None's refcount where it was (and the process alive)."""
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, f"Qt process died: {result.stderr[-500:]}"
    before, after = map(int, result.stdout.split())
    assert before - after < 100, f"None lost {before - after} references in {CALLS} calls"


def test_void_qt_calls_survive_on_any_python():
    """On every Python version the loop completes and the process exits cleanly."""
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-500:]
