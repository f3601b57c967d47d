"""Dates as legal texts write them: "14 August 2006", "14.8.2006", "2006-08-14", "August 14, 2006".

Day-first wherever the form is ambiguous (European usage). Two-digit years and partial dates are
refused rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as dateutil_parser

__all__ = ["parse_date", "parse_period"]

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HAS_YEAR = re.compile(r"\b\d{4}\b")
_HAS_DAY_AND_MONTH = re.compile(
    r"\b\d{1,2}(st|nd|rd|th)?[\s./-]+(\d{1,2}|[A-Za-zé]{3,})|[A-Za-z]{3,}\.?\s+\d{1,2}\b"
)


def parse_date(text: str) -> dt.date:
    """Parse one full date; raise ValueError naming what is wrong.

    >>> parse_date("14 August 2006"), parse_date("14.8.2006"), parse_date("2006-08-14")
    (datetime.date(2006, 8, 14), datetime.date(2006, 8, 14), datetime.date(2006, 8, 14))
    """
    value = str(text).strip()
    if isinstance(text, dt.date):
        return text
    if _ISO.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a date ({exc})") from exc
    if not _HAS_YEAR.search(value) or not _HAS_DAY_AND_MONTH.search(value):
        raise ValueError(f"{value!r} is not a full date (day, month and four-digit year)")
    try:
        return dateutil_parser.parse(value, dayfirst=True, fuzzy=False).date()
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"{value!r} is not a date") from exc


def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """``"2023-01-01 to 2023-12-31"``, ``"1 January 2023 – 31 December 2023"``."""
    parts = re.split(r"\s+(?:to|until|-|–|—)\s+|\s*/\s*(?=\d{4}-)", str(text).strip())
    if len(parts) != 2:
        raise ValueError(f"{text!r} is not a period: write 'START to END'")
    start, end = parse_date(parts[0]), parse_date(parts[1])
    if end < start:
        raise ValueError(f"the period {text!r} ends before it starts")
    return start, end
