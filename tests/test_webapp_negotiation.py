"""Content negotiation and IRI ↔ URL mapping, one row per case."""

from __future__ import annotations

import pytest

from webapp.links import iri_candidates, path_for
from webapp.negotiate import best, parse_accept, split_suffix

OFFERS = ["text/html", "application/json", "text/turtle", "application/ld+json"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        pytest.param(None, [], id="absent"),
        pytest.param("", [], id="empty"),
        pytest.param("text/turtle", [("text", "turtle", 1.0)], id="one"),
        pytest.param("text/turtle;q=0.5, application/ld+json",
                     [("application", "ld+json", 1.0), ("text", "turtle", 0.5)], id="q-order"),
        pytest.param("text/html;level=1;q=0.3", [("text", "html", 0.3)], id="other-params"),
        pytest.param("garbage", [], id="no-slash"),
        pytest.param("text/html;q=abc", [], id="bad-q"),
        pytest.param("text/html;q=1.5", [], id="q-above-one"),
        pytest.param("*/html", [], id="wild-type-only"),
        pytest.param(";;;,,,", [], id="punctuation"),
        pytest.param("text/turtle, \x00/\x01", [("text", "turtle", 1.0)], id="control-chars"),
        pytest.param("TEXT/Turtle", [("text", "turtle", 1.0)], id="case"),
    ],
)
def test_parse_accept(header, expected):
    assert parse_accept(header) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        pytest.param("text/turtle", "text/turtle", id="exact"),
        pytest.param("*/*", "text/html", id="wildcard-server-order"),
        pytest.param("text/turtle, */*", "text/turtle", id="specific-beats-wildcard"),
        pytest.param("text/*", "text/html", id="type-wildcard"),
        pytest.param("application/ld+json;q=0.9, application/json", "application/json", id="q"),
        pytest.param("text/html;q=0, */*", "application/json", id="q-zero-excludes"),
        pytest.param("image/png", None, id="nothing-acceptable"),
        pytest.param("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                     "text/html", id="browser"),
    ],
)
def test_best(header, expected):
    assert best(OFFERS, parse_accept(header)) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("ecli/ECLI:EU:C:2008:397.ttl", ("ecli/ECLI:EU:C:2008:397", "ttl")),
        ("ecli/ECLI:EU:C:2008:397", ("ecli/ECLI:EU:C:2008:397", None)),
        ("measure/DEU/agg.jsonld", ("measure/DEU/agg", "jsonld")),
        ("report/DE/2024.nt", ("report/DE/2024", "nt")),
        ("DE.json", ("DE", "json")),
        (".json", (".json", None)),
    ],
)
def test_split_suffix(path, expected):
    assert split_suffix(path) == expected


@pytest.mark.parametrize(
    ("iri", "path"),
    [
        ("https://w3id.org/lawgraph/id/ecli/ECLI:EU:C:2008:397", "/ecli/ECLI:EU:C:2008:397"),
        ("https://w3id.org/lawgraph/id/provision/32000L0043/art_2/par_2/pnt_b",
         "/provision/32000L0043/art_2/par_2/pnt_b"),
        ("https://w3id.org/lawgraph/id/measure/DEU/agg", "/measure/DEU/agg"),
        ("http://publications.europa.eu/resource/authority/country/DEU", "/country/DE"),
        ("http://publications.europa.eu/resource/authority/country/GRC", "/country/EL"),
        ("http://data.europa.eu/eli/dir/2000/78/oj", "/directive/32000L0078"),
        ("http://example.org/elsewhere", None),
        ("https://w3id.org/lawgraph/id/", None),
    ],
)
def test_path_for(iri, path):
    assert path_for(iri) == path


@pytest.mark.parametrize(
    "path",
    ["ecli/ECLI:EU:C:2008:397", "provision/32000L0043/art_8/par_1", "measure/DEU/agg/par-22",
     "report/DE/2024/section/burden-of-proof"],
)
def test_iri_round_trip(path):
    assert path_for(iri_candidates(path)[0]) == f"/{path}"


@pytest.mark.parametrize("path", ['x"> <script>', "a\nb", "a b", "x\x00", "{x}", "a\\b"])
def test_iri_candidates_refuse_characters_not_allowed_in_iris(path):
    for iri in iri_candidates(path):
        assert not any(c in str(iri) for c in '<>"{}|\\^` \n\x00'), iri
