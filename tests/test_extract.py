"""Extraction: provision references, case numbers, ECLIs, dates, measures, names.

Each table row is one form lawyers write, with what extraction must make of it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from lawgraph.extract import extract, extract_many, nlp
from lawgraph.extract.pipeline import _sentence_starts


def refs(text: str, **kw) -> list[tuple[str | None, str]]:
    """(directive short number or None, path) of every directive reference in the text."""
    return [
        (p.directive.short if p.directive else None, str(p.path))
        for p in extract(text, **kw).provisions
        if p.other_act is None
    ]


# --- provision references -------------------------------------------------------------------

PROVISION_FORMS = [
    ("full", "Article 2(2)(b) of Directive 2000/43/EC", [("2000/43", "2(2)(b)")]),
    ("art-dot-no-of", "Art. 2(2)(b) Directive 2000/43", [("2000/43", "2(2)(b)")]),
    ("acronym", "Art 8 RED", [("2000/43", "8")]),
    ("name", "Article 10 of the Employment Equality Directive", [("2000/78", "10")]),
    ("framework-directive", "Article 5 of the Framework Directive", [("2000/78", "5")]),
    (
        "list-shares-act",
        "Articles 7 and 9 of the Race Directive",
        [("2000/43", "7"), ("2000/43", "9")],
    ),
    (
        "range",
        "Articles 7 to 9 of Directive 2000/43",
        [("2000/43", "7"), ("2000/43", "8"), ("2000/43", "9")],
    ),
    (
        "points",
        "Article 2(2)(a) and (b) of Directive 2000/78",
        [("2000/78", "2(2)(a)"), ("2000/78", "2(2)(b)")],
    ),
    (
        "point-range",
        "Article 3(1)(e) to (h) of Directive 2000/43/EC",
        [
            ("2000/43", "3(1)(e)"),
            ("2000/43", "3(1)(f)"),
            ("2000/43", "3(1)(g)"),
            ("2000/43", "3(1)(h)"),
        ],
    ),
    (
        "arts-list",
        "Arts 2, 3 and 7 of Directive 2000/78",
        [("2000/78", "2"), ("2000/78", "3"), ("2000/78", "7")],
    ),
    (
        "subparagraph-after",
        "Article 4(2), second subparagraph, of Directive 2000/78",
        [("2000/78", "4(2), second subparagraph")],
    ),
    (
        "subparagraph-before",
        "the second subparagraph of Article 4(2) of Directive 2000/78",
        [("2000/78", "4(2), second subparagraph")],
    ),
    ("subpoint", "Article 2(2)(b)(ii) of Directive 2000/78", [("2000/78", "2(2)(b)(ii)")]),
    ("act-first", "Directive 2000/78, Article 6(1)", [("2000/78", "6(1)")]),
    (
        "thereof",
        "Directive 2000/78 sets a framework. Article 6(1) thereof allows exceptions.",
        [("2000/78", "6(1)")],
    ),
    ("recast", "Article 19 of Directive 2006/54/EC", [("2006/54", "19")]),
    (
        "gender-goods",
        "Article 5(2) of the Gender Goods and Services Directive",
        [("2004/113", "5(2)")],
    ),
    ("as-amended", "Article 13 RED as amended by Directive (EU) 2024/1499", [("2000/43", "13")]),
    ("point-h", "Art. 3(1)(h) RED", [("2000/43", "3(1)(h)")]),
    (
        "paragraph-of-article",
        "paragraph 1 of Article 8 of Directive 2000/43",
        [("2000/43", "8(1)")],
    ),
    ("continental", "Art. 3 para. 1 lit. h RED", [("2000/43", "3(1)(h)")]),
    (
        "both-directives",
        "Article 2(3) of both Directive 2000/43/EC and Directive 2000/78/EC",
        [("2000/43", "2(3)"), ("2000/78", "2(3)")],
    ),
    (
        "of-each-name",
        "Article 2(4) of the Racial Equality Directive or of the Employment Equality Directive",
        [("2000/43", "2(4)"), ("2000/78", "2(4)")],
    ),
    ("nbsp", "Article\u00a013(2) of Directive\u00a02000/43/EC", [("2000/43", "13(2)")]),
    (
        "sentence-names-one",
        "Under Directive 2000/43, Article 8 applies and so does Article 9.",
        [("2000/43", "8"), ("2000/43", "9")],
    ),
    (
        "that-directive",
        "Directive 2000/78 applies. Article 5 of that Directive requires it.",
        [
            ("2000/78", "5"),
        ],
    ),
    (
        "paragraph-fallback",
        "The Employment Equality Directive governs. Article 5 is key.",
        [("2000/78", "5")],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [(t, e) for _, t, e in PROVISION_FORMS],
    ids=[i for i, _, _ in PROVISION_FORMS],
)
def test_provision_forms(text, expected):
    assert refs(text) == expected


OTHER_ACTS = [
    ("charter", "Article 21 of the Charter", "Charter"),
    ("tfeu-267", "Article 267 TFEU", "TFEU"),
    ("tfeu-157", "Article 157 TFEU", "TFEU"),
    ("echr", "Article 14 ECHR", "ECHR"),
    ("tfeu-19", "Article 19(1) TFEU", "TFEU"),
    ("decree", "Article 3 of Legislative Decree 216/2003", "Legislative Decree 216/2003"),
    ("workers-statute", "Article 52(d) of the Workers' Statute", "Workers' Statute"),
    ("other-directive", "Article 11(1)(d) of Directive 2003/109", "Directive 2003/109"),
    (
        "national-act",
        "Article 8 of the General Equal Treatment Act (AWGB)",
        "General Equal Treatment Act",
    ),
    ("ec-treaty", "Article 13 EC", "EC"),
]


@pytest.mark.parametrize(
    ("text", "act"), [(t, a) for _, t, a in OTHER_ACTS], ids=[i for i, _, _ in OTHER_ACTS]
)
def test_other_acts_are_never_resolved(text, act):
    (mention,) = extract(text).provisions
    assert mention.directive is None and not mention.resolved
    assert mention.other_act == act
    assert mention.unresolved_reason


def test_paragraph_sign_is_not_a_directive_reference():
    assert extract("§ 22 AGG shifts the burden of proof.").provisions == []


UNRESOLVED = [
    ("no-directive", "Article 8 applies.", "no directive named"),
    (
        "two-directives",
        "Articles 7 and 9 apply under Directives 2000/43 and 2000/78.",
        "several directives",
    ),
    (
        "ambiguous-the-directive",
        "Both Directive 2000/43/EC and Directive 2000/78/EC cover harassment. "
        "Article 2(3) of the Directive defines it.",
        "could be any",
    ),
]


@pytest.mark.parametrize(
    ("text", "reason"), [(t, r) for _, t, r in UNRESOLVED], ids=[i for i, _, _ in UNRESOLVED]
)
def test_unresolved_references_say_why(text, reason):
    last = extract(text).provisions[-1]
    assert last.directive is None and not last.resolved
    assert reason in last.unresolved_reason


def test_unknown_article_stays_unresolved():
    (mention,) = extract("Article 99 of Directive 2000/43").provisions
    assert str(mention.directive) == "2000/43/EC"
    assert not mention.known and not mention.resolved
    assert "does not exist" in mention.unresolved_reason


def test_default_directive_only_for_references_naming_no_act():
    text = "Article 5 is not transposed. Article 21 of the Charter applies."
    result = extract(text, default_directive="32000L0078")
    assert [(str(p.directive), str(p.path), p.other_act) for p in result.provisions] == [
        ("2000/78/EC", "5", None),
        ("None", "21", "Charter"),
    ]


def test_default_directive_does_not_override_the_sentence():
    assert refs("Article 8 of Directive 2000/43 applies.", default_directive="32000L0078") == [
        ("2000/43", "8")
    ]
    assert refs(
        "Article 8 applies under Directives 2000/43 and 2000/78.", default_directive="32000L0078"
    ) == [(None, "8")]


def test_unknown_default_directive_is_an_error():
    with pytest.raises(ValueError, match="not a directive"):
        extract("Article 5", default_directive="39999L9999")


def test_spans_point_into_the_text():
    text = "As held, Art 8 RED and Articles 7 and 9 of the Race Directive apply."
    for mention in extract(text).provisions:
        assert text[mention.span.start : mention.span.end] == mention.span.text
    assert extract(text).provisions[0].span.text == "Art 8 RED"


# --- case numbers and ECLIs -----------------------------------------------------------------

CASES = [
    ("nb-hyphen", "Case C\u201154/07", ["C-54/07"]),
    ("en-dash", "Case C\u201354/07", ["C-54/07"]),
    ("joined", "Joined Cases C-335/11 and C-337/11", ["C-335/11", "C-337/11"]),
    ("ampersand", "C-804/18 & C-341/19", ["C-804/18", "C-341/19"]),
    ("general-court", "T-123/05", ["T-123/05"]),
    ("old", "Case 43/75", ["43/75"]),
    ("appeal", "C-286/12 P", ["C-286/12 P"]),
    ("no-statute", "Legislative Decree 216/2003 and Law 15/2022", []),
]


@pytest.mark.parametrize(
    ("text", "expected"), [(t, e) for _, t, e in CASES], ids=[i for i, _, _ in CASES]
)
def test_case_numbers(text, expected):
    assert [str(c.case) for c in extract(text).cases] == expected


ECLIS = [
    ("full", "ECLI:EU:C:2008:397", ["ECLI:EU:C:2008:397"]),
    ("short", "(C-312/11, EU:C:2013:446)", ["ECLI:EU:C:2013:446"]),
    ("national", "ECLI:NL:HR:2015:472.", ["ECLI:NL:HR:2015:472"]),
    (
        "national-dots",
        "ECLI:DE:BAG:2019:200219.U.2AZR746.14.0 held",
        ["ECLI:DE:BAG:2019:200219.U.2AZR746.14.0"],
    ),
    ("not-inside-words", "XEU:C:2013:446 and EU:C:20134:1", []),
]


@pytest.mark.parametrize(
    ("text", "expected"), [(t, e) for _, t, e in ECLIS], ids=[i for i, _, _ in ECLIS]
)
def test_eclis(text, expected):
    assert [str(e.ecli) for e in extract(text).eclis] == expected


# --- dates --------------------------------------------------------------------------------

DATES = [
    ("long", "on 14 August 2006", dt.date(2006, 8, 14)),
    ("dotted", "on 14.8.2006", dt.date(2006, 8, 14)),
    ("dotted-zero", "on 14.08.2006", dt.date(2006, 8, 14)),
    ("iso", "on 2006-08-14", dt.date(2006, 8, 14)),
    ("us", "on August 14, 2006", dt.date(2006, 8, 14)),
    ("abbreviated", "on 14 Aug. 2006", dt.date(2006, 8, 14)),
    ("ordinal", "from 1st January 2023", dt.date(2023, 1, 1)),
]


@pytest.mark.parametrize(
    ("text", "expected"), [(t, e) for _, t, e in DATES], ids=[i for i, _, _ in DATES]
)
def test_date_styles(text, expected):
    assert [d.date for d in extract(text).dates] == [expected]


ROLES = [
    ("adopted", "The Act was adopted on 6 July 2005.", "adopted"),
    ("in-force", "It entered into force on 1 January 2006.", "in-force"),
    ("in-force-since", "The Act has been in force since 1 July 2004.", "in-force"),
    ("judgment", "In its judgment of 4 July 2013 the Court held so.", "judgment"),
    ("delivered", "The judgment was delivered on 10 July 2008.", "judgment"),
    ("period", "Reporting period 1 January 2022 – 31 December 2022.", "period"),
    ("none", "On 3 March 2021 nothing happened.", None),
]


@pytest.mark.parametrize(
    ("text", "role"), [(t, r) for _, t, r in ROLES], ids=[i for i, _, _ in ROLES]
)
def test_date_roles(text, role):
    assert extract(text).dates[0].role == role


@pytest.mark.parametrize(
    "text",
    [
        "Case C-54/07",
        "Legislative Decree 216/2003",
        "Law 15/2022",
        "OJ L 180, p. 22",
        "section 5(2)",
    ],
)
def test_no_false_dates(text):
    assert extract(text).dates == []


# --- national measures ----------------------------------------------------------------------

MEASURES = [
    (
        "act-of-date",
        "the Act of 25 February 2003 applies",
        "Act of 25 February 2003",
        dt.date(2003, 2, 25),
        None,
    ),
    (
        "spanish-law",
        "Law 15/2022 of 12 July on equal treatment and non-discrimination applies",
        "Law 15/2022 of 12 July on equal treatment and non-discrimination",
        dt.date(2022, 7, 12),
        None,
    ),
    (
        "decree",
        "Legislative Decree No. 216 of 9 July 2003 transposes it",
        "Legislative Decree No. 216 of 9 July 2003",
        dt.date(2003, 7, 9),
        None,
    ),
    (
        "agg",
        "the General Equal Treatment Act (Allgemeines Gleichbehandlungsgesetz, AGG) of "
        "14 August 2006",
        "General Equal Treatment Act",
        dt.date(2006, 8, 14),
        "AGG",
    ),
    ("hungarian", "Act CXXV of 2003 on Equal Treatment", "Act CXXV of 2003", None, None),
]


@pytest.mark.parametrize(
    ("text", "title", "date", "abbreviation"),
    [m[1:] for m in MEASURES],
    ids=[m[0] for m in MEASURES],
)
def test_measures(text, title, date, abbreviation):
    (measure,) = extract(text).measures
    assert (measure.title, measure.date, measure.abbreviation) == (title, date, abbreviation)
    assert text[measure.span.start : measure.span.end] == measure.span.text


# --- courts and equality bodies ---------------------------------------------------------------

NAMES = [
    ("cjeu", "The Court of Justice held so.", "court", "court/EU/C"),
    ("hoge-raad", "The Hoge Raad disagreed.", "court", "court/NL/HR"),
    ("bag", "The Bundesarbeitsgericht ruled.", "court", "court/DE/BAG"),
    ("generic-court", "The Regional Court of Vienna ruled.", "court", None),
    ("unia", "Unia brought the case.", "equality-body", "equality-body/BEL/unia"),
    ("nccd", "The NCCD fined the employer.", "equality-body", "equality-body/ROU/nccd"),
    (
        "defenseur",
        "Le Défenseur des droits a été saisi.",
        "equality-body",
        "equality-body/FRA/defenseur-des-droits",
    ),
]


@pytest.mark.parametrize(("text", "kind", "key"), [n[1:] for n in NAMES], ids=[n[0] for n in NAMES])
def test_names(text, kind, key):
    (name,) = extract(text).names
    assert (name.kind, name.key) == (kind, key)


# Gap statements: tests/test_extract_gaps.py


# --- the pipeline ---------------------------------------------------------------------------

SENTENCES = [
    ("abbreviations", "See Art. 8 and No. 5, e.g. para. 2, cf. p. 22, Feryn v. Belgium. Next.", 2),
    ("case-number", "In Case C-54/07. The Court held so.", 2),
    ("ecli", "See ECLI:EU:C:2008:397. Then more.", 2),
    ("heading-run-in", "5.3 Burden of proof (Article 8 Directive 2000/43) The Act shifts it.", 2),
    ("blank-line", "First part\n\nSecond part.", 2),
]


@pytest.mark.parametrize(
    ("text", "count"), [(t, c) for _, t, c in SENTENCES], ids=[i for i, _, _ in SENTENCES]
)
def test_sentences(text, count):
    assert len(extract(text).sentences) == count


SENTENCIZER_CASES = [
    ("plain", "The Act is silent. It was amended in 2019!"),
    ("punctuation-run", "It held so (C-54/07). Then, 'quoted.' Next?! Last"),
    ("leading-space", "  Starts with spaces. And a second one."),
    ("only-punctuation", "..."),
    ("ellipsis-inside", "First ... second. Third."),
    ("newlines", "A heading\n\nA paragraph. Another one.\n"),
    ("non-latin-final", "Sentence one\u3002 Sentence two."),
]


@pytest.mark.parametrize(
    "text",
    **{
        "argvalues": [t for _, t in SENTENCIZER_CASES],
        "ids": [i for i, _ in SENTENCIZER_CASES],
    },
)
def test_sentence_starts_are_the_sentencizers(text):
    """Sentence starts are read off the token array with the sentencizer's own rule."""
    doc = nlp()(text)
    assert _sentence_starts(nlp().tokenizer(text)) == [s.start_char for s in doc.sents]


def test_citation_atoms_are_single_tokens():
    doc = nlp()("Article 2(2)(b) of Directive 2000/43/EC, C-54/07 and ECLI:EU:C:2008:397.")
    tokens = [t.text for t in doc]
    assert {"2(2)(b)", "2000/43/EC", "C-54/07", "ECLI:EU:C:2008:397"} <= set(tokens)


def test_extract_many_equals_extract():
    texts = ["Art 8 RED is not transposed.", "", "Case C-54/07, EU:C:2008:397."]
    many = extract_many(texts)
    assert [m.provisions for m in many] == [extract(t).provisions for t in texts]
    assert [m.eclis for m in many] == [extract(t).eclis for t in texts]


def test_empty_text():
    result = extract("")
    assert result.sentences == [] and result.provisions == [] and result.gaps == []
