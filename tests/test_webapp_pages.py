"""Every page × every format, the 404s, hostile input, and what each page must show (the
fixture graph of ``test_webapp_support``)."""

from __future__ import annotations

import json
import re

import pyoxigraph as ox
import pytest
import test_webapp_support as support
from rdflib import Graph, URIRef

from lawgraph import __version__

# the shared fixtures (test_webapp_support), under the names tests ask for
app = support.app
client = support.client
fixture_store_path = support.fixture_store_path

LGD = "https://w3id.org/lawgraph/id/"

#: (url, the IRI it describes, or None for pages without an RDF twin)
PAGES = [
    ("/", None),
    ("/countries", None),
    ("/directives", None),
    ("/search?q=burden+of+proof", None),
    ("/api", None),
    ("/country/DE", "http://publications.europa.eu/resource/authority/country/DEU"),
    ("/directive/32000L0043", "http://data.europa.eu/eli/dir/2000/43/oj"),
    ("/provision/32000L0078/art_5", f"{LGD}provision/32000L0078/art_5"),
    ("/provision/32000L0043/art_2/par_2/pnt_a", f"{LGD}provision/32000L0043/art_2/par_2/pnt_a"),
    ("/ecli/ECLI:EU:C:2013:446", f"{LGD}ecli/ECLI:EU:C:2013:446"),
    ("/measure/DEU/agg", f"{LGD}measure/DEU/agg"),
    ("/measure/DEU/agg/par-22", f"{LGD}measure/DEU/agg/par-22"),
    ("/report/DE/2024", f"{LGD}report/DE/2024"),
    ("/report/DE/2024/section/burden-of-proof", f"{LGD}report/DE/2024/section/burden-of-proof"),
    ("/report/DE/2024/finding/1", f"{LGD}report/DE/2024/finding/1"),
    ("/assessment/DE/2024/32000L0043/art_8/par_1", f"{LGD}assessment/DE/2024/32000L0043/art_8/par_1"),
    ("/rule/LG-R01", f"{LGD}rule/LG-R01"),
    ("/concept/burden-of-proof", f"{LGD}concept/burden-of-proof"),
]
PAGE_IDS = [url for url, _ in PAGES]
RESOURCES = [(url, iri) for url, iri in PAGES if iri]
RESOURCE_IDS = [url for url, _ in RESOURCES]

#: Accept header → (format key, media type expected) ; None = 406 for pages without RDF
ACCEPTS = [
    ("text/html", "html", "text/html"),
    ("application/json", "json", "application/json"),
    ("text/turtle", "ttl", "text/turtle"),
    ("application/ld+json", "jsonld", "application/ld+json"),
    ("application/n-triples", "nt", "application/n-triples"),
    ("text/turtle;q=0.4, application/ld+json;q=0.9", "jsonld", "application/ld+json"),
    ("*/*", "html", "text/html"),
]


def _check_rdf(body: bytes, fmt: str, iri: str) -> None:
    """Parsed with Oxigraph's parsers (rdflib's JSON-LD parser warns in rdflib 7)."""
    kind = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
    subjects = {t.subject.value for t in ox.parse(body, format=kind[fmt])
                if isinstance(t.subject, ox.NamedNode)}
    assert iri in subjects, f"{iri} is not described"


@pytest.mark.parametrize(("url", "iri"), PAGES, ids=PAGE_IDS)
@pytest.mark.parametrize(("accept", "fmt", "media"), ACCEPTS, ids=[a[1] + ":" + a[0] for a in ACCEPTS])
def test_every_page_in_every_format(client, url, iri, accept, fmt, media):
    response = client.get(url, headers={"Accept": accept})
    if fmt in ("ttl", "jsonld", "nt") and iri is None:
        assert response.status_code == 406
        return
    assert response.status_code == 200, response.data[:500]
    assert response.mimetype == media
    assert response.headers["Vary"] == "Accept"
    if fmt == "html":
        assert b"<main" in response.data and b"Skip to main content" in response.data
    elif fmt == "json":
        assert isinstance(response.get_json(), dict)
    else:
        _check_rdf(response.data, fmt, iri)


@pytest.mark.parametrize(("url", "iri"), RESOURCES, ids=RESOURCE_IDS)
@pytest.mark.parametrize(("suffix", "media"), [(".ttl", "text/turtle"), (".jsonld", "application/ld+json"),
                                               (".nt", "application/n-triples"), (".json", "application/json")])
def test_suffixes(client, url, iri, suffix, media):
    path, _, query = url.partition("?")
    response = client.get(path + suffix + (f"?{query}" if query else ""), headers={"Accept": "text/html"})
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == media
    if suffix != ".json":
        _check_rdf(response.data, suffix[1:], iri)


@pytest.mark.parametrize("url", PAGE_IDS)
@pytest.mark.parametrize("accept", ["image/png", "application/pdf;q=1, text/html;q=0"])
def test_unsupported_accept_is_406(client, url, accept):
    response = client.get(url, headers={"Accept": accept})
    assert response.status_code == 406
    assert b"Traceback" not in response.data


@pytest.mark.parametrize("accept", ["garbage", "text/html;q=abc", ";;;", "*/html", "a" * 5000,
                                    "text/html;q=0.5;q=0.7", "\u00e9/\u00e9"])
def test_malformed_accept_never_500(client, accept):
    response = client.get("/country/DE", headers={"Accept": accept.encode("utf-8").decode("latin-1")})
    assert response.status_code in (200, 406)
    if response.status_code == 200:
        assert response.mimetype == "text/html"


def test_format_parameter(client):
    assert client.get("/?format=json").mimetype == "application/json"
    assert client.get("/?format=csv").mimetype == "text/csv"
    assert client.get("/?format=turtle").status_code == 406
    assert client.get("/?format=bogus").status_code == 406


NOT_FOUND = [
    "/ecli/ECLI:EU:C:1999:1", "/measure/DEU/nothing", "/provision/32000L0043/art_99",
    "/provision/32000L0043/not-a-path", "/provision/99999X9999/art_1", "/country/XX",
    "/country/ATLANTIS", "/directive/1999/1", "/directive/9999", "/report/DE/1999",
    "/assessment/DE/2024/32000L0043/art_99", "/nothing", "/ecli/%3Cscript%3Ealert(1)%3C/script%3E",
    "/ecli/ECLI:EU:C:1999:1.ttl", "/country/DE.xyz", "/ecli/a%0Ab", "/measure/%00", "/x%20y",
    "/report/DE/2024/section/%22%3E",
]


@pytest.mark.parametrize("url", NOT_FOUND)
@pytest.mark.parametrize("accept", ["text/html", "application/json", "text/turtle"])
def test_unknown_resources_are_404(client, url, accept):
    response = client.get(url, headers={"Accept": accept})
    assert response.status_code == 404
    assert b"Traceback" not in response.data
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    if response.mimetype == "text/html":
        assert b"<script>alert" not in response.data
    if accept == "application/json":
        problem = response.get_json()
        assert response.mimetype == "application/problem+json"
        assert problem["status"] == 404 and problem["detail"]


BAD_PARAMS = [
    "/?year=abc", "/?year=20245", "/?directive=nonsense", "/?level=chapter", "/?ground=nonsense",
    "/?area=nonsense", "/?group=mars", "/?status=bogus", "/country/DE?year=x",
    "/provision/32000L0043/art_8?year=1800",
]


@pytest.mark.parametrize("url", BAD_PARAMS)
def test_bad_parameters_are_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert b"Traceback" not in response.data


HOSTILE_QUERIES = [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "' OR 1=1 --",
    "\\u0022 } DROP ALL", "}} SELECT * WHERE { ?s ?p ?o }", "x" * 10_000, "☃ ünïcödé ✓", "%00",
]


@pytest.mark.parametrize("q", HOSTILE_QUERIES)
def test_search_escapes_hostile_input(client, q):
    response = client.get("/search", query_string={"q": q})
    assert response.status_code == 200
    body = response.data.decode("utf-8")
    assert "<script>alert" not in body and "<img src=x" not in body
    if q.startswith("<script>"):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_footer_shows_provenance_and_currency(client):
    body = client.get("/").data.decode()
    assert "Based on reports up to 2024" in body
    assert "last ingest 2025-03-03 10:00 UTC" in body
    assert f"lawgraph {__version__}" in body


# --- the dashboard ------------------------------------------------------------------------------

def _matrix(client, **args) -> dict:
    response = client.get("/", query_string={**args, "format": "json"})
    assert response.status_code == 200, response.data[:300]
    return response.get_json()


def _cell(data: dict, country: str, label: str) -> dict:
    row = next(r for r in data["rows"] if r["code"] == country)
    index = next(i for i, c in enumerate(data["columns"]) if f"{c['directive']} {c['label']}" == label)
    return row["cells"][index]


def test_dashboard_defaults_to_latest_year_and_eu(client):
    data = _matrix(client)
    assert data["year"] == 2024 and data["years"] == [2023, 2024]
    assert [r["code"] for r in data["rows"]] == ["DE", "IT"]
    assert {"code": "FR", "name": "France"} in data["missing"]
    assert _cell(data, "DE", "2000/78 Art 5")["status"] == "not-transposed"
    assert _cell(data, "IT", "2000/78 Art 5")["contested"] is True
    assert _cell(data, "IT", "2000/43 Art 8")["status"] == "not-assessed"


@pytest.mark.parametrize(
    ("args", "rows", "columns"),
    [
        pytest.param({"group": "eea-efta"}, ["NO"], ["2000/43 Art 7"], id="eea"),
        pytest.param({"group": "all"}, ["DE", "IT", "NO"], None, id="all"),
        pytest.param({"group": "candidate"}, [], [], id="candidates"),
        pytest.param({"directive": "2000/78"}, ["DE", "IT"], ["2000/78 Art 5", "2000/78 Art 10"],
                     id="directive"),
        pytest.param({"directive": "EED", "level": "paragraph"}, ["DE", "IT"],
                     ["2000/78 Art 5", "2000/78 Art 10(1)"], id="paragraphs"),
        pytest.param({"status": "not-transposed"}, ["DE"], ["2000/78 Art 5"], id="status"),
        pytest.param({"status": ["incorrect", "unclear"]}, ["IT"], ["2000/78 Art 5", "2000/78 Art 10"],
                     id="two-statuses"),
        pytest.param({"ground": "disability"}, ["DE", "IT"], ["2000/78 Art 5", "2000/78 Art 10"],
                     id="ground"),
        pytest.param({"year": "2023"}, ["DE"], ["2000/43 Art 8"], id="year"),
    ],
)
def test_dashboard_filters(client, args, rows, columns):
    data = _matrix(client, **args)
    assert [r["code"] for r in data["rows"]] == rows
    if columns is not None:
        assert [f"{c['directive']} {c['label']}" for c in data["columns"]] == columns


def test_dashboard_cells_link_to_the_evidence(client):
    data = _matrix(client)
    assert _cell(data, "DE", "2000/43 Art 8")["href"] == "/assessment/DE/2024/32000L0043/art_8/par_1"
    assert _cell(data, "DE", "2000/43 Art 8")["parts"] == 1
    html = client.get("/").data.decode()
    assert 'href="/assessment/DE/2024/32000L0078/art_5"' in html


def test_dashboard_counts_and_trend(client):
    data = _matrix(client)
    de = next(r for r in data["rows"] if r["code"] == "DE")
    assert de["gaps"] == 2 and de["assessed"] == 3
    trend = {t["year"]: t for t in data["trend"]}
    assert trend[2023]["counts"]["conform"] == 1 and trend[2023]["gaps"] == 0
    assert trend[2024]["gaps"] == 3
    html = client.get("/").data.decode()
    assert "<svg" in html and "Assessments per reporting year and status" in html


def test_dashboard_cells_carry_text_not_only_colour(client):
    html = client.get("/").data.decode()
    cells = re.findall(r'<td class="cell st-[^"]*">(.*?)</td>', html, re.S)
    assert cells
    for cell in cells:
        assert re.sub(r"<[^>]+>", "", cell).strip(), cell


def test_dashboard_csv(client):
    text = client.get("/?format=csv").data.decode()
    assert text.splitlines()[0].startswith("country,2000/43 Art 2")
    assert "DE," in text


def test_dashboard_works_without_assessments(tmp_path):
    from test_webapp_support import make_app

    import lawgraph
    from lawgraph.store import EmbeddedStore
    from webapp import close_app

    store = EmbeddedStore(tmp_path / "empty")
    lawgraph.init(store)
    store.close()
    application = make_app(tmp_path / "empty")
    try:
        response = application.test_client().get("/")
        assert response.status_code == 200
        assert b"No assessments in the store yet" in response.data
    finally:
        close_app(application)


# --- the country page ---------------------------------------------------------------------------

def test_country_page_shows_reasons_and_evidence(client):
    html = client.get("/country/DE").data.decode()
    assert "The expert&#39;s assessment" in html or "The expert's assessment" in html
    assert "The country expert assessed how national law transposes" in html  # rule explanation
    assert "The burden of proof shifts in labour courts but not in civil proceedings." in html
    assert "5.3 Burden of proof" in html and "country_reports/de-2024.md:280" in html
    assert "entered by the expert" in html and "read from the report by machine" in html
    assert 'href="/measure/DEU/agg/par-22"' in html
    assert 'id="p-32000L0043-art_8"' in html
    assert "The gaps at a glance" in html


def test_country_page_json_twin(client):
    data = client.get("/country/DE.json").get_json()
    assert data["year"] == 2024 and data["years"] == [2023, 2024]
    assert data["gaps"] == 2
    red = next(d for d in data["directives"] if d["celex"] == "32000L0043")
    art8 = next(a for a in red["articles"] if a["label"] == "Article 8")
    assessment = art8["assessments"][0]
    assert assessment["status"] == "partial" and assessment["basis"] == "expert"
    reason = assessment["reasons"][0]
    assert reason["rule"] == "LG-R01" and reason["evidence"]["kind"] == "finding"
    assert reason["evidence"]["section"]["number"] == "5.3"
    assert reason["evidence"]["national"][0]["label"] == "§ 22 AGG"
    changes = {c["provision"].rsplit("/provision/", 1)[1]: c["change"] for c in data["changes"]["items"]}
    assert changes["32000L0043/art_8/par_1"] == "new gap"
    assert changes["32000L0078/art_5"] == "new gap"
    assert [m["short"] for m in data["measures"]] == ["AGG"]
    states = {(c["ground"].rsplit("/", 1)[-1], c["area"].rsplit("/", 1)[-1]): c["state"]
              for c in data["coverage"]["cells"]}
    assert states[("disability", "employment-access")] == "covered"


def test_country_page_of_an_earlier_year(client):
    data = client.get("/country/DE.json?year=2023").get_json()
    assert data["year"] == 2023 and data["changes"] is None
    assert data["gaps"] == 0


def test_country_page_contested_and_case_law(client):
    data = client.get("/country/IT.json").get_json()
    eed = next(d for d in data["directives"] if d["celex"] == "32000L0078")
    art5 = eed["articles"][0]["assessments"][0]
    assert art5["contested"] is True and art5["basis"] == "court"
    assert art5["reasons"][0]["evidence"]["kind"] == "ruling"
    assert art5["reasons"][0]["evidence"]["ecli"] == "ECLI:EU:C:2013:446"
    assert art5["reasons"][1]["indication"] is True
    assert data["case_law"][0]["relation"] == "finds national law incompatible"


@pytest.mark.parametrize(("url", "target"), [("/country/DEU", "/country/DE"), ("/country/de", "/country/DE"),
                                             ("/country/Germany", "/country/DE"),
                                             ("/country/GR", "/country/EL")])
def test_country_codes_redirect_to_the_eu_code(client, url, target):
    response = client.get(url)
    assert response.status_code == 301 and response.headers["Location"] == target


def test_country_without_reports(client):
    response = client.get("/country/FR")
    assert response.status_code == 200
    assert b"No assessments for France" in response.data


# --- provisions, directives and resources -------------------------------------------------------

def test_provision_page(client):
    data = client.get("/provision/32000L0043/art_8.json").get_json()
    assert data["heading"] == "Burden of proof"
    assert data["breadcrumb"][0]["href"] == "/directive/32000L0043"
    assert any(c["path"] == "8(1)" for c in data["children"])
    concept = next(c for c in data["concepts"] if c["iri"].endswith("burden-of-proof"))
    assert any(e["href"] == "/provision/32000L0078/art_10" for e in concept["equivalents"])
    assert [(s["country"], s["status"]) for s in data["statuses"]] == [("DE", "partial")]
    assert data["case_law"][0]["title"] == "Feryn"


def test_provision_case_law_leading_first(client):
    data = client.get("/provision/32000L0043/art_8/par_1.json").get_json()
    assert [r["title"] for r in data["case_law"]] == ["Feryn"]
    assert data["breadcrumb"][-1]["href"] == "/provision/32000L0043/art_8"


def test_directive_page(client):
    data = client.get("/directive/32000L0043.json").get_json()
    assert data["number"] == "2000/43/EC" and data["deadline"] == "2003-07-19"
    assert data["articles"][0]["path"] == "1"
    assert client.get("/directive/2000/43").status_code == 404
    assert client.get("/directive/RED").headers["Location"] == "/directive/32000L0043"


def test_ruling_page(client):
    data = client.get("/ecli/ECLI:EU:C:2013:446.json").get_json()
    assert data["kind"] == "ruling" and data["title"] == "C-312/11 Commission v Italy"
    assert data["incompatible"][0]["country"] == "Italy"
    assert data["used_by"][0]["href"] == "/assessment/IT/2024/32000L0078/art_5"
    assert data["cites"][0]["href"] == "/ecli/ECLI:EU:C:2008:397"
    feryn = client.get("/ecli/ECLI:EU:C:2008:397.json").get_json()
    assert any(c["href"] == "/ecli/ECLI:EU:C:2013:446" for c in feryn["cited_by"])


def test_measure_report_section_assessment_pages(client):
    measure = client.get("/measure/DEU/agg.json").get_json()
    assert measure["kind"] == "measure" and measure["short"] == "AGG"
    assert measure["national_provisions"][0]["label"] == "§ 22 AGG"
    report = client.get("/report/DE/2024.json").get_json()
    assert [s["number"] for s in report["sections"]] == ["2.6", "5.3"]
    assert report["graphs"][0]["source"] == "country_reports/de-2024.md"
    section = client.get("/report/DE/2024/section/burden-of-proof.json").get_json()
    assert section["findings"][0]["method"] == "expert-entered"
    assessment = client.get("/assessment/IT/2024/32000L0078/art_5.json").get_json()
    assert assessment["assessment"]["status"] == "incorrect"
    assert len(assessment["assessment"]["reasons"]) == 2


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/assessment/DE/2024/32000L0043/art_8/par_1.ttl",
         f"{LGD}assessment/DE/2024/32000L0043/art_8/par_1/reason/1"),
        ("/report/DE/2024.ttl", f"{LGD}report/DE/2024/section/burden-of-proof"),
        ("/ecli/ECLI:EU:C:2013:446.ttl", f"{LGD}ecli/ECLI:EU:C:2013:446/incompatibility/1"),
        ("/measure/DEU/agg.ttl", f"{LGD}measure/DEU/agg/par-22"),
    ],
)
def test_rdf_twin_includes_the_parts(client, url, expected):
    graph = Graph().parse(data=client.get(url).data.decode(), format="turtle")
    assert (URIRef(expected), None, None) in graph


def test_json_ld_is_compact(client):
    body = client.get("/ecli/ECLI:EU:C:2008:397.jsonld").data
    data = json.loads(body)
    assert data["@context"]["lg"] == "https://w3id.org/lawgraph/ontology#"
    node = next(n for n in data["@graph"] if n["@id"] == "lgd:ecli/ECLI:EU:C:2008:397")
    assert node["@type"] == ["lg:Judgment"]
    turtle = client.get("/ecli/ECLI:EU:C:2008:397.ttl").data
    as_ld = {str(t) for t in ox.parse(body, format=ox.RdfFormat.JSON_LD)}
    as_ttl = {str(t) for t in ox.parse(turtle, format=ox.RdfFormat.TURTLE)}
    assert as_ld == as_ttl


# --- search -------------------------------------------------------------------------------------

DIRECT_HITS = [
    ("Germany", "/country/DE"), ("DE", "/country/DE"), ("el", "/country/EL"),
    ("Art 8 RED", "/provision/32000L0043/art_8"),
    ("2000/78 Article 5", "/provision/32000L0078/art_5"),
    ("Article 2(2)(b) of Directive 2000/43/EC", "/provision/32000L0043/art_2/par_2/pnt_b"),
    ("C-54/07", "/ecli/ECLI:EU:C:2008:397"), ("Case C‑312/11", "/ecli/ECLI:EU:C:2013:446"),
    ("ECLI:EU:C:2013:446", "/ecli/ECLI:EU:C:2013:446"), ("EU:C:2012:217", "/ecli/ECLI:EU:C:2012:217"),
    ("Feryn", "/ecli/ECLI:EU:C:2008:397"), ("meister", "/ecli/ECLI:EU:C:2012:217"),
    ("AGG", "/measure/DEU/agg"), ("General Equal Treatment Act", "/measure/DEU/agg"),
    ("D.Lgs. 216/2003", "/measure/ITA/d-lgs-216-2003"),
    ("RED", "/directive/32000L0043"), ("2000/78", "/directive/32000L0078"),
]


@pytest.mark.parametrize(("q", "target"), DIRECT_HITS, ids=[q for q, _ in DIRECT_HITS])
def test_search_direct_hits_redirect(client, q, target):
    response = client.get("/search", query_string={"q": q})
    assert response.status_code == 303, response.data[:400]
    assert response.headers["Location"] == target


@pytest.mark.parametrize(("q", "some_href"), [
    ("burden of proof", "/provision/32000L0043/art_8"),
    ("Italy Commission", None),
    ("centrum voor gelijkheid", "/ecli/ECLI:EU:C:2008:397"),
    ("xyzzy", None),
])
def test_search_lists(client, q, some_href):
    response = client.get("/search", query_string={"q": q, "format": "json"})
    assert response.status_code == 200
    hrefs = [h["href"] for h in response.get_json()["hits"]]
    if some_href:
        assert some_href in hrefs


def test_search_json_does_not_redirect(client):
    response = client.get("/search?q=Feryn", headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert response.get_json()["hits"][0]["direct"] is True


def test_static_assets_have_no_external_references(client):
    with client.get("/static/style.css") as response:
        css = response.data.decode()
    with client.get("/static/app.js") as response:
        js = response.data.decode()
    assert not re.search(r"url\(|@import", css)
    assert "http" not in js
    html = client.get("/").data.decode()
    assert not re.search(r'<(?:script|link)[^>]+(?:src|href)="https?://', html)


def test_internal_errors_show_no_stack_trace(fixture_store_path, monkeypatch):
    from test_webapp_support import make_app

    import webapp.views.countries as countries
    from webapp import close_app

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(countries, "country_page", broken)
    application = make_app(fixture_store_path)
    try:
        client = application.test_client()
        for accept, media in (("text/html", "text/html"), ("application/json", "application/problem+json")):
            response = client.get("/country/DE", headers={"Accept": accept})
            assert response.status_code == 500
            assert response.mimetype == media
            assert b"secret internals" not in response.data and b"Traceback" not in response.data
    finally:
        close_app(application)


def test_wrong_method_is_405(client):
    response = client.post("/")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


def test_security_headers(client):
    response = client.get("/")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
