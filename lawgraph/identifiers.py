"""Identifiers of EU equality law: directives, CELEX, ELI, ECLI, case numbers and provisions.

Every identifier is a small frozen value object. ``parse`` accepts the forms lawyers write and
normalises them; ``str()`` gives the one canonical form, and parsing that form again gives an
equal object. Text that is not a valid identifier raises :class:`IdentifierError`, a
``ValueError`` whose message quotes the input and says what is wrong.

Directives, with the CELEX number and ELI that EUR-Lex gives them:

>>> red = DirectiveNumber.parse("Council Directive 2000/43/EC")
>>> str(red), red.short, str(red.celex)
('2000/43/EC', '2000/43', '32000L0043')
>>> red.eli
'http://data.europa.eu/eli/dir/2000/43/oj'
>>> str(DirectiveNumber.parse("Directive (EU) 2024/1500"))
'(EU) 2024/1500'

Rulings of the Court of Justice, by ECLI and by case number:

>>> str(Ecli.parse("eu:c:2008:397"))
'ECLI:EU:C:2008:397'
>>> feryn = CaseNumber.parse("Case C‑54/07")
>>> str(feryn), str(feryn.celex())
('C-54/07', '62007CJ0054')
>>> str(JoinedCases.parse("Joined Cases C-335/11 & C-337/11"))
'C-335/11 and C-337/11'

Provisions, alone or with their directive:

>>> path = ProvisionPath.parse("Art. 2 para. 2 lit. b")
>>> str(path), path.iri_path()
('2(2)(b)', 'art_2/par_2/pnt_b')
>>> ref = ProvisionRef.parse("Art. 10(1) of Council Directive 2000/78/EC")
>>> str(ref), ref.citation()
('2000/78 Art 10(1)', 'Article 10(1) of Directive 2000/78/EC')

Errors say what is wrong:

>>> CaseNumber.parse("C-54/7")
Traceback (most recent call last):
...
lawgraph.identifiers.IdentifierError: 'C-54/7': case year must have two or four digits
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import total_ordering
from typing import NoReturn, TypeVar
from urllib.parse import unquote

__all__ = [
    "ECLI_COUNTRY_CODES",
    "CaseNumber",
    "Celex",
    "DirectiveNumber",
    "Ecli",
    "Eli",
    "IdentifierError",
    "JoinedCases",
    "ProvisionPath",
    "ProvisionRef",
    "parse_case_numbers",
]

_T = TypeVar("_T")
_FLAGS = re.ASCII | re.IGNORECASE
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"  # hyphens, non-breaking hyphen, dashes, minus


class IdentifierError(ValueError):
    """Text that is not a valid identifier. ``text`` is the input, ``reason`` what is wrong.

    >>> try:
    ...     Ecli.parse("ECLI:EU:X:2008:397")
    ... except IdentifierError as err:
    ...     print(err)
    'ECLI:EU:X:2008:397': EU court code must be C, T or F, not 'X'
    """

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(text, reason)
        self.text = text
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.text!r}: {self.reason}"


# --------------------------------------------------------------------------- helpers


def _clean(text: str) -> str:
    """Trim, and collapse runs of whitespace (no-break spaces too) to one space."""
    if not isinstance(text, str):
        raise TypeError(f"expected a string, got {type(text).__name__}")
    return " ".join(text.split())


def _fail(text: str, reason: str) -> NoReturn:
    raise IdentifierError(text, reason)


def _check(obj: object, ok: object, reason: str) -> None:
    """Validation inside ``__post_init__``: the object's repr stands in for the input."""
    if not ok:
        raise IdentifierError(repr(obj), reason)


def _build(text: str, factory: Callable[..., _T], *args: object) -> _T:
    """Construct from parsed parts; a validation error quotes ``text`` instead of the repr."""
    try:
        return factory(*args)
    except IdentifierError as err:
        raise IdentifierError(text, err.reason) from None


def _this_year() -> int:
    return date.today().year


def _codes(text: str) -> frozenset[str]:
    """A set of codes written as one space-separated string, for readable tables."""
    return frozenset(text.split())


# --------------------------------------------------------------------------- directives

_SUFFIXES = {"EEC": "EEC", "EC": "EC", "EU": "EU", "EURATOM": "Euratom"}
_DIRECTIVE_PATTERN = (
    r"(?:(?:council|commission|european\s+parliament\s+and\s+(?:of\s+the\s+)?council)\s+)?"
    r"(?:(?:implementing|delegated)\s+)?(?:directive\s+)?"
    r"(?:\((?P<psuffix>euratom|eec|ec|eu)\)\s*(?P<pyear>[0-9]{4})/(?P<pnumber>[0-9]{1,4})"
    r"|(?P<year>[0-9]{4}|[0-9]{2})/(?P<number>[0-9]{1,4})(?:/(?P<suffix>euratom|eec|ec|eu))?)"
)
_DIRECTIVE_RE = re.compile(_DIRECTIVE_PATTERN, _FLAGS)
_OTHER_ACT_RE = re.compile(r"\b(regulation|decision|recommendation)\b", _FLAGS)


def _infer_suffix(year: int) -> str:
    """EEC until the Maastricht Treaty (1 Nov 1993), EC until Lisbon (1 Dec 2009), then EU.

    The two transition years are ambiguous from the year alone: "" means "not known".
    """
    if year < 1993:
        return "EEC"
    if 1993 < year < 2009:
        return "EC"
    return "EU" if year > 2009 else ""


def _suffix_problem(year: int, suffix: str) -> str | None:
    expected = _infer_suffix(year) or ("EEC or EC" if year == 1993 else "EC or EU")
    if suffix not in {"", *_SUFFIXES.values()}:
        return f"unknown suffix {suffix!r} (expected EEC, EC, EU or Euratom)"
    if suffix == "EEC" and year > 1993:
        return f"EEC was replaced by EC in November 1993; a {year} directive is {expected}"
    if suffix == "EC" and year < 1993:
        return f"the suffix EC is only used from November 1993; a {year} directive is EEC"
    if suffix == "EC" and year > 2009:
        return f"EC was replaced by EU in December 2009; a {year} directive is EU"
    if suffix == "EU" and year < 2009:
        return f"the suffix EU is only used from December 2009; a {year} directive is {expected}"
    return None


@dataclass(frozen=True, slots=True, order=True)
class DirectiveNumber:
    """The number of an EU directive: ``2000/43/EC``, ``79/7/EEC``, ``(EU) 2024/1499``.

    ``parse`` accepts the number with or without its suffix and with the words around it:

    >>> DirectiveNumber.parse("Directive 2000/78")
    DirectiveNumber(year=2000, number=78, suffix='EC')
    >>> str(DirectiveNumber.parse("Council Directive 79/7/EEC"))
    '79/7/EEC'
    >>> str(DirectiveNumber.parse("2024/1499"))
    '(EU) 2024/1499'

    A missing suffix is inferred from the year (EEC before November 1993, EC until November 2009,
    EU after). For 1993 and 2009 the year alone does not tell, so the suffix stays empty rather
    than guessed. Since 2015 directives are numbered "(EU) year/number". The suffix is not part
    of the identity: "2000/43" and "2000/43/EC" are the same directive.

    >>> DirectiveNumber.parse("2009/50") == DirectiveNumber.parse("2009/50/EC")
    True
    >>> str(DirectiveNumber.parse("2009/50"))
    '2009/50'

    The year is two-digit up to 1998, as the Official Journal prints it:

    >>> DirectiveNumber.parse("1976/207/EEC").short
    '76/207'
    >>> DirectiveNumber.parse("2010/41/EU").celex.uri
    'http://publications.europa.eu/resource/celex/32010L0041'
    """

    year: int
    number: int
    suffix: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        _check(
            self,
            1958 <= self.year <= _this_year(),
            f"directive year {self.year} is outside 1958–{_this_year()}",
        )
        _check(self, 1 <= self.number <= 9999, "directive number must be between 1 and 9999")
        if not self.suffix:
            object.__setattr__(self, "suffix", _infer_suffix(self.year))
        problem = _suffix_problem(self.year, self.suffix)
        _check(self, problem is None, problem or "")

    @classmethod
    def parse(cls, text: str) -> DirectiveNumber:
        """Read "2000/43/EC", "Council Directive 2000/43", "Directive (EU) 2024/1500" …"""
        cleaned = _clean(text)
        other = _OTHER_ACT_RE.search(cleaned)
        if other:
            _fail(text, f"this is a {other[1].lower()}, not a directive")
        match = _DIRECTIVE_RE.fullmatch(cleaned)
        if not match:
            _fail(text, "expected a directive number such as '2000/43/EC' or '(EU) 2024/1499'")
        return cls._from_match(text, match)

    @classmethod
    def _from_match(cls, text: str, match: re.Match[str]) -> DirectiveNumber:
        if match["pyear"]:
            year_text, number, suffix = match["pyear"], match["pnumber"], match["psuffix"]
        else:
            year_text, number, suffix = match["year"], match["number"], match["suffix"]
        year = int(year_text)
        if len(year_text) == 2:
            if year < 58:
                _fail(text, "a two-digit year stands for 1958–1999; write later years in full")
            year += 1900
        return _build(text, cls, year, int(number), _SUFFIXES[suffix.upper()] if suffix else "")

    @property
    def short(self) -> str:
        """Year and number without suffix: "2000/43", "79/7", "2024/1499"."""
        year = f"{self.year % 100:02d}" if self.year < 1999 else str(self.year)
        return f"{year}/{self.number}"

    @property
    def celex(self) -> Celex:
        """The CELEX number of the directive (sector 3, descriptor L)."""
        return Celex("3", self.year, "L", f"{self.number:04d}")

    @property
    def eli(self) -> str:
        """The ELI of the directive as published in the Official Journal."""
        return f"{_EU_ELI_BASE}/dir/{self.year}/{self.number}/oj"

    def __str__(self) -> str:
        if self.year >= 2015:
            return f"({self.suffix}) {self.year}/{self.number}"
        return f"{self.short}/{self.suffix}" if self.suffix else self.short


# --------------------------------------------------------------------------- CELEX

_CELEX_SECTORS = {
    "1": "treaties",
    "2": "international agreements",
    "3": "legislation",
    "4": "complementary legislation",
    "5": "preparatory acts",
    "6": "case law",
    "7": "national transposition measures",
    "8": "national case law",
    "9": "parliamentary questions",
    "0": "consolidated acts",
    "C": "OJ C series",
    "E": "EFTA documents",
}
# From EUR-Lex's table of document types. Sector 6 follows its conversion table of the old
# one-letter descriptors; sectors not listed here are only checked for form.
_CELEX_DESCRIPTORS = {
    "3": _codes("A B C D E F G H J K L M O Q R S X Y"),
    "5": _codes(
        "AG KG IG XG PC DC JC SC EC FC GC XC AP BP IP DP XP AA TA SA XA AB HB XB "
        "AE IE AC XE AR IR XR AK XK XX"
    ),
    "6": _codes("CJ CO CC CS CT CV CX CD CP CN CA CB CU TJ TO TC TT TN TA TB FJ FO FT FN FA FB"),
    "7": _codes("L R D F"),
}
_CELEX_RE = re.compile(
    r"(?P<sector>[0-9A-Z])(?P<year>[0-9]{4})(?P<descriptor>[A-Z]{1,2})(?P<number>[0-9]{1,6})"
    r"(?P<rest>.*)",
    re.ASCII,
)
_CELEX_SUFFIX_RE = re.compile(r"(?:\([0-9]{2}\))?(?:R\([0-9]{2}\))?(?:-(?P<date>[0-9]{8}))?")
_CELEX_PREFIX_RE = re.compile(
    r"(?:https?://publications\.europa\.eu/resource/celex/|celex\s*:?\s*)", _FLAGS
)
_CELEX_BASE = "http://publications.europa.eu/resource/celex/"


def _is_date(yyyymmdd: str) -> bool:
    try:
        date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
    except ValueError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class Celex:
    """A CELEX number, EUR-Lex's identifier of every document it holds.

    Sector, year, a one- or two-letter descriptor and a number, sometimes with a suffix:

    >>> c = Celex.parse("CELEX:32000L0043")
    >>> c.sector, c.year, c.descriptor, c.number
    ('3', 2000, 'L', '0043')
    >>> c.uri
    'http://publications.europa.eu/resource/celex/32000L0043'
    >>> str(Celex.parse("32000l0043r(01)"))
    '32000L0043R(01)'

    Case law (sector 6) uses the year the case was lodged and the case number:

    >>> str(Celex.parse("62007CJ0054"))
    '62007CJ0054'

    A national transposition measure (sector 7) is the directive's number with the country and
    an id; ``directive`` gives back the directive's own CELEX:

    >>> nim = Celex.parse("72000L0043FRA_123456")
    >>> nim.country, nim.national_id, str(nim.directive)
    ('FRA', '123456', '32000L0043')
    """

    sector: str
    year: int
    descriptor: str
    number: str
    suffix: str | None = None
    country: str | None = None
    national_id: str | None = None

    def __post_init__(self) -> None:
        _check(
            self,
            self.sector in _CELEX_SECTORS,
            f"unknown sector {self.sector!r} (expected 0-9, C or E)",
        )
        _check(
            self,
            1951 <= self.year <= _this_year(),
            f"year {self.year} is outside 1951–{_this_year()}",
        )
        self._check_descriptor()
        four = self.sector in ("0", "3", "6", "7")
        _check(
            self,
            re.fullmatch(r"[0-9]{4}" if four else r"[0-9]{1,6}", self.number),
            f"document number {self.number!r} must have four digits"
            if four
            else f"document number {self.number!r} must have one to six digits",
        )
        self._check_suffix()
        self._check_national()

    def _check_descriptor(self) -> None:
        _check(
            self,
            re.fullmatch(r"[A-Z]{1,2}", self.descriptor),
            f"descriptor {self.descriptor!r} must be one or two capital letters",
        )
        allowed = _CELEX_DESCRIPTORS.get(self.sector)
        _check(
            self,
            allowed is None or self.descriptor in allowed,
            f"descriptor {self.descriptor} is not used in sector {self.sector} "
            f"({_CELEX_SECTORS[self.sector]})",
        )

    def _check_suffix(self) -> None:
        if self.suffix is None:
            _check(
                self,
                self.sector != "0",
                "a consolidated version (sector 0) ends in its date, e.g. '-20240618'",
            )
            return
        match = _CELEX_SUFFIX_RE.fullmatch(self.suffix)
        _check(
            self,
            self.suffix and match,
            f"unknown suffix {self.suffix!r} (expected e.g. 'R(01)', '(01)' or '-20240618')",
        )
        assert match is not None
        _check(
            self,
            not ("R(" in self.suffix and self.sector in ("0", "7")),
            "sectors 0 and 7 have no corrigenda",
        )
        if self.sector == "0":
            _check(
                self,
                match["date"] and _is_date(match["date"]),
                "a consolidated version (sector 0) ends in a valid date, e.g. '-20240618'",
            )
        else:
            _check(self, not match["date"], "only consolidated versions (sector 0) carry a date")

    def _check_national(self) -> None:
        if self.sector != "7":
            _check(
                self,
                self.country is None and self.national_id is None,
                "only national measures (sector 7) have a country and a national id",
            )
            return
        _check(
            self,
            self.country and re.fullmatch(r"[A-Z]{3}", self.country),
            "a national measure needs a three-letter country code, e.g. 'FRA'",
        )
        _check(
            self,
            self.national_id and re.fullmatch(r"[A-Z0-9]{1,30}", self.national_id),
            "a national measure needs an id of letters and digits after the '_'",
        )

    @classmethod
    def parse(cls, text: str) -> Celex:
        """Read "32000L0043", "CELEX:32000L0043", lower case, or the Cellar URI."""
        body = _clean(text)
        prefix = _CELEX_PREFIX_RE.match(body)
        body = unquote(body[prefix.end() :] if prefix else body)
        if not body.isascii() or " " in body:
            _fail(text, "a CELEX number has no spaces and only ASCII letters and digits")
        match = _CELEX_RE.fullmatch(body.upper())
        if not match:
            _fail(text, "expected a CELEX number such as '32000L0043'")
        sector, rest = match["sector"], match["rest"]
        country = national_id = suffix = None
        if sector == "7":
            nim = re.fullmatch(r"([A-Z]{3})_([A-Z0-9]+)", rest)
            if not nim:
                _fail(
                    text,
                    "a national measure (sector 7) ends in a country code and an id, "
                    "e.g. '72000L0043FRA_123456'",
                )
            country, national_id = nim.groups()
        elif rest:
            suffix = rest
        return _build(
            text,
            cls,
            sector,
            int(match["year"]),
            match["descriptor"],
            match["number"],
            suffix,
            country,
            national_id,
        )

    @property
    def uri(self) -> str:
        """The Cellar IRI, used in ``owl:sameAs`` links."""
        return _CELEX_BASE + str(self)

    @property
    def directive(self) -> Celex | None:
        """For a national measure (sector 7), the CELEX of the act it transposes; else None."""
        if self.sector != "7":
            return None
        return Celex("3", self.year, self.descriptor, self.number)

    def __str__(self) -> str:
        national = f"{self.country}_{self.national_id}" if self.sector == "7" else ""
        return (
            f"{self.sector}{self.year}{self.descriptor}{self.number}{self.suffix or ''}{national}"
        )


# --------------------------------------------------------------------------- ECLI

_ISO_ALPHA2 = """
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ
EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW
GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY
KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV
MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY
QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG
TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM
ZW
"""
#: Country codes an ECLI may start with: ISO 3166-1 alpha-2, plus EU, the EU's own codes
#: EL (Greece) and UK (United Kingdom), which ECLI uses instead of GR and GB, and CE for the
#: Council of Europe's European Court of Human Rights ("ECLI:CE:ECHR:2023:0523JUD002008119").
ECLI_COUNTRY_CODES: frozenset[str] = _codes(_ISO_ALPHA2) | {"EU", "EL", "UK", "CE"}
_EU_COURTS = {"C": "Court of Justice", "T": "General Court", "F": "Civil Service Tribunal"}


@dataclass(frozen=True, slots=True)
class Ecli:
    """A European Case Law Identifier: ``ECLI:{country}:{court}:{year}:{ordinal}``.

    >>> e = Ecli.parse("ECLI:EU:C:2008:397")
    >>> e.country, e.court, e.year, e.ordinal
    ('EU', 'C', 2008, '397')
    >>> e.short, e.is_eu, e.court_name
    ('EU:C:2008:397', True, 'Court of Justice')

    The short form, lower case and spaces around the colons are accepted:

    >>> str(Ecli.parse("eu : c : 2008 : 397"))
    'ECLI:EU:C:2008:397'
    >>> str(Ecli.parse("ECLI:DE:BAG:2019:200219.U.2AZR746.14.0"))
    'ECLI:DE:BAG:2019:200219.U.2AZR746.14.0'
    """

    country: str
    court: str
    year: int
    ordinal: str

    def __post_init__(self) -> None:
        _check(
            self,
            self.country in ECLI_COUNTRY_CODES,
            f"unknown country code {self.country!r} (expected EU or an ISO 3166 code)",
        )
        _check(
            self,
            re.fullmatch(r"[A-Z0-9]{1,7}", self.court),
            f"court code {self.court!r} must be 1 to 7 capital letters or digits",
        )
        _check(
            self,
            self.country != "EU" or self.court in _EU_COURTS,
            f"EU court code must be C, T or F, not {self.court!r}",
        )
        _check(self, self.year >= 1950, f"ECLI year {self.year} is before 1950")
        _check(self, self.year <= _this_year(), f"ECLI year {self.year} is in the future")
        _check(self, 1 <= len(self.ordinal) <= 25, "ordinal must have 1 to 25 characters")
        _check(
            self,
            re.fullmatch(r"[A-Z0-9.]+", self.ordinal),
            f"ordinal {self.ordinal!r} may only contain capital letters, digits and dots",
        )
        _check(
            self,
            not (self.ordinal.startswith(".") or self.ordinal.endswith(".")),
            f"ordinal {self.ordinal!r} must not start or end with a dot",
        )

    @classmethod
    def parse(cls, text: str) -> Ecli:
        """Read "ECLI:EU:C:2008:397", "EU:C:2008:397", "ecli:nl:hr:2015:472" …"""
        cleaned = re.sub(r"\s*:\s*", ":", _clean(text))
        if not cleaned.isascii():
            _fail(text, "an ECLI has only ASCII letters, digits, dots and colons")
        parts = cleaned.upper().split(":")
        if parts[0] == "ECLI":
            parts = parts[1:]
        elif len(parts) == 5:
            _fail(text, "an ECLI starts with 'ECLI'")
        if len(parts) != 4:
            _fail(text, "expected five parts separated by colons: ECLI:country:court:year:ordinal")
        country, court, year, ordinal = parts
        if not re.fullmatch(r"[0-9]{4}", year):
            _fail(text, "ECLI year must have four digits")
        return _build(text, cls, country, court, int(year), ordinal)

    @property
    def short(self) -> str:
        """Without the "ECLI:" prefix, as the Court prints it: "EU:C:2008:397"."""
        return f"{self.country}:{self.court}:{self.year}:{self.ordinal}"

    @property
    def is_eu(self) -> bool:
        return self.country == "EU"

    @property
    def court_name(self) -> str | None:
        """The name of an EU court; None for national courts."""
        return _EU_COURTS.get(self.court) if self.is_eu else None

    def __str__(self) -> str:
        return f"ECLI:{self.short}"


# --------------------------------------------------------------------------- case numbers

#: Case-number suffixes of the EU courts; combined ones are written with hyphens ("P-R").
_CASE_SUFFIXES = {
    "P": "appeal",
    "PPU": "urgent preliminary ruling procedure",
    "R": "interim relief",
    "RX": "review",
    "RENV": "referral back",
    "REV": "revision",
    "INT": "interpretation",
    "DEP": "taxation of costs",
    "OP": "opposition",
    "TO": "third-party proceedings",
    "AJ": "legal aid",
    "SA": "attachment",
}
_CASE_RE = re.compile(
    rf"(?:(?:joined\s+)?cases?\s+)?(?:(?P<court>[a-z])\s*[{_DASHES}]?\s*)?"
    rf"(?P<number>[0-9]+)\s*/\s*(?P<year>[0-9]+)"
    rf"(?:\s+(?P<suffix>[a-z]+(?:\s*[{_DASHES}]\s*[a-z]+)*))?",
    _FLAGS,
)
_LIST_HINT_RE = re.compile(r",|;|&|\band\b|\bto\b", _FLAGS)


@dataclass(frozen=True, slots=True)
class CaseNumber:
    """The number of a case before the EU courts: court, number, year of lodging, suffix.

    >>> c = CaseNumber.parse("C-286/12 P")
    >>> c.court, c.number, c.year, c.suffix
    ('C', 286, 2012, 'P')
    >>> str(CaseNumber.parse("case c–54/2007"))
    'C-54/07'

    Two-digit years from 54 mean 1954–1999, lower ones 2000–2053. Old Court of Justice cases have
    no court letter; ``prefixed`` keeps how the number is written but is not part of its
    identity (some 1988 cases were renumbered "C-" while pending):

    >>> old = CaseNumber.parse("Case 43/75")
    >>> str(old), old.court, old == CaseNumber.parse("C-43/75")
    ('43/75', 'C', True)

    ``celex`` gives the EUR-Lex number of a document in the case (judgment by default):

    >>> str(CaseNumber.parse("T-123/05").celex()), str(c.celex("CC"))
    ('62005TJ0123', '62012CC0286')
    """

    court: str
    number: int
    year: int
    suffix: str | None = None
    prefixed: bool = field(default=True, compare=False)

    def __post_init__(self) -> None:
        _check(
            self,
            self.court in _EU_COURTS,
            f"unknown court prefix {self.court!r} (expected C, T or F)",
        )
        _check(self, 1 <= self.number <= 9999, "case number must be between 1 and 9999")
        _check(self, self.year >= 1954, f"case year {self.year} is before 1954")
        _check(self, self.year <= _this_year(), f"case year {self.year} is in the future")
        _check(
            self,
            self.court != "T" or self.year >= 1989,
            "the General Court (T) only has cases from 1989",
        )
        _check(
            self,
            self.court != "F" or 2005 <= self.year <= 2016,
            "the Civil Service Tribunal (F) only has cases from 2005 to 2016",
        )
        _check(
            self,
            self.prefixed or (self.court == "C" and self.year <= 1989),
            "only Court of Justice cases up to 1989 are written without 'C-'",
        )
        if self.suffix is not None:
            parts = self.suffix.split("-")
            _check(
                self,
                all(p in _CASE_SUFFIXES for p in parts),
                f"unknown case suffix {self.suffix!r} (expected e.g. P, PPU or R)",
            )

    @classmethod
    def parse(cls, text: str) -> CaseNumber:
        """Read "C-54/07", "Case C‑54/07", "C 54/07", "C-286/12 P", "Case 43/75" …"""
        cleaned = _clean(text)
        match = _CASE_RE.fullmatch(cleaned)
        if not match:
            if _LIST_HINT_RE.search(cleaned):
                _fail(text, "lists several cases; use JoinedCases.parse or parse_case_numbers")
            _fail(text, "expected a case number such as 'C-54/07'")
        year_text, number_text = match["year"], match["number"]
        if len(year_text) not in (2, 4):
            _fail(text, "case year must have two or four digits")
        if len(number_text) > 4:
            _fail(text, "case number must have at most four digits")
        year = int(year_text)
        if len(year_text) == 2:
            year += 1900 if year >= 54 else 2000
        court = (match["court"] or "C").upper()
        prefixed = match["court"] is not None
        if not prefixed and year > 1989:
            _fail(text, "a case lodged after 1989 needs its court letter (C-, T- or F-)")
        suffix = match["suffix"]
        if suffix:
            suffix = "-".join(re.split(rf"\s*[{_DASHES}]\s*", suffix.upper()))
        return _build(text, cls, court, int(number_text), year, suffix, prefixed)

    def celex(self, descriptor: str | None = None) -> Celex:
        """The CELEX number of a document in this case; ``descriptor`` defaults to the court's
        judgment ("CJ", "TJ", "FJ"); "CC" is an Advocate General's opinion, "CO" an order."""
        descriptor = descriptor or f"{self.court}J"
        if not descriptor.startswith(self.court):
            raise IdentifierError(
                str(self), f"descriptor {descriptor!r} is not for court {self.court}"
            )
        return _build(str(self), Celex, "6", self.year, descriptor, f"{self.number:04d}")

    def __str__(self) -> str:
        prefix = f"{self.court}-" if self.prefixed else ""
        suffix = f" {self.suffix}" if self.suffix else ""
        return f"{prefix}{self.number}/{self.year % 100:02d}{suffix}"


_MAX_RANGE = 100


def _follows(first: CaseNumber, second: CaseNumber) -> bool:
    """Whether ``second`` is the next case after ``first`` in an unbroken range."""
    same_series = (first.court, first.year, first.prefixed) == (
        second.court,
        second.year,
        second.prefixed,
    )
    plain = first.suffix is None and second.suffix is None
    return same_series and plain and second.number == first.number + 1


def _expand_range(text: str, first_text: str, last_text: str) -> list[CaseNumber]:
    first, last = _case_in(text, first_text), _case_in(text, last_text)
    if (first.court, first.year) != (last.court, last.year) or first.suffix or last.suffix:
        _fail(
            text,
            f"a range of cases needs one court and year and no suffix: "
            f"{first_text!r} to {last_text!r}",
        )
    if not 0 < last.number - first.number < _MAX_RANGE:
        _fail(
            text, f"range {first} to {last} must go upwards and span fewer than {_MAX_RANGE} cases"
        )
    return [replace(first, number=n) for n in range(first.number, last.number + 1)]


def _case_in(text: str, item: str) -> CaseNumber:
    try:
        return CaseNumber.parse(item)
    except IdentifierError as err:
        raise IdentifierError(text, f"{item!r}: {err.reason}") from None


def parse_case_numbers(text: str) -> tuple[CaseNumber, ...]:
    """All case numbers in a citation of one or several cases, in order, ranges expanded.

    >>> [str(c) for c in parse_case_numbers("Cases C-397/01 to C-399/01 and C-401/01")]
    ['C-397/01', 'C-398/01', 'C-399/01', 'C-401/01']
    """
    cleaned = _clean(text)
    body = re.sub(r"^(?:joined\s+)?cases?\s+", "", cleaned, flags=_FLAGS)
    items = re.split(r"\s*(?:,|;|&|\band\b)\s*", body, flags=_FLAGS)
    if not all(items):
        _fail(text, "expected case numbers separated by commas, '&' or 'and'")
    cases: list[CaseNumber] = []
    for item in items:
        span = re.fullmatch(r"(.+?)\s+to\s+(.+)", item, _FLAGS)
        cases.extend(_expand_range(text, *span.groups()) if span else [_case_in(text, item)])
    seen: set[CaseNumber] = set()
    for case in cases:
        if case in seen:
            _fail(text, f"case {case} is listed twice")
        seen.add(case)
    return tuple(cases)


@dataclass(frozen=True, slots=True)
class JoinedCases:
    """One or several cases decided together, in the order the Court lists them.

    >>> joined = JoinedCases.parse("C-804/18 and C-341/19")
    >>> len(joined), str(joined.lead)
    (2, 'C-804/18')
    >>> str(JoinedCases.parse("Joined Cases C-397/01, C-398/01, C-399/01 and C-400/01"))
    'C-397/01 to C-400/01'
    """

    cases: tuple[CaseNumber, ...]

    def __post_init__(self) -> None:
        _check(self, self.cases, "joined cases need at least one case")
        _check(self, len(set(self.cases)) == len(self.cases), "a case is listed twice")

    @classmethod
    def parse(cls, text: str) -> JoinedCases:
        """Read "Joined Cases C-335/11 and C-337/11", "C-804/18 & C-341/19", ranges, lists."""
        return _build(text, cls, parse_case_numbers(text))

    @property
    def lead(self) -> CaseNumber:
        """The first case, whose number EUR-Lex uses for the joined cases."""
        return self.cases[0]

    def __iter__(self) -> Iterator[CaseNumber]:
        return iter(self.cases)

    def __len__(self) -> int:
        return len(self.cases)

    def __str__(self) -> str:
        parts: list[str] = []
        i = 0
        while i < len(self.cases):
            j = i
            while j + 1 < len(self.cases) and _follows(self.cases[j], self.cases[j + 1]):
                j += 1
            if j - i >= 2:
                parts.append(f"{self.cases[i]} to {self.cases[j]}")
                i = j + 1
            else:
                parts.append(str(self.cases[i]))
                i += 1
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


# --------------------------------------------------------------------------- ELI

_EU_ELI_BASE = "http://data.europa.eu/eli"
_EU_ELI_HOSTS = frozenset({"data.europa.eu", "eur-lex.europa.eu"})
_ELI_TYPE_RE = re.compile(r"[a-z]+(?:_[a-z]+)*", re.ASCII)
_ELI_SUBDIVISION_RE = re.compile(r"(?P<kind>[a-z]{2,4})_(?P<value>[0-9a-z]+)", re.ASCII)


def _guess_jurisdiction(host: str) -> str | None:
    """The country of a national legislation site from its top-level domain, in EU codes."""
    tld = host.rsplit(".", 1)[-1].upper()
    code = {"GR": "EL", "GB": "UK"}.get(tld, tld)
    return code if code in ECLI_COUNTRY_CODES and code != "EU" else None


@dataclass(frozen=True, slots=True)
class Eli:
    """A European Legislation Identifier.

    EU acts have the form ``http://data.europa.eu/eli/{type}/{year}/{number}/oj``, optionally with
    a subdivision before "/oj" (also accepted after it, and with https or the EUR-Lex host):

    >>> e = Eli.parse("https://data.europa.eu/eli/reg/2016/679/oj/art_6/par_1")
    >>> str(e)
    'http://data.europa.eu/eli/reg/2016/679/art_6/par_1/oj'
    >>> e.type, e.year, e.number, e.subdivision, e.is_eu
    ('reg', 2016, 679, (('art', '6'), ('par', '1')), True)
    >>> str(Eli("dir", 2000, 43))
    'http://data.europa.eu/eli/dir/2000/43/oj'

    National ELIs follow each country's own pattern; they keep the part up to "/eli" as ``base``,
    the path segments after it as ``components``, and guess the jurisdiction from the host:

    >>> fr = Eli.parse("https://www.legifrance.gouv.fr/eli/loi/2008/5/27/JUSX0755043L/jo/texte")
    >>> fr.base, fr.components[:3], fr.jurisdiction, fr.is_eu
    ('https://www.legifrance.gouv.fr/eli', ('loi', '2008', '5'), 'FR', False)
    """

    type: str | None = None
    year: int | None = None
    number: int | None = None
    subdivision: tuple[tuple[str, str], ...] = ()
    base: str = _EU_ELI_BASE
    components: tuple[str, ...] = ()
    jurisdiction: str | None = None

    def __post_init__(self) -> None:
        if self.base == _EU_ELI_BASE:
            self._init_eu()
        else:
            self._check_national()

    def _eu_components(self) -> tuple[str, ...]:
        subdivisions = [f"{kind}_{value}" for kind, value in self.subdivision]
        return (str(self.type), str(self.year), str(self.number), *subdivisions, "oj")

    def _init_eu(self) -> None:
        _check(
            self,
            isinstance(self.type, str) and _ELI_TYPE_RE.fullmatch(self.type),
            f"ELI type {self.type!r} must be lower-case letters, e.g. 'dir' or 'reg_impl'",
        )
        _check(
            self,
            isinstance(self.year, int) and 1951 <= self.year <= _this_year(),
            f"ELI year {self.year!r} is outside 1951–{_this_year()}",
        )
        _check(
            self,
            isinstance(self.number, int) and self.number >= 1,
            "ELI number must be a positive integer",
        )
        for kind, value in self.subdivision:
            _check(
                self,
                _ELI_SUBDIVISION_RE.fullmatch(f"{kind}_{value}"),
                f"{kind}_{value!s} is not a subdivision such as 'art_2'",
            )
        if not self.components:
            object.__setattr__(self, "components", self._eu_components())
        if self.jurisdiction is None:
            object.__setattr__(self, "jurisdiction", "EU")
        _check(
            self,
            self.components == self._eu_components() and self.jurisdiction == "EU",
            "components and jurisdiction of an EU ELI follow from type, year and number",
        )

    def _check_national(self) -> None:
        eu_parts = (self.type, self.year, self.number, self.subdivision)
        _check(
            self, eu_parts == (None, None, None, ()), "a national ELI keeps its parts in components"
        )
        _check(
            self,
            re.fullmatch(r"https?://[a-z0-9.:-]+(?:/[^/\s?#]+)*/eli", self.base, re.I),
            f"base {self.base!r} must be a URI ending in '/eli'",
        )
        _check(
            self,
            self.components and all(re.fullmatch(r"[^/\s?#]+", part) for part in self.components),
            "a national ELI needs path segments after '/eli'",
        )
        _check(
            self,
            self.jurisdiction is None or self.jurisdiction in ECLI_COUNTRY_CODES,
            f"unknown jurisdiction {self.jurisdiction!r}",
        )

    @classmethod
    def parse(cls, text: str) -> Eli:
        """Read an EU ELI (full, https, EUR-Lex host or "eli/dir/2000/43/oj") or a national one."""
        uri = _clean(text)
        if not uri or not uri.isascii() or " " in uri:
            _fail(text, f"an ELI is a URI without spaces, e.g. '{_EU_ELI_BASE}/dir/2000/43/oj'")
        if "?" in uri or "#" in uri:
            _fail(text, "an ELI has no query string or fragment")
        scheme_match = re.match(r"(https?)://", uri, _FLAGS)
        rest = uri[scheme_match.end() :] if scheme_match else uri
        if re.match(r"/?eli/", rest, _FLAGS):
            host, path = "", rest.lstrip("/")
        else:
            host, _, path = rest.partition("/")
            host = host.lower()
            if "." not in host:
                _fail(text, f"expected an ELI URI such as '{_EU_ELI_BASE}/dir/2000/43/oj'")
        segments = path.split("/")
        if segments and segments[-1] == "":
            segments.pop()
        if "" in segments:
            _fail(text, "an ELI has no empty path segments")
        if not host or host in _EU_ELI_HOSTS:
            return cls._parse_eu(text, segments)
        if not scheme_match:
            _fail(text, "a national ELI needs its full URI, starting with http:// or https://")
        return cls._parse_national(text, scheme_match[1].lower(), host, segments)

    @classmethod
    def _parse_eu(cls, text: str, segments: list[str]) -> Eli:
        parts = [s.lower() for s in segments]
        if len(parts) < 4 or parts[0] != "eli":
            _fail(text, "expected http://data.europa.eu/eli/{type}/{year}/{number}/oj")
        type_, year, number, *tail = parts[1:]
        if not re.fullmatch(r"[0-9]{4}", year):
            _fail(text, "ELI year must have four digits")
        if not re.fullmatch(r"[0-9]{1,6}", number):
            _fail(text, "ELI number must be digits")
        if "oj" not in tail:
            if tail and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", tail[-1]):
                _fail(text, "consolidated versions are not supported; use the '/oj' ELI")
            _fail(text, "an EU ELI ends in '/oj'")
        at = tail.index("oj")
        before, after = tail[:at], tail[at + 1 :]
        if before and after:
            _fail(text, "subdivisions go either before or after '/oj', not both")
        subdivision = []
        for segment in before or after:
            match = _ELI_SUBDIVISION_RE.fullmatch(segment)
            if not match:
                _fail(
                    text,
                    f"{segment!r} is not a subdivision such as 'art_2' (languages and "
                    "formats are not part of the identifier)",
                )
            subdivision.append((match["kind"], match["value"]))
        return _build(text, cls, type_, int(year), int(number), tuple(subdivision))

    @classmethod
    def _parse_national(cls, text: str, scheme: str, host: str, segments: list[str]) -> Eli:
        lowered = [s.lower() for s in segments]
        if "eli" not in lowered:
            _fail(text, "not an ELI: the path has no '/eli/' segment")
        at = lowered.index("eli")
        base = "/".join([f"{scheme}://{host}", *segments[: at + 1]])
        components = tuple(segments[at + 1 :])
        if not components:
            _fail(text, "a national ELI needs path segments after '/eli'")
        return _build(text, cls, None, None, None, (), base, components, _guess_jurisdiction(host))

    @property
    def is_eu(self) -> bool:
        return self.base == _EU_ELI_BASE

    def __str__(self) -> str:
        return "/".join([self.base, *self.components])


# --------------------------------------------------------------------------- provisions

_ORDINALS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
)
_ROMAN_RE = re.compile(r"(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ARTICLE_RE = re.compile(r"[1-9][0-9]{0,3}[a-z]{0,2}")
_PARAGRAPH_RE = re.compile(r"[1-9][0-9]{0,2}[a-z]?")
_POINT_RE = re.compile(r"[a-z]{1,2}|[1-9][0-9]{0,2}")
_ARTICLE_PREFIX_RE = re.compile(
    r"(?:article|art\.?)?\s*(?P<article>[0-9]+[a-z]*)(?=[\s(,§¶]|$)", re.ASCII
)
_ORDINAL_ALT = "|".join(_ORDINALS)
_PROVISION_TOKENS = (
    (
        "sbp",
        re.compile(
            rf"(?:the\s+)?(?P<v>{_ORDINAL_ALT}|[0-9]{{1,2}}(?:st|nd|rd|th))"
            r"\s+sub-?para(?:graph)?\.?",
            re.ASCII,
        ),
    ),
    ("sbp", re.compile(r"sub-?para(?:graph)?\.?\s*\(?(?P<v>[0-9]{1,2})\)?", re.ASCII)),
    ("sub", re.compile(r"sub-?point\s*\(?(?P<v>[a-z0-9]+)\)?", re.ASCII)),
    ("par", re.compile(r"(?:paragraph|para\.?|par\.?|§|¶)\s*\(?(?P<v>[a-z0-9]+)\)?", re.ASCII)),
    ("pnt", re.compile(r"(?:point|pt\.?|lit\.?|letter)\s*\(?(?P<v>[a-z0-9]+)\)?", re.ASCII)),
    ("grp", re.compile(r"\(\s*(?P<v>[a-z0-9]+)\s*\)", re.ASCII)),
)
_LEVELS = ("paragraph", "subparagraph", "point", "subpoint")
_IRI_KINDS = {"paragraph": "par", "subparagraph": "sbp", "point": "pnt", "subpoint": "pnt"}


def _roman_value(numeral: str) -> int:
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))


def _number_key(value: str) -> tuple[int, str]:
    digits = re.match(r"[0-9]+", value)
    assert digits is not None
    return int(digits[0]), value[digits.end() :]


def _point_key(value: str) -> tuple[int, int, str]:
    return (0, int(value), "") if value.isdigit() else (1, len(value), value)


def _scan_provision(text: str, part: str) -> list[tuple[str, str]]:
    """Split the text after an article number into labelled tokens: (kind, value)."""
    tokens: list[tuple[str, str]] = []
    pos = 0
    while True:
        pos = len(part) - len(part[pos:].lstrip(" ,"))
        if pos >= len(part):
            return tokens
        for kind, pattern in _PROVISION_TOKENS:
            match = pattern.match(part, pos)
            if match:
                tokens.append((kind, match["v"]))
                pos = match.end()
                break
        else:
            _fail(text, f"cannot read {part[pos:]!r}")


def _token_level(kind: str, value: str, rank: int) -> str:
    """Which level a token fills, given the deepest level filled so far (``rank``)."""
    fixed = {"par": "paragraph", "sbp": "subparagraph", "sub": "subpoint"}
    if kind in fixed:
        return fixed[kind]
    if kind == "grp" and rank < 0 and re.fullmatch(r"[0-9]+[a-z]?", value):
        return "paragraph"
    return "point" if rank < 2 else "subpoint"


def _assign_levels(text: str, tokens: list[tuple[str, str]]) -> dict[str, str | None]:
    levels: dict[str, str | None] = dict.fromkeys(_LEVELS)
    rank = -1
    for kind, value in tokens:
        level = _token_level(kind, value, rank)
        if _LEVELS.index(level) <= rank:
            _fail(
                text,
                f"{value!r} cannot come after the {_LEVELS[rank]} (provisions go article, "
                "paragraph, subparagraph, point, subpoint)",
            )
        levels[level] = value
        rank = _LEVELS.index(level)
    return levels


def _subparagraph_number(value: str | None) -> int | None:
    """ "second" → 2, "2nd" → 2, "2" → 2."""
    if value is None:
        return None
    if value in _ORDINALS:
        return _ORDINALS.index(value) + 1
    return int(value.rstrip("stndrh"))


@total_ordering
@dataclass(frozen=True, slots=True)
class ProvisionPath:
    """Where a provision sits inside an act: article, paragraph, subparagraph, point, subpoint.

    ``parse`` reads the ways provisions are cited in English and continental style:

    >>> str(ProvisionPath.parse("Article 2(2)(b)(ii)"))
    '2(2)(b)(ii)'
    >>> str(ProvisionPath.parse("Art. 2 § 2 lit. b"))
    '2(2)(b)'
    >>> p = ProvisionPath.parse("the second subparagraph of Article 4(2)")
    >>> str(p), p.citation(), p.iri_path()
    ('4(2), second subparagraph', 'Article 4(2), second subparagraph', 'art_4/par_2/sbp_2')

    Paths form a tree, and sort as the act does:

    >>> p = ProvisionPath.parse("2(2)(b)")
    >>> str(p.parent()), [str(a) for a in p.ancestors()], p.depth
    ('2(2)', ['2', '2(2)'], 3)
    >>> ProvisionPath("2").contains(p)
    True
    >>> [str(x) for x in sorted(map(ProvisionPath.parse, ["10a", "2(2)", "10", "2", "2(1)"]))]
    ['2', '2(1)', '2(2)', '10', '10a']
    """

    article: str
    paragraph: str | None = None
    subparagraph: int | None = None
    point: str | None = None
    subpoint: str | None = None

    def __post_init__(self) -> None:
        _check(
            self,
            isinstance(self.article, str) and _ARTICLE_RE.fullmatch(self.article),
            f"article {self.article!r} must be a number with an optional letter, e.g. '3a'",
        )
        _check(
            self,
            self.paragraph is None or _PARAGRAPH_RE.fullmatch(self.paragraph),
            f"paragraph {self.paragraph!r} must be a number, e.g. '2' or '1a'",
        )
        _check(
            self,
            self.subparagraph is None or 1 <= self.subparagraph <= len(_ORDINALS),
            f"subparagraph must be between 1 and {len(_ORDINALS)}",
        )
        _check(
            self,
            self.point is None or _POINT_RE.fullmatch(self.point),
            f"point {self.point!r} must be one or two letters or a number",
        )
        _check(
            self,
            self.subpoint is None or _ROMAN_RE.fullmatch(self.subpoint),
            f"subpoint {self.subpoint!r} is not a roman numeral such as 'ii'",
        )
        _check(self, self.subpoint is None or self.point is not None, "a subpoint needs a point")

    @classmethod
    def parse(cls, text: str) -> ProvisionPath:
        """Read "Article 2(2)(b)", "Art 2 (2) (b)", "2(2)(b)", "Art. 2 para. 2 (b)" …"""
        cleaned = _clean(text)
        if any(ord(c) > 127 and c not in "§¶" for c in cleaned):
            _fail(text, "unexpected non-ASCII character")
        parts = re.split(r"\s+of\s+", cleaned.lower())
        article = _ARTICLE_PREFIX_RE.match(parts[-1])
        if not article:
            _fail(text, "expected an article number, e.g. 'Article 2(2)(b)'")
        tokens = _scan_provision(text, parts[-1][article.end() :])
        for part in reversed(parts[:-1]):
            tokens += _scan_provision(text, part)
        levels = _assign_levels(text, tokens)
        return _build(
            text,
            cls,
            article["article"],
            levels["paragraph"],
            _subparagraph_number(levels["subparagraph"]),
            levels["point"],
            levels["subpoint"],
        )

    @classmethod
    def from_iri_path(cls, path: str) -> ProvisionPath:
        """The inverse of :meth:`iri_path`: "art_2/par_2/pnt_b/pnt_ii" → 2(2)(b)(ii)."""
        segments = path.strip("/").split("/")
        first = re.fullmatch(r"art_(.+)", segments[0])
        if not first:
            _fail(path, "an IRI path starts with 'art_', e.g. 'art_2/par_2/pnt_b'")
        levels: dict[str, str | None] = dict.fromkeys(_LEVELS)
        rank = -1
        for segment in segments[1:]:
            kind, _, value = segment.partition("_")
            options = [i for i in range(rank + 1, 4) if _IRI_KINDS[_LEVELS[i]] == kind]
            if not options or not value:
                _fail(path, f"unexpected segment {segment!r}")
            rank = options[0]
            levels[_LEVELS[rank]] = value
        subparagraph = levels["subparagraph"]
        if subparagraph is not None and not re.fullmatch(r"[0-9]{1,2}", subparagraph):
            _fail(path, f"subparagraph {subparagraph!r} must be a number")
        return _build(
            path,
            cls,
            first[1],
            levels["paragraph"],
            int(subparagraph) if subparagraph else None,
            levels["point"],
            levels["subpoint"],
        )

    def __str__(self) -> str:
        text = self.article + (f"({self.paragraph})" if self.paragraph is not None else "")
        if self.subparagraph is not None:
            text += f", {_ORDINALS[self.subparagraph - 1]} subparagraph"
        if self.point is not None:
            points = f"({self.point})" + (f"({self.subpoint})" if self.subpoint else "")
            needs_label = self.subparagraph is not None or (
                self.paragraph is None and self.point.isdigit()
            )
            text += f", point {points}" if needs_label else points
        return text

    def citation(self) -> str:
        """As cited in a text: "Article 2(2)(b)", "Article 4(2), second subparagraph"."""
        return f"Article {self}"

    def iri_path(self) -> str:
        """The path used in provision IRIs: "art_2/par_2/sbp_2/pnt_b/pnt_ii"."""
        segments = [f"art_{self.article}"]
        for level in _LEVELS:
            value = getattr(self, level)
            if value is not None:
                segments.append(f"{_IRI_KINDS[level]}_{value}")
        return "/".join(segments)

    def parent(self) -> ProvisionPath | None:
        """The next level up; None for an article (its parent is the act itself)."""
        for level in reversed(_LEVELS):
            if getattr(self, level) is not None:
                return replace(self, **{level: None})
        return None

    def ancestors(self) -> tuple[ProvisionPath, ...]:
        """All levels above this one, the article first."""
        chain: list[ProvisionPath] = []
        node = self.parent()
        while node is not None:
            chain.append(node)
            node = node.parent()
        return tuple(reversed(chain))

    @property
    def depth(self) -> int:
        """1 for an article, 2 for a paragraph (or a subparagraph or point of an article) …"""
        return 1 + sum(getattr(self, level) is not None for level in _LEVELS)

    def contains(self, other: ProvisionPath) -> bool:
        """Whether ``other`` is this provision or lies inside it."""
        return other == self or self in other.ancestors()

    def _sort_key(self) -> tuple[tuple[object, ...], ...]:
        """Numbers compare as numbers; a missing level sorts before any value ("2" < "2(1)")."""
        none: tuple[object, ...] = ()
        return (
            _number_key(self.article),
            none if self.paragraph is None else _number_key(self.paragraph),
            none if self.subparagraph is None else (self.subparagraph,),
            none if self.point is None else _point_key(self.point),
            none if self.subpoint is None else (_roman_value(self.subpoint),),
        )

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, ProvisionPath):
            return NotImplemented
        return self._sort_key() < other._sort_key()


_SEP = r"(?:\s*,\s*|\s+)"
_OF_THE = r"(?:of\s+)?(?:the\s+)?"
_REF_ACT_LAST = re.compile(rf"(?P<path>.+?){_SEP}{_OF_THE}(?P<act>{_DIRECTIVE_PATTERN})", _FLAGS)
_REF_ACT_FIRST = re.compile(rf"(?:the\s+)?(?P<act>{_DIRECTIVE_PATTERN}){_SEP}(?P<path>.+)", _FLAGS)


def _alias_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _alias_patterns(aliases: Mapping[str, DirectiveNumber]) -> list[re.Pattern[str]]:
    names = sorted((_alias_key(n) for n in aliases if n.strip()), key=len, reverse=True)
    if not names:
        return []
    alt = "|".join(r"\s+".join(map(re.escape, name.split())) for name in names)
    return [
        re.compile(rf"(?P<path>.+?){_SEP}{_OF_THE}(?P<act>{alt})", re.IGNORECASE),
        re.compile(rf"(?:the\s+)?(?P<act>{alt}){_SEP}(?P<path>.+)", re.IGNORECASE),
    ]


@dataclass(frozen=True, slots=True)
class ProvisionRef:
    """A provision of a directive: the directive's number and the path inside it.

    >>> ref = ProvisionRef.parse("Article 2(2)(b) of Directive 2000/43/EC")
    >>> str(ref), ref.citation()
    ('2000/43 Art 2(2)(b)', 'Article 2(2)(b) of Directive 2000/43/EC')
    >>> str(ProvisionRef.parse("Directive 2000/78/EC, Article 5"))
    '2000/78 Art 5'

    Names and abbreviations of directives come from reference data, passed as ``aliases``:

    >>> red = {"RED": DirectiveNumber(2000, 43)}
    >>> str(ProvisionRef.parse("Art 8 red", aliases=red))
    '2000/43 Art 8'
    """

    directive: DirectiveNumber
    path: ProvisionPath

    @classmethod
    def parse(cls, text: str, aliases: Mapping[str, DirectiveNumber] | None = None) -> ProvisionRef:
        """Read "2000/78 Art 5", "Article 5 of Directive 2000/78/EC", "Art 8 RED" (with
        ``aliases``, matched case-insensitively) …"""
        cleaned = _clean(text)
        other = _OTHER_ACT_RE.search(cleaned)
        if other:
            _fail(text, f"names a {other[1].lower()}, not a directive")
        for pattern in (_REF_ACT_LAST, _REF_ACT_FIRST):
            match = pattern.fullmatch(cleaned)
            if match:
                try:
                    directive = DirectiveNumber.parse(match["act"])
                except IdentifierError as err:
                    raise IdentifierError(text, err.reason) from None
                return cls._from_parts(text, directive, match["path"])
        table = {_alias_key(name): number for name, number in (aliases or {}).items()}
        for pattern in _alias_patterns(aliases or {}):
            match = pattern.fullmatch(cleaned)
            if match and _alias_key(match["act"]) in table:
                return cls._from_parts(text, table[_alias_key(match["act"])], match["path"])
        _fail(text, "no directive found; expected e.g. 'Article 5 of Directive 2000/78/EC'")

    @classmethod
    def _from_parts(cls, text: str, directive: DirectiveNumber, path: str) -> ProvisionRef:
        try:
            return cls(directive, ProvisionPath.parse(path))
        except IdentifierError as err:
            raise IdentifierError(text, err.reason) from None

    def citation(self) -> str:
        """As cited in a text: "Article 5 of Directive 2000/78/EC"."""
        comma = "," if self.path.subparagraph is not None else ""
        return f"{self.path.citation()}{comma} of Directive {self.directive}"

    def __str__(self) -> str:
        return f"{self.directive.short} Art {self.path}"
