"""The structured parts of a report an expert writes: assessment blocks, development blocks and
the Annex 1 table of national legislation, checked and resolved against the reference data.

Expert-entered structure is held to a strict standard: an unknown provision or status, a
malformed date, or a missing field rejects the report with the file and line named.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import URIRef

from lawgraph.dates import parse_date
from lawgraph.errors import InputError
from lawgraph.identifiers import DirectiveNumber, IdentifierError, ProvisionRef
from lawgraph.refdata import ProvisionInfo, reference_index
from lawgraph.reports.model import Block, ReportDocument, Section, Table
from lawgraph.sources import Location

__all__ = [
    "STATUSES",
    "AssessmentRecord",
    "DevelopmentRecord",
    "MeasureRecord",
    "measures_from_annex",
    "read_assessment",
    "read_development",
    "resolve_provision",
]

#: status as written → status slug (``lgd:status/{slug}``)
STATUSES = {
    "conform": "conform",
    "conforms": "conform",
    "compliant": "conform",
    "fully transposed": "conform",
    "partial": "partial",
    "partially transposed": "partial",
    "partly": "partial",
    "not transposed": "not-transposed",
    "not-transposed": "not-transposed",
    "missing": "not-transposed",
    "incorrect": "incorrect",
    "incorrectly transposed": "incorrect",
    "not applicable": "not-applicable",
    "not-applicable": "not-applicable",
    "n/a": "not-applicable",
    "unclear": "unclear",
}
DEVELOPMENT_TYPES = ("legislation", "case-law", "equality-body", "policy", "other")
ALL_DIRECTIVE_GROUNDS = (
    "racial-or-ethnic-origin",
    "religion-or-belief",
    "disability",
    "age",
    "sexual-orientation",
)


@dataclass(frozen=True)
class AssessmentRecord:
    provisions: tuple[ProvisionInfo, ...]
    status: str
    reason: str | None
    national: tuple[str, ...]
    location: Location
    section: Section


@dataclass(frozen=True)
class DevelopmentRecord:
    kind: str
    date: dt.date
    title: str
    summary: str
    location: Location
    section: Section
    court: str | None = None
    case: str | None = None
    ecli: str | None = None
    provisions: tuple[ProvisionInfo, ...] = ()
    grounds: tuple[str, ...] = ()
    source: str | None = None


@dataclass(frozen=True)
class EqualityBodyRecord:
    name: str
    grounds: tuple[URIRef, ...]
    powers: tuple[URIRef, ...]
    location: Location
    section: Section


@dataclass(frozen=True)
class MeasureRecord:
    title_original: str
    title_english: str | None
    abbreviation: str | None
    adopted: dt.date | None
    in_force: dt.date | None
    grounds: tuple[str, ...]
    areas: tuple[str, ...]
    identifier: str | None
    location: Location
    extra: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _aliases() -> dict[str, DirectiveNumber]:
    aliases: dict[str, DirectiveNumber] = {}
    for name, celex in reference_index().directive_names().items():
        info = reference_index().directives[celex]
        try:
            aliases[name] = DirectiveNumber.parse(info.number)
        except IdentifierError:
            continue
    return aliases


def resolve_provision(text: str, source: str, location: Location) -> ProvisionInfo:
    """A provision written by an expert ("2000/78 Art 10", "Art 8 RED") → reference data."""
    try:
        ref = ProvisionRef.parse(text.strip(), aliases=_aliases())
    except IdentifierError as exc:
        raise InputError(
            source, location.place, f"cannot read the provision {text.strip()!r}: {exc}"
        ) from exc
    celex = ref.directive.celex
    celex_text = str(celex)
    if celex_text not in reference_index().directives:
        raise InputError(
            source, location.place, f"{ref.directive} is not one of the directives lawgraph covers"
        )
    info = reference_index().provision(celex_text, str(ref.path))
    if info is None:
        raise InputError(
            source,
            location.place,
            f"unknown provision: {ref.citation()} does not exist in lawgraph's reference data",
        )
    return info


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in re.split(r"\s*;\s*", value or "") if part.strip()]


def _field_location(block: Block, key: str) -> Location:
    return block.field_locations.get(key, block.location)


def read_assessment(doc: ReportDocument, section: Section, block: Block) -> AssessmentRecord:
    fields = {k.strip().lower(): v.strip() for k, v in block.fields.items()}
    if not fields.get("provision"):
        raise InputError(doc.source, block.location.place, "an assessment block needs a provision")
    status_text = fields.get("status", "").lower().replace("_", " ")
    if status_text not in STATUSES:
        raise InputError(
            doc.source,
            _field_location(block, "status").place,
            f"unknown status {fields.get('status', '')!r}; use conform, partial, not transposed, "
            "incorrect, not applicable or unclear",
        )
    status = STATUSES[status_text]
    reason = fields.get("reason") or None
    if status != "conform" and not reason:
        raise InputError(
            doc.source,
            block.location.place,
            f"an assessment with status {status_text!r} needs a reason",
        )
    where = _field_location(block, "provision")
    provisions = tuple(resolve_provision(p, doc.source, where) for p in _split(fields["provision"]))
    return AssessmentRecord(
        provisions, status, reason, tuple(_split(fields.get("national"))), block.location, section
    )


def read_development(doc: ReportDocument, section: Section, block: Block) -> DevelopmentRecord:
    fields = {k.strip().lower(): v.strip() for k, v in block.fields.items()}
    for key in ("type", "date", "title", "summary"):
        if not fields.get(key):
            raise InputError(doc.source, block.location.place, f"a development block needs {key}")
    kind = fields["type"].lower()
    if kind not in DEVELOPMENT_TYPES:
        raise InputError(
            doc.source,
            _field_location(block, "type").place,
            f"unknown development type {kind!r}; use {', '.join(DEVELOPMENT_TYPES)}",
        )
    try:
        date = parse_date(fields["date"])
    except ValueError as exc:
        raise InputError(doc.source, _field_location(block, "date").place, str(exc)) from exc
    if date > dt.date.today():
        raise InputError(
            doc.source,
            _field_location(block, "date").place,
            f"the date {date.isoformat()} is in the future",
        )
    where = _field_location(block, "provision")
    provisions = tuple(
        resolve_provision(p, doc.source, where) for p in _split(fields.get("provision"))
    )
    return DevelopmentRecord(
        kind=kind,
        date=date,
        title=fields["title"],
        summary=fields["summary"],
        location=block.location,
        section=section,
        court=fields.get("court") or None,
        case=fields.get("case") or None,
        ecli=fields.get("ecli") or None,
        provisions=provisions,
        grounds=tuple(_split(fields.get("grounds"))),
        source=fields.get("source") or None,
    )


#: how experts write the powers of an equality body → ``lgd:power/{slug}``
POWERS = {
    "assist victims": "assist-victims",
    "assistance to victims": "assist-victims",
    "independent assistance": "assist-victims",
    "surveys": "independent-surveys",
    "independent surveys": "independent-surveys",
    "reports": "reports-recommendations",
    "recommendations": "reports-recommendations",
    "reports and recommendations": "reports-recommendations",
    "litigation": "litigation-standing",
    "litigation standing": "litigation-standing",
    "legal standing": "litigation-standing",
    "binding decisions": "binding-decisions",
    "decisions": "binding-decisions",
}


def expand_grounds(names: list[str]) -> list[str]:
    """ "all directive grounds" stands for the five grounds of 2000/43 and 2000/78; "all
    directive grounds except disability" for four of them."""
    grounds: list[str] = []
    for name in names:
        match = re.match(
            r"all directive grounds(?:\s*(?:except|but|other than)\s+(.+))?$", name.strip(), re.I
        )
        if not match:
            grounds.append(name)
            continue
        named = [x for x in re.split(r"\s*(?:,|\band\b)\s*", match[1] or "") if x.strip()]
        excluded = {reference_index().ground(x) for x in named}
        if None in excluded:  # an exception we cannot read: keep the phrase, the caller warns
            grounds.append(name)
            continue
        grounds += [g for g in ALL_DIRECTIVE_GROUNDS if reference_index().ground(g) not in excluded]
    return grounds


def read_equality_body(doc: ReportDocument, section: Section, block: Block) -> EqualityBodyRecord:
    """An ``equality-body`` block: name, grounds of its mandate, powers."""
    fields = {k.strip().lower(): v.strip() for k, v in block.fields.items()}
    if not fields.get("name"):
        raise InputError(doc.source, block.location.place, "an equality-body block needs a name")
    grounds = []
    for item in expand_grounds(_split(fields.get("grounds"))):
        ground = reference_index().ground(item)
        if ground is None:
            raise InputError(
                doc.source,
                _field_location(block, "grounds").place,
                f"unknown ground {item!r} (see ontology/reference/grounds.ttl)",
            )
        grounds.append(ground)
    powers = []
    for name in _split(fields.get("powers")):
        slug_ = POWERS.get(name.lower().strip())
        if slug_ is None:
            raise InputError(
                doc.source,
                _field_location(block, "powers").place,
                f"unknown power {name!r}; use {', '.join(sorted(set(POWERS)))}",
            )
        powers.append(URIRef(f"https://w3id.org/lawgraph/id/power/{slug_}"))
    return EqualityBodyRecord(
        fields["name"], tuple(grounds), tuple(powers), block.location, section
    )


_COLUMNS = {
    "title (original)": "title_original",
    "original title": "title_original",
    "title": "title_original",
    "title (english)": "title_english",
    "english title": "title_english",
    "abbreviation": "abbreviation",
    "short": "abbreviation",
    "adopted": "adopted",
    "date of adoption": "adopted",
    "in force": "in_force",
    "entry into force": "in_force",
    "grounds": "grounds",
    "grounds covered": "grounds",
    "areas": "areas",
    "material scope": "areas",
    "identifier": "identifier",
    "reference": "identifier",
}


def _optional_date(doc: ReportDocument, value: str, location: Location) -> dt.date | None:
    value = value.strip()
    if not value or value in ("-", "–", "n/a"):
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise InputError(doc.source, location.place, f"Annex 1: {exc}") from exc


def measures_from_annex(doc: ReportDocument, table: Table) -> list[MeasureRecord]:
    """Rows of the Annex 1 table → measures. Unknown columns are kept in ``extra``."""
    keys = [_COLUMNS.get(h.strip().lower(), h.strip()) for h in table.header]
    if "title_original" not in keys:
        raise InputError(
            doc.source, table.location.place, "the Annex 1 table needs a 'Title (original)' column"
        )
    records = []
    for number, row in enumerate(table.rows, start=1):
        cells = dict(zip(keys, (c.strip() for c in row), strict=False))
        if not cells.get("title_original"):
            continue
        location = Location(
            table.location.source,
            table.location.line + number + 1 if table.location.line else None,
            table.location.page,
        )
        grounds = expand_grounds(_split(cells.get("grounds")))
        records.append(
            MeasureRecord(
                title_original=cells["title_original"],
                title_english=cells.get("title_english") or None,
                abbreviation=cells.get("abbreviation") or None,
                adopted=_optional_date(doc, cells.get("adopted", ""), location),
                in_force=_optional_date(doc, cells.get("in_force", ""), location),
                grounds=tuple(grounds),
                areas=tuple(_split(cells.get("areas"))),
                identifier=cells.get("identifier") or None,
                location=location,
                extra={k: v for k, v in cells.items() if k not in _COLUMNS.values() and v},
            )
        )
    return records
