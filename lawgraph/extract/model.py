"""What extraction finds in a text: mentions with their character spans, and gap statements.

Offsets are character offsets into the text given to :func:`lawgraph.extract.extract`. A mention
that cannot be resolved with certainty keeps its surface text and says why it is unresolved: a
wrong link is worse than no link.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lawgraph.identifiers import CaseNumber, DirectiveNumber, Ecli, ProvisionPath

__all__ = [
    "CaseMention",
    "DateMention",
    "EcliMention",
    "Extraction",
    "GapStatement",
    "MeasureMention",
    "NameMention",
    "ProvisionMention",
    "Span",
]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ProvisionMention:
    """A reference to a provision of an act. ``directive`` is set only when the text makes the
    act certain; ``known`` says whether the (directive, path) exists in the reference data;
    ``unresolved_reason`` explains why a link was not made (e.g. "no directive named in the
    sentence", "Article 99 does not exist in Directive 2000/43/EC")."""

    span: Span
    path: ProvisionPath
    directive: DirectiveNumber | None
    known: bool
    unresolved_reason: str | None = None
    #: an act that is not an equality directive ("TFEU", "Charter", "ECHR", "AGG" …), if named
    other_act: str | None = None

    @property
    def resolved(self) -> bool:
        return self.directive is not None and self.known and self.unresolved_reason is None


@dataclass(frozen=True)
class CaseMention:
    span: Span
    case: CaseNumber


@dataclass(frozen=True)
class EcliMention:
    span: Span
    ecli: Ecli


@dataclass(frozen=True)
class DateMention:
    span: Span
    date: dt.date
    #: "adopted", "in-force", "judgment", "period" or None when the text does not say
    role: str | None = None


@dataclass(frozen=True)
class MeasureMention:
    """A national act named in the text (title as written, with its date if given)."""

    span: Span
    title: str
    date: dt.date | None = None
    abbreviation: str | None = None


@dataclass(frozen=True)
class NameMention:
    """A court or an equality body named in the text."""

    span: Span
    kind: str  # "court" | "equality-body"
    name: str
    #: the lawgraph IRI tail if the name is known reference data (e.g. "court/EU/C"), else None
    key: str | None = None


@dataclass(frozen=True)
class GapStatement:
    """A sentence saying national law fails to transpose, only partly covers, or contradicts a
    provision (:mod:`lawgraph.extract.gaps`). A sentence whose gap words are taken back
    (negated, hedged, closed, permitted by the directive, going beyond it, a party's claim, a
    statement of EU law, or a finding of fact about a party) is not a gap statement; it is
    kept in ``Extraction.hedged`` for review."""

    sentence: Span
    status: str  # "not-transposed" | "partial" | "incorrect"
    provisions: tuple[ProvisionMention, ...]
    confidence: float
    cue: str  # the words that triggered it, for the evidence view


@dataclass
class Extraction:
    text: str
    sentences: list[Span] = field(default_factory=list)
    provisions: list[ProvisionMention] = field(default_factory=list)
    cases: list[CaseMention] = field(default_factory=list)
    eclis: list[EcliMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    measures: list[MeasureMention] = field(default_factory=list)
    names: list[NameMention] = field(default_factory=list)
    gaps: list[GapStatement] = field(default_factory=list)
    #: sentences whose gap words were taken back, with the reason: "<kind>: <words>", the kind
    #: one of negated, hedged, closed, permitted, beyond, claim, general, facts (e.g.
    #: "hedged: 'whether'", "closed: 'until its repeal in 2020'")
    hedged: list[tuple[Span, str]] = field(default_factory=list)
