"""Courts and equality bodies named in a text.

Names come from the reference data (``ontology/reference/courts.ttl`` and
``equality-bodies.ttl``): every label of an ``lg:Court`` or ``lg:EqualityBody`` is matched, and
the mention carries the resource's key ("court/EU/C", "equality-body/BEL/unia"). Courts that
are not in the reference data ("the Regional Court of Vienna") are still found by their
generic name, without a key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Literal
from rdflib.namespace import RDF, SKOS

from lawgraph.extract.model import NameMention, Span
from lawgraph.extract.textscan import trie, whole_words
from lawgraph.reference import parse_turtle
from lawgraph.resources import ontology_dir
from lawgraph.vocab import LG, LGD

__all__ = ["NameIndex", "find_names", "name_index"]

_GENERIC_COURT = re.compile(
    r"(?<![\w-])(?:(?:the\s+)?(?:[A-Z][a-z]+\s+){0,3}"
    r"(?:Supreme|Constitutional|Administrative|Labour|Labor|Employment|Regional|District|Federal"
    r"|High|Higher|Appeal|Appeals|Cassation|County|Municipal|Civil|Criminal|Social|Industrial)"
    r"\s+(?:(?:Administrative|Labour|Labor|Social|Civil)\s+)?(?:Court|Tribunal)"
    r"(?:\s+of\s+(?:Justice|Appeal|Cassation|Arbitration|[A-Z][a-z]+))?"
    r"|(?:the\s+)?(?:Court|Council)\s+of\s+(?:Appeal|Cassation|State|Arbitration)"
    r"(?:\s+of\s+[A-Z][a-z]+)?)(?![\w-])"
)


@dataclass(frozen=True)
class NameIndex:
    pattern: re.Pattern[str] | None
    #: label → (kind, key, preferred name)
    labels: dict[str, tuple[str, str, str]]


def find_names(text: str) -> list[NameMention]:
    index = name_index()
    out: list[NameMention] = []
    taken: list[tuple[int, int]] = []
    if index.pattern is not None:
        for m in whole_words(index.pattern, text):
            kind, key, name = index.labels[_norm(m.group("name"))]
            out.append(NameMention(Span(m.start(), m.end(), m.group(0)), kind, name, key))
            taken.append((m.start(), m.end()))
    if "Court" in text or "Tribunal" in text or "Council" in text:
        for m in _generic_courts(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            name = re.sub(r"^the\s+", "", m.group(0))
            out.append(NameMention(Span(m.start(), m.end(), m.group(0)), "court", name, None))
    out.sort(key=lambda n: n.span.start)
    return out


_COURT_WORD = re.compile(r"Court|Tribunal|Council")


def _generic_courts(text: str) -> list[re.Match[str]]:
    """:data:`_GENERIC_COURT` tried only around the words "Court", "Tribunal" and "Council"
    (every match holds one), as a scan of the whole text would try it at every position."""
    out: list[re.Match[str]] = []
    end = 0
    for word in _COURT_WORD.finditer(text):
        if word.start() < end:
            continue
        for m in _GENERIC_COURT.finditer(text, max(end, word.start() - 90), word.end() + 60):
            if m.start() <= word.start() < m.end():
                out.append(m)
                end = m.end()
                break
    return out


def _norm(label: str) -> str:
    return " ".join(label.replace("’", "'").split())


@lru_cache(maxsize=1)
def name_index() -> NameIndex:
    labels: dict[str, tuple[str, str, str]] = {}
    base = str(LGD)
    for filename, cls, kind in (
        ("courts.ttl", LG.Court, "court"),
        ("equality-bodies.ttl", LG.EqualityBody, "equality-body"),
    ):
        path = ontology_dir() / "reference" / filename
        if not path.exists():
            continue
        graph = parse_turtle(path)
        for node in sorted(set(graph.subjects(RDF.type, cls))):
            key = str(node)[len(base) :] if str(node).startswith(base) else str(node)
            pref = graph.value(node, SKOS.prefLabel)
            pref_text = str(pref) if pref is not None else key
            for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
                for label in graph.objects(node, predicate):
                    if isinstance(label, Literal) and len(str(label).strip()) > 2:
                        labels.setdefault(_norm(str(label)), (kind, key, pref_text))
    if not labels:
        return NameIndex(None, labels)
    body = trie(labels, lambda piece: re.escape(piece).replace("'", "['’]"))
    pattern = re.compile(r"(?P<name>" + body + r")(?![\w-])")
    return NameIndex(pattern, labels)
