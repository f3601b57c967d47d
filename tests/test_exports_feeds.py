"""Atom feeds per country and per provision: valid Atom, the right entries, stable ids, links to
the web app, escaping."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from test_exports_support import FIXED_INFO, fixture_store

from lawgraph.errors import InputError
from lawgraph.exports.feeds import country_feed, provision_feed, resource_url

A = "{http://www.w3.org/2005/Atom}"
BASE = "http://localhost:5000/app"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def _parse(data: bytes) -> ET.Element:
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    root = ET.fromstring(data)
    assert root.tag == f"{A}feed"
    return root


def _entries(root):
    return [
        {
            "id": e.findtext(f"{A}id"),
            "title": e.findtext(f"{A}title"),
            "updated": e.findtext(f"{A}updated"),
            "link": e.find(f"{A}link").get("href"),
            "category": e.find(f"{A}category").get("term"),
            "summary": e.findtext(f"{A}summary"),
        }
        for e in root.findall(f"{A}entry")
    ]


def _check_atom(root: ET.Element) -> None:
    """What RFC 4287 requires of a feed and its entries."""
    for tag in ("id", "title", "updated"):
        assert root.findtext(f"{A}{tag}"), tag
    assert root.find(f"{A}author/{A}name").text == "lawgraph"
    assert RFC3339.fullmatch(root.findtext(f"{A}updated"))
    for entry in root.findall(f"{A}entry"):
        for tag in ("id", "title", "updated"):
            assert entry.findtext(f"{A}{tag}"), tag
        assert RFC3339.fullmatch(entry.findtext(f"{A}updated"))
        assert entry.find(f"{A}link").get("rel") == "alternate"


@pytest.fixture(scope="module")
def germany():
    return _parse(country_feed(fixture_store(), "DE", base_url=BASE, info=FIXED_INFO))


def test_country_feed_is_valid_atom_with_status_changes_and_case_law(germany):
    _check_atom(germany)
    entries = _entries(germany)
    changes = [e for e in entries if e["category"] == "status-change"]
    rulings = [e for e in entries if e["category"] == "case-law"]
    assert len(changes) == 3 and changes[0]["title"].startswith("DE: Article")
    assert any(
        "Article 13 of Directive 2000/43/EC: conform → partially transposed" in e["title"]
        for e in changes
    )
    # J.K. v TP is only linked by the German report; its case-law file is not in the fixture
    assert rulings == []
    subtitle = germany.findtext(f"{A}subtitle")
    assert subtitle.startswith(f"Germany: {len(entries)} entries (3 status changes, ")
    assert "SAMPLE MATERIAL" in subtitle and "Generated 2024-09-01T12:00:00Z" in subtitle


def test_entries_are_newest_first_with_stable_ids_and_web_app_links(germany):
    entries = _entries(germany)
    assert [e["updated"] for e in entries] == sorted((e["updated"] for e in entries), reverse=True)
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids))
    for entry in entries:
        if entry["category"] == "status-change":
            assert re.fullmatch(
                r"https://w3id\.org/lawgraph/id/assessment/DE/2024/\S+#changed-from-2023",
                entry["id"],
            )
            assert entry["link"].startswith(f"{BASE}/assessment/DE/2024/")
    again = _entries(_parse(country_feed(fixture_store(), "DE", base_url=BASE)))
    assert [e["id"] for e in again] == ids
    assert germany.findtext(f"{A}id") == "tag:w3id.org,2024:lawgraph/feed/country/DE"


def test_country_feed_lists_rulings_concerning_the_country():
    root = _parse(country_feed(fixture_store(), "BE", base_url=BASE, info=FIXED_INFO))
    _check_atom(root)
    (entry,) = _entries(root)
    assert entry["id"] == "https://w3id.org/lawgraph/id/ecli/ECLI:EU:C:2023:924"
    assert entry["title"] == "Commune d'Ans (C-148/22)"
    assert entry["updated"] == "2023-11-28T00:00:00Z"
    assert entry["link"] == f"{BASE}/ecli/ECLI:EU:C:2023:924"
    assert entry["summary"].startswith("Court of Justice of the European Union, 28 November 2023.")


def test_provision_feed_includes_sub_provisions():
    root = _parse(provision_feed(fixture_store(), "2000/78 Art 2", base_url=BASE, info=FIXED_INFO))
    _check_atom(root)
    ids = [e["id"] for e in _entries(root)]
    # Commune d'Ans interprets Article 2(2)(b)(i)
    assert "https://w3id.org/lawgraph/id/ecli/ECLI:EU:C:2023:924" in ids
    assert root.findtext(f"{A}id") == "tag:w3id.org,2024:lawgraph/feed/provision/32000L0078/art_2"
    assert root.find(f"{A}link").get("href") == f"{BASE}/provision/32000L0078/art_2"


def test_provision_feed_of_status_changes():
    root = _parse(provision_feed(fixture_store(), "Article 13 RED", info=FIXED_INFO))
    entries = _entries(root)
    assert [e["title"].split(":")[0] for e in entries] == ["DE"]
    assert entries[0]["link"] == "https://w3id.org/lawgraph/id/assessment/DE/2024/32000L0043/art_13"


def test_empty_feed_is_still_valid():
    root = _parse(country_feed(fixture_store(), "IT", info=FIXED_INFO))
    _check_atom(root)
    assert _entries(root) == [] and root.findtext(f"{A}updated") == "2024-09-01T12:00:00Z"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        pytest.param(lambda: country_feed(fixture_store(), "XX"), "unknown country", id="country"),
        pytest.param(
            lambda: provision_feed(fixture_store(), "2000/78 Art 99"),
            "unknown provision",
            id="provision",
        ),
        pytest.param(
            lambda: provision_feed(fixture_store(), "Article"),
            "cannot read the provision",
            id="unreadable",
        ),
    ],
)
def test_unknown_subjects_are_refused(call, message):
    with pytest.raises(InputError, match=message):
        call()


def test_hostile_text_is_escaped_and_illegal_characters_dropped(monkeypatch):
    from lawgraph.exports import feeds

    hostile = feeds.FeedEntry(
        "urn:x:1", '<script>alert("x")</script> & \x0b', feeds.dt.date(2024, 1, 1),
        "http://x/?a=1&b=<2>", "</summary><entry>", "case-law",
    )  # fmt: skip
    monkeypatch.setattr(feeds, "_rulings", lambda *a, **k: [hostile])
    data = country_feed(fixture_store(), "IT", info=FIXED_INFO)
    assert b"<script>" not in data and b"&lt;script&gt;" in data
    (entry,) = _entries(_parse(data))
    assert entry["title"] == '<script>alert("x")</script> & '
    assert entry["link"] == "http://x/?a=1&b=<2>" and entry["summary"] == "</summary><entry>"


@pytest.mark.parametrize(
    ("iri", "url"),
    [
        (
            "https://w3id.org/lawgraph/id/provision/32000L0078/art_5",
            f"{BASE}/provision/32000L0078/art_5",
        ),
        ("https://w3id.org/lawgraph/id/ecli/ECLI:EU:C:2008:397", f"{BASE}/ecli/ECLI:EU:C:2008:397"),
        (
            "http://publications.europa.eu/resource/authority/country/DEU",
            "http://publications.europa.eu/resource/authority/country/DEU",
        ),
    ],
)
def test_resource_urls_mirror_iris(iri, url):
    assert resource_url(iri, BASE + "/") == url
