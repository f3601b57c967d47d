"""Bulk data exports: N-Quads round trip, Turtle per graph, JSON-LD, CSV row counts, and the
statement of contents each one carries."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from rdflib import Graph
from test_exports_support import FIXED_INFO, fixture_store

import lawgraph
from lawgraph.errors import InputError
from lawgraph.exports import ExportError, exporter
from lawgraph.exports.bulk import data_scope, graph_file_name, iter_nquads
from lawgraph.store.terms import from_ox, nquad_line
from lawgraph.vocab import sparql_prefixes

RULING_CLASSES = "lg:Judgment lg:Order lg:AdvocateGeneralOpinion lg:EqualityBodyDecision"


def _count(query: str) -> int:
    rows = fixture_store().select(sparql_prefixes() + query)
    return int(rows[0]["n"])


def _dump(store) -> bytes:
    out = io.BytesIO()
    store.dump(out)
    return out.getvalue()


def test_nquads_export_reimported_gives_the_same_dump():
    out = io.BytesIO()
    meta = exporter("nq", kind="data").write(fixture_store(), out, info=FIXED_INFO)
    data = out.getvalue()
    copy = lawgraph.open_store("memory:")
    assert copy.restore(data) == meta["counts"]["quads"]
    assert _dump(copy) == _dump(fixture_store())


def test_nquads_begin_with_what_they_contain():
    out = io.BytesIO()
    meta = exporter("nq", kind="data").write(fixture_store(), out, info=FIXED_INFO)
    lines = out.getvalue().decode("utf-8").splitlines()
    assert lines[0] == f"# {meta['statement']}"
    assert meta["statement"].startswith(
        "lawgraph data export (N-Quads), whole graph: 3 countries, reporting years 2023–2024, "
    )
    assert lines[1].startswith("# SAMPLE MATERIAL: 5 of 6 source documents are samples")
    assert "# Generated 2024-09-01T12:00:00Z by lawgraph <version>." in lines
    header = [line for line in lines if line.startswith("#")]
    assert any("review_in/de-2024.md" in line and " sample" in line for line in header)
    body = [line for line in lines if not line.startswith("#")]
    assert len(body) == meta["counts"]["quads"] == fixture_store().count()


def test_nquads_are_canonical_graph_by_graph():
    scope = data_scope(fixture_store())
    lines = list(iter_nquads(fixture_store(), scope))
    graphs = [line.rsplit(" ", 2)[-2] for line in lines]
    assert graphs == sorted(graphs)  # graph by graph, in IRI order
    for graph in set(graphs):
        mine = [line for line in lines if line.rsplit(" ", 2)[-2] == graph]
        assert mine == sorted(set(mine))
    assert not any("_:" in line for line in lines)


def test_country_export_holds_the_graphs_about_that_country():
    out = io.BytesIO()
    meta = exporter("nq", kind="data").write(fixture_store(), out, country="DE", info=FIXED_INFO)
    graphs = {g["graph"].split("/graph/", 1)[1] for g in meta["graphs"]}
    assert {"report/DE/2023", "report/DE/2024", "assessment/DE/2024"} <= graphs
    assert not any(g.startswith(("reference/", "report/AT", "report/SK")) for g in graphs)
    assert meta["countries"] == ["DE"] and meta["scope"] == "DE"
    assert meta["statement"].startswith("lawgraph data export (N-Quads), Germany: 1 country, ")


def test_unknown_country_is_refused():
    with pytest.raises(InputError, match="unknown country"):
        data_scope(fixture_store(), "XX")


@pytest.mark.parametrize("country", [None, "DE"])
def test_csv_row_counts_match_sparql_counts(tmp_path, country):
    meta = exporter("csv", kind="data").write(
        fixture_store(), tmp_path, country=country, info=FIXED_INFO
    )
    where = {
        "assessments": "lg:country",
        "measures": "eli:jurisdiction",
        "rulings": "lg:country",
    }
    target = "country:DEU" if country else None
    expected = {
        "assessments": "?x a lg:Assessment .",
        "measures": "?x a lg:NationalMeasure .",
        "rulings": f"VALUES ?c {{ {RULING_CLASSES} }} ?x a ?c .",
    }
    for table, pattern in expected.items():
        if target:
            pattern += f" ?x {where[table]} {target} ."
        count = _count(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}")
        with (tmp_path / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == count == meta["tables"][f"{table}.csv"]["rows"], table
        assert count > 0 or (country and table == "rulings")
    sidecar = json.loads((tmp_path / "export.meta.json").read_text(encoding="utf-8"))
    assert (
        sidecar["statement"] == meta["statement"]
        and sidecar["generated_at"] == "2024-09-01T12:00:00Z"
    )


def test_csv_assessments_carry_status_confidence_basis_and_top_reason(tmp_path):
    exporter("csv", kind="data").write(fixture_store(), tmp_path, country="DE", info=FIXED_INFO)
    with (tmp_path / "assessments.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    row = next(
        r
        for r in rows
        if r["year"] == "2024" and r["provision"] == "Article 13 of Directive 2000/43/EC"
    )
    assert row["status"] == "partial" and float(row["confidence"]) > 0
    assert row["basis"] and row["top_rule"] and row["top_evidence"]
    assert row["assessment_iri"].endswith("/assessment/DE/2024/32000L0043/art_13")


def test_turtle_one_file_per_graph_with_a_header(tmp_path):
    meta = exporter("ttl", kind="data").write(
        fixture_store(), tmp_path, country="DE", info=FIXED_INFO
    )
    for graph, name in meta["files"].items():
        path = tmp_path / name
        text = path.read_text(encoding="utf-8")
        assert text.startswith(f"# Named graph {graph}\n# Part of: {meta['statement']}")
        parsed = Graph().parse(data=text, format="turtle")
        record = next(g for g in meta["graphs"] if g["graph"] == graph)
        assert len(parsed) == record["quads"]
    assert (tmp_path / "report" / "DE" / "2024.ttl").exists()
    assert graph_file_name("https://w3id.org/lawgraph/id/graph/ruling/ECLI:EU:C:2023:924") == (
        "ruling/ECLI_EU_C_2023_924.ttl"
    )


def test_jsonld_parses_to_the_same_quads_and_has_a_sidecar(tmp_path):
    target = tmp_path / "de.jsonld"
    meta = exporter("jsonld", kind="data").write(
        fixture_store(), target, country="DE", info=FIXED_INFO
    )
    quads = list(ox.parse(target.read_bytes(), format=ox.RdfFormat.JSON_LD))
    assert len(quads) == meta["counts"]["quads"]
    assert all(isinstance(q.graph_name, ox.NamedNode) for q in quads)
    expected = {nquad_line(s, p, o, g) for s, p, o, g in fixture_store().quads()}
    assert {nquad_line(*(from_ox(t) for t in q)) for q in quads} <= expected
    sidecar = json.loads((tmp_path / "de.jsonld.meta.json").read_text(encoding="utf-8"))
    assert sidecar["format"] == "jsonld" and sidecar["countries"] == ["DE"]


@pytest.mark.parametrize("fmt", ["ttl", "csv"])
def test_folder_formats_refuse_a_file_or_a_stream(tmp_path, fmt):
    existing = tmp_path / "file.txt"
    existing.write_text("x")
    with pytest.raises(ExportError, match="is a file"):
        exporter(fmt, kind="data").write(fixture_store(), existing)
    with pytest.raises(ExportError, match="give a directory"):
        exporter(fmt, kind="data").write(fixture_store(), io.BytesIO())
