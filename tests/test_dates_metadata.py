"""Dates as legal texts write them, and the country-report metadata header."""

from __future__ import annotations

import datetime as dt

import pytest

from lawgraph.dates import parse_date, parse_period
from lawgraph.errors import InputError
from lawgraph.reports.metadata import parse_metadata
from lawgraph.reports.model import ReportDocument
from lawgraph.sources import Location

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 August 2006", D(2006, 8, 14)),
        ("14.8.2006", D(2006, 8, 14)),
        ("14.08.2006", D(2006, 8, 14)),
        ("2006-08-14", D(2006, 8, 14)),
        ("August 14, 2006", D(2006, 8, 14)),
        ("14 Aug. 2006", D(2006, 8, 14)),
        ("1st January 2023", D(2023, 1, 1)),
        ("01/02/2023", D(2023, 2, 1)),  # day first, as in Europe
    ],
)
def test_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["2023", "August 2006", "31.02.2023", "yesterday", "", "14.8.06", "216/2003"]
)
def test_not_dates(text):
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2023-01-01 to 2023-12-31", D(2023, 1, 1), D(2023, 12, 31)),
        ("1 January 2023 – 31 December 2023", D(2023, 1, 1), D(2023, 12, 31)),
        ("1 July 2023 - 30 June 2024", D(2023, 7, 1), D(2024, 6, 30)),
    ],
)
def test_periods(text, start, end):
    assert parse_period(text) == (start, end)


@pytest.mark.parametrize("text", ["2023-12-31 to 2023-01-01", "all of 2023", "2023-01-01"])
def test_bad_periods(text):
    with pytest.raises(ValueError):
        parse_period(text)


GOOD = {
    "country": "DE",
    "reporting_year": "2024",
    "period": "2023-01-01 to 2023-12-31",
    "expert": "A. Expert",
    "template": "2015",
    "sample": "true",
    "sample_note": "A sample.",
}


def _doc(**changes: str | None) -> ReportDocument:
    metadata = {k: v for k, v in {**GOOD, **changes}.items() if v is not None}
    locations = {k: Location("xx.md", line=i + 2) for i, k in enumerate(metadata)}
    return ReportDocument("xx.md", "0" * 64, "markdown", metadata, locations, [])


def test_good_metadata():
    meta = parse_metadata(_doc())
    assert (meta.country.alpha3, meta.year, meta.template) == ("DEU", 2024, "2015")
    assert (meta.period_start, meta.period_end) == (D(2023, 1, 1), D(2023, 12, 31))
    assert meta.sample and meta.sample_note == "A sample."


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"country": "XX"}, "unknown country 'XX'"),
        ({"country": None}, "lacks country"),
        ({"reporting_year": "24"}, "not a plausible year"),
        ({"reporting_year": "2999"}, "not a plausible year"),
        ({"period": "2023-13-01 to 2023-12-31"}, "not a date"),
        ({"template": "2030"}, "unknown template"),
        ({"sample": "maybe"}, "true or false"),
        ({"sample_note": None}, "needs a sample_note"),
    ],
    ids=[
        "unknown-country",
        "no-country",
        "short-year",
        "future-year",
        "bad-period",
        "bad-template",
        "bad-sample",
        "sample-without-note",
    ],
)
def test_bad_metadata_names_file_and_line(changes, message):
    with pytest.raises(InputError, match=message) as info:
        parse_metadata(_doc(**changes))
    assert str(info.value).startswith("xx.md:")


@pytest.mark.parametrize("code", ["EL", "GR", "GRC", "Greece", "UK", "GB", "Türkiye", "Turkey"])
def test_countries_by_any_code_or_name(code):
    assert parse_metadata(_doc(country=code)).country.alpha3 in ("GRC", "GBR", "TUR")
