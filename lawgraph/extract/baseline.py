"""A plain-regex baseline for the extraction benchmark.

No spaCy and no context: it finds only the explicit "Article X of Directive Y" forms (with the
directive number written out), case numbers, ECLIs, and sentences containing a gap keyword. It
returns the same :class:`~lawgraph.extract.model.Extraction` as :func:`lawgraph.extract.extract`
so that the benchmark scores both the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lawgraph.extract.model import (
    CaseMention,
    EcliMention,
    Extraction,
    GapStatement,
    ProvisionMention,
    Span,
)
from lawgraph.identifiers import CaseNumber, DirectiveNumber, Ecli, IdentifierError, ProvisionPath

__all__ = ["baseline_extract", "baseline_extract_many"]

_PROVISION = re.compile(
    r"\b(?:Article|Art\.?)\s+(\d+(?:\(\w+\))*)\s+(?:of\s+)?(?:Council\s+)?Directive\s+"
    r"(?:\(EU\)\s*)?(\d{2,4}/\d{1,4})(?:/(?:EC|EEC|EU))?"
)
_CASE = re.compile(r"\b[CTF]-\d{1,4}/\d{2}\b")
_ECLI = re.compile(r"\bECLI:[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9.]*[A-Z0-9]")
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")
_GAP_WORDS = [
    ("not-transposed", re.compile(r"not\s+(?:been\s+)?transposed|does\s+not\s+transpose", re.I)),
    ("partial", re.compile(r"partial|partly|only\s+partially", re.I)),
    ("incorrect", re.compile(r"contrary\s+to|incompatible\s+with|in\s+breach\s+of", re.I)),
]


def baseline_extract(text: str) -> Extraction:
    result = Extraction(text=text)
    for m in _PROVISION.finditer(text):
        try:
            path = ProvisionPath.parse(m.group(1))
            directive = DirectiveNumber.parse(m.group(2))
        except IdentifierError:
            continue
        result.provisions.append(
            ProvisionMention(Span(m.start(), m.end(), m.group(0)), path, directive, True)
        )
    for m in _CASE.finditer(text):
        try:
            result.cases.append(
                CaseMention(Span(m.start(), m.end(), m.group(0)), CaseNumber.parse(m.group(0)))
            )
        except IdentifierError:
            continue
    for m in _ECLI.finditer(text):
        try:
            result.eclis.append(
                EcliMention(Span(m.start(), m.end(), m.group(0)), Ecli.parse(m.group(0)))
            )
        except IdentifierError:
            continue
    for m in _SENTENCE.finditer(text):
        span = Span(m.start(), m.end(), m.group(0))
        result.sentences.append(span)
        for status, pattern in _GAP_WORDS:
            cue = pattern.search(m.group(0))
            if cue:
                result.gaps.append(GapStatement(span, status, (), 0.5, cue.group(0)))
                break
    return result


def baseline_extract_many(texts: Iterable[str]) -> list[Extraction]:
    return [baseline_extract(text) for text in texts]
