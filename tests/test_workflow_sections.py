"""A report ↔ the sections a draft stores: cutting the bundled corpus into sections and putting
it back together gives the same graph; each line of the assembled text knows its field; the
row checks name the field at fault."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from lawgraph.reports.graph import build_report_graph
from lawgraph.reports.metadata import parse_metadata
from lawgraph.reports.parse import parse_report
from lawgraph.reports.template import recognise
from lawgraph.sources import SourceFile, read_source
from lawgraph.vocab import LG
from webapp.workflow.checks import Problem, report_problems, row_problems
from webapp.workflow.sections import (
    Place,
    assemble,
    document_to_markdown,
    empty_section,
    meta_content,
    split_markdown,
)

CORPUS = Path(__file__).resolve().parents[1] / "country_reports"
MARKDOWN = sorted(CORPUS.glob("*-*.md"))
WORD = sorted(CORPUS.glob("*-*.docx"))


def _graph(name: str, data: bytes) -> set:
    doc = parse_report(SourceFile(name, data, hashlib.sha256(data).hexdigest()))
    meta = parse_metadata(doc)
    recognise(doc)
    built = build_report_graph(doc, meta)
    return {t for t in built.triples if t[1] not in (LG.location, LG.sourceFormat)}


def _sections(text: str, name: str):
    fields, preamble, sections = split_markdown(text, name)
    return [("meta", meta_content(fields, preamble))] + [
        (f"s{n:03d}", s) for n, s in enumerate(sections, start=1)
    ]


@pytest.mark.parametrize("path", MARKDOWN, ids=[p.name for p in MARKDOWN])
def test_every_corpus_report_survives_cutting_and_assembling(path):
    text = path.read_text("utf-8")
    assembled = assemble(_sections(text, path.name))
    assert _graph(path.name, assembled.text.encode()) == _graph(path.name, text.encode())
    again = assemble(_sections(assembled.text, path.name))
    assert again.text == assembled.text  # stable


@pytest.mark.parametrize("path", WORD, ids=[p.name for p in WORD])
def test_a_word_report_becomes_markdown_with_the_same_graph(path):
    source = read_source(path)
    markdown = document_to_markdown(parse_report(source)).encode("utf-8")
    name = path.with_suffix(".md").name
    assert _graph(name, markdown) == _graph(path.name, source.data)


VALUES = [
    ("period", "2023-01-01 to 2023-12-31"),
    ("template", "2015"),
    ("reporting_year", "2025"),
    ("sample", "true"),
    ("expert", "Seán O'Brien: Jr."),
    ("sample_note", 'He said "yes" # not a comment'),
    ("title", "yes"),
    ("strand", "- a list?"),
    ("language", "{x}"),
]


@pytest.mark.parametrize(("key", "value"), VALUES, ids=[v[1] for v in VALUES])
def test_header_values_read_back_exactly(key, value):
    fields = {"country": "DE", "reporting_year": "2025", key: value}
    text = assemble([("meta", meta_content(fields))]).text
    assert split_markdown(text, "x.md")[0][key] == value


def test_every_line_knows_its_field():
    section = {
        **empty_section("5.3 Burden of proof", 2),
        "prose": "First line.\nSecond line.",
        "assessment": [{"provision": "2000/43 Art 8", "status": "partial", "reason": "r"}],
    }
    assembled = assemble([("meta", meta_content({"country": "DE"})), ("s001", section)])
    places = dict(zip(assembled.text.splitlines(), assembled.places, strict=True))
    assert places["country: DE"] == Place("meta", "meta", field="country")
    assert places["## 5.3 Burden of proof"] == Place("s001", "heading", field="heading")
    assert places["Second line."] == Place("s001", "prose", field="prose", line=2)
    assert places["status: partial"] == Place("s001", "assessment", 0, "status")


#: (row kind, row, field at fault, message)
ROWS = [
    ("assessment", {"provision": "2000/43 Art 8", "status": "maybe"}, "status", "unknown status"),
    (
        "assessment",
        {"provision": "", "status": "partial", "reason": "r"},
        "provision",
        "needs a provision",
    ),
    ("assessment", {"provision": "2000/43 Art 8", "status": "partial"}, "reason", "needs a reason"),
    ("assessment", {"provision": "Art 99 RED", "status": "conform"}, "provision", "does not exist"),
    (
        "development",
        {"type": "case-law", "date": "someday", "title": "t", "summary": "s"},
        "date",
        "",
    ),
    (
        "development",
        {"type": "case-law", "date": "2020-01-01", "summary": "s"},
        "title",
        "needs title",
    ),
    (
        "development",
        {"type": "gossip", "date": "2020-01-01", "title": "t", "summary": "s"},
        "type",
        "unknown development type",
    ),
    ("equality-body", {"name": "Body", "powers": "world domination"}, "powers", "unknown power"),
    ("equality-body", {"name": "Body", "grounds": "astrology"}, "grounds", "unknown ground"),
    ("equality-body", {"grounds": "age"}, "name", "needs a name"),
]


@pytest.mark.parametrize(
    ("kind", "row", "field", "message"), ROWS, ids=[f"{r[0]}-{r[2]}" for r in ROWS]
)
def test_row_checks_name_the_field(kind, row, field, message):
    section = {**empty_section("5.3 Burden of proof", 2), kind: [{}, row]}
    section[kind][0] = {
        "assessment": {"provision": "2000/43 Art 8", "status": "conform"},
        "development": {"type": "policy", "date": "2020-01-01", "title": "t", "summary": "s"},
        "equality-body": {"name": "Body"},
    }[kind]
    problems = row_problems("s001", section)
    assert [(p.part, p.row, p.field) for p in problems] == [(kind, 1, field)]
    assert message in problems[0].message


def test_a_heading_typed_into_the_text_is_pointed_out():
    section = {**empty_section("5.3 Burden of proof", 2), "prose": "Text.\n## 5.4 Victimisation"}
    problems = row_problems("s001", section)
    assert [(p.field, p.line, p.severity) for p in problems] == [("prose", 2, "warning")]


ANCHORS = [
    (Problem("m", "s1", "assessment", 2, "status"), "assessment-2-status"),
    (Problem("m", "s1", "development", 0, None), "development-0-row"),
    (Problem("m", "meta", "meta", None, "period"), "meta-period"),
    (Problem("m", "s1", "prose", None, "prose"), "prose"),
    (Problem("m"), "top"),
]


@pytest.mark.parametrize(("problem", "anchor"), ANCHORS, ids=[a for _, a in ANCHORS])
def test_a_problem_names_the_html_id_of_its_field(problem, anchor):
    assert problem.anchor == anchor


def test_a_parser_error_is_placed_on_the_metadata_field():
    fields = {
        "country": "DE",
        "reporting_year": "2025",
        "expert": "A",
        "template": "2015",
        "period": "whenever",
    }
    section = {**empty_section("5.3 Burden of proof", 2), "prose": "Text."}
    problems = report_problems(
        assemble([("meta", meta_content(fields)), ("s001", section)]), "de-2025.md"
    )
    assert [(p.section, p.field, p.severity) for p in problems] == [("meta", "period", "error")]
