"""Small phrases the pages share: counts and lengths of time in words."""

from __future__ import annotations

from datetime import datetime
from fractions import Fraction

from PySide6.QtCore import QLocale

from companion.i18n import _, ngettext


def duration_words(seconds: Fraction | float) -> str:
    """'less than a minute', '1 minute', '5 minutes' (rounded)."""
    minutes = round(float(seconds) / 60)
    if float(seconds) < 60:
        return _("less than a minute")
    return ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)


def day_and_time(moment: datetime, with_date: bool = False) -> str:
    """'Wed 21:45' (or 'Wed 2 Dec, 21:45'), with the day and month named in the app's language
    (Qt's locale for it; the clock stays 24-hour, as everywhere in Companion)."""
    locale = QLocale()
    day = locale.dayName(moment.isoweekday(), QLocale.FormatType.ShortFormat)
    if with_date:
        month = locale.monthName(moment.month, QLocale.FormatType.ShortFormat)
        return f"{day} {moment.day} {month}, {moment:%H:%M}"
    return f"{day} {moment:%H:%M}"


def failure_reason(exc: OSError) -> str:
    """Why a file could not be written, in the system's words ('No space left on device')."""
    return exc.strerror or _("the disk refused the write")
