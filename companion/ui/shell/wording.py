"""Small phrases the pages share: counts and lengths of time in words."""

from __future__ import annotations

from fractions import Fraction

from companion.i18n import _, ngettext


def duration_words(seconds: Fraction | float) -> str:
    """'less than a minute', '1 minute', '5 minutes' (rounded)."""
    minutes = round(float(seconds) / 60)
    if float(seconds) < 60:
        return _("less than a minute")
    return ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)


def failure_reason(exc: OSError) -> str:
    """Why a file could not be written, in the system's words ('No space left on device')."""
    return exc.strerror or _("the disk refused the write")
