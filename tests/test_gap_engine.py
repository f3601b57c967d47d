"""The gap engine on the bundled corpus: every gap explained with evidence, the year-over-year
diff equal to what each sample 2024 report says changed, known cases pinned."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from rdflib import URIRef

import lawgraph
from lawgraph.gaps import GAP_STATUSES, assessments, coverage, diff
from lawgraph.reports.blocks import STATUSES, resolve_provision
from lawgraph.sources import Location
from lawgraph.vocab import sparql_prefixes

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "country_reports"
COUNTRIES = sorted({p.name[:2].upper() for p in REPORTS.glob("*-2024.md")})


def declared_changes(code: str) -> set[tuple[URIRef, str, str]]:
    """The changes the 2024 sample report declares in its changes-since-2023 comment."""
    path = REPORTS / f"{code.lower()}-2024.md"
    match = re.search(r"<!--\s*changes-since-2023:\s*\n(.*?)-->", path.read_text("utf-8"), re.S)
    assert match, f"{path} has no changes-since-2023 comment"
    changes = set()
    for item in yaml.safe_load(match.group(1)):
        provision = resolve_provision(item["provision"], str(path), Location(str(path))).iri
        old, new = (
            STATUSES.get(str(s).lower(), str(s).lower()) for s in (item["old"], item["new"])
        )
        changes.add((provision, old, new))
    return changes


@pytest.mark.parametrize("code", COUNTRIES)
def test_year_over_year_diff_lists_exactly_the_declared_changes(corpus_store, code):
    result = diff(corpus_store, 2023, 2024, country=code, basis="expert")
    found = {(c.provision, c.before, c.after) for c in result.changes}
    assert found == declared_changes(code)


def test_every_gap_is_explained_by_a_rule_with_evidence(corpus_store):
    gaps = [a for a in assessments(corpus_store, year=2024) if a.status in GAP_STATUSES]
    gaps += [a for a in assessments(corpus_store, year=2023) if a.status in GAP_STATUSES]
    assert gaps, "the corpus should show some gaps"
    for gap in gaps:
        deciding = [
            r for r in gap.reasons if r["status"] == gap.status and r["indication"] == "false"
        ]
        assert deciding, f"{gap.country} {gap.citation}: no rule decided {gap.status}"
        assert any(r["evidence"] and (r["text"] or "/ecli/" in r["evidence"]) for r in deciding), (
            f"{gap.country} {gap.citation}: no evidence leading to a sentence or a ruling"
        )


def test_evidence_leads_back_to_a_sentence_and_its_section(corpus_store):
    rows = corpus_store.select(
        sparql_prefixes()
        + """
SELECT ?finding ?text ?section ?title ?location WHERE {
  ?a a lg:Assessment ; lg:reason/lg:evidence ?finding .
  ?finding a lg:Finding ; lg:evidenceText ?text ; lg:inSection ?section ; lg:location ?location .
  ?section dct:title ?title .
}"""
    )
    assert len(rows) > 100
    for row in rows:
        assert str(row["text"]).strip()
        assert re.match(r"country_reports/[a-z]{2}-\d{4}\.(md|docx|pdf):", str(row["location"]))


def test_assessments_record_their_provenance(corpus_store):
    rows = corpus_store.select(
        sparql_prefixes()
        + """
SELECT ?g (COUNT(?used) AS ?n) WHERE {
  GRAPH ?g { ?g prov:wasGeneratedBy ?activity . ?activity prov:used ?used ; lg:rulesVersion ?v }
} GROUP BY ?g"""
    )
    assert rows and all(int(r["n"]) >= 1 for r in rows)
    missing = corpus_store.select(
        sparql_prefixes()
        + """
SELECT DISTINCT ?used WHERE {
  ?activity a prov:Activity ; prov:used ?used .
  FILTER NOT EXISTS { GRAPH ?used { ?s ?p ?o } }
}"""
    )
    assert missing == [], "an assessment refers to a source graph that does not exist"


def test_coverage_matrix_shows_required_covered_and_beyond(corpus_store):
    cells = coverage(corpus_store, "DE")
    states = {c.state for c in cells}
    assert {"covered", "beyond"} <= states
    assert all(c.required_by for c in cells if c.state in ("covered", "gap"))


def test_incremental_recomputation_matches_a_full_one(corpus_store_factory):
    store = corpus_store_factory()
    before = {(a.country, a.year, a.provision, a.status) for a in assessments(store, year=2024)}
    lawgraph.ingest(store, [REPORTS / "de-2024.md"], force=True)
    after_incremental = {
        (a.country, a.year, a.provision, a.status) for a in assessments(store, year=2024)
    }
    lawgraph.assess(store)
    after_full = {(a.country, a.year, a.provision, a.status) for a in assessments(store, year=2024)}
    assert after_incremental == after_full == before


ECLI = "https://w3id.org/lawgraph/id/ecli/"

# (country, year, provision, status, basis, rulings that must stand among the evidence)
KNOWN_CASES = [
    # C-312/11 Commission v Italy (2013): the expert's later assessments decide; the ruling
    # stays among the evidence as an indication of what the law was
    ("IT", 2023, "2000/78 Art 5", "partial", "expert", ["ECLI:EU:C:2013:446"]),
    ("IT", 2024, "2000/78 Art 5", "conform", "expert", ["ECLI:EU:C:2013:446"]),
    # Mangold (2005) and Kücükdeveci (2010) concerned German rules since changed: without a
    # current assessment they are indications, never a current "incorrect"
    (
        "DE",
        2024,
        "2000/78 Art 6(1)",
        "not-assessed",
        "none",
        ["ECLI:EU:C:2005:709", "ECLI:EU:C:2010:21"],
    ),
    # Cresco (2019) on the Austrian Good Friday rule, since replaced
    ("AT", 2024, "2000/78 Art 2(2)(a)", "conform", "expert", ["ECLI:EU:C:2019:43"]),
    # the experts' own assessments
    ("DE", 2024, "2000/43 Art 13", "partial", "expert", []),
    ("RO", 2024, "2000/78 Art 17", "partial", "expert", []),
    ("BE", 2024, "2000/43 Art 15", "conform", "expert", []),
]


@pytest.mark.parametrize(
    ("code", "year", "provision", "status", "basis", "rulings"),
    KNOWN_CASES,
    ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in KNOWN_CASES],
)
def test_known_cases(corpus_store, code, year, provision, status, basis, rulings):
    iri = resolve_provision(provision, "test", Location("test")).iri
    [found] = [a for a in assessments(corpus_store, country=code, year=year) if a.provision == iri]
    assert (found.status, found.basis) == (status, basis)
    evidence = {r["evidence"] for r in found.reasons}
    for ecli in rulings:
        assert ECLI + ecli in evidence, f"{ecli} missing from the evidence of {provision}"


def test_a_court_finding_decides_in_its_own_reporting_period(corpus_store_factory, tmp_path):
    """A ruling given within a report's period decides the status (court authority) when the
    expert has not assessed the provision."""
    store = corpus_store_factory()
    ruling = (ROOT / "case_law" / "cjeu" / "2013-07-04_C-312-11_commission-v-italy.md").read_text(
        "utf-8"
    )
    recent = tmp_path / "2023-06-01_C-999-22_commission-v-italy.md"
    recent.write_text(
        ruling.replace("ECLI:EU:C:2013:446", "ECLI:EU:C:2023:999")
        .replace("C-312/11", "C-999/22")
        .replace("2013-07-04", "2023-06-01")
        .replace("2000/78 Art 5", "2000/78 Art 17"),
        "utf-8",
    )
    summary = lawgraph.ingest(store, [recent])
    assert summary.ok, summary.text()
    iri = resolve_provision("2000/78 Art 17", "test", Location("test")).iri
    [found] = [a for a in assessments(store, country="IT", year=2024) if a.provision == iri]
    assert (found.status, found.basis) == ("incorrect", "court")
