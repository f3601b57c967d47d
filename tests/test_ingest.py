"""Ingest: every sample country-year yields findings traceable to sentence and section; broken
inputs are rejected with the file and place named, and the store stays byte for byte as it was."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import lawgraph
from lawgraph.sources import MAX_SOURCE_BYTES
from lawgraph.vocab import sparql_prefixes

ROOT = Path(__file__).resolve().parents[1]
REPORTS = sorted(
    p
    for p in (ROOT / "country_reports").iterdir()
    if p.suffix in (".md", ".docx", ".pdf") and p.name != "README.md"
)


def test_every_sample_country_year_has_findings_traced_to_sentence_and_section(embedded_corpus):
    rows = embedded_corpus.select(
        sparql_prefixes()
        + """
SELECT ?source (COUNT(?f) AS ?n) WHERE {
  GRAPH ?g { ?g <http://purl.org/dc/terms/source> ?source .
             ?f a lg:Finding ; lg:evidenceText ?text ; lg:inSection ?section ; lg:location ?loc .
             ?section <http://purl.org/dc/terms/title> ?title } }
GROUP BY ?source"""
    )
    found = {str(r["source"]): int(r["n"]) for r in rows}
    for path in REPORTS:
        name = f"country_reports/{path.name}"
        assert found.get(name, 0) > 0, f"{name} yields no finding"


def _dump(store) -> bytes:
    out = io.BytesIO()
    store.dump(out)
    return out.getvalue()


def _zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (300 * 1024 * 1024))


def _broken_inputs(tmp: Path) -> list[tuple[Path, str]]:
    good = (ROOT / "country_reports" / "de-2024.md").read_text("utf-8")
    cases = []
    truncated = tmp / "fr-2024.docx"
    truncated.write_bytes((ROOT / "country_reports" / "fr-2024.docx").read_bytes()[:4000])
    cases.append((truncated, "docx"))
    scanned = tmp / "xx-2010.pdf"
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 100)  # a page with a drawing and no text layer
    pdf.output(str(scanned))
    cases.append((scanned, "no text layer"))
    bad_header = tmp / "de-2024-badheader.md"
    bad_header.write_text(good.replace("reporting_year: 2024", "reporting_year: [2024"), "utf-8")
    cases.append((bad_header, "de-2024-badheader.md:"))
    unknown_country = tmp / "xx-2024.md"
    unknown_country.write_text(good.replace("country: DE", "country: XX", 1), "utf-8")
    cases.append((unknown_country, "unknown country 'XX'"))
    huge = tmp / "huge-2024.md"
    with huge.open("wb") as handle:
        handle.truncate(MAX_SOURCE_BYTES + 1)
    cases.append((huge, "at most"))
    bomb = tmp / "bomb-2024.docx"
    _zip_bomb(bomb)
    cases.append((bomb, "bomb-2024.docx"))
    fake = tmp / "pretend-2024.docx"
    fake.write_bytes((ROOT / "country_reports" / "de-2012.pdf").read_bytes())
    cases.append((fake, "not a Word document"))
    unknown_article = tmp / "de-2024-article.md"
    unknown_article.write_text(
        good.replace("provision: 2000/43 Art 13", "provision: 2000/43 Art 99", 1), "utf-8"
    )
    cases.append((unknown_article, "unknown provision"))
    return cases


def test_broken_inputs_are_rejected_by_name_and_change_nothing(corpus_store_factory, tmp_path):
    store = corpus_store_factory()
    before = _dump(store)
    for path, message in _broken_inputs(tmp_path):
        summary = lawgraph.ingest(store, [path])
        [outcome] = summary.outcomes
        assert outcome.status == "rejected", path
        assert path.name in outcome.error and message in outcome.error, outcome.error
        assert "Traceback" not in outcome.error
    assert _dump(store) == before


def test_dry_run_checks_without_writing(corpus_store_factory, tmp_path):
    store = corpus_store_factory()
    before = _dump(store)
    summary = lawgraph.ingest(None, [ROOT / "country_reports" / "it-2024.md"], dry_run=True)
    assert [o.status for o in summary.outcomes] == ["checked"]
    assert summary.outcomes[0].counts["findings"] > 0
    assert _dump(store) == before


def test_reingest_replaces_the_graph_and_skips_unchanged_files(corpus_store_factory, tmp_path):
    store = corpus_store_factory()
    source = ROOT / "country_reports" / "de-2024.md"
    assert [o.status for o in lawgraph.ingest(store, [source]).outcomes] == ["unchanged"]
    copy = tmp_path / "de-2024.md"
    copy.write_text(
        source.read_text("utf-8").replace(
            "Federal Anti-Discrimination Agency", "Federal Anti-Discrimination Agency (ADS)", 1
        ),
        "utf-8",
    )
    [outcome] = lawgraph.ingest(store, [copy]).outcomes
    assert outcome.status == "replaced"
    graphs = [g for g in store.graph_names() if str(g).endswith("/graph/report/DE/2024")]
    assert len(graphs) == 1
