"""Runs slow plain-Python calls on the thread pool and hands the result back by signal."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; worker threads emit through it, slots run on the GUI thread."""

    finished = Signal(object)

    def __init__(self) -> None:
        super().__init__(QCoreApplication.instance())
        self.finished.connect(self._deliver)

    @staticmethod
    def _deliver(packet: tuple[QObject, Callable[[Any], None], Any]) -> None:
        owner, callback, value = packet
        if shiboken6.isValid(owner):  # the asker may have closed while the work ran
            callback(value)


_relay: _Relay | None = None


def _get_relay() -> _Relay:
    global _relay
    if _relay is None or not shiboken6.isValid(_relay):
        _relay = _Relay()
    return _relay


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], owner: QObject,
                 on_done: Callable[[Any], None], on_failed: Callable[[str], None] | None):
        super().__init__()
        self._fn, self._owner, self._on_done, self._on_failed = fn, owner, on_done, on_failed
        self._relay = _get_relay()

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # reported to the GUI thread, never raised in the pool
            log.exception("background task failed")
            if self._on_failed is not None:
                self._relay.finished.emit((self._owner, self._on_failed, str(exc)))
        else:
            self._relay.finished.emit((self._owner, self._on_done, result))


def run_in_background(fn: Callable[[], Any], on_done: Callable[[Any], None], owner: QObject,
                      on_failed: Callable[[str], None] | None = None,
                      pool: QThreadPool | None = None) -> None:
    """Call fn on a thread pool (the global one unless given); on_done(result) later runs on the
    GUI thread while owner lives. Workers never touch widgets."""
    (pool or QThreadPool.globalInstance()).start(_Task(fn, owner, on_done, on_failed))


def serial_pool(parent: QObject) -> QThreadPool:
    """A pool of one thread: tasks given to it run one after another, in order."""
    pool = QThreadPool(parent)
    pool.setMaxThreadCount(1)
    return pool
