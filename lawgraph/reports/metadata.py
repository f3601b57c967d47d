"""The metadata header of a country report, checked: country, year, period, expert, template."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from lawgraph.dates import parse_period
from lawgraph.errors import InputError
from lawgraph.refdata import Country, reference_index
from lawgraph.reports.model import ReportDocument

__all__ = ["KNOWN_TEMPLATES", "ReportMetadata", "parse_metadata"]

KNOWN_TEMPLATES = ("2004", "2008", "2015")
REQUIRED = ("country", "reporting_year", "expert", "template")


@dataclass(frozen=True)
class ReportMetadata:
    country: Country
    year: int
    period_start: dt.date | None
    period_end: dt.date | None
    expert: str
    template: str
    strand: str
    language: str
    sample: bool
    sample_note: str | None
    title: str | None = None


def _bool(value: str) -> bool | None:
    return {"true": True, "yes": True, "false": False, "no": False}.get(value.strip().lower())


def parse_metadata(doc: ReportDocument) -> ReportMetadata:
    """Check the header of a parsed report; an :class:`InputError` names the file and line."""
    meta = {k.strip().lower().replace(" ", "_"): str(v).strip() for k, v in doc.metadata.items()}

    def fail(key: str, message: str) -> InputError:
        return InputError(doc.source, _place(doc, key), message)

    missing = [key for key in REQUIRED if not meta.get(key)]
    if missing:
        raise fail(
            missing[0],
            f"the metadata header lacks {', '.join(missing)} (see country_reports/README.md)",
        )
    country = reference_index().country(meta["country"])
    if country is None:
        raise fail(
            "country",
            f"unknown country {meta['country']!r}: use the EU country code "
            "(e.g. DE, EL, UK) or the English name",
        )
    year_text = meta["reporting_year"]
    if (
        not re.fullmatch(r"\d{4}", year_text)
        or not 2000 <= int(year_text) <= dt.date.today().year + 1
    ):
        raise fail("reporting_year", f"reporting_year {year_text!r} is not a plausible year")
    start = end = None
    if meta.get("period"):
        try:
            start, end = parse_period(meta["period"])
        except ValueError as exc:
            raise fail("period", str(exc)) from exc
    template = meta["template"]
    if template not in KNOWN_TEMPLATES:
        raise fail(
            "template", f"unknown template {template!r}; known: {', '.join(KNOWN_TEMPLATES)}"
        )
    sample = _bool(meta.get("sample", "false"))
    if sample is None:
        raise fail("sample", f"sample must be true or false, not {meta['sample']!r}")
    note = meta.get("sample_note") or None
    if sample and not note:
        raise fail("sample", "a sample report needs a sample_note saying what it is")
    return ReportMetadata(
        country=country,
        year=int(year_text),
        period_start=start,
        period_end=end,
        expert=meta["expert"],
        template=template,
        strand=meta.get("strand") or "non-discrimination",
        language=meta.get("language") or "en",
        sample=sample,
        sample_note=note,
        title=meta.get("title") or None,
    )


def _place(doc: ReportDocument, key: str) -> str | None:
    location = doc.metadata_locations.get(key)
    return location.place if location else None
