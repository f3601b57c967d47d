"""The JSON API and its OpenAPI description: the description matches the routes, the answers
match the description (schemathesis, against the app served on 127.0.0.1)."""

from __future__ import annotations

import re

import pytest
import schemathesis
import test_webapp_support as support
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from test_webapp_support import LiveServer

# the shared fixtures (test_webapp_support), under the names tests ask for
app = support.app
client = support.client
fixture_store_path = support.fixture_store_path


def _flask_api_rules(app) -> set[str]:
    return {re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule)
            for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/")}


def test_openapi_describes_exactly_the_routes(app, client):
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"] == "3.1.0"
    assert set(spec["paths"]) == _flask_api_rules(app)
    for path, item in spec["paths"].items():
        operation = item["get"]
        assert operation["summary"] and operation["operationId"]
        assert "200" in operation["responses"]
        declared = {p["name"] for p in operation["parameters"] if p["in"] == "path"}
        assert declared == set(re.findall(r"{([a-z_]+)}", path))


@pytest.mark.parametrize(("url", "check"), [
    ("/api/v1/countries", lambda d:
     next(c for c in d["countries"] if c["code"] == "DE")["report_years"] == [2023, 2024]),
    ("/api/v1/countries/DE", lambda d: [y["gaps"] for y in d["years"]] == [0, 2]),
    ("/api/v1/countries/deu", lambda d: d["country"]["code"] == "DE"),
    ("/api/v1/gaps", lambda d: d["year"] == 2024 and d["count"] == 4
     and all("reasons" not in a for a in d["assessments"])),
    ("/api/v1/gaps?country=IT&directive=2000/78", lambda d: [a["status"] for a in d["assessments"]] == ["incorrect"]),
    ("/api/v1/gaps?year=2023", lambda d: d["count"] == 0),
    ("/api/v1/assessments?country=DE", lambda d: d["count"] == 3 and
     d["assessments"][0]["reasons"] is not None),
    ("/api/v1/assessments?status=unclear", lambda d: [a["country"] for a in d["assessments"]] == ["IT"]),
    ("/api/v1/assessments?country=IT&directive=EED", lambda d:
     d["assessments"][0]["reasons"][0]["evidence"]["ecli"] == "ECLI:EU:C:2013:446"),
    ("/api/v1/directives", lambda d: any(x["celex"] == "32000L0043" for x in d["directives"])),
    ("/api/v1/provisions?directive=RED", lambda d: all(p["celex"] == "32000L0043" for p in d["provisions"])),
    ("/api/v1/provisions/32000L0043/8(1)", lambda d: d["provision"]["label"].startswith("Article 8(1)")
     and d["assessments"][0]["status"] == "partial" and d["case_law"][0]["title"] == "Feryn"),
    ("/api/v1/rulings", lambda d: [r["title"] for r in d["rulings"]] == ["Feryn", "Meister", "Commission v Italy"]),
    ("/api/v1/rulings?country=IT", lambda d: d["rulings"][0]["title"] == "Commission v Italy"),
    ("/api/v1/rulings/ECLI:EU:C:2008:397", lambda d: d["case_numbers"] == "C-54/07"),
    ("/api/v1/diff?country=DE&from=2023&to=2024", lambda d: {c["change"] for c in d["changes"]} >= {"new gap"}),
    ("/api/v1/coverage?country=DE", lambda d: any(c["state"] == "covered" for c in d["cells"])),
])
def test_api_answers(client, url, check):
    response = client.get(url)
    assert response.status_code == 200, response.data[:400]
    assert response.mimetype == "application/json"
    assert check(response.get_json())


@pytest.mark.parametrize(("url", "status"), [
    ("/api/v1/countries/XX", 404), ("/api/v1/gaps?year=abc", 400), ("/api/v1/gaps?country=Narnia", 400),
    ("/api/v1/gaps?directive=9999/1", 400), ("/api/v1/assessments?status=bogus", 400),
    ("/api/v1/provisions/32000L0043/99", 404), ("/api/v1/provisions/32000L0043/((", 404),
    ("/api/v1/rulings/ECLI:EU:C:1900:1", 404), ("/api/v1/diff?country=DE", 400),
    ("/api/v1/coverage", 400), ("/api/v1/coverage?country=FR", 400), ("/api/v1/nothing", 404),
])
def test_api_errors_are_problem_json(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["status"] == status and problem["detail"]


def test_api_docs_page_lists_every_route(app, client):
    html = client.get("/api").data.decode()
    for path in _flask_api_rules(app):
        assert path in html


@pytest.fixture(scope="module")
def api_schema(app):
    with LiveServer(app) as server:
        yield schemathesis.openapi.from_url(f"{server.url}/api/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_api_matches_its_openapi_description(case):
    case.call_and_validate(checks=[not_a_server_error, status_code_conformance,
                                   content_type_conformance, response_schema_conformance])
