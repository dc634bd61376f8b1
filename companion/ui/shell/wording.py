"""Small phrases the pages share: counts and lengths of time in words."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale

from companion.i18n import _, ngettext

if TYPE_CHECKING:
    from fractions import Fraction


def duration_words(seconds: Fraction | float) -> str:
    """'less than a minute', '1 minute', '5 minutes' (rounded)."""
    minutes = round(float(seconds) / 60)
    if float(seconds) < 60:
        return _("less than a minute")
    return ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)


def day_and_time(moment: datetime, with_date: bool = False, with_year: bool = False) -> str:
    """'Wed 21:45', 'Wed 02 Dec, 21:45' or 'Wed 02 Dec 2026, 21:45', with the day and month named
    in the app's language (Qt's locale for it; the clock stays 24-hour, as everywhere here)."""
    locale = QLocale()
    day = locale.dayName(moment.isoweekday(), QLocale.FormatType.ShortFormat)
    if not (with_date or with_year):
        return f"{day} {moment:%H:%M}"
    month = locale.monthName(moment.month, QLocale.FormatType.ShortFormat)
    year = f" {moment.year}" if with_year else ""
    return f"{day} {moment.day:02d} {month}{year}, {moment:%H:%M}"


def decimal(value: float | Fraction) -> str:
    """A number as the app's language writes it: '5.5' in English, '5,5' in German and Spanish
    (whole numbers without a fraction, as Python's 'g' format)."""
    return QLocale().toString(float(value), "g", 6)


def failure_reason(exc: OSError) -> str:
    """Why a file could not be written, in the system's words ('No space left on device')."""
    return exc.strerror or _("the disk refused the write")
