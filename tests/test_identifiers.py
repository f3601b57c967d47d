"""Tests of :mod:`lawgraph.identifiers`.

One table per identifier: valid inputs with their canonical form, malformed inputs with a piece
of the error message. Every valid row is also parsed back from its canonical form, and hypothesis
checks the same round trip on generated identifiers and that arbitrary text raises nothing but
IdentifierError.
"""

from __future__ import annotations

import doctest
import pickle
from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lawgraph import identifiers
from lawgraph.identifiers import (
    ECLI_COUNTRY_CODES,
    CaseNumber,
    Celex,
    DirectiveNumber,
    Ecli,
    Eli,
    IdentifierError,
    JoinedCases,
    ProvisionPath,
    ProvisionRef,
    parse_case_numbers,
)

THIS_YEAR = date.today().year
NEXT_YEAR = THIS_YEAR + 1


def ids(rows: list[tuple[object, ...]]) -> list[str]:
    """Readable test ids: the input text of each row."""
    return [repr(row[0]) for row in rows]


def assert_rejects(parse: Callable[[str], object], text: str, message: str) -> None:
    """``parse(text)`` raises IdentifierError quoting ``text``, with ``message`` in the reason."""
    with pytest.raises(IdentifierError) as caught:
        parse(text)
    assert caught.value.text == text
    assert str(caught.value) == f"{text!r}: {caught.value.reason}"
    assert message in caught.value.reason


# --------------------------------------------------------------------------- DirectiveNumber

DIRECTIVES = [
    # text, str(), short, CELEX
    ("2000/43/EC", "2000/43/EC", "2000/43", "32000L0043"),
    ("2000/43", "2000/43/EC", "2000/43", "32000L0043"),
    ("Directive 2000/43/EC", "2000/43/EC", "2000/43", "32000L0043"),
    ("Council Directive 2000/43/EC", "2000/43/EC", "2000/43", "32000L0043"),
    ("council directive 2000/43/ec", "2000/43/EC", "2000/43", "32000L0043"),
    ("(EU) 2024/1499", "(EU) 2024/1499", "2024/1499", "32024L1499"),
    ("Directive (EU) 2024/1500", "(EU) 2024/1500", "2024/1500", "32024L1500"),
    ("Council Directive (EU) 2024/1499", "(EU) 2024/1499", "2024/1499", "32024L1499"),
    ("2024/1499", "(EU) 2024/1499", "2024/1499", "32024L1499"),
    ("2024/1499/EU", "(EU) 2024/1499", "2024/1499", "32024L1499"),
    ("79/7/EEC", "79/7/EEC", "79/7", "31979L0007"),
    ("Council Directive 79/7/EEC", "79/7/EEC", "79/7", "31979L0007"),
    ("1979/7/EEC", "79/7/EEC", "79/7", "31979L0007"),
    ("76/207", "76/207/EEC", "76/207", "31976L0207"),
    ("2010/41/EU", "2010/41/EU", "2010/41", "32010L0041"),
    ("Directive 2006/54/EC", "2006/54/EC", "2006/54", "32006L0054"),
    ("European Parliament and Council Directive 2006/54/EC", "2006/54/EC", "2006/54", "32006L0054"),
    ("2004/113", "2004/113/EC", "2004/113", "32004L0113"),
    ("Directive (EU) 2023/970", "(EU) 2023/970", "2023/970", "32023L0970"),
    ("97/80/EC", "97/80/EC", "97/80", "31997L0080"),
    ("99/70/EC", "1999/70/EC", "1999/70", "31999L0070"),
    ("Directive  2000/78 ", "2000/78/EC", "2000/78", "32000L0078"),
    ("93/104/EC", "93/104/EC", "93/104", "31993L0104"),
    ("93/104", "93/104", "93/104", "31993L0104"),  # 1993: EEC or EC, the year does not tell
    ("2009/50", "2009/50", "2009/50", "32009L0050"),  # 2009: EC or EU
    ("2013/59/Euratom", "2013/59/Euratom", "2013/59", "32013L0059"),
    ("Commission Implementing Directive (EU) 2019/1", "(EU) 2019/1", "2019/1", "32019L0001"),
]

DIRECTIVE_ERRORS = [
    ("2000/43/EU", "EU is only used from December 2009"),
    ("79/7/EC", "EC is only used from November 1993"),
    ("2010/41/EC", "EC was replaced by EU in December 2009"),
    ("2000/43/EEC", "EEC was replaced by EC in November 1993"),
    ("00/43", "two-digit year stands for 1958–1999"),
    ("2000/0", "between 1 and 9999"),
    (f"{NEXT_YEAR}/1", f"directive year {NEXT_YEAR} is outside"),
    ("1957/1", "outside 1958"),
    ("Regulation (EU) 2016/679", "this is a regulation, not a directive"),
    ("Council Decision 2000/750/EC", "this is a decision"),
    ("2000-43-EC", "expected a directive number"),
    ("2000/43/XY", "expected a directive number"),
    ("", "expected a directive number"),
    ("200/43", "expected a directive number"),
    ("2000/12345", "expected a directive number"),
]


@pytest.mark.parametrize(("text", "canonical", "short", "celex"), DIRECTIVES, ids=ids(DIRECTIVES))
def test_directive_number_parses(text: str, canonical: str, short: str, celex: str) -> None:
    directive = DirectiveNumber.parse(text)
    assert str(directive) == canonical
    assert directive.short == short
    assert directive.celex == Celex.parse(celex)
    assert directive.eli == f"http://data.europa.eu/eli/dir/{directive.year}/{directive.number}/oj"


@pytest.mark.parametrize(("text", "message"), DIRECTIVE_ERRORS, ids=ids(DIRECTIVE_ERRORS))
def test_directive_number_rejects(text: str, message: str) -> None:
    assert_rejects(DirectiveNumber.parse, text, message)


def test_directive_suffix_is_not_part_of_identity() -> None:
    assert DirectiveNumber.parse("2000/43") == DirectiveNumber.parse("Directive 2000/43/EC")
    assert DirectiveNumber(2013, 59, "Euratom") == DirectiveNumber(2013, 59)
    assert len({DirectiveNumber(2009, 50), DirectiveNumber(2009, 50, "EC")}) == 1


def test_directive_constructor_infers_and_validates_suffix() -> None:
    assert DirectiveNumber(2000, 43).suffix == "EC"
    assert DirectiveNumber(1979, 7).suffix == "EEC"
    assert DirectiveNumber(2024, 1499).suffix == "EU"
    with pytest.raises(IdentifierError, match="EU is only used from December 2009"):
        DirectiveNumber(2000, 43, "EU")


def test_directives_sort_by_year_then_number() -> None:
    numbers = ["2000/78", "79/7", "2000/43", "(EU) 2024/1499", "2006/54"]
    assert [str(d) for d in sorted(map(DirectiveNumber.parse, numbers))] == [
        "79/7/EEC",
        "2000/43/EC",
        "2000/78/EC",
        "2006/54/EC",
        "(EU) 2024/1499",
    ]


# --------------------------------------------------------------------------- Celex

CELEXES = [
    # text, str()
    ("32000L0043", "32000L0043"),
    ("CELEX:32000L0043", "32000L0043"),
    ("celex:32000l0043", "32000L0043"),
    ("CELEX 32000L0078", "32000L0078"),
    ("http://publications.europa.eu/resource/celex/32000L0043", "32000L0043"),
    ("31979L0007", "31979L0007"),
    ("32024L1499", "32024L1499"),
    ("32016R0679", "32016R0679"),
    ("32000L0043R(01)", "32000L0043R(01)"),
    ("52008PC0426", "52008PC0426"),
    ("52014DC0002", "52014DC0002"),
    ("52021XC0331(01)", "52021XC0331(01)"),
    ("52021XC0331%2801%29", "52021XC0331(01)"),
    ("62007CJ0054", "62007CJ0054"),
    ("62007CC0054", "62007CC0054"),
    ("62012CP0286", "62012CP0286"),
    ("62011CN0312", "62011CN0312"),
    ("62004TJ0201", "62004TJ0201"),
    ("62009FJ0012", "62009FJ0012"),
    ("72000L0043FRA_123456", "72000L0043FRA_123456"),
    ("72000l0043deu_2006081", "72000L0043DEU_2006081"),
    ("02000L0078-20000101", "02000L0078-20000101"),
    ("12008E019", "12008E019"),
    ("92008E001234", "92008E001234"),
    ("22006A1230(03)", "22006A1230(03)"),
]

CELEX_ERRORS = [
    ("32000Z0043", "descriptor Z is not used in sector 3 (legislation)"),
    ("62007XX0054", "descriptor XX is not used in sector 6"),
    ("52008ZZ0426", "not used in sector 5"),
    ("32000L43", "must have four digits"),
    ("F2000L0043", "unknown sector 'F'"),
    ("72000L0043", "a national measure (sector 7) ends in a country code"),
    ("72000L0043FR_1", "a national measure (sector 7) ends in a country code"),
    ("32000L0043-20000101", "only consolidated versions (sector 0) carry a date"),
    ("02000L0078", "ends in its date"),
    ("02000L0078-20001301", "ends in a valid date"),
    ("02000L0078R(01)-20000101", "sectors 0 and 7 have no corrigenda"),
    ("32000L0043X", "unknown suffix 'X'"),
    (f"3{NEXT_YEAR}L0001", f"year {NEXT_YEAR} is outside"),
    ("31900L0001", "year 1900 is outside"),
    ("3 2000 L 0043", "no spaces"),
    ("32000L", "expected a CELEX number"),
    ("", "expected a CELEX number"),
]


@pytest.mark.parametrize(("text", "canonical"), CELEXES, ids=ids(CELEXES))
def test_celex_parses(text: str, canonical: str) -> None:
    celex = Celex.parse(text)
    assert str(celex) == canonical
    assert celex.uri == "http://publications.europa.eu/resource/celex/" + canonical


@pytest.mark.parametrize(("text", "message"), CELEX_ERRORS, ids=ids(CELEX_ERRORS))
def test_celex_rejects(text: str, message: str) -> None:
    assert_rejects(Celex.parse, text, message)


def test_celex_fields() -> None:
    assert Celex.parse("32000L0043R(01)") == Celex("3", 2000, "L", "0043", "R(01)")
    assert Celex.parse("62007CJ0054") == Celex("6", 2007, "CJ", "0054")
    nim = Celex.parse("72000L0043FRA_123456")
    assert (nim.country, nim.national_id) == ("FRA", "123456")
    assert nim.directive == Celex.parse("32000L0043")
    assert Celex.parse("32000L0043").directive is None


# --------------------------------------------------------------------------- Eli

ELIS = [
    # text, str(), jurisdiction
    ("http://data.europa.eu/eli/dir/2000/43/oj", "http://data.europa.eu/eli/dir/2000/43/oj", "EU"),
    ("https://data.europa.eu/eli/dir/2000/43/oj", "http://data.europa.eu/eli/dir/2000/43/oj", "EU"),
    ("eli/dir/2000/43/oj", "http://data.europa.eu/eli/dir/2000/43/oj", "EU"),
    ("/eli/dir/2000/43/oj/", "http://data.europa.eu/eli/dir/2000/43/oj", "EU"),
    ("data.europa.eu/eli/dir/2024/1500/oj", "http://data.europa.eu/eli/dir/2024/1500/oj", "EU"),
    (
        "https://eur-lex.europa.eu/eli/dir/2000/78/oj",
        "http://data.europa.eu/eli/dir/2000/78/oj",
        "EU",
    ),
    ("HTTP://DATA.EUROPA.EU/ELI/DIR/2000/43/OJ", "http://data.europa.eu/eli/dir/2000/43/oj", "EU"),
    (
        "http://data.europa.eu/eli/reg/2016/679/art_6/par_1/oj",
        "http://data.europa.eu/eli/reg/2016/679/art_6/par_1/oj",
        "EU",
    ),
    (
        "http://data.europa.eu/eli/reg/2016/679/oj/art_6/par_1",
        "http://data.europa.eu/eli/reg/2016/679/art_6/par_1/oj",
        "EU",
    ),
    (
        "eli/dir/2000/43/art_2/par_2/pnt_a/oj",
        "http://data.europa.eu/eli/dir/2000/43/art_2/par_2/pnt_a/oj",
        "EU",
    ),
    (
        "http://data.europa.eu/eli/reg_impl/2019/1/oj",
        "http://data.europa.eu/eli/reg_impl/2019/1/oj",
        "EU",
    ),
    (
        "https://www.legifrance.gouv.fr/eli/loi/2008/5/27/JUSX0755043L/jo/texte",
        "https://www.legifrance.gouv.fr/eli/loi/2008/5/27/JUSX0755043L/jo/texte",
        "FR",
    ),
    (
        "http://www.irishstatutebook.ie/eli/2000/act/8/enacted/en/html",
        "http://www.irishstatutebook.ie/eli/2000/act/8/enacted/en/html",
        "IE",
    ),
    (
        "http://legilux.public.lu/eli/etat/leg/loi/2006/11/28/n2/jo",
        "http://legilux.public.lu/eli/etat/leg/loi/2006/11/28/n2/jo",
        "LU",
    ),
    ("https://www.boe.es/eli/es/l/2007/03/22/3/", "https://www.boe.es/eli/es/l/2007/03/22/3", "ES"),
    ("https://www.example.gr/eli/n/1/2005", "https://www.example.gr/eli/n/1/2005", "EL"),
    ("https://laws.example.org/eli/act/1", "https://laws.example.org/eli/act/1", None),
]

ELI_ERRORS = [
    ("http://data.europa.eu/eli/dir/2000/43", "ends in '/oj'"),
    ("http://data.europa.eu/eli/dir/2000/43/2024-06-18", "consolidated versions are not supported"),
    ("http://data.europa.eu/eli/dir/2000/43/oj/eng", "'eng' is not a subdivision"),
    ("http://data.europa.eu/eli/dir/00/43/oj", "ELI year must have four digits"),
    ("http://data.europa.eu/eli/dir/2000/x/oj", "ELI number must be digits"),
    ("http://data.europa.eu/eli/dir/2000/43/art_2/oj/par_1", "either before or after '/oj'"),
    ("http://data.europa.eu/eli/dir/2000//43/oj", "no empty path segments"),
    ("http://data.europa.eu/eli/Dir-x/2000/43/oj", "ELI type"),
    ("https://www.example.com/laws/1", "no '/eli/' segment"),
    ("https://www.example.com/eli", "needs path segments after '/eli'"),
    ("www.legifrance.gouv.fr/eli/loi/2008/5/27", "starting with http:// or https://"),
    ("http://data.europa.eu/eli/dir/2000/43/oj?x=1", "no query string"),
    ("eli dir 2000 43", "without spaces"),
    ("", "without spaces"),
    ("dir/2000/43/oj", "expected an ELI URI"),
]


@pytest.mark.parametrize(("text", "canonical", "jurisdiction"), ELIS, ids=ids(ELIS))
def test_eli_parses(text: str, canonical: str, jurisdiction: str | None) -> None:
    eli = Eli.parse(text)
    assert str(eli) == canonical
    assert eli.jurisdiction == jurisdiction
    assert eli.is_eu == (jurisdiction == "EU")


@pytest.mark.parametrize(("text", "message"), ELI_ERRORS, ids=ids(ELI_ERRORS))
def test_eli_rejects(text: str, message: str) -> None:
    assert_rejects(Eli.parse, text, message)


def test_eli_fields() -> None:
    eu = Eli.parse("http://data.europa.eu/eli/reg/2016/679/oj/art_6/par_1")
    assert (eu.type, eu.year, eu.number) == ("reg", 2016, 679)
    assert eu.subdivision == (("art", "6"), ("par", "1"))
    assert eu == Eli("reg", 2016, 679, (("art", "6"), ("par", "1")))
    national = Eli.parse("http://www.irishstatutebook.ie/eli/2000/act/8/enacted/en/html")
    assert national.base == "http://www.irishstatutebook.ie/eli"
    assert national.components == ("2000", "act", "8", "enacted", "en", "html")
    assert national.type is None and not national.is_eu


def test_directive_eli_parses_as_eli() -> None:
    directive = DirectiveNumber.parse("2000/43/EC")
    assert Eli.parse(directive.eli) == Eli("dir", 2000, 43)


# --------------------------------------------------------------------------- Ecli

ECLIS = [
    # text, str(), short
    ("ECLI:EU:C:2008:397", "ECLI:EU:C:2008:397", "EU:C:2008:397"),
    ("EU:C:2008:397", "ECLI:EU:C:2008:397", "EU:C:2008:397"),
    ("ecli:eu:c:2008:397", "ECLI:EU:C:2008:397", "EU:C:2008:397"),
    ("ECLI : EU : C : 2008 : 397", "ECLI:EU:C:2008:397", "EU:C:2008:397"),
    (" ECLI:EU:C:2008:155 ", "ECLI:EU:C:2008:155", "EU:C:2008:155"),
    ("ECLI:EU:T:2014:1", "ECLI:EU:T:2014:1", "EU:T:2014:1"),
    ("ECLI:EU:F:2010:12", "ECLI:EU:F:2010:12", "EU:F:2010:12"),
    ("ECLI:EU:C:1954:7", "ECLI:EU:C:1954:7", "EU:C:1954:7"),
    ("ECLI:NL:HR:2015:472", "ECLI:NL:HR:2015:472", "NL:HR:2015:472"),
    (
        "ECLI:DE:BAG:2019:200219.U.2AZR746.14.0",
        "ECLI:DE:BAG:2019:200219.U.2AZR746.14.0",
        "DE:BAG:2019:200219.U.2AZR746.14.0",
    ),
    ("ECLI:ES:TS:2020:1234", "ECLI:ES:TS:2020:1234", "ES:TS:2020:1234"),
    ("ECLI:EL:AP:2010:1", "ECLI:EL:AP:2010:1", "EL:AP:2010:1"),
    ("ECLI:UK:UKSC:2010:1", "ECLI:UK:UKSC:2010:1", "UK:UKSC:2010:1"),
    ("ECLI:BE:GHCC:2009:ARR.001", "ECLI:BE:GHCC:2009:ARR.001", "BE:GHCC:2009:ARR.001"),
]

ECLI_ERRORS = [
    ("ECLI:EU:X:2008:397", "EU court code must be C, T or F, not 'X'"),
    ("ECLI:XX:C:2008:397", "unknown country code 'XX'"),
    (f"ECLI:EU:C:{NEXT_YEAR}:1", f"ECLI year {NEXT_YEAR} is in the future"),
    ("ECLI:EU:C:1949:1", "before 1950"),
    ("ECLI:EU:C:08:397", "ECLI year must have four digits"),
    ("ECLI:NL:HR:2015:.472", "must not start or end with a dot"),
    ("ECLI:NL:HR:2015:472.", "must not start or end with a dot"),
    ("ECLI:NL:HR:2015:" + "1" * 26, "1 to 25 characters"),
    ("ECLI:NL:HR:2015:47-2", "only contain capital letters, digits and dots"),
    ("ECLI:NL:ABCDEFGH:2015:1", "1 to 7 capital letters or digits"),
    ("FOO:EU:C:2008:397", "starts with 'ECLI'"),
    ("ECLI:EU:C:2008", "five parts"),
    ("C:2008:397", "five parts"),
    ("", "five parts"),
    ("ECLI:EU:C:2008:397:1", "five parts"),
    ("ECLI:ÉU:C:2008:397", "only ASCII"),
]


@pytest.mark.parametrize(("text", "canonical", "short"), ECLIS, ids=ids(ECLIS))
def test_ecli_parses(text: str, canonical: str, short: str) -> None:
    ecli = Ecli.parse(text)
    assert str(ecli) == canonical
    assert ecli.short == short


@pytest.mark.parametrize(("text", "message"), ECLI_ERRORS, ids=ids(ECLI_ERRORS))
def test_ecli_rejects(text: str, message: str) -> None:
    assert_rejects(Ecli.parse, text, message)


def test_ecli_eu_courts() -> None:
    assert Ecli.parse("EU:C:2008:397").court_name == "Court of Justice"
    assert Ecli.parse("EU:T:2014:1").court_name == "General Court"
    assert Ecli.parse("EU:F:2010:12").court_name == "Civil Service Tribunal"
    national = Ecli.parse("ECLI:NL:C:2015:1")
    assert national.court_name is None and not national.is_eu


def test_european_court_of_human_rights_ecli() -> None:
    """Regression: ECtHR ECLIs (country code CE, Council of Europe) were refused."""
    ecli = Ecli.parse("ECLI:CE:ECHR:2023:0523JUD002008119")
    assert (ecli.country, ecli.court, ecli.year) == ("CE", "ECHR", 2023)
    assert not ecli.is_eu


def test_ecli_country_codes() -> None:
    assert len(ECLI_COUNTRY_CODES) == 249 + 4  # ISO 3166-1 alpha-2, plus EU, EL, UK and CE
    assert {"EU", "EL", "UK", "CE", "GR", "GB", "DE", "NL"} <= ECLI_COUNTRY_CODES


# --------------------------------------------------------------------------- CaseNumber

CASES = [
    # text, str(), (court, number, year, suffix)
    ("C-54/07", "C-54/07", ("C", 54, 2007, None)),
    ("Case C-54/07", "C-54/07", ("C", 54, 2007, None)),
    ("case c-54/07", "C-54/07", ("C", 54, 2007, None)),
    ("C\u201154/07", "C-54/07", ("C", 54, 2007, None)),
    ("C\u201354/07", "C-54/07", ("C", 54, 2007, None)),
    ("C 54/07", "C-54/07", ("C", 54, 2007, None)),
    ("C54/07", "C-54/07", ("C", 54, 2007, None)),
    ("C - 54 / 07", "C-54/07", ("C", 54, 2007, None)),
    ("C-54/2007", "C-54/07", ("C", 54, 2007, None)),
    ("T-123/05", "T-123/05", ("T", 123, 2005, None)),
    ("F-12/09", "F-12/09", ("F", 12, 2009, None)),
    ("C-286/12 P", "C-286/12 P", ("C", 286, 2012, "P")),
    ("C-441/14 PPU", "C-441/14 PPU", ("C", 441, 2014, "PPU")),
    ("C-61/22 R", "C-61/22 R", ("C", 61, 2022, "R")),
    ("C-61/22 P\u2011R", "C-61/22 P-R", ("C", 61, 2022, "P-R")),
    ("c-221/17 p", "C-221/17 P", ("C", 221, 2017, "P")),
    ("Case 43/75", "43/75", ("C", 43, 1975, None)),
    ("109/88", "109/88", ("C", 109, 1988, None)),
    ("C-177/88", "C-177/88", ("C", 177, 1988, None)),
    ("C-1/54", "C-1/54", ("C", 1, 1954, None)),
    ("C-1/00", "C-1/00", ("C", 1, 2000, None)),
    ("T-1/89", "T-1/89", ("T", 1, 1989, None)),
]

CASE_ERRORS = [
    ("C-54/7", "case year must have two or four digits"),
    ("C-54/007", "case year must have two or four digits"),
    ("C-54/30", "case year 2030 is in the future"),
    ("C-1/53", "case year 2053 is in the future"),  # two-digit years below 54 mean 20xx
    ("C-1/1953", "before 1954"),
    ("T-1/85", "the General Court (T) only has cases from 1989"),
    ("F-1/20", "the Civil Service Tribunal (F) only has cases from 2005 to 2016"),
    ("54/07", "needs its court letter"),
    ("X-1/07", "unknown court prefix 'X'"),
    ("C-0/07", "between 1 and 9999"),
    ("C-12345/07", "at most four digits"),
    ("C-1/07 XYZ", "unknown case suffix 'XYZ'"),
    ("Joined Cases C-1/01 and C-2/01", "lists several cases"),
    ("C-1/01, C-2/01", "lists several cases"),
    ("C-54-07", "expected a case number"),
    ("", "expected a case number"),
]


@pytest.mark.parametrize(("text", "canonical", "fields"), CASES, ids=ids(CASES))
def test_case_number_parses(
    text: str, canonical: str, fields: tuple[str, int, int, str | None]
) -> None:
    case = CaseNumber.parse(text)
    assert str(case) == canonical
    assert (case.court, case.number, case.year, case.suffix) == fields


@pytest.mark.parametrize(("text", "message"), CASE_ERRORS, ids=ids(CASE_ERRORS))
def test_case_number_rejects(text: str, message: str) -> None:
    assert_rejects(CaseNumber.parse, text, message)


def test_case_number_celex() -> None:
    feryn = CaseNumber.parse("C-54/07")
    assert feryn.celex() == Celex.parse("62007CJ0054")
    assert feryn.celex("CC") == Celex.parse("62007CC0054")
    assert CaseNumber.parse("T-201/04").celex() == Celex.parse("62004TJ0201")
    assert CaseNumber.parse("C-286/12 P").celex() == Celex.parse("62012CJ0286")
    with pytest.raises(IdentifierError, match="not for court C"):
        feryn.celex("TJ")
    with pytest.raises(IdentifierError, match="not used in sector 6"):
        feryn.celex("CZ")


def test_old_case_numbers_equal_prefixed_ones() -> None:
    assert CaseNumber.parse("Case 43/75") == CaseNumber.parse("C-43/75")
    assert str(CaseNumber.parse("C-43/75")) == "C-43/75"
    with pytest.raises(IdentifierError, match="up to 1989"):
        CaseNumber("C", 1, 2000, prefixed=False)


# --------------------------------------------------------------------------- JoinedCases

JOINED = [
    # text, str(), number of cases
    ("Joined Cases C-335/11 and C-337/11", "C-335/11 and C-337/11", 2),
    ("joined cases C-335/11 and C-337/11", "C-335/11 and C-337/11", 2),
    ("C-804/18 & C-341/19", "C-804/18 and C-341/19", 2),
    ("C-804/18 and C-341/19", "C-804/18 and C-341/19", 2),
    ("Cases C-397/01 to C-403/01", "C-397/01 to C-403/01", 7),
    ("C-397/01, C-398/01 and C-399/01", "C-397/01 to C-399/01", 3),
    ("C-1/01, C-2/01, C-5/01", "C-1/01, C-2/01 and C-5/01", 3),
    ("C-1/01; C-3/01", "C-1/01 and C-3/01", 2),
    ("C-1/01 to C-2/01", "C-1/01 and C-2/01", 2),
    ("C-54/07", "C-54/07", 1),
    ("Case C-286/12 P", "C-286/12 P", 1),
    ("C-1/01 P, C-2/01 P and C-3/01 P", "C-1/01 P, C-2/01 P and C-3/01 P", 3),
    ("C-5/01 to C-7/01 and T-1/01", "C-5/01 to C-7/01 and T-1/01", 4),
    ("Cases 1/75 to 3/75", "1/75 to 3/75", 3),
]

JOINED_ERRORS = [
    ("C-1/01 and C-1/01", "case C-1/01 is listed twice"),
    ("C-1/01 to C-3/01 and C-2/01", "case C-2/01 is listed twice"),
    ("C-5/01 to C-3/01", "must go upwards"),
    ("C-1/01 to C-500/01", "fewer than 100 cases"),
    ("C-1/01 to T-3/01", "one court and year"),
    ("C-1/01 to C-3/02", "one court and year"),
    ("C-1/01 and", "separated by commas"),
    ("C-1/01, , C-2/01", "separated by commas"),
    ("C-1/01 and C-2/1", "'C-2/1': case year must have two or four digits"),
    ("", "separated by commas"),
]


@pytest.mark.parametrize(("text", "canonical", "count"), JOINED, ids=ids(JOINED))
def test_joined_cases_parse(text: str, canonical: str, count: int) -> None:
    joined = JoinedCases.parse(text)
    assert str(joined) == canonical
    assert len(joined) == count
    assert tuple(joined) == parse_case_numbers(text)


@pytest.mark.parametrize(("text", "message"), JOINED_ERRORS, ids=ids(JOINED_ERRORS))
def test_joined_cases_reject(text: str, message: str) -> None:
    assert_rejects(JoinedCases.parse, text, message)


def test_joined_cases_expand_ranges_in_order() -> None:
    cases = parse_case_numbers("Cases C-397/01 to C-403/01")
    assert [c.number for c in cases] == list(range(397, 404))
    assert JoinedCases.parse("C-804/18 and C-341/19").lead == CaseNumber.parse("C-804/18")


# --------------------------------------------------------------------------- ProvisionPath

PATHS = [
    # text, str(), iri_path()
    ("Article 2(2)(b)", "2(2)(b)", "art_2/par_2/pnt_b"),
    ("Art. 2(2)(b)", "2(2)(b)", "art_2/par_2/pnt_b"),
    ("Art 2 (2) (b)", "2(2)(b)", "art_2/par_2/pnt_b"),
    ("2(2)(b)", "2(2)(b)", "art_2/par_2/pnt_b"),
    ("Article 2(2)(b)(ii)", "2(2)(b)(ii)", "art_2/par_2/pnt_b/pnt_ii"),
    ("Art. 2 para. 2 (b)", "2(2)(b)", "art_2/par_2/pnt_b"),
    ("Article 2 paragraph 2 point (b)", "2(2)(b)", "art_2/par_2/pnt_b"),
    ("Art. 2 § 2 lit. b", "2(2)(b)", "art_2/par_2/pnt_b"),
    ("article 8(1)", "8(1)", "art_8/par_1"),
    ("Article 4(2), second subparagraph", "4(2), second subparagraph", "art_4/par_2/sbp_2"),
    ("Article 4(2) second subparagraph", "4(2), second subparagraph", "art_4/par_2/sbp_2"),
    ("the second subparagraph of Article 4(2)", "4(2), second subparagraph", "art_4/par_2/sbp_2"),
    ("Article 3(1)(h)", "3(1)(h)", "art_3/par_1/pnt_h"),
    ("Art. 5", "5", "art_5"),
    ("Art.5", "5", "art_5"),
    ("Article 3a", "3a", "art_3a"),
    ("Article 10a(1)", "10a(1)", "art_10a/par_1"),
    ("Art. 6(1a)", "6(1a)", "art_6/par_1a"),
    ("Article 2(a)", "2(a)", "art_2/pnt_a"),
    ("Article 2(2)(aa)", "2(2)(aa)", "art_2/par_2/pnt_aa"),
    ("Article 3(1)(1)", "3(1)(1)", "art_3/par_1/pnt_1"),
    ("Article 5, point (1)", "5, point (1)", "art_5/pnt_1"),
    ("Article 5 subparagraph 2", "5, second subparagraph", "art_5/sbp_2"),
    ("Article 5, 3rd subparagraph", "5, third subparagraph", "art_5/sbp_3"),
    ("point (b) of Article 2(2)", "2(2)(b)", "art_2/par_2/pnt_b"),
    (
        "point (b) of the second subparagraph of Article 4(2)",
        "4(2), second subparagraph, point (b)",
        "art_4/par_2/sbp_2/pnt_b",
    ),
    (
        "Article 4(2), second subparagraph, point (b)(ii)",
        "4(2), second subparagraph, point (b)(ii)",
        "art_4/par_2/sbp_2/pnt_b/pnt_ii",
    ),
    ("Article 2(2)(b)(iv)", "2(2)(b)(iv)", "art_2/par_2/pnt_b/pnt_iv"),
    ("Art. 2(2)(b), subpoint (i)", "2(2)(b)(i)", "art_2/par_2/pnt_b/pnt_i"),
    ("ARTICLE 2 ( 2 ) ( B )", "2(2)(b)", "art_2/par_2/pnt_b"),
]

PATH_ERRORS = [
    ("Article 2(2)(b)(iiii)", "'iiii' is not a roman numeral"),
    ("Article 2(b)(2)", "'2' is not a roman numeral"),
    ("Article 2(2)(b)(ii)(x)", "cannot come after the subpoint"),
    ("Article 2(2)(b), second subparagraph", "cannot come after the point"),
    ("Article 2 paragraph 2 paragraph 3", "cannot come after the paragraph"),
    ("Article 2(2) and (3)", "cannot read 'and (3)'"),
    ("Articles 2 and 3", "expected an article number"),
    ("Article 0", "article '0' must be a number"),
    ("Article 12345", "article '12345' must be a number"),
    ("Article 2(abc)", "point 'abc' must be one or two letters"),
    ("Article 2 paragraph x", "paragraph 'x' must be a number"),
    ("Article 5 subparagraph 0", "subparagraph must be between 1 and 20"),
    ("last subparagraph of Article 5", "cannot read 'last subparagraph'"),
    ("Article 2, subpoint (i)", "a subpoint needs a point"),
    ("Article 2(2)(b) of Directive 2000/43", "expected an article number"),
    ("Artikel 2", "expected an article number"),
    ("Article 2(2)(b)\u00e9", "non-ASCII"),
    ("", "expected an article number"),
]


@pytest.mark.parametrize(("text", "canonical", "iri_path"), PATHS, ids=ids(PATHS))
def test_provision_path_parses(text: str, canonical: str, iri_path: str) -> None:
    path = ProvisionPath.parse(text)
    assert str(path) == canonical
    assert path.citation() == f"Article {canonical}"
    assert path.iri_path() == iri_path
    assert ProvisionPath.from_iri_path(iri_path) == path


@pytest.mark.parametrize(("text", "message"), PATH_ERRORS, ids=ids(PATH_ERRORS))
def test_provision_path_rejects(text: str, message: str) -> None:
    assert_rejects(ProvisionPath.parse, text, message)


IRI_PATH_ERRORS = [
    ("par_2/art_2", "starts with 'art_'"),
    ("art_2/pnt_b/par_2", "unexpected segment 'par_2'"),
    ("art_2/par_2/pnt_b/pnt_ii/pnt_x", "unexpected segment 'pnt_x'"),
    ("art_2/xyz_1", "unexpected segment 'xyz_1'"),
    ("art_2/sbp_two", "subparagraph 'two' must be a number"),
    ("art_2/par_", "unexpected segment 'par_'"),
    ("", "starts with 'art_'"),
]


@pytest.mark.parametrize(("text", "message"), IRI_PATH_ERRORS, ids=ids(IRI_PATH_ERRORS))
def test_provision_path_from_iri_path_rejects(text: str, message: str) -> None:
    with pytest.raises(IdentifierError) as caught:
        ProvisionPath.from_iri_path(text)
    assert message in caught.value.reason


def test_provision_path_tree() -> None:
    path = ProvisionPath.parse("Article 2(2)(b)(ii)")
    assert path.depth == 4
    assert str(path.parent()) == "2(2)(b)"
    assert [str(a) for a in path.ancestors()] == ["2", "2(2)", "2(2)(b)"]
    assert ProvisionPath("2").parent() is None
    assert ProvisionPath("2").ancestors() == ()
    assert ProvisionPath("2").depth == 1
    assert ProvisionPath("2").contains(path)
    assert path.contains(path)
    assert not path.contains(ProvisionPath("2"))
    assert not ProvisionPath("2", "1").contains(path)
    sub = ProvisionPath.parse("point (a) of the second subparagraph of Article 4(2)")
    assert [str(a) for a in sub.ancestors()] == ["4", "4(2)", "4(2), second subparagraph"]


ACT_ORDER = (
    "2 2(1) 2(2) 2(2)(a) 2(2)(b) 2(2)(b)(ii) 2(2)(b)(iv) 2(2)(b)(v) 2(2)(z) 2(2)(aa) 2(10) 3 10 10a"
)


def test_provision_paths_sort_as_in_the_act() -> None:
    in_order = ACT_ORDER.split()
    shuffled = in_order[::-1][::2] + in_order[::-1][1::2]
    assert [str(p) for p in sorted(map(ProvisionPath.parse, shuffled))] == in_order
    assert ProvisionPath("2") < ProvisionPath("2", "1") <= ProvisionPath("2", "1")
    assert ProvisionPath("10") > ProvisionPath("9")


# --------------------------------------------------------------------------- ProvisionRef

ALIASES = {
    "RED": DirectiveNumber(2000, 43),
    "Racial Equality Directive": DirectiveNumber(2000, 43),
    "Employment Equality Directive": DirectiveNumber(2000, 78),
    "EED": DirectiveNumber(2000, 78),
}

REFS = [
    # text, str(), citation()
    ("2000/78 Art 5", "2000/78 Art 5", "Article 5 of Directive 2000/78/EC"),
    ("2000/78/EC Article 5", "2000/78 Art 5", "Article 5 of Directive 2000/78/EC"),
    ("Article 5 of Directive 2000/78/EC", "2000/78 Art 5", "Article 5 of Directive 2000/78/EC"),
    ("Article 5 Directive 2000/78", "2000/78 Art 5", "Article 5 of Directive 2000/78/EC"),
    (
        "Art. 10(1) of Council Directive 2000/78/EC",
        "2000/78 Art 10(1)",
        "Article 10(1) of Directive 2000/78/EC",
    ),
    (
        "Directive 2000/78/EC, Article 2(2)(b)",
        "2000/78 Art 2(2)(b)",
        "Article 2(2)(b) of Directive 2000/78/EC",
    ),
    ("Art 8 2000/43", "2000/43 Art 8", "Article 8 of Directive 2000/43/EC"),
    (
        "Article 2(2)(b)(ii) of Directive 2000/78/EC",
        "2000/78 Art 2(2)(b)(ii)",
        "Article 2(2)(b)(ii) of Directive 2000/78/EC",
    ),
    (
        "the second subparagraph of Article 4(2) of Directive 2000/78/EC",
        "2000/78 Art 4(2), second subparagraph",
        "Article 4(2), second subparagraph, of Directive 2000/78/EC",
    ),
    (
        "2000/78 Art 4(2), second subparagraph",
        "2000/78 Art 4(2), second subparagraph",
        "Article 4(2), second subparagraph, of Directive 2000/78/EC",
    ),
    (
        "Article 5 of Directive (EU) 2024/1499",
        "2024/1499 Art 5",
        "Article 5 of Directive (EU) 2024/1499",
    ),
    ("2024/1499 Art 5", "2024/1499 Art 5", "Article 5 of Directive (EU) 2024/1499"),
    ("Article 4 of Council Directive 79/7/EEC", "79/7 Art 4", "Article 4 of Directive 79/7/EEC"),
    ("Article 8 RED", "2000/43 Art 8", "Article 8 of Directive 2000/43/EC"),
    ("RED Art 8", "2000/43 Art 8", "Article 8 of Directive 2000/43/EC"),
    ("red, Article 8(1)", "2000/43 Art 8(1)", "Article 8(1) of Directive 2000/43/EC"),
    (
        "Art. 8 of the Racial Equality Directive",
        "2000/43 Art 8",
        "Article 8 of Directive 2000/43/EC",
    ),
    (
        "Article 2(2)(b) of the employment  equality directive",
        "2000/78 Art 2(2)(b)",
        "Article 2(2)(b) of Directive 2000/78/EC",
    ),
]

REF_ERRORS = [
    ("Article 5 of the Unknown Directive", "no directive found"),
    ("Article 5", "no directive found"),
    ("2000/78", "no directive found"),
    ("Article 5 of Directive 2000/43/EU", "EU is only used from December 2009"),
    ("Art 2(2)(b)(q) 2000/43", "'q' is not a roman numeral"),
    ("Article 5 of Regulation (EU) 2016/679", "names a regulation, not a directive"),
    ("Article 99 of the EED Directive", "no directive found"),
    ("", "no directive found"),
]


@pytest.mark.parametrize(("text", "canonical", "citation"), REFS, ids=ids(REFS))
def test_provision_ref_parses(text: str, canonical: str, citation: str) -> None:
    ref = ProvisionRef.parse(text, aliases=ALIASES)
    assert str(ref) == canonical
    assert ref.citation() == citation


@pytest.mark.parametrize(("text", "message"), REF_ERRORS, ids=ids(REF_ERRORS))
def test_provision_ref_rejects(text: str, message: str) -> None:
    assert_rejects(lambda t: ProvisionRef.parse(t, aliases=ALIASES), text, message)


def test_provision_ref_needs_aliases_for_names() -> None:
    with pytest.raises(IdentifierError, match="no directive found"):
        ProvisionRef.parse("Article 8 RED")
    ref = ProvisionRef.parse("Article 8 RED", aliases={"red": DirectiveNumber(2000, 43)})
    assert ref == ProvisionRef(DirectiveNumber(2000, 43), ProvisionPath("8"))


# --------------------------------------------------------------------------- round trips

ROUND_TRIPS: list[tuple[Callable[[str], object], str]] = [
    *[(DirectiveNumber.parse, row[0]) for row in DIRECTIVES],
    *[(Celex.parse, row[0]) for row in CELEXES],
    *[(Eli.parse, row[0]) for row in ELIS],
    *[(Ecli.parse, row[0]) for row in ECLIS],
    *[(CaseNumber.parse, row[0]) for row in CASES],
    *[(JoinedCases.parse, row[0]) for row in JOINED],
    *[(ProvisionPath.parse, row[0]) for row in PATHS],
    *[(lambda text: ProvisionRef.parse(text, aliases=ALIASES), row[0]) for row in REFS],
]
ROUND_TRIP_IDS = [f"{parse.__qualname__.split('.')[0]}:{text!r}" for parse, text in ROUND_TRIPS]


@pytest.mark.parametrize(("parse", "text"), ROUND_TRIPS, ids=ROUND_TRIP_IDS)
def test_canonical_form_parses_to_the_same_identifier(
    parse: Callable[[str], object], text: str
) -> None:
    parsed = parse(text)
    again = parse(str(parsed))
    assert again == parsed
    assert str(again) == str(parsed)


# --------------------------------------------------------------------------- the error type


def test_identifier_error_is_a_value_error_that_quotes_the_input() -> None:
    with pytest.raises(ValueError) as caught:
        CaseNumber.parse("C-54/7")
    error = caught.value
    assert isinstance(error, IdentifierError)
    assert str(error) == "'C-54/7': case year must have two or four digits"
    assert (error.text, error.reason) == ("C-54/7", "case year must have two or four digits")
    copy = pickle.loads(pickle.dumps(error))
    assert str(copy) == str(error)


def test_constructors_validate_like_parse() -> None:
    with pytest.raises(IdentifierError, match="unknown court prefix"):
        CaseNumber("X", 1, 2007)
    with pytest.raises(IdentifierError, match="roman numeral"):
        ProvisionPath("2", "2", point="b", subpoint="q")
    with pytest.raises(IdentifierError, match="not used in sector 3"):
        Celex("3", 2000, "Z", "0043")
    with pytest.raises(IdentifierError, match="EU court code"):
        Ecli("EU", "Z", 2008, "1")
    with pytest.raises(IdentifierError, match="at least one case"):
        JoinedCases(())


def test_docstring_examples() -> None:
    result = doctest.testmod(identifiers, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 40
    assert result.failed == 0


def test_public_api() -> None:
    assert sorted(identifiers.__all__) == sorted(
        name for name in identifiers.__all__ if hasattr(identifiers, name)
    )


# --------------------------------------------------------------------------- properties

roman = st.sampled_from(["i", "ii", "iii", "iv", "v", "vi", "ix", "x", "xiv", "xix", "xl"])


@st.composite
def directive_numbers(draw: st.DrawFn) -> DirectiveNumber:
    year = draw(st.integers(1958, THIS_YEAR))
    return DirectiveNumber(year, draw(st.integers(1, 9999)), draw(st.sampled_from(["", "Euratom"])))


@st.composite
def celexes(draw: st.DrawFn) -> Celex:
    year = draw(st.integers(1951, THIS_YEAR))
    number = f"{draw(st.integers(0, 9999)):04d}"
    sector = draw(st.sampled_from("35670"))
    if sector == "3":
        corrigendum = draw(st.sampled_from([None, "R(01)", "(02)", "(01)R(03)"]))
        return Celex("3", year, draw(st.sampled_from("LRDHX")), number, corrigendum)
    if sector == "5":
        return Celex("5", year, draw(st.sampled_from(["PC", "DC", "SC", "XC"])), number)
    if sector == "6":
        return Celex("6", year, draw(st.sampled_from(["CJ", "CC", "CO", "TJ", "FJ"])), number)
    if sector == "7":
        country = draw(st.from_regex(r"[A-Z]{3}", fullmatch=True))
        national_id = draw(st.from_regex(r"[A-Z0-9]{1,12}", fullmatch=True))
        return Celex("7", year, "L", number, None, country, national_id)
    day = draw(st.dates(date(1951, 1, 1), date.today()))
    return Celex("0", year, "L", number, f"-{day:%Y%m%d}")


NATIONAL_BASES = {
    "https://www.legifrance.gouv.fr/eli": "FR",
    "http://www.irishstatutebook.ie/eli": "IE",
    "http://legilux.public.lu/eli": "LU",
    "https://laws.example.org/data/eli": None,
}


@st.composite
def elis(draw: st.DrawFn) -> Eli:
    if draw(st.booleans()):
        kinds = st.sampled_from(["art", "par", "pnt", "sbp", "anx"])
        values = st.from_regex(r"[0-9a-z]{1,3}", fullmatch=True)
        subdivision = draw(st.lists(st.tuples(kinds, values), max_size=4))
        eli_type = draw(st.sampled_from(["dir", "reg", "dec", "reg_impl", "dir_del"]))
        year = draw(st.integers(1951, THIS_YEAR))
        return Eli(eli_type, year, draw(st.integers(1, 99999)), tuple(subdivision))
    base = draw(st.sampled_from(sorted(NATIONAL_BASES)))
    segment = st.from_regex(r"[A-Za-z0-9_.~-]{1,12}", fullmatch=True)
    components = tuple(draw(st.lists(segment, min_size=1, max_size=7)))
    return Eli(base=base, components=components, jurisdiction=NATIONAL_BASES[base])


@st.composite
def eclis(draw: st.DrawFn) -> Ecli:
    country = draw(st.sampled_from(sorted(ECLI_COUNTRY_CODES)))
    if country == "EU":
        court = draw(st.sampled_from("CTF"))
    else:
        court = draw(st.from_regex(r"[A-Z0-9]{1,7}", fullmatch=True))
    ordinal = draw(st.from_regex(r"[A-Z0-9](?:[A-Z0-9.]{0,23}[A-Z0-9])?", fullmatch=True))
    return Ecli(country, court, draw(st.integers(1950, THIS_YEAR)), ordinal)


@st.composite
def case_numbers(draw: st.DrawFn) -> CaseNumber:
    court = draw(st.sampled_from("CTF"))
    first, last = {"C": (1954, THIS_YEAR), "T": (1989, THIS_YEAR), "F": (2005, 2016)}[court]
    year = draw(st.integers(first, last))
    suffix = draw(st.sampled_from([None, None, "P", "PPU", "R", "P-R", "RENV"]))
    prefixed = draw(st.booleans()) if court == "C" and year <= 1989 else True
    return CaseNumber(court, draw(st.integers(1, 9999)), year, suffix, prefixed)


joined_cases = st.lists(case_numbers(), min_size=1, max_size=6, unique=True).map(
    lambda cases: JoinedCases(tuple(cases))
)


@st.composite
def provision_paths(draw: st.DrawFn) -> ProvisionPath:
    article = draw(st.from_regex(r"[1-9][0-9]{0,2}[a-z]{0,2}", fullmatch=True))
    paragraph = draw(st.none() | st.from_regex(r"[1-9][0-9]?[a-z]?", fullmatch=True))
    subparagraph = draw(st.none() | st.integers(1, 20))
    point = draw(st.none() | st.from_regex(r"[a-z]{1,2}|[1-9][0-9]?", fullmatch=True))
    subpoint = draw(st.none() | roman) if point is not None else None
    return ProvisionPath(article, paragraph, subparagraph, point, subpoint)


provision_refs = st.builds(ProvisionRef, directive_numbers(), provision_paths())

GENERATED = {
    "DirectiveNumber": (directive_numbers(), DirectiveNumber.parse),
    "Celex": (celexes(), Celex.parse),
    "Eli": (elis(), Eli.parse),
    "Ecli": (eclis(), Ecli.parse),
    "CaseNumber": (case_numbers(), CaseNumber.parse),
    "JoinedCases": (joined_cases, JoinedCases.parse),
    "ProvisionPath": (provision_paths(), ProvisionPath.parse),
    "ProvisionRef": (provision_refs, ProvisionRef.parse),
}


@pytest.mark.parametrize("name", sorted(GENERATED))
@given(data=st.data())
def test_generated_identifiers_round_trip(name: str, data: st.DataObject) -> None:
    strategy, parse = GENERATED[name]
    value = data.draw(strategy)
    again = parse(str(value))
    assert again == value
    assert str(again) == str(value)


@given(provision_paths())
def test_generated_provision_paths_round_trip_through_iri_paths(path: ProvisionPath) -> None:
    assert ProvisionPath.from_iri_path(path.iri_path()) == path
    assert all(ancestor.contains(path) for ancestor in path.ancestors())
    assert all(ancestor < path for ancestor in path.ancestors())


PARSERS: dict[str, Callable[[str], object]] = {
    "DirectiveNumber": DirectiveNumber.parse,
    "Celex": Celex.parse,
    "Eli": Eli.parse,
    "Ecli": Ecli.parse,
    "CaseNumber": CaseNumber.parse,
    "JoinedCases": JoinedCases.parse,
    "ProvisionPath": ProvisionPath.parse,
    "ProvisionPath.from_iri_path": ProvisionPath.from_iri_path,
    "ProvisionRef": lambda text: ProvisionRef.parse(text, aliases=ALIASES),
}
#: characters identifiers are made of, so that random text often gets far into a parser
NEAR_MISS = "CTFELIUeclitoandArt.()/:-–_§ 0123456789PRLJivxabz,"


@pytest.mark.parametrize("name", sorted(PARSERS))
@given(text=st.text(max_size=60) | st.text(alphabet=NEAR_MISS, max_size=40))
def test_random_text_raises_only_identifier_error(name: str, text: str) -> None:
    parse = PARSERS[name]
    try:
        parsed = parse(text)
    except IdentifierError as err:
        assert err.text == text
        return
    if name == "ProvisionPath.from_iri_path":
        parse = ProvisionPath.parse
    assert parse(str(parsed)) == parsed
