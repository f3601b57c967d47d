"""Words shared by every export: entry types, dates, periods and counts as editors write them.

>>> long_date(dt.date(2023, 7, 1))
'1 July 2023'
>>> period_text(dt.date(2023, 7, 1), dt.date(2024, 6, 30))
'1 July 2023 – 30 June 2024'
>>> counted(1, "status change", "status changes")
'1 status change'
"""

from __future__ import annotations

import datetime as dt

__all__ = [
    "ENTRY_TYPES",
    "TYPE_COUNT_LABELS",
    "TYPE_HEADINGS",
    "TYPE_LABELS",
    "counted",
    "long_date",
    "period_text",
    "status_label",
]

#: entry types in the order a country's section lists them
ENTRY_TYPES = ("legislation", "case-law", "equality-body", "policy", "other", "status-change")

#: sub-heading of each type within a country
TYPE_HEADINGS = {
    "legislation": "Legislation",
    "case-law": "Case law",
    "equality-body": "Equality-body decisions",
    "policy": "Policy",
    "other": "Other developments",
    "status-change": "Status changes",
}

#: one entry's type, as its metadata line names it
TYPE_LABELS = {
    "legislation": "Legislation",
    "case-law": "Case law",
    "equality-body": "Equality-body decision",
    "policy": "Policy",
    "other": "Other development",
    "status-change": "Status change",
}

#: (singular, plural) of each type in an export's statement of contents
TYPE_COUNT_LABELS = {
    "legislation": ("legislation", "legislation"),
    "case-law": ("case law", "case law"),
    "equality-body": ("equality-body decision", "equality-body decisions"),
    "policy": ("policy", "policy"),
    "other": ("other development", "other developments"),
    "status-change": ("status change", "status changes"),
}

_STATUS_LABELS = {
    "conform": "conform",
    "partial": "partially transposed",
    "not-transposed": "not transposed",
    "incorrect": "incorrectly transposed",
    "not-applicable": "not applicable",
    "unclear": "unclear",
    "not-assessed": "not assessed",
    "none": "not assessed",
}


def long_date(day: dt.date | None) -> str:
    """``1 July 2023``; an empty string for no date."""
    return f"{day.day} {day:%B %Y}" if day else ""


def period_text(start: dt.date, end: dt.date) -> str:
    return f"{long_date(start)} – {long_date(end)}"


def counted(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


def status_label(status: str) -> str:
    """A transposition status slug as words: ``partial`` → ``partially transposed``."""
    return _STATUS_LABELS.get(status, status.replace("-", " "))
