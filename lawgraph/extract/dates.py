"""Dates in legal prose, with the role the context gives them.

Styles: "14 August 2006", "1st January 2023", "14 Aug. 2006", "August 14, 2006", "14.8.2006",
"14.08.2006", "14/08/2006", "2006-08-14". Case numbers ("C-54/07") and statute numbers
("216/2003") never become dates: every form needs a day, a month and a four-digit year.

>>> [(d.span.text, d.date.isoformat(), d.role) for d in find_dates("adopted on 14 August 2006")]
[('14 August 2006', '2006-08-14', 'adopted')]
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as dateutil_parser

from lawgraph.extract.model import DateMention, Span

__all__ = ["find_dates", "month_number"]

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_YEAR = r"((?:1[89]|20)\d{2})(?!\d)"
_DAY = r"(?<![\d.,/])([0-3]?\d)(?:st|nd|rd|th)?"
_DATE = re.compile(
    # 14 August 2006, 1st January 2023, 14 Aug. 2006
    rf"{_DAY}\s+(?:of\s+)?({_MONTH})\s*,?\s+{_YEAR}"
    # August 14, 2006
    rf"|(?<![\w])(?=[JFMASOND][a-z])({_MONTH})\s+([0-3]?\d)(?:st|nd|rd|th)?,?\s+{_YEAR}"
    # 14.8.2006, 14.08.2006, 14/08/2006 (day first)
    r"|(?<![\d.,/\w-])([0-3]?\d)([./])([01]?\d)\8((?:1[89]|20)\d{2})(?![\d/]|\.\d)"
    # 2006-08-14
    r"|(?<![\d.,/\w-])((?:1[89]|20)\d{2})-([01]\d)-([0-3]\d)(?![\d-])"
)

#: the words before a date that say what it is; checked on the ~60 characters before it
_ROLES = [
    (
        "in-force",
        re.compile(
            r"(?:entered|enter|enters|entering|came|come|comes)\s+into\s+force(?:\s+on)?"
            r"|in\s+force\s+(?:since|from|as\s+of|on)|effective\s+(?:from|as\s+of|on)"
            r"|entry\s+into\s+force\s+(?:on|of)|applies\s+from|applicable\s+from|took\s+effect\s+on",
            re.I,
        ),
    ),
    (
        "adopted",
        re.compile(
            r"(?:adopted|enacted|passed|promulgated|approved|signed)\s+(?:\w+\s+){0,3}?on"
            r"|(?:Act|Law|Decree|Ordinance|Code|Statute|Directive)\b[^.;]{0,30}\bof$"
            r"|(?:Act|Law|Decree|Ordinance|Statute)\s+of$|dated",
            re.I,
        ),
    ),
    (
        "judgment",
        re.compile(
            r"judgments?\s+(?:\w+\s+){0,3}?(?:of|on|dated)|delivered\s+(?:on|its\s+judgment\s+on)"
            r"|(?:ruling|decision|order|opinion)\s+of|(?:ruled|held|decided)\s+on|handed\s+down\s+on",
            re.I,
        ),
    ),
    (
        "period",
        re.compile(
            r"reporting\s+period|period\s+(?:from|between|covered)|(?:state\s+of\s+affairs|situation)"
            r"\s+(?:up\s+to|as\s+(?:of|at)|on)|cut-?off\s+date|from$|between$",
            re.I,
        ),
    ),
]
_AFTER_PERIOD = re.compile(r"^\s*(?:–|—|-|to|until|and)\s*$", re.I)


def month_number(name: str) -> int | None:
    return _MONTHS.get(name.lower().rstrip("."))


_ANY_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def find_dates(text: str) -> list[DateMention]:
    out: list[DateMention] = []
    if not _ANY_YEAR.search(text):
        return out
    for m in _candidates(text):
        value = _to_date(m)
        if value is None:
            continue
        end = m.end()
        out.append(DateMention(Span(m.start(), end, text[m.start() : end]), value, None))
    return _with_roles(text, out)


#: a four-digit year not inside a longer number (the look-behind after the digits, so that
#: the scan looks for "1" and "2" only)
_YEAR_AT = re.compile(r"(?:1[89]|20)\d{2}(?<!\d....)(?!\d)")


_DIGIT = re.compile(r"\d")


def _candidates(text: str) -> list[re.Match[str]]:
    """Every date ends in (or, ISO, starts with) a four-digit year: look only around years."""
    out: list[re.Match[str]] = []
    last = -1
    for year in _YEAR_AT.finditer(text):
        lo = max(last, year.start() - 24, 0)
        # a day stands before the year, except in ISO dates ("2006-08-14"): a year with no
        # digit before it and no "-" after it ("in 2019") is no date
        if not _DIGIT.search(text, lo, year.start()) and text[year.end() : year.end() + 1] != "-":
            continue
        for m in _DATE.finditer(text, lo, min(len(text), year.end() + 6)):
            if m.start() >= last and m.start() <= year.start() < m.end():
                out.append(m)
                last = m.end()
                break
    return out


def _to_date(m: re.Match[str]) -> dt.date | None:
    g = m.groups()
    try:
        if g[0]:
            month = month_number(g[1])
            return dt.date(int(g[2]), month, int(g[0])) if month else None
        if g[3]:
            month = month_number(g[3])
            return dt.date(int(g[5]), month, int(g[4])) if month else None
        if g[6]:
            return dt.date(int(g[9]), int(g[8]), int(g[6]))
        if g[10]:
            return dt.date(int(g[10]), int(g[11]), int(g[12]))
    except ValueError:
        return _fallback(m.group(0))
    return None


def _fallback(value: str) -> dt.date | None:
    """Let dateutil try what the patterns took apart wrongly (it refuses impossible dates too)."""
    try:
        return dateutil_parser.parse(value, dayfirst=True, fuzzy=False).date()
    except (ValueError, OverflowError):
        return None


def _with_roles(text: str, dates: list[DateMention]) -> list[DateMention]:
    out: list[DateMention] = []
    for i, date in enumerate(dates):
        before = text[max(0, date.span.start - 60) : date.span.start].rstrip()
        # stop at the previous sentence end or date, so a cue is not borrowed from afar
        cut = max(before.rfind(". "), before.rfind("; "))
        if i and dates[i - 1].span.end > date.span.start - 60:
            cut = max(cut, len(before) - (date.span.start - dates[i - 1].span.end))
        before = before[cut + 1 :] if cut >= 0 else before
        role = _role(before)
        if role is None and i and out[i - 1].role == "period":
            between = text[dates[i - 1].span.end : date.span.start]
            if _AFTER_PERIOD.match(between):
                role = "period"
        if role is None and i + 1 < len(dates):
            between = text[date.span.end : dates[i + 1].span.start]
            if _AFTER_PERIOD.match(between) and re.search(r"period", before, re.I):
                role = "period"
        out.append(DateMention(date.span, date.date, role))
    return out


def _role(before: str) -> str | None:
    best: tuple[int, str] | None = None
    for role, pattern in _ROLES:
        for m in pattern.finditer(before):
            if best is None or m.end() > best[0]:
                best = (m.end(), role)
    return best[1] if best else None
