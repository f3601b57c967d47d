"""CJEU case numbers and ECLIs.

>>> [m.span.text for m in find_cases("Joined Cases C-335/11 and C‑337/11, and Case 43/75")]
['C-335/11', 'C‑337/11', '43/75']
>>> [str(m.ecli) for m in find_eclis("ECLI:EU:C:2008:397; short form EU:C:2013:446.")]
['ECLI:EU:C:2008:397', 'ECLI:EU:C:2013:446']
"""

from __future__ import annotations

import re

from lawgraph.extract.model import CaseMention, EcliMention, Span
from lawgraph.identifiers import CaseNumber, Ecli, IdentifierError

__all__ = ["find_cases", "find_eclis"]

_D = "-\u2010\u2011\u2012\u2013\u2014\u2212"

# Patterns begin with their letter and check what stands before it afterwards ("C(?<!…C)"):
# a leading look-behind would make the engine try them at every position of the text.

#: "C-54/07", "T‑123/05", "C-123/05 P", "F-1/05"
_CASE = re.compile(
    rf"([CTF])(?<![\w/:{_D}][CTF])\s?[{_D}]\s?(\d{{1,4}})\s?/\s?(\d{{2}})"
    r"(?:\s?(P|PPU|REV|OP))?(?![\w/])"
)
#: old numbering, only after the word "Case(s)": "Case 43/75", "Joined Cases 43/75 and 44/75"
_OLD_CASES = re.compile(
    r"[Cc](?<!\w[Cc])ases?\s+((?:\d{1,4}/\d{2}(?![\d/])(?:\s*(?:,|and|&)\s*)?)+)"
)
_OLD_ONE = re.compile(r"(?<![\d/])(\d{1,4})/(\d{2})(?![\d/])")

_ECLI = re.compile(
    r"ECLI(?<![\w:]ECLI)\s?:\s?([A-Z]{2}):([A-Z][A-Za-z0-9]{0,6}):(\d{4}):([A-Za-z0-9.]{1,25})"
)
#: short EU ECLI, "EU:C:2013:446": only as a whole word, with a plausible year and ordinal
_SHORT_EU = re.compile(r"EU:(?<![\w:]EU:)([CTF]):((?:19[5-9]|20[0-9])\d):(\d{1,5})(?![\w:])")


def find_cases(text: str) -> list[CaseMention]:
    """One mention per case number, in order of appearance."""
    out: list[CaseMention] = []
    if "/" not in text:
        return out
    for m in _CASE.finditer(text):
        suffix = f" {m.group(4)}" if m.group(4) else ""
        canonical = f"{m.group(1)}-{m.group(2)}/{m.group(3)}{suffix}"
        case = _parse_case(canonical) or _parse_case(f"{m.group(1)}-{m.group(2)}/{m.group(3)}")
        if case is not None:
            out.append(CaseMention(Span(m.start(), m.end(), m.group(0)), case))
    for m in _OLD_CASES.finditer(text):
        base = m.start(1)
        for one in _OLD_ONE.finditer(m.group(1)):
            case = _parse_case(f"{one.group(1)}/{one.group(2)}")
            if case is not None:
                start, end = base + one.start(), base + one.end()
                out.append(CaseMention(Span(start, end, text[start:end]), case))
    out.sort(key=lambda c: c.span.start)
    return out


def _parse_case(value: str) -> CaseNumber | None:
    try:
        return CaseNumber.parse(value)
    except (IdentifierError, ValueError):
        return None


def find_eclis(text: str) -> list[EcliMention]:
    """Full ECLIs of any court, and short EU ECLIs ("EU:C:2013:446") standing as a word."""
    out: list[EcliMention] = []
    if ":" not in text:
        return out
    for m in _ECLI.finditer(text):
        ordinal = m.group(4).rstrip(".")
        end = m.start(4) + len(ordinal)
        value = f"ECLI:{m.group(1)}:{m.group(2)}:{m.group(3)}:{ordinal}"
        ecli = _parse_ecli(value)
        if ecli is not None:
            out.append(EcliMention(Span(m.start(), end, text[m.start() : end]), ecli))
    for m in _SHORT_EU.finditer(text):
        ecli = _parse_ecli(f"ECLI:{m.group(0)}")
        if ecli is not None:
            out.append(EcliMention(Span(m.start(), m.end(), m.group(0)), ecli))
    out.sort(key=lambda e: e.span.start)
    return out


def _parse_ecli(value: str) -> Ecli | None:
    try:
        return Ecli.parse(value)
    except (IdentifierError, ValueError):
        return None
