"""The Law Review as data: entries grouped per country, with what the review contains and where
it came from. :mod:`lawgraph.exports.review` fills it from the graph; the exporters render it.

An :class:`Entry` is one item of a country's section ("National legal developments"): a
development reported by the country's expert, a ruling, or a change of transposition status
found by the gap engine. Its :attr:`Entry.key` identifies it across re-ingests, so that editors'
edits (:mod:`lawgraph.editorial`) stay attached to it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

from lawgraph.exports.provenance import ExportInfo, SourceDocument, sample_notice
from lawgraph.exports.text import (
    ENTRY_TYPES,
    TYPE_COUNT_LABELS,
    TYPE_HEADINGS,
    TYPE_LABELS,
    counted,
    long_date,
    period_text,
)
from lawgraph.refdata import Country
from lawgraph.vocab import slug

__all__ = [
    "CountrySection",
    "EditorialSummary",
    "Entry",
    "Review",
    "entry_key",
    "normalise_title",
]

REVIEW_TITLE = "European equality law review"
_TITLE_SLUG_LENGTH = 60
_QUOTES = re.compile("[\"'`´‘’‚‛“”„‟]")


def normalise_title(title: str) -> str:
    """A title reduced to what identifies it: case, accents, quotes, dashes and spacing do not
    count (``“Law 4/2023”`` and ``"law 4/2023"`` are the same title).

    >>> normalise_title("  OP v Commune d’Ans – neutrality ")
    'op-v-commune-dans-neutrality'
    >>> normalise_title("OP v Commune d'Ans - Neutrality") == normalise_title("OP v Commune d’Ans – neutrality")
    True
    """
    return slug(_QUOTES.sub("", unicodedata.normalize("NFKC", title)))


def entry_key(
    country: str, kind: str, when: dt.date | str, ident: str | None = None, title: str = ""
) -> str:
    """The stable key of an entry: country, type, date and the ECLI or case number if there is
    one, else the normalised title (shortened, with a hash of the whole title, when long).

    >>> entry_key("DE", "policy", dt.date(2023, 7, 18), title="Federal Commissioner's paper")
    'DE/2023-07-18/policy/federal-commissioners-paper'
    >>> entry_key("BE", "case-law", dt.date(2023, 11, 28), "ECLI:EU:C:2023:924")
    'BE/2023-11-28/case-law/ecli-eu-c-2023-924'
    """
    date_text = when.isoformat() if isinstance(when, dt.date) else str(when)
    if ident:
        tail = slug(ident)
    else:
        tail = normalise_title(title)
        if len(tail) > _TITLE_SLUG_LENGTH:
            digest = hashlib.sha1(tail.encode()).hexdigest()[:8]
            tail = tail[:_TITLE_SLUG_LENGTH].rsplit("-", 1)[0] + "-" + digest
    return f"{country}/{date_text}/{kind}/{tail}"


@dataclass(frozen=True)
class Entry:
    """One entry of a country's section (fields of ``domain.md`` §3.2)."""

    key: str
    country: str  # EU code
    type: str  # one of ENTRY_TYPES
    date: dt.date | None
    title: str
    summary: str
    grounds: tuple[str, ...] = ()
    provisions: tuple[str, ...] = ()
    citation: str = ""  # ECLI / court and case number / national reference
    source_url: str | None = None
    expert: str | None = None
    origin: str = ""  # "country report Germany 2024", "CJEU ruling", "gap engine"
    iri: str | None = None
    graphs: tuple[str, ...] = ()
    #: notes for the editor, e.g. "source changed since edited on …"
    notes: tuple[str, ...] = ()
    #: fields replaced by an editor's edit
    edited: tuple[str, ...] = ()

    @property
    def type_heading(self) -> str:
        return TYPE_HEADINGS[self.type]

    def meta_line(self) -> str:
        """Date, type, grounds and provisions, as one line."""
        when = long_date(self.date) or "undated"
        if self.type == "status-change" and self.date:
            when = f"Status as of {when}"
        parts = [when, TYPE_LABELS[self.type]]
        if self.grounds:
            parts.append("Grounds: " + ", ".join(self.grounds))
        if self.provisions:
            parts.append("Provisions: " + "; ".join(self.provisions))
        return " · ".join(parts)

    def source_line(self) -> str:
        """``Source: …`` with the citation, the link and the reporting expert."""
        parts = [p for p in (self.citation, self.source_url) if p]
        text = "Source: " + ("; ".join(parts) if parts else "not recorded")
        if self.expert:
            text += f". Reported by {self.expert} in the {self.origin}"
        elif self.origin:
            text += f" ({self.origin})"
        return text + "."

    def record(self) -> dict[str, object]:
        return {
            "key": self.key,
            "country": self.country,
            "type": self.type,
            "date": self.date.isoformat() if self.date else "",
            "title": self.title,
            "summary": self.summary,
            "grounds": list(self.grounds),
            "provisions": list(self.provisions),
            "citation": self.citation,
            "source_url": self.source_url or "",
            "expert": self.expert or "",
            "origin": self.origin,
            "iri": self.iri or "",
            "edited": list(self.edited),
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class CountrySection:
    country: Country
    entries: tuple[Entry, ...]
    experts: tuple[str, ...] = ()

    def by_type(self) -> list[tuple[str, list[Entry]]]:
        """The entries under their type headings, in the review's type order."""
        groups = [(t, [e for e in self.entries if e.type == t]) for t in ENTRY_TYPES]
        return [(TYPE_HEADINGS[t], entries) for t, entries in groups if entries]


@dataclass(frozen=True)
class EditorialSummary:
    """Which editorial database an export applied, and what it changed."""

    database: str
    edited_entries: int
    flagged_entries: int

    def text(self) -> str:
        edited = counted(self.edited_entries, "entry", "entries")
        text = f"Editorial edits from {self.database}: {edited} edited"
        if self.flagged_entries:
            text += f", {self.flagged_entries} flagged for the editor (source changed since edited)"
        return text + "."


@dataclass(frozen=True)
class Review:
    """The country-by-country section of one issue of the review."""

    period_start: dt.date
    period_end: dt.date
    strand: str
    sections: tuple[CountrySection, ...]
    sources: tuple[SourceDocument, ...]
    info: ExportInfo
    editorial: EditorialSummary | None = None

    def entries(self) -> list[Entry]:
        return [e for s in self.sections for e in s.entries]

    def type_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(ENTRY_TYPES, 0)
        for entry in self.entries():
            counts[entry.type] += 1
        return {t: n for t, n in counts.items() if n}

    def title(self) -> str:
        """E.g. ``European equality law review — national developments, 1 July 2023 – 30 June
        2024``."""
        period = period_text(self.period_start, self.period_end)
        return f"{REVIEW_TITLE} — national developments, {period}"

    def contents(self) -> str:
        """``12 countries, 57 entries (31 legislation, 18 case law, 8 status changes)``."""
        entries = self.entries()
        text = (
            f"{counted(len(self.sections), 'country', 'countries')}, "
            f"{counted(len(entries), 'entry', 'entries')}"
        )
        kinds = [counted(n, *TYPE_COUNT_LABELS[t]) for t, n in self.type_counts().items()]
        return text + (f" ({', '.join(kinds)})" if kinds else "")

    def statement(self) -> str:
        """What the export contains, in one sentence: its first line or title page."""
        return f"{self.title()}: {self.contents()}"

    def sample_notice(self) -> str | None:
        return sample_notice(self.sources)

    def map_entries(self, change: Callable[[Entry], Entry]) -> Review:
        """A copy with every entry passed through ``change``."""
        sections = tuple(
            replace(s, entries=tuple(change(e) for e in s.entries)) for s in self.sections
        )
        return replace(self, sections=sections)
