"""Case-law Markdown files: every bundled file parses; bad headers are rejected with the file and
the line of the key named; missing fields are filled from a published text below the header."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lawgraph.caselaw.corpus import corpus_files
from lawgraph.caselaw.files import has_case_law_header, parse_case_law_file, read_ruling
from lawgraph.errors import InputError
from lawgraph.sources import read_source

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "case_law" / "cjeu").glob("*.md"))
JUDGMENTS = Path(__file__).parent / "data" / "judgments"

GOOD = """\
---
ecli: ECLI:EU:C:2008:397
type: judgment
court: Court of Justice of the European Union
formation: Second Chamber
date: 2008-07-10
case_numbers: [C-54/07]
name: "Feryn"
procedure: preliminary-ruling
country: BE
interprets: [2000/43 Art 2(2)(a), 2000/43 Art 8(1)]
cites: [C-144/04]
summary: >
  Test summary in our own words.
sample: true
---
"""


def _with(**changes: str | None) -> str:
    """GOOD with header lines replaced (``key="key: value"``), removed (None) or added."""
    lines = GOOD.splitlines()
    for key, line in changes.items():
        at = next((i for i, text in enumerate(lines) if text.startswith(f"{key}:")), None)
        if at is None:
            lines.insert(len(lines) - 1, line or "")
        elif line is None:
            del lines[at]
            while at < len(lines) and lines[at].startswith("  "):
                del lines[at]
        else:
            lines[at] = line
    return "\n".join(lines) + "\n"


def _line_of(text: str, key: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(f"{key}:"))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_every_bundled_file_parses(path: Path) -> None:
    ruling = read_ruling(read_source(path))
    assert ruling.ecli is not None and ruling.case_numbers and ruling.summary
    assert ruling.sample is False
    assert ruling.date <= dt.date.today()


def test_corpus_has_the_42_files() -> None:
    assert [p.name for p in corpus_files(ROOT / "case_law")] == [p.name for p in CORPUS]
    assert len(CORPUS) == 42


def test_a_sub_provision_the_reference_data_does_not_subdivide_is_linked_to_its_article() -> None:
    meister = read_ruling(read_source(ROOT / "case_law/cjeu/2012-04-19_C-415-10_meister.md"))
    assert [f"{p.celex} {p.path}" for p in meister.interprets] == [
        "32000L0043 8(1)",
        "32000L0078 10(1)",
        "32006L0054 19",
    ]
    assert len(meister.warnings) == 1 and "2006/54 Art 19(1)" in meister.warnings[0]
    assert ":13:" in meister.warnings[0]


BAD = [
    # (id, changes, key whose line is named, words of the message)
    (
        "eu-ecli-court-code",
        {"ecli": "ecli: ECLI:EU:X:2008:397"},
        "ecli",
        "EU court code must be C, T or F",
    ),
    ("ecli-garbage", {"ecli": "ecli: ECLI:EU:C:2008"}, "ecli", "not a valid ECLI"),
    ("date-in-future", {"date": "date: 2999-01-01"}, "date", "in the future"),
    ("date-not-a-date", {"date": "date: soon"}, "date", "not a date"),
    (
        "case-number",
        {"case_numbers": "case_numbers: [C-54/7]"},
        "case_numbers",
        "case year must have two or four digits",
    ),
    (
        "case-number-words",
        {"case_numbers": "case_numbers: [Feryn]"},
        "case_numbers",
        "not a case number of the EU courts",
    ),
    (
        "case-twice",
        {"case_numbers": "case_numbers: [C-54/07, C-54/07]"},
        "case_numbers",
        "listed twice",
    ),
    (
        "unknown-provision",
        {"interprets": "interprets: [2000/43 Art 99]"},
        "interprets",
        "unknown provision",
    ),
    (
        "unknown-paragraph",
        {"interprets": "interprets: [2000/78 Art 2(9)]"},
        "interprets",
        "unknown provision",
    ),
    ("unknown-country", {"country": "country: XX"}, "country", "unknown country 'XX'"),
    (
        "incompatible-provision",
        {"incompatible": "incompatible: [{country: BE, provision: 2000/43 Art 99, reason: x}]"},
        "incompatible",
        "unknown provision",
    ),
    (
        "incompatible-country",
        {"incompatible": "incompatible: [{country: ZZ, provision: 2000/43 Art 7, reason: x}]"},
        "incompatible",
        "unknown country 'ZZ'",
    ),
    (
        "incompatible-no-reason",
        {"incompatible": "incompatible: [{country: BE, provision: 2000/43 Art 7}]"},
        "incompatible",
        "no reason",
    ),
    (
        "incompatible-status",
        {
            "incompatible": "incompatible: [{country: BE, provision: 2000/43 Art 7, reason: x, "
            "status: fine}]"
        },
        "incompatible",
        "unknown status 'fine'",
    ),
    (
        "opinion-without-judgment",
        {
            "type": "type: ag-opinion",
            "ecli": "ecli: ECLI:EU:C:2008:155",
            "date": "date: 2008-03-12",
        },
        "type",
        "needs 'opinion_of:'",
    ),
    (
        "opinion-of-itself",
        {
            "type": "type: ag-opinion",
            "ecli": "ecli: ECLI:EU:C:2008:155",
            "date": "date: 2008-03-12",
            "opinion_of": "opinion_of: ECLI:EU:C:2008:155",
        },
        "opinion_of",
        "must differ",
    ),
    (
        "judgment-with-opinion-of",
        {"opinion_of": "opinion_of: ECLI:EU:C:2008:155"},
        "opinion_of",
        "only an Advocate General's opinion",
    ),
    ("ecli-year", {"date": "date: 2009-07-10"}, "ecli", "is of 2008"),
    ("summary-missing", {"summary": None}, None, "no summary"),
    ("not-yaml", {"name": 'name: "Feryn'}, None, "not valid YAML"),
    ("unknown-key", {"interpret": "interpret: [2000/43 Art 7]"}, "interpret", "unknown key"),
    ("unknown-type", {"type": "type: verdict"}, "type", "unknown type 'verdict'"),
    ("unknown-procedure", {"procedure": "procedure: appeal-ish"}, "procedure", "unknown procedure"),
    ("court-of-other-ecli", {"court": "court: General Court"}, "court", "not the court"),
    ("cites-garbage", {"cites": "cites: [the Feryn case]"}, "cites", "cites lists"),
    ("sample-not-bool", {"sample": "sample: maybe"}, "sample", "true or false"),
]


@pytest.mark.parametrize(("changes", "key", "words"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_headers_are_rejected_naming_file_and_line(
    changes: dict, key: str | None, words: str
) -> None:
    text = _with(**changes)
    with pytest.raises(InputError) as caught:
        parse_case_law_file(text, "case_law/cjeu/bad.md")
    assert caught.value.source == "case_law/cjeu/bad.md"
    assert words in caught.value.message
    if key is not None:
        assert caught.value.location == _line_of(text, key)
    assert str(caught.value).startswith(f"case_law/cjeu/bad.md:{caught.value.location}: ")


def test_the_good_header_parses() -> None:
    ruling = parse_case_law_file(GOOD, "good.md")
    assert (str(ruling.ecli), ruling.date, ruling.case_numbers) == (
        "ECLI:EU:C:2008:397",
        dt.date(2008, 7, 10),
        ("C-54/07",),
    )
    assert ruling.label == "C-54/07 Feryn"
    assert [str(c) for c in ruling.cites] == ["C-144/04"]
    assert ruling.lines["interprets"] == _line_of(GOOD, "interprets")


def test_a_duplicate_key_is_rejected() -> None:
    text = GOOD.replace("name:", 'name: "x"\nname:')
    with pytest.raises(InputError, match="given twice") as caught:
        parse_case_law_file(text, "dup.md")
    assert caught.value.location == _line_of(GOOD, "name") + 1


def test_a_judgment_claiming_an_opinions_ecli_is_rejected() -> None:
    """The header says judgment, but the text below it is the Advocate General's opinion."""
    opinion = (JUDGMENTS / "feryn_ag-opinion.txt").read_text(encoding="utf-8")
    text = _with(ecli="ecli: ECLI:EU:C:2008:155", date="date: 2008-03-12") + opinion
    with pytest.raises(
        InputError, match="is an Advocate General's opinion with the ECLI ECLI:EU:C:2008:155"
    ) as caught:
        parse_case_law_file(text, "claims.md")
    assert caught.value.location == _line_of(text, "type")


def test_a_header_disagreeing_with_its_text_is_rejected() -> None:
    body = (JUDGMENTS / "coleman_no-header.txt").read_text(encoding="utf-8")
    text = (
        _with(
            ecli="ecli: ECLI:EU:C:2008:397",
            date="date: 2008-07-17",
            case_numbers="case_numbers: [C-303/06]",
            country="country: UK",
        )
        + body
    )
    with pytest.raises(InputError, match="disagrees with the text") as caught:
        parse_case_law_file(text, "mixed.md")
    assert caught.value.location == _line_of(text, "ecli")


def test_missing_header_fields_are_read_from_the_text_below() -> None:
    ruling = read_ruling(read_source(JUDGMENTS / "feryn_partial-header.md"))
    assert str(ruling.ecli) == "ECLI:EU:C:2008:397"
    assert ruling.date == dt.date(2008, 7, 10)
    assert ruling.formation == "Second Chamber"
    assert ruling.country is not None and ruling.country.eu_code == "BE"
    assert ruling.referring_court == "Arbeidshof te Brussel"
    assert [p.path for p in ruling.interprets] == ["2(2)(a)", "8(1)", "15"]
    assert [p.path for p in ruling.mentions] == ["7"]
    assert ruling.sample is True
    # the places are places in the file, below the header
    lines = (JUDGMENTS / "feryn_partial-header.md").read_text(encoding="utf-8").splitlines()
    assert lines[ruling.lines["ecli"] - 1] == "ECLI:EU:C:2008:397"
    assert lines[ruling.lines["date"] - 1].startswith("10 July 2008")


def test_a_national_ecli_with_a_court_code_lawgraph_does_not_know_only_warns() -> None:
    text = _with(
        ecli="ecli: ECLI:DE:XYZ:2019:123",
        court="court: Some court",
        case_numbers="case_numbers: [2 AZR 1/19]",
        date="date: 2019-03-01",
        procedure="procedure: first-instance",
        country="country: DE",
    )
    ruling = parse_case_law_file(text, "de.md")
    assert ruling.case_numbers == ("2 AZR 1/19",)
    assert any("XYZ" in w and "courts.ttl" in w for w in ruling.warnings)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD, True),
        ("<!-- synthetic -->\n" + GOOD, True),
        ("---\nreporting_year: 2024\ncountry: DE\n---\n", False),
        ("# A report\n", False),
    ],
    ids=["header", "after-comment", "country-report", "no-header"],
)
def test_which_markdown_files_are_case_law(text: str, expected: bool) -> None:
    assert has_case_law_header(text) is expected


def test_fixtures_say_they_are_synthetic() -> None:
    for path in sorted(JUDGMENTS.iterdir()):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert "synthetic" in first.lower(), path.name
        assert first.startswith(("#", "<!--")), path.name


def test_text_files_without_an_ecli_are_refused_for_the_graph() -> None:
    with pytest.raises(InputError, match="needs its ECLI") as caught:
        read_ruling(read_source(JUDGMENTS / "belov_order.txt"))
    assert caught.value.location == 2


NATIONAL = """\
---
type: judgment
court: Bundesarbeitsgericht
date: 2019-02-19
case_numbers: [9 AZR 541/15]
name: "Test national ruling"
procedure: cassation
country: DE
interprets: [2000/78 Art 4(2)]
summary: >
  Synthetic test file: a national ruling without an ECLI.
sample: true
---
"""


def test_a_national_ruling_without_ecli_is_keyed_by_country_and_name() -> None:
    from lawgraph.caselaw.corpus import CaseIndex
    from lawgraph.caselaw.graph import build_ruling_graph

    ruling = parse_case_law_file(NATIONAL, "case_law/national/DE/test.md")
    assert ruling.ecli is None and ruling.case_numbers == ("9 AZR 541/15",)
    assert str(ruling.iri).endswith("/ruling/DEU/test-national-ruling")
    assert str(ruling.court_iri).endswith("/court/DE/BAG")  # by name, from courts.ttl
    graph = build_ruling_graph(ruling, CaseIndex())
    assert str(graph.graph).endswith("/graph/ruling/DEU%2Ftest-national-ruling")
    assert all(type(t).__name__ != "BNode" for triple in graph.triples for t in triple)


def test_a_national_ruling_without_ecli_or_country_is_rejected() -> None:
    text = NATIONAL.replace("country: DE\n", "")
    with pytest.raises(InputError, match="needs its country"):
        parse_case_law_file(text, "x.md")
