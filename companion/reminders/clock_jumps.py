"""Hearing when the wall clock is set (by hand, or by NTP stepping it): a Linux timerfd armed with
TFD_TIMER_CANCEL_ON_SET becomes readable, and read() fails with ECANCELED, the moment the
realtime clock changes. Through ctypes; elsewhere there is none and callers rely on re-arming."""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import sys

CLOCK_REALTIME = 0
TFD_CLOEXEC = 0o2000000
TFD_NONBLOCK = 0o4000
TFD_TIMER_ABSTIME = 1
TFD_TIMER_CANCEL_ON_SET = 2
FAR_FUTURE = 2**40  # seconds since 1970: the timer itself never fires


class _Timespec(ctypes.Structure):
    _fields_ = [("tv_sec", ctypes.c_long), ("tv_nsec", ctypes.c_long)]


class _Itimerspec(ctypes.Structure):
    _fields_ = [("it_interval", _Timespec), ("it_value", _Timespec)]


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    name = ctypes.util.find_library("c") or "libc.so.6"
    try:
        return ctypes.CDLL(name, use_errno=True)
    except OSError:
        return None


def open_clock_watch() -> int | None:
    """A file descriptor that becomes readable when the wall clock is set; None where
    unsupported. Hand it to rearm() after each change."""
    libc = _libc()
    if libc is None:
        return None
    fd = libc.timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC)
    if fd < 0:
        return None
    if not rearm(fd):
        os.close(fd)
        return None
    return fd


def rearm(fd: int) -> bool:
    """Arm (again) the timer so the next clock change is heard."""
    libc = _libc()
    if libc is None:
        return False
    spec = _Itimerspec(_Timespec(0, 0), _Timespec(FAR_FUTURE, 0))
    return libc.timerfd_settime(fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET,
                                ctypes.byref(spec), None) == 0


def clock_was_set(fd: int) -> bool:
    """After the fd turned readable: True when that was a clock change (then call rearm)."""
    try:
        os.read(fd, 8)
    except BlockingIOError:
        return False
    except OSError as exc:
        return exc.errno == errno.ECANCELED
    return False
