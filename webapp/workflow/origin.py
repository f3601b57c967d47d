"""Where a new draft starts: the latest approved report of the same country before the year
(approved here, else the bundled corpus file ``country_reports/{cc}-{year}.md``), or, when the
country has none, the report template's sections with empty text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import current_app

from lawgraph.dates import parse_period
from lawgraph.drafts import DraftStore
from lawgraph.errors import InputError
from lawgraph.refdata import Country
from lawgraph.reports.parse import parse_report
from lawgraph.reports.template import template_sections
from lawgraph.sources import read_source
from webapp.workflow.sections import (
    document_to_markdown,
    empty_section,
    meta_content,
    split_markdown,
)

__all__ = ["Origin", "check_country_year", "find_origin", "first_sections", "next_year"]

Content = dict[str, Any]


@dataclass(frozen=True)
class Origin:
    label: str  # what the draft starts from, for people: "country_reports/de-2024.md"
    year: int | None
    markdown: str | None


def _corpus_dir() -> Path:
    return Path(getattr(current_app.config["LAWGRAPH"], "corpus", ".")) / "country_reports"


def _corpus_years(country: Country) -> dict[int, Path]:
    found: dict[int, Path] = {}
    folder = _corpus_dir()
    for suffix in (".docx", ".md"):  # Markdown wins when both exist
        for path in folder.glob(f"{country.eu_code.lower()}-*{suffix}"):
            match = re.fullmatch(
                rf"{country.eu_code.lower()}-(\d{{4}}){re.escape(suffix)}", path.name
            )
            if match:
                found[int(match[1])] = path
    return found


def find_origin(drafts: DraftStore, country: Country, year: int) -> Origin:
    approved = drafts.latest_approved(country.eu_code, year)
    corpus = {y: p for y, p in _corpus_years(country).items() if y < year}
    corpus_year = max(corpus, default=None)
    if approved and (corpus_year is None or approved[0] >= corpus_year):
        return Origin(f"the {approved[0]} report approved here", approved[0], approved[1])
    if corpus_year is not None:
        path = corpus[corpus_year]
        source = read_source(path, f"country_reports/{path.name}")
        text = (
            source.data.decode("utf-8-sig")
            if path.suffix == ".md"
            else document_to_markdown(parse_report(source))
        )
        return Origin(f"country_reports/{path.name}", corpus_year, text)
    return Origin("the report template (no earlier report)", None, None)


def next_year(drafts: DraftStore, country: Country) -> int:
    """The year after the newest report of the country (approved here or in the corpus)."""
    years = [r.year for r in drafts.reports(country.eu_code)] + list(_corpus_years(country))
    return max(years) + 1 if years else 2024


def _shift_period(text: str, years: int) -> str:
    try:
        start, end = parse_period(text)
    except ValueError:
        return text

    def shift(day):
        try:
            return day.replace(year=day.year + years)
        except ValueError:  # 29 February
            return day.replace(year=day.year + years, day=28)

    return f"{shift(start).isoformat()} to {shift(end).isoformat()}"


def first_sections(
    origin: Origin, country: Country, year: int, expert: str
) -> list[tuple[Content, Content | None]]:
    """``(content, carried)`` for each section of the new draft, the metadata first."""
    if origin.markdown is None:
        return _skeleton(country, year, expert)
    fields, preamble, sections = split_markdown(origin.markdown, origin.label)
    carried_meta = meta_content(fields, preamble)
    fields = dict(fields)
    fields.update(country=country.eu_code, reporting_year=str(year), expert=expert)
    if fields.get("period") and origin.year:
        fields["period"] = _shift_period(fields["period"], year - origin.year)
    return [(meta_content(fields, preamble), carried_meta)] + [(s, s) for s in sections]


def _number_key(number: str) -> tuple[int, ...]:
    if number.lower().startswith("annex"):
        return (100, int(re.sub(r"\D", "", number) or 0))
    return tuple(int(n) for n in number.split("."))


def _skeleton(country: Country, year: int, expert: str) -> list[tuple[Content, Content | None]]:
    fields = {
        "country": country.eu_code,
        "reporting_year": str(year),
        "period": f"{year - 1}-01-01 to {year - 1}-12-31",
        "expert": expert,
        "template": "2015",
        "strand": "non-discrimination",
        "language": "en",
        "sample": "false",
    }
    sections = [
        empty_section(f"Country report Non-discrimination: {country.name} {year}", 1),
        empty_section("Executive summary", 1),
    ]
    numbered = [
        (s.numbers["2015"], s.label) for s in template_sections().values() if s.numbers.get("2015")
    ]
    for number, label in sorted(numbered, key=lambda x: _number_key(x[0])):
        depth = 1 if number.lower().startswith("annex") else number.count(".") + 1
        sections.append(empty_section(f"{number} {label}", depth))
    return [(meta_content(fields), None)] + [(s, None) for s in sections]


def check_country_year(text_fields: dict[str, str], country: Country, year: int, name: str) -> None:
    """An uploaded report must be the draft's country and year (when its header says)."""
    said_country = text_fields.get("country", "").strip()
    said_year = text_fields.get("reporting_year", "").strip()
    from lawgraph.refdata import reference_index

    found = reference_index().country(said_country) if said_country else country
    if found is None or found.eu_code != country.eu_code or (said_year and said_year != str(year)):
        raise InputError(
            name,
            None,
            f"this file is the report of {said_country or '?'} "
            f"{said_year or '?'}, not of {country.eu_code} {year}",
        )
