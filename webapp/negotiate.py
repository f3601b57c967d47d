"""Content negotiation: the Accept header (with q-values), a ``format=`` parameter, or a suffix.

Every page offers some of the formats below, HTML first. :func:`choose` picks one, or raises 406
when the client accepts none of them. A malformed Accept header is read leniently: entries that
are not media ranges are ignored, and a header with no valid entry counts as absent (HTML).

>>> parse_accept("text/turtle;q=0.9, application/ld+json, */*;q=0.1")
[('application', 'ld+json', 1.0), ('text', 'turtle', 0.9), ('*', '*', 0.1)]
>>> best(["text/html", "text/turtle"], parse_accept("text/turtle, text/html;q=0.5"))
'text/turtle'
"""

from __future__ import annotations

import re

from flask import request
from werkzeug.exceptions import NotAcceptable

__all__ = [
    "FORMATS",
    "MEDIA_TYPES",
    "SUFFIXES",
    "best",
    "choose",
    "parse_accept",
    "split_suffix",
]

#: format key → media type sent back
MEDIA_TYPES: dict[str, str] = {
    "html": "text/html; charset=utf-8",
    "json": "application/json",
    "jsonld": "application/ld+json",
    "ttl": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
    "csv": "text/csv; charset=utf-8",
}
#: format key → media types that ask for it
FORMATS: dict[str, tuple[str, ...]] = {
    "html": ("text/html", "application/xhtml+xml"),
    "json": ("application/json",),
    "jsonld": ("application/ld+json",),
    "ttl": ("text/turtle", "application/x-turtle"),
    "nt": ("application/n-triples",),
    "csv": ("text/csv",),
}
#: URL suffix → format key
SUFFIXES: dict[str, str] = {
    ".html": "html", ".json": "json", ".jsonld": "jsonld", ".ttl": "ttl", ".nt": "nt",
    ".csv": "csv",
}
#: ``format=`` values → format key
_PARAM_NAMES = {**{k: k for k in FORMATS}, "turtle": "ttl", "json-ld": "jsonld",
                "ntriples": "nt", "n-triples": "nt"}

_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_RANGE = re.compile(rf"^\s*({_TOKEN})/({_TOKEN})\s*((?:;[^;]*)*)$")
_Q = re.compile(r"^\s*q\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)\s*$", re.IGNORECASE)
_MAX_ENTRIES = 64


def parse_accept(header: str | None) -> list[tuple[str, str, float]]:
    """``(type, subtype, q)`` for each valid media range, best first; malformed ones dropped."""
    ranges = []
    for position, item in enumerate((header or "").split(",")[:_MAX_ENTRIES]):
        match = _RANGE.match(item)
        if not match:
            continue
        kind, sub, params = match.group(1).lower(), match.group(2).lower(), match.group(3)
        if kind == "*" and sub != "*":
            continue
        q = 1.0
        valid = True
        for param in filter(None, (p.strip() for p in params.split(";"))):
            if param.lower().startswith("q"):
                found = _Q.match(param)
                if found is None:
                    valid = False
                    break
                q = float(found.group(1))
        if valid:
            ranges.append((kind, sub, q, position))
    ranges.sort(key=lambda r: (-r[2], r[3]))
    return [(k, s, q) for k, s, q, _ in ranges]


def _quality(media: str, ranges: list[tuple[str, str, float]]) -> tuple[float, int]:
    """The q of the most specific range matching ``media``, and how specific it was."""
    kind, _, sub = media.partition("/")
    found: tuple[float, int] = (0.0, -1)
    for r_kind, r_sub, q in ranges:
        if r_kind == kind and r_sub == sub:
            specificity = 2
        elif r_kind == kind and r_sub == "*":
            specificity = 1
        elif r_kind == "*":
            specificity = 0
        else:
            continue
        if specificity > found[1]:
            found = (q, specificity)
    return found


def best(offers: list[str], ranges: list[tuple[str, str, float]]) -> str | None:
    """The offered media type the client prefers: highest q, then the range that named it most
    specifically, then the server's order; None if the client accepts none of them."""
    chosen, chosen_rank = None, (0.0, -1)
    for media in offers:
        q, specificity = _quality(media, ranges)
        if q > 0 and (q, specificity) > chosen_rank:
            chosen, chosen_rank = media, (q, specificity)
    return chosen


def split_suffix(path: str) -> tuple[str, str | None]:
    """``"ecli/ECLI:EU:C:2008:397.ttl"`` → ``("ecli/ECLI:EU:C:2008:397", "ttl")``."""
    for suffix, key in SUFFIXES.items():
        if path.endswith(suffix) and len(path) > len(suffix):
            return path[: -len(suffix)], key
    return path, None


def choose(offered: list[str], suffix: str | None = None) -> str:
    """The format key to answer with, among ``offered`` (first = default)."""
    if suffix is not None:
        if suffix not in offered:
            raise NotAcceptable(f"this page is not available as .{suffix}")
        return suffix
    param = request.args.get("format")
    if param:
        key = _PARAM_NAMES.get(param.lower())
        if key not in offered:
            raise NotAcceptable(
                f"format={param!r} is not available here; choose one of {', '.join(offered)}"
            )
        return key
    ranges = parse_accept(request.headers.get("Accept"))
    if not ranges:
        return offered[0]
    media_to_key = {m: key for key in offered for m in FORMATS[key]}
    match = best(list(media_to_key), ranges)
    if match is None:
        names = ", ".join(FORMATS[k][0] for k in offered)
        raise NotAcceptable(f"this page is available as {names}")
    return media_to_key[match]
