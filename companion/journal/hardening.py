"""Keeping decrypted words out of places they could leak to: no core dump of a process that has
held the journal's key (RLIMIT_CORE 0, and PR_SET_DUMPABLE 0 on Linux, which also keeps other
programs of the same user from attaching a debugger)."""

from __future__ import annotations

import contextlib
import ctypes
import sys

PR_SET_DUMPABLE = 4


def protect_process() -> None:
    """Called before the first unlock; it holds for the rest of the process's life."""
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
