"""Reading rulings from their published text (synthetic texts in the EUR-Lex / curia layout under
``tests/data/judgments/``): what the parser recovers from each layout, that an Advocate
General's opinion is never taken for the judgment, and when an operative part is (and is not)
a finding of incompatibility."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lawgraph.caselaw.files import read_ruling
from lawgraph.caselaw.html import html_to_text
from lawgraph.caselaw.judgment import ParsedText, detect_layout, parse_judgment
from lawgraph.refdata import reference_index
from lawgraph.sources import read_source

JUDGMENTS = Path(__file__).parent / "data" / "judgments"


def _parse(name: str) -> ParsedText:
    text = (JUDGMENTS / name).read_text(encoding="utf-8")
    return parse_judgment(html_to_text(text) if name.endswith(".html") else text)


def _provisions(infos) -> list[str]:
    index = reference_index()
    return [f"{index.directives[p.celex].short} Art {p.path}" for p in infos]


# fixture → what the parser must recover; None means "must not be found"
EXPECTED = {
    "coleman_no-header.txt": {
        "layout": "judgment",
        "ecli": "ECLI:EU:C:2008:415",
        "date": dt.date(2008, 7, 17),
        "formation": "Grand Chamber",
        "case_numbers": ["C-303/06"],
        "procedure": "preliminary-ruling",
        "referring_court": "Employment Tribunal, London South",
        "country": "UK",
        "parties": "S. Coleman v Attridge Law, Steve Law",
        "interprets": [
            "2000/78 Art 1",
            "2000/78 Art 2(1)",
            "2000/78 Art 2(2)(a)",
            "2000/78 Art 2(3)",
        ],
        "mentions": ["2000/78 Art 3(1)(c)", "2000/78 Art 10(1)"],
        "cites": ["ECLI:EU:C:2005:709", "C-13/05"],
        "incompatible": [],
        "opinion_of": None,
    },
    "hk-danmark_joined-cases.txt": {
        "layout": "judgment",
        "ecli": "ECLI:EU:C:2013:222",
        "date": dt.date(2013, 4, 11),
        "formation": "Second Chamber",
        "case_numbers": ["C-335/11", "C-337/11"],
        "procedure": "preliminary-ruling",
        "referring_court": "Sø- og Handelsretten",
        "country": "DK",
        "parties": "HK Danmark, acting on behalf of Jette Ring v Dansk almennyttigt Boligselskab "
        "(C-335/11); HK Danmark, acting on behalf of Lone Skouboe Werge v Dansk "
        "Arbejdsgiverforening, acting on behalf of Pro Display A/S, in liquidation "
        "(C-337/11)",
        "interprets": ["2000/78 Art 5"],
        "mentions": ["2000/78 Art 1", "2000/78 Art 2", "2000/78 Art 2(2)(b)"],
        "cites": ["ECLI:EU:C:2006:456", "C-13/05"],
        # point 3 precludes national law under "Directive 2000/78" as a whole; Article 5 is
        # named after the verb, as the cause: no finding (a wrong link is worse than none)
        "incompatible": [],
        "opinion_of": None,
    },
    "commission-v-hungary_infringement.txt": {
        "layout": "judgment",
        "ecli": "ECLI:EU:C:2012:687",
        "date": dt.date(2012, 11, 6),
        "formation": "First Chamber",
        "case_numbers": ["C-286/12"],
        "procedure": "infringement",
        "referring_court": None,
        "country": "HU",
        "parties": "European Commission v Hungary",
        "interprets": ["2000/78 Art 2", "2000/78 Art 6(1)"],
        "mentions": [],
        "cites": ["C-159/10", "C-160/10", "C-388/07"],
        "incompatible": [
            ("HU", "2000/78 Art 2", "incorrect"),
            ("HU", "2000/78 Art 6(1)", "incorrect"),
        ],
        "opinion_of": None,
    },
    "commission-v-italy_oj-notice.txt": {
        "layout": "notice",
        "reports": "judgment",
        "ecli": None,
        "date": dt.date(2013, 7, 4),
        "formation": "Fourth Chamber",
        "case_numbers": ["C-312/11"],
        "procedure": "infringement",
        "referring_court": None,
        "country": "IT",
        "parties": "European Commission v Italian Republic",
        "interprets": ["2000/78 Art 5"],
        "mentions": [],
        "cites": [],
        "incompatible": [("IT", "2000/78 Art 5", "incorrect")],
        "opinion_of": None,
    },
    "belov_order.txt": {
        "layout": "order",
        "ecli": None,
        "date": dt.date(2013, 1, 31),
        "formation": "Eighth Chamber",
        "case_numbers": ["C-394/11"],
        "procedure": "preliminary-ruling",
        "referring_court": "Komisia za zashtita ot diskriminatsia",
        "country": "BG",
        "parties": "Valeri Hariev Belov v CHEZ Elektro Balgaria AD, and others",
        "interprets": [],
        "mentions": ["2000/43 Art 2(2)(b)", "2000/43 Art 3(1)(h)"],
        "cites": [],
        "incompatible": [],
        "opinion_of": None,
    },
    "feryn_ag-opinion.txt": {
        "layout": "ag-opinion",
        "ecli": "ECLI:EU:C:2008:155",
        "date": dt.date(2008, 3, 12),
        "formation": None,
        "case_numbers": ["C-54/07"],
        "procedure": "preliminary-ruling",
        "referring_court": "Arbeidshof te Brussel",
        "country": "BE",
        "parties": "Centrum voor gelijkheid van kansen en voor racismebestrijding v Firma Feryn NV",
        "advocate_general": "Poiares Maduro",
        "interprets": [],
        "mentions": ["2000/43 Art 2(2)(a)", "2000/43 Art 8(1)", "2000/43 Art 15"],
        "cites": ["ECLI:EU:C:2005:709", "C-144/04"],
        "incompatible": [],
        "opinion_of": None,
        "operative_part": None,
    },
    "feryn_summary.txt": {
        "layout": "summary",
        "reports": "judgment",
        "ecli": "ECLI:EU:C:2008:397",
        "date": dt.date(2008, 7, 10),
        "formation": None,
        "case_numbers": ["C-54/07"],
        "procedure": "preliminary-ruling",
        "referring_court": "Arbeidshof te Brussel",
        "country": None,
        "parties": "Centrum voor gelijkheid van kansen en voor racismebestrijding v Firma Feryn NV",
        "interprets": ["2000/43 Art 2(2)(a)", "2000/43 Art 8(1)"],
        "mentions": [],
        "cites": [],
        "incompatible": [],
        "opinion_of": None,
    },
    "kaltoft.html": {
        "layout": "judgment",
        "ecli": "ECLI:EU:C:2014:2463",
        "date": dt.date(2014, 12, 18),
        "formation": "Fourth Chamber",
        "case_numbers": ["C-354/13"],
        "procedure": "preliminary-ruling",
        "referring_court": "Retten i Kolding",
        "country": "DK",
        "parties": "Fag og Arbejde (FOA), acting on behalf of Karsten Kaltoft v Kommunernes "
        "Landsforening (KL), acting on behalf of the Municipality of Billund",
        "interprets": ["2000/78 Art 1", "2000/78 Art 2"],
        "mentions": [],
        "cites": ["ECLI:EU:C:2013:222", "C-335/11", "C-337/11"],
        "incompatible": [],
        "opinion_of": None,
    },
}

FIELDS = sorted({key for expected in EXPECTED.values() for key in expected})


def _actual(parsed: ParsedText, field: str) -> object:
    value = getattr(parsed, field)
    if field in ("ecli", "opinion_of"):
        return str(value) if value is not None else None
    if field == "case_numbers":
        return [str(c) for c in value]
    if field == "country":
        return value.eu_code if value is not None else None
    if field in ("interprets", "mentions"):
        return _provisions(value)
    if field == "cites":
        return [str(c) for c in value]
    if field == "incompatible":
        return [(f.country.eu_code, _provisions([f.provision])[0], f.status) for f in value]
    return value


CASES = [
    (name, field, expected[field])
    for name, expected in EXPECTED.items()
    for field in FIELDS
    if field in expected
]


@pytest.mark.parametrize(
    ("name", "field", "expected"), CASES, ids=[f"{n.split('.')[0]}-{f}" for n, f, _ in CASES]
)
def test_parser_recovers_each_field(name: str, field: str, expected: object) -> None:
    assert _actual(_parse(name), field) == expected


def test_every_fixture_has_expectations() -> None:
    assert sorted(EXPECTED) == sorted(
        p.name for p in JUDGMENTS.iterdir() if p.suffix in (".txt", ".html")
    )


def test_header_removed_judgment_recovers_the_key_metadata() -> None:
    """The acceptance case: no header at all, and still case, ECLI, date, formation and the
    provisions of the operative part."""
    ruling = read_ruling(read_source(JUDGMENTS / "coleman_no-header.txt"))
    assert (ruling.case_numbers, str(ruling.ecli), ruling.date, ruling.formation) == (
        ("C-303/06",),
        "ECLI:EU:C:2008:415",
        dt.date(2008, 7, 17),
        "Grand Chamber",
    )
    assert _provisions(ruling.interprets) == [
        "2000/78 Art 1",
        "2000/78 Art 2(1)",
        "2000/78 Art 2(2)(a)",
        "2000/78 Art 2(3)",
    ]
    assert ruling.kind == "judgment" and ruling.sample is True
    assert ruling.operative_part.startswith("1.      Directive 2000/78/EC")
    assert ruling.operative_part.endswith("linked to her child's disability.")
    assert ruling.lines["ecli"] == 2 and ruling.lines["date"] == 6


def test_the_operative_part_stops_at_the_signatures() -> None:
    parsed = _parse("commission-v-hungary_infringement.txt")
    assert parsed.operative_part.endswith("2.      Orders Hungary to pay the costs.")


# --- Advocate General's opinions -----------------------------------------------------------------


def test_an_opinion_is_never_taken_for_the_judgment() -> None:
    ruling = read_ruling(read_source(JUDGMENTS / "feryn_ag-opinion.txt"))
    assert ruling.kind == "ag-opinion" and ruling.decision == "ag-opinion"
    assert str(ruling.ecli) == "ECLI:EU:C:2008:155"  # the opinion's own, not the judgment's
    assert ruling.opinion_of is None  # the text names no judgment ECLI
    assert ruling.date == dt.date(2008, 3, 12)  # delivered on, not the hearing
    assert ruling.interprets == () and ruling.incompatible == ()
    assert ruling.name == "Opinion of AG Poiares Maduro"


def test_an_opinion_links_its_judgment_only_by_an_explicit_ecli() -> None:
    text = (JUDGMENTS / "feryn_ag-opinion.txt").read_text(encoding="utf-8")
    linked = parse_judgment(
        text.replace("ECLI:EU:C:2008:155\n", "ECLI:EU:C:2008:155\nJudgment: ECLI:EU:C:2008:397\n")
    )
    assert (str(linked.ecli), str(linked.opinion_of)) == (
        "ECLI:EU:C:2008:155",
        "ECLI:EU:C:2008:397",
    )
    assert "ECLI:EU:C:2008:397" not in [str(c) for c in linked.cites]


def test_an_opinion_in_title_case_is_an_opinion() -> None:
    text = (
        "Opinion of Advocate General Poiares Maduro delivered on 12 March 2008.\n\n"
        "Case C-54/07\n\nafter hearing the Opinion of the Advocate General\n"
    )
    assert detect_layout(text) == "ag-opinion"
    judgment = (
        "JUDGMENT OF THE COURT (Second Chamber)\n\nafter hearing the\nOpinion of the "
        "Advocate General at the sitting on 12 March 2008,\n"
    )
    assert detect_layout(judgment) == "judgment"


# --- findings of incompatibility -----------------------------------------------------------------

PRELIMINARY = """\
JUDGMENT OF THE COURT (Third Chamber)

18 January 2018 (*)

In Case C-270/16,

REQUEST for a preliminary ruling under Article 267 TFEU from the Juzgado de lo Social No 1 de \
Cuenca (Spain), made by decision of 3 May 2016, received at the Court on 13 May 2016, in the \
proceedings

A v B,

THE COURT (Third Chamber),

gives the following

Judgment

1 Test.

On those grounds, the Court (Third Chamber) hereby rules:

{operative}

[Signatures]
"""

OPERATIVE = [
    (
        "provision-before-verb",
        "Article 2(2)(b)(i) of Council Directive 2000/78/EC must be interpreted as precluding "
        "national legislation under which an employer may dismiss a worker for absences.",
        [("ES", "2000/78 Art 2(2)(b)(i)", "incorrect")],
    ),
    (
        "does-not-preclude",
        "Article 2(2)(b)(i) of Council Directive 2000/78/EC must be interpreted as meaning that it "
        "does not preclude national legislation under which an employer may dismiss a worker.",
        [],
    ),
    (
        "not-precluding",
        "Article 6(1) of Directive 2000/78 must be interpreted as not precluding national "
        "legislation on retirement.",
        [],
    ),
    (
        "directive-as-a-whole",
        "Directive 2000/78 must be interpreted as precluding national legislation under which the "
        "accommodation required by Article 5 of that directive is refused.",
        [],
    ),
    (
        "left-to-the-national-court",
        "Article 2(2)(b)(i) of Directive 2000/78 precludes national legislation in so far as it "
        "pursues no legitimate aim, which it is for the referring court to ascertain.",
        [],
    ),
    (
        "no-provision",
        "The Charter must be interpreted as precluding national legislation of that kind.",
        [],
    ),
]


@pytest.mark.parametrize(
    ("operative", "expected"), [o[1:] for o in OPERATIVE], ids=[o[0] for o in OPERATIVE]
)
def test_a_preliminary_ruling_finds_incompatibility_only_when_clear(
    operative: str, expected: list
) -> None:
    parsed = parse_judgment(PRELIMINARY.format(operative=operative))
    assert parsed.country is not None and parsed.country.eu_code == "ES"
    assert _actual(parsed, "incompatible") == expected
    for finding in parsed.incompatible:
        assert finding.reason == operative


def test_no_referring_country_no_finding() -> None:
    text = PRELIMINARY.replace(" (Spain)", "").format(operative=OPERATIVE[0][1])
    assert parse_judgment(text).incompatible == ()


def test_non_transposition_is_found_against_the_implementation_article() -> None:
    text = """\
JUDGMENT OF THE COURT (Second Chamber)

4 May 2005 (*)

In Case C-335/04,

ACTION under Article 226 EC for failure to fulfil obligations, brought on 3 August 2004,

Commission of the European Communities, represented by an Agent,

applicant,

v

Republic of Austria, represented by an Agent,

defendant,

THE COURT (Second Chamber),

gives the following

Judgment

1 Test.

On those grounds, the Court (Second Chamber) hereby:

1. Declares that, by failing to adopt the laws, regulations and administrative provisions \
necessary to comply with Council Directive 2000/43/EC of 29 June 2000, the Republic of Austria \
has failed to fulfil its obligations under that directive;

2. Orders the Republic of Austria to pay the costs.
"""
    parsed = parse_judgment(text)
    assert parsed.procedure == "infringement"
    assert parsed.parties == "Commission of the European Communities v Republic of Austria"
    assert _actual(parsed, "incompatible") == [("AT", "2000/43 Art 16", "not-transposed")]


def test_non_breaking_hyphens_in_case_numbers() -> None:
    text = "JUDGMENT OF THE COURT (Grand Chamber)\n\n17 July 2008\n\nIn Case C\u2011303/06,\n"
    assert [str(c) for c in parse_judgment(text).case_numbers] == ["C-303/06"]


def test_text_that_is_not_a_ruling() -> None:
    parsed = parse_judgment("For transposition, the ruling means that national law must change.")
    assert parsed.layout is None and parsed.date is None and parsed.interprets == ()
