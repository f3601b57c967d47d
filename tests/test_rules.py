"""Gap rules load from ontology/rules; a broken rule is reported with its file and line and
does not stop the others."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import URIRef

from lawgraph.resources import ontology_dir
from lawgraph.rules import load_rules, scoped_query

RULES = ontology_dir() / "rules"

GOOD = """# id: T-GOOD
# title: A good rule
# severity: low
# status: partial
# explanation: Test.
SELECT ?country ?year ?provision WHERE { ?f <https://w3id.org/lawgraph/ontology#country> ?country ;
  <https://w3id.org/lawgraph/ontology#reportingYear> ?year ;
  <https://w3id.org/lawgraph/ontology#provision> ?provision }
"""


def test_bundled_rules_all_load():
    ruleset = load_rules()
    assert ruleset.problems == []
    ids = [r.id for r in ruleset.rules]
    assert len(ids) == len(set(ids)) >= 11
    for rule in ruleset.rules:
        assert rule.explanation and rule.title
        assert rule.severity in ("high", "medium", "low", "info")


BROKEN = [
    pytest.param(
        GOOD.replace("WHERE { ?f", "WHERE { ?f ?"), 6, "SPARQL syntax error", id="syntax-error"
    ),
    pytest.param(
        GOOD.replace("# severity: low", "# severity: urgent"), 3, "severity", id="bad-severity"
    ),
    pytest.param(GOOD.replace("# id: T-GOOD\n", ""), 1, "lacks 'id'", id="no-id"),
    pytest.param(
        GOOD.replace("# status: partial", "# status: maybe"), 4, "unknown status", id="bad-status"
    ),
    pytest.param(
        GOOD.replace(
            "# explanation: Test.", "# explanation: Test.\n# provisions: [2000/43 Art 99]"
        ),
        6,
        "unknown provision",
        id="unknown-provision",
    ),
    pytest.param(
        GOOD.replace("# explanation: Test.", "# explanation: Test.\n# provisions: [Art 3 TFEU]"),
        6,
        "cannot read the provision",
        id="unreadable-provision",
    ),
    pytest.param(
        GOOD.replace("SELECT ?country ?year ?provision", "SELECT ?country ?provision"),
        6,
        "must return ?year",
        id="missing-variable",
    ),
    pytest.param(
        GOOD.replace("# explanation: Test.", "# explanation: [unclosed"),
        6,
        "not valid YAML",
        id="bad-yaml",
    ),
    pytest.param(
        GOOD.replace("SELECT ?country ?year ?provision WHERE {", "ASK {"),
        6,
        "WHERE",
        id="not-select",
    ),
    pytest.param(
        GOOD.replace("# severity: low", "# severity: low\n# confidence: 3"),
        4,
        "between 0 and 1",
        id="bad-confidence",
    ),
]


@pytest.mark.parametrize(("text", "line", "message"), BROKEN)
def test_a_broken_rule_is_reported_and_the_others_load(tmp_path: Path, text, line, message):
    for rule in RULES.glob("*.rq"):
        shutil.copy(rule, tmp_path / rule.name)
    (tmp_path / "zz-broken.rq").write_text(text, "utf-8")
    ruleset = load_rules(tmp_path)
    assert len(ruleset.rules) == len(load_rules().rules)
    assert len(ruleset.problems) == 1
    problem = ruleset.problems[0]
    assert problem.path.name == "zz-broken.rq"
    assert problem.line == line
    assert message in problem.message
    assert str(problem).startswith(f"zz-broken.rq:{line}:")


def test_duplicate_ids_are_reported(tmp_path: Path):
    (tmp_path / "a.rq").write_text(GOOD, "utf-8")
    (tmp_path / "b.rq").write_text(GOOD, "utf-8")
    ruleset = load_rules(tmp_path)
    assert [r.path.name for r in ruleset.rules] == ["a.rq"]
    assert "duplicate rule id T-GOOD" in ruleset.problems[0].message


def test_scoped_query_restricts_country_and_year(tmp_path: Path):
    (tmp_path / "a.rq").write_text(GOOD, "utf-8")
    rule = load_rules(tmp_path).rules[0]
    country = URIRef("http://publications.europa.eu/resource/authority/country/DEU")
    query = scoped_query(rule, [(country, 2024)])
    assert f'VALUES (?country ?year) {{ (<{country}> "2024"^^' in query
    assert query.index("VALUES") > query.index("WHERE {")
    assert scoped_query(rule, None).count("VALUES") == 0
