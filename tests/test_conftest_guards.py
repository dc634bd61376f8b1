"""The test suite's own guards must be able to fail."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget


def test_a_running_timer_on_a_widget_is_found(qtbot, find_active_qtimers):
    """The dangling-timer guard sees an active timer owned by a widget."""
    widget = QWidget()
    qtbot.addWidget(widget)
    timer = QTimer(widget)
    timer.setObjectName("left-running")
    timer.start(60_000)
    try:
        assert [t.objectName() for t in find_active_qtimers()] == ["left-running"]
    finally:
        timer.stop()
    assert find_active_qtimers() == []
