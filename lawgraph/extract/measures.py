"""National legislation named in a text, with its date and abbreviation where given.

>>> from lawgraph.extract.dates import find_dates
>>> text = ("the General Equal Treatment Act (Allgemeines Gleichbehandlungsgesetz, AGG) of "
...         "14 August 2006")
>>> [(m.title, str(m.date), m.abbreviation) for m in find_measures(text, find_dates(text))]
[('General Equal Treatment Act', '2006-08-14', 'AGG')]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from lawgraph.extract.dates import month_number
from lawgraph.extract.model import DateMention, MeasureMention, Span
from lawgraph.extract.textscan import whole_words

__all__ = ["find_measures"]

_KIND = r"(?:Act|Law|Code|Statute|Decree|Ordinance|Decree-Law|Regulations)"
_QUALIFIER = (
    r"(?:(?:Organic|Federal|Royal|Legislative|Government|Emergency|Presidential|Ministerial)\s+)"
)
_STOP = (
    r"(?:The|This|That|These|Those|A|An|In|Under|Its|Their|Our|Such|Any|Each|Both|No|Of|By|For"
    r"|From|With|As|At|On|To|Since|Article|Articles|Section|However|But|And|Or|If|When|Where"
    r"|While|Although|New|Old|Whereas|Moreover|Also|Only|Directive|Council|EU|European)\b"
)
#: "Law 15/2022", "Legislative Decree No. 216", "Law No. 4443/2016", "Act CXXV of 2003"
_NUMBERED = re.compile(
    rf"(?<![\w-]){_QUALIFIER}?{_KIND}\s+(?:No\.?\s*|Nr\.?\s*)?"
    r"(?:(?P<num>\d{1,5}(?:/(?P<year>\d{2}|\d{4}))?)(?![\d/])|(?P<roman>[CDLXVI]{2,})\s+of\s+(?P<ryear>\d{4}))"
)
#: "Equal Treatment Act", "Federal Anti-discrimination Law", "Workers' Statute"
_NAMED = re.compile(
    rf"(?<![\w-])(?!{_STOP})(?P<title>(?:[A-Z][\w'’-]*\s+(?:(?:on|of|for|against|and|the)\s+)?)"
    rf"{{1,7}}{_KIND})\b"
)
#: "Act of 25 February 2003" with no name in front
_DATED = re.compile(rf"(?<![\w-]){_QUALIFIER}?{_KIND}(?=\s+of\s+\d)")
#: the kind words, without a leading boundary (:func:`whole_words` checks it)
_KIND_AT = re.compile(r"(?:Act|Law|Code|Statute|Decree(?:-Law)?|Ordinance|Regulations)(?![\w-])")
_PAREN = re.compile(r"\s*\((?P<inner>[^()]{1,100})\)")
_OF_DATE = re.compile(r"\s*,?\s+of\s+")
_OF_DAY_MONTH = re.compile(
    r"\s*,?\s+of\s+(?P<day>[0-3]?\d)\s+(?P<month>[A-Z][a-z]+\.?)(?!\s*,?\s*\d{4})"
)
_ON_TOPIC = re.compile(
    r"\s+(?:on|concerning|regarding)\s+(?:the\s+)?[a-z][a-z\s,-]{3,80}?"
    r"(?=[.;:()]|,\s|\s+(?:which|that|was|were|is|are|has|have|had|applies|apply|entered|"
    r"transposes?|provides?|defines?|prohibits?|covers?|created|established)\b|$)"
)
_ABBREV = re.compile(r"^[A-Z][A-Za-z-]{0,9}[A-Z][A-Za-z]*$|^[A-Z]{2,}$")


_ANY_KIND = re.compile(r"Act|Law|Code|Statute|Decree|Ordinance|Regulations")


def find_measures(text: str, dates: Sequence[DateMention]) -> list[MeasureMention]:
    if not _ANY_KIND.search(text):
        return []
    by_start = {d.span.start: d for d in dates}
    found: list[MeasureMention] = []
    for kind in whole_words(_KIND_AT, text):
        # each pattern is tried only around a word such as "Act" or "Law"
        for pattern in (_NUMBERED, _NAMED, _DATED):
            for m in pattern.finditer(
                text, max(0, kind.start() - (100 if pattern is _NAMED else 24)), kind.end() + 40
            ):
                if m.start() <= kind.start() < m.end():
                    mention = _measure(text, m, by_start)
                    if mention is not None:
                        found.append(mention)
                    break
    found = list({(m.span.start, m.span.end): m for m in found}.values())
    found.sort(key=lambda x: (x.span.start, -x.span.end))
    out: list[MeasureMention] = []
    for mention in found:
        if out and mention.span.start < out[-1].span.end:
            continue
        out.append(mention)
    return out


def _measure(
    text: str, m: re.Match[str], by_start: dict[int, DateMention]
) -> MeasureMention | None:
    start, end = m.start(), m.end()
    title = m.group(0)
    abbreviation = None
    year = None
    if "num" in m.re.groupindex:
        if m.group("roman"):
            return MeasureMention(Span(start, end, text[start:end]), title)
        if m.group("year"):
            year = int(m.group("year"))
            year += 0 if year > 100 else (1900 if year > 50 else 2000)
    paren = _PAREN.match(text, end)
    if paren:
        abbreviation = _abbreviation(paren.group("inner"))
        if abbreviation or _looks_like_name(paren.group("inner")):
            end = paren.end()
    date = None
    of = _OF_DATE.match(text, end)
    if of and of.end() in by_start:
        mention = by_start[of.end()]
        date, end = mention.date, mention.span.end
    else:
        partial = _OF_DAY_MONTH.match(text, end)
        month = month_number(partial.group("month")) if partial else None
        if partial and month and year:
            try:
                date = dt.date(year, month, int(partial.group("day")))
            except ValueError:
                date = None
            end = partial.end()
    if "num" in m.re.groupindex or m.re is _DATED:
        topic = _ON_TOPIC.match(text, end)
        if topic:
            end = topic.end()
            title = text[start:end]
            title = title if not paren else title
    if m.re is _DATED and date is None:
        return None
    if m.re is not _NAMED:
        title = _strip_parens(text[start:end])
    span_text = text[start:end]
    return MeasureMention(Span(start, end, span_text), " ".join(title.split()), date, abbreviation)


def _strip_parens(title: str) -> str:
    return re.sub(r"\s*\([^()]*\)", "", title)


def _abbreviation(inner: str) -> str | None:
    for part in reversed([p.strip(" '\"‘’“”") for p in re.split(r"[,;]", inner)]):
        part = re.sub(r"^(?:hereinafter|hereafter|the)\s+", "", part)
        if _ABBREV.match(part) and not re.match(r"^(?:EU|EC|EEC|No|Nr)$", part):
            return part
    return None


def _looks_like_name(inner: str) -> bool:
    """An original-language title in brackets ("Gleichbehandlungsgesetz")."""
    return bool(re.match(r"^[A-ZÀ-Ž][\w\s'’-]{4,}$", inner)) and not re.search(r"\d", inner)
