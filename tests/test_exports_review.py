"""The Law Review model: which entries a period holds, their order, keys and provenance."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from test_exports_support import FIXED_INFO, PERIOD, copy_fixture, fixture_store, ingest_fixture

import lawgraph
from lawgraph.errors import InputError
from lawgraph.exports import entry_key, review_entries
from lawgraph.exports.model import normalise_title
from lawgraph.exports.provenance import ExportInfo
from lawgraph.exports.review import country_order, find_entry, parse_period
from lawgraph.refdata import reference_index


@pytest.fixture(scope="module")
def review():
    return review_entries(fixture_store(), *PERIOD, info=FIXED_INFO)


def test_statement_says_exactly_what_the_review_contains(review):
    counts = review.type_counts()
    assert review.statement() == (
        "European equality law review — national developments, 1 July 2023 – 30 June 2024: "
        f"4 countries, {len(review.entries())} entries ("
        f"{counts['case-law']} case law, {counts['policy']} policy, "
        f"{counts['status-change']} status changes)"
    )
    assert sum(counts.values()) == len(review.entries())


def test_countries_in_review_order(review):
    # Belgium is in the review only through the CJEU ruling that concerns it
    assert [s.country.eu_code for s in review.sections] == ["AT", "BE", "DE", "SK"]


def test_country_order_puts_member_states_then_eea_then_candidates_then_others():
    index = reference_index()
    codes = ["UK", "TR", "NO", "SE", "AL", "IS", "AT", "EL", "ME"]
    ordered = sorted((index.country(c) for c in codes), key=country_order)
    assert [c.eu_code for c in ordered] == ["AT", "EL", "SE", "IS", "NO", "AL", "ME", "TR", "UK"]


def test_entries_ordered_by_type_then_date(review):
    order = ["legislation", "case-law", "equality-body", "policy", "other", "status-change"]
    for section in review.sections:
        keys = [(order.index(e.type), e.date or dt.date.min) for e in section.entries]
        assert keys == sorted(keys)


def test_developments_of_the_period_with_expert_and_source(review):
    de = {e.type: e for e in _section(review, "DE").entries if e.type != "status-change"}
    policy = de["policy"]
    assert policy.date == dt.date(2023, 7, 18)
    assert policy.expert == "Max Mustermann (sample author)"
    assert policy.source_url and policy.source_url.startswith("https://agg-reform.jetzt/")
    assert "racial or ethnic origin" in policy.grounds
    assert "Article 15 of Directive 2000/43/EC" in policy.provisions
    # J.K. v TP (12 January 2023) is reported in the same report but falls before the period
    assert all(e.date is None or e.date >= dt.date(2023, 7, 1) for e in review.entries())


def test_cjeu_ruling_reported_by_an_expert_appears_once_with_the_expert(review):
    at = [e for e in _section(review, "AT").entries if e.type == "case-law"]
    assert len(at) == 1
    assert at[0].key == "AT/2023-11-28/case-law/ecli-eu-c-2023-924"
    assert "ECLI:EU:C:2023:924" in at[0].citation and at[0].expert


def test_cjeu_ruling_concerning_a_country_without_a_development(review):
    (entry,) = _section(review, "BE").entries
    assert entry.type == "case-law" and entry.origin == "CJEU ruling"
    assert entry.title == "Commune d'Ans (C-148/22)"
    assert entry.citation.startswith("Court of Justice of the European Union (Grand Chamber)")
    assert entry.expert is None and entry.summary.startswith("A Belgian municipal employee")


def test_status_changes_only_where_both_years_are_reported(review):
    changes = [e for e in review.entries() if e.type == "status-change"]
    assert {e.country for e in changes} == {"AT", "DE"}  # Slovakia has no 2023 report here
    for change in changes:
        assert change.key.startswith(f"{change.country}/2023-2024/status-change/")
        assert "→" in change.title and "not assessed" not in change.title.split("→")[1]
        assert change.expert and change.date == dt.date(2023, 12, 31)


def test_sources_are_the_files_used_with_hashes_and_sample_flags(review):
    paths = {s.path for s in review.sources if s.path}
    assert "review_in/2023-11-28_C-148-22_commune-d-ans.md" in paths
    assert {"review_in/de-2023.md", "review_in/de-2024.md", "review_in/sk-2024.md"} <= paths
    assert all(re.fullmatch(r"[0-9a-f]{64}", s.sha256 or "") for s in review.sources if s.path)
    assert review.sample_notice().startswith("SAMPLE MATERIAL: 5 of 6 source documents")


def test_country_filter_and_empty_countries():
    review = review_entries(fixture_store(), *PERIOD, countries=["de", "Austria", "IT"])
    assert [s.country.eu_code for s in review.sections] == ["AT", "DE", "IT"]
    assert _section(review, "IT").entries == ()
    assert review.contents().startswith("3 countries, ")


def test_period_outside_any_data_is_empty_but_says_so():
    review = review_entries(fixture_store(), "1999-01-01", "1999-12-31")
    assert review.contents() == "0 countries, 0 entries"


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        pytest.param("2023-13-01", "2024-06-30", "not a date", id="bad-month"),
        pytest.param("yesterday", "2024-06-30", "not a date", id="not-iso"),
        pytest.param("2024-07-01", "2024-06-30", "ends before it starts", id="end-before-start"),
    ],
)
def test_bad_periods(start, end, message):
    with pytest.raises(InputError, match=message):
        parse_period(start, end)


def test_unknown_country_and_strand():
    with pytest.raises(InputError, match="unknown country 'XX'"):
        review_entries(fixture_store(), *PERIOD, countries=["XX"])
    with pytest.raises(InputError, match="unknown strand"):
        review_entries(fixture_store(), *PERIOD, strand="gender")


@pytest.mark.parametrize(
    ("args", "key"),
    [
        pytest.param(
            ("DE", "policy", dt.date(2023, 7, 18), None, "Federal Commissioner’s paper"),
            "DE/2023-07-18/policy/federal-commissioners-paper",
            id="title",
        ),
        pytest.param(
            ("BE", "case-law", dt.date(2023, 11, 28), "ECLI:EU:C:2023:924", "any title"),
            "BE/2023-11-28/case-law/ecli-eu-c-2023-924",
            id="ecli-wins-over-title",
        ),
        pytest.param(
            ("SK", "case-law", dt.date(2023, 12, 22), "C-799/23", ""),
            "SK/2023-12-22/case-law/c-799-23",
            id="case-number",
        ),
        pytest.param(
            ("DE", "status-change", "2023-2024", "32000L0043/art_13", ""),
            "DE/2023-2024/status-change/32000l0043-art-13",
            id="status-change",
        ),
    ],
)
def test_entry_keys(args, key):
    assert entry_key(*args) == key


def test_long_titles_are_shortened_with_a_hash_that_keeps_them_apart():
    base = "Law amending the act on equal treatment in employment and occupation and "
    one = entry_key("ES", "legislation", dt.date(2023, 2, 28), title=base + "housing")
    two = entry_key("ES", "legislation", dt.date(2023, 2, 28), title=base + "education")
    assert one != two and len(one) < 100
    assert normalise_title("  “Law 4/2023”  ") == normalise_title("law 4/2023")


def test_keys_survive_a_reingest_into_a_new_store(tmp_path, review):
    store = lawgraph.open_store("memory:")
    ingest_fixture(store, copy_fixture(tmp_path))
    again = review_entries(store, *PERIOD, info=FIXED_INFO)
    assert [e.key for e in again.entries()] == [e.key for e in review.entries()]
    assert len({e.key for e in review.entries()}) == len(review.entries())


def test_find_entry_by_key_whatever_its_date():
    entry = find_entry(fixture_store(), "DE/2023-01-12/case-law/ecli-eu-c-2023-9")
    assert entry.title.startswith("J.K. v TP")
    with pytest.raises(InputError, match="no entry has this key"):
        find_entry(fixture_store(), "DE/2023-01-12/case-law/nothing")
    with pytest.raises(InputError, match="unknown country code"):
        find_entry(fixture_store(), "nonsense")


def test_generation_info_defaults_to_now_and_the_installed_version():
    info = ExportInfo.now()
    assert info.version == lawgraph.__version__
    assert abs((dt.datetime.now(dt.UTC) - info.generated_at).total_seconds()) < 60
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", info.timestamp)


def _section(review, code):
    return next(s for s in review.sections if s.country.eu_code == code)
