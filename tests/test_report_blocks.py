"""Expert-entered structure (assessment, development, equality-body blocks; Annex 1) is held
to a strict standard: bad input is rejected with the file and line, nothing is guessed."""

from __future__ import annotations

import pytest

from lawgraph.errors import InputError
from lawgraph.reports.blocks import (
    expand_grounds,
    read_assessment,
    read_development,
    read_equality_body,
    resolve_provision,
)
from lawgraph.reports.model import Block, ReportDocument, Section
from lawgraph.sources import Location

SOURCE = "country_reports/xx-2024.md"


def _doc() -> ReportDocument:
    return ReportDocument(SOURCE, "0" * 64, "markdown", {}, {}, [])


def _block(kind: str, **fields: str) -> tuple[ReportDocument, Section, Block]:
    locations = {k: Location(SOURCE, line=10 + i) for i, k in enumerate(fields)}
    block = Block(kind, dict(fields), Location(SOURCE, line=9), locations)
    return _doc(), Section("5.3", "Burden of proof", 2, Location(SOURCE, line=5)), block


@pytest.mark.parametrize(
    ("text", "celex", "path"),
    [
        ("2000/78 Art 10", "32000L0078", "10"),
        ("Article 10 of Directive 2000/78/EC", "32000L0078", "10"),
        ("Art 8 RED", "32000L0043", "8"),
        ("Article 2(2)(b) of the Employment Equality Directive", "32000L0078", "2(2)(b)"),
        ("2000/43 Art 3(1)(h)", "32000L0043", "3(1)(h)"),
    ],
)
def test_provisions_resolve(text, celex, path):
    info = resolve_provision(text, SOURCE, Location(SOURCE, line=3))
    assert (info.celex, info.path) == (celex, path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2000/43 Art 99", "unknown provision"),
        ("Article 21 of the Charter", "cannot read the provision"),
        ("2003/109 Art 11", "not one of the directives"),
    ],
)
def test_unknown_provisions_are_rejected_with_the_place(text, message):
    with pytest.raises(InputError, match=message) as info:
        resolve_provision(text, SOURCE, Location(SOURCE, line=3))
    assert str(info.value).startswith(f"{SOURCE}:3:")


@pytest.mark.parametrize(
    ("fields", "line", "message"),
    [
        ({"provision": "2000/78 Art 10", "status": "mostly fine"}, 11, "unknown status"),
        ({"provision": "2000/78 Art 10", "status": "partial"}, 9, "needs a reason"),
        ({"status": "conform"}, 9, "needs a provision"),
        ({"provision": "2000/78 Art 77", "status": "conform"}, 10, "unknown provision"),
    ],
    ids=["bad-status", "no-reason", "no-provision", "unknown-article"],
)
def test_bad_assessment_blocks(fields, line, message):
    doc, section, block = _block("assessment", **fields)
    with pytest.raises(InputError, match=message) as info:
        read_assessment(doc, section, block)
    assert str(info.value).startswith(f"{SOURCE}:{line}:")


def test_assessment_block_is_read():
    doc, section, block = _block(
        "assessment",
        provision="2000/43 Art 8; 2000/78 Art 10",
        status="Partially transposed",
        reason="Only in labour courts.",
        national="§ 22 AGG",
    )
    record = read_assessment(doc, section, block)
    assert [p.path for p in record.provisions] == ["8", "10"]
    assert record.status == "partial"
    assert record.national == ("§ 22 AGG",)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"type": "case-law", "date": "31.02.2023", "title": "t", "summary": "s"}, "not a date"),
        ({"type": "case-law", "date": "1 January 2999", "title": "t", "summary": "s"}, "future"),
        (
            {"type": "rumour", "date": "2023-05-01", "title": "t", "summary": "s"},
            "unknown development type",
        ),
        ({"type": "policy", "date": "2023-05-01", "title": "t"}, "needs summary"),
    ],
    ids=["impossible-date", "future-date", "unknown-type", "no-summary"],
)
def test_bad_development_blocks(fields, message):
    doc, section, block = _block("development", **fields)
    with pytest.raises(InputError, match=message):
        read_development(doc, section, block)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "X", "grounds": "race; nonsense ground"}, "unknown ground 'nonsense ground'"),
        ({"name": "X", "powers": "assist victims; arrest people"}, "unknown power"),
        ({"grounds": "sex"}, "needs a name"),
    ],
)
def test_bad_equality_body_blocks(fields, message):
    doc, section, block = _block("equality-body", **fields)
    with pytest.raises(InputError, match=message):
        read_equality_body(doc, section, block)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (
            ["all directive grounds"],
            [
                "racial-or-ethnic-origin",
                "religion-or-belief",
                "disability",
                "age",
                "sexual-orientation",
            ],
        ),
        (
            ["All directive grounds except disability", "sex"],
            ["racial-or-ethnic-origin", "religion-or-belief", "age", "sexual-orientation", "sex"],
        ),
        (
            ["all directive grounds except disability and age"],
            ["racial-or-ethnic-origin", "religion-or-belief", "sexual-orientation"],
        ),
        (["all directive grounds except gremlins"], ["all directive grounds except gremlins"]),
        (["nationality"], ["nationality"]),
    ],
    ids=["all", "except-one", "except-two", "unreadable-exception", "plain"],
)
def test_expand_grounds(names, expected):
    assert expand_grounds(names) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 AZR 746/14", ["2 AZR 746/14"]),
        ("C-335/11 and C-337/11", ["C-335/11", "C-337/11"]),
        ("8 AZR 112/03; 2 AZR 746/14", ["8 AZR 112/03", "2 AZR 746/14"]),
        # regression: an ECtHR citation of many applications was stored as one case number
        ("20081/19 and 20 others", ["20081/19"]),
        (None, []),
    ],
)
def test_case_references_split_into_case_numbers(text, expected):
    from lawgraph.reports.graph import _case_numbers

    assert _case_numbers(text) == expected
