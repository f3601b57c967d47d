"""A ruling as lawgraph holds it: what the file header and the published text say about it.

A :class:`Ruling` is the checked, resolved form of one case-law file (a judgment, an order, an
Advocate General's opinion, an equality-body decision, or a notice or summary of a judgment).
Provisions are reference data (:class:`~lawgraph.refdata.ProvisionInfo`), countries are
:class:`~lawgraph.refdata.Country`, identifiers are value objects from
:mod:`lawgraph.identifiers`; whatever could not be resolved is left out rather than guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rdflib import URIRef

from lawgraph.identifiers import CaseNumber, Ecli
from lawgraph.refdata import Country, ProvisionInfo
from lawgraph.sources import Location
from lawgraph.vocab import ruling_graph, ruling_iri

__all__ = [
    "DECISION_KINDS",
    "INCOMPATIBILITY_STATUSES",
    "KINDS",
    "PROCEDURES",
    "CitedRuling",
    "Incompatibility",
    "Ruling",
]

#: what a case-law document is; "notice" (an Official Journal notice of a judgment) and
#: "summary" (a summary of a judgment) describe a judgment or order given elsewhere
KINDS = ("judgment", "order", "ag-opinion", "equality-body-decision", "notice", "summary")
#: the kinds of decision a document can be or report
DECISION_KINDS = ("judgment", "order", "ag-opinion", "equality-body-decision")
PROCEDURES = (
    "preliminary-ruling",
    "infringement",
    "annulment",
    "appeal",
    "first-instance",
    "cassation",
    "constitutional-review",
    "equality-body",
)
#: transposition statuses a finding of incompatibility may carry
INCOMPATIBILITY_STATUSES = ("incorrect", "not-transposed", "partial")


@dataclass(frozen=True)
class Incompatibility:
    """A holding that a country's law falls short of a directive provision."""

    country: Country
    provision: ProvisionInfo
    reason: str
    status: str = "incorrect"  # "incorrect" | "not-transposed" | "partial"


@dataclass(frozen=True)
class CitedRuling:
    """Another ruling the ruling cites, by case number or ECLI (as certain as the text is)."""

    case: CaseNumber | None = None
    ecli: Ecli | None = None

    def __str__(self) -> str:
        return str(self.ecli) if self.ecli is not None else str(self.case)


@dataclass
class Ruling:
    """One ruling, checked. Fields the source does not give are None or empty."""

    source: str
    kind: str
    date: dt.date
    ecli: Ecli | None = None
    #: for a notice or summary: the kind of decision it reports ("judgment" or "order")
    reports: str | None = None
    court: str | None = None
    court_iri: URIRef | None = None
    formation: str | None = None
    #: case numbers as the court writes them; EU ones in canonical form ("C-54/07")
    case_numbers: tuple[str, ...] = ()
    name: str | None = None
    parties: str | None = None
    procedure: str | None = None
    referring_court: str | None = None
    country: Country | None = None
    advocate_general: str | None = None
    interprets: tuple[ProvisionInfo, ...] = ()
    mentions: tuple[ProvisionInfo, ...] = ()
    cites: tuple[CitedRuling, ...] = ()
    opinion_of: Ecli | None = None
    incompatible: tuple[Incompatibility, ...] = ()
    outcome: str | None = None
    summary: str | None = None
    operative_part: str | None = None
    verification: str | None = None
    sample: bool | None = None
    #: where each field was read: field name → line in the source file
    lines: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    # --- identity --------------------------------------------------------------------------
    @property
    def decision(self) -> str:
        """The kind of decision: a notice or summary stands for the judgment (order) it reports."""
        if self.kind in ("notice", "summary"):
            return self.reports or "judgment"
        return self.kind

    @property
    def key(self) -> str:
        """The ECLI, or for a national ruling without one the tail of its IRI ("DEU/slug")."""
        if self.ecli is not None:
            return str(self.ecli)
        return str(self.iri).rsplit("/ruling/", 1)[-1]

    @property
    def iri(self) -> URIRef:
        if self.ecli is not None:
            return ruling_iri(str(self.ecli))
        if self.country is None:
            raise ValueError("a ruling without ECLI needs a country")
        return ruling_iri(
            alpha3=self.country.alpha3,
            name=self.name or " ".join(self.case_numbers) or self.date.isoformat(),
        )

    @property
    def graph(self) -> URIRef:
        return ruling_graph(self.key)

    @property
    def eu_cases(self) -> tuple[CaseNumber, ...]:
        """The case numbers that are EU case numbers."""
        out = []
        for text in self.case_numbers:
            try:
                out.append(CaseNumber.parse(text))
            except ValueError:
                continue
        return tuple(out)

    @property
    def label(self) -> str:
        """How a lawyer names it: "C-54/07 Feryn", "C-335/11 and C-337/11 HK Danmark"."""
        cases = " and ".join(self.case_numbers)
        name = self.name or self.parties or ""
        return " ".join(part for part in (cases, name) if part) or self.key

    def location(self, field_name: str | None = None) -> Location:
        """The place in the source where a field was read (the file itself if not known)."""
        return Location(self.source, line=self.lines.get(field_name or "", None))
