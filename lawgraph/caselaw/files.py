"""Case-law files → checked :class:`~lawgraph.caselaw.model.Ruling` objects.

A case-law Markdown file (``case_law/README.md``) has a YAML header and a body. The header is
held to a strict standard: an unknown key, an ECLI of an EU court other than C, T or F, a date
in the future, a case number that does not parse, an unknown provision or country, an
Advocate General's opinion without ``opinion_of`` or a judgment that claims an opinion's ECLI,
or a missing summary rejects the file with an :class:`InputError` naming the file and the line
of the key. Fields the header leaves out are read from the body when the body is a ruling as
published (:func:`lawgraph.caselaw.judgment.parse_judgment`).

Plain texts (``.txt``, ``.html``) of a published ruling are read with the same parser and the
same checks.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn

import yaml

from lawgraph.caselaw.html import html_to_text
from lawgraph.caselaw.judgment import ParsedText, parse_judgment
from lawgraph.caselaw.model import (
    INCOMPATIBILITY_STATUSES,
    KINDS,
    PROCEDURES,
    CitedRuling,
    Incompatibility,
    Ruling,
)
from lawgraph.caselaw.resolve import EU_COURTS, known_courts, provision_in_header
from lawgraph.dates import parse_date
from lawgraph.errors import InputError
from lawgraph.identifiers import Ecli, IdentifierError, parse_case_numbers
from lawgraph.refdata import Country, ProvisionInfo, reference_index
from lawgraph.sources import SourceFile
from lawgraph.vocab import court_iri

__all__ = ["HEADER_KEYS", "has_case_law_header", "parse_case_law_file", "parse_text", "read_ruling"]

HEADER_KEYS = (
    "ecli",
    "type",
    "court",
    "formation",
    "date",
    "case_numbers",
    "name",
    "parties",
    "procedure",
    "referring_court",
    "country",
    "advocate_general",
    "interprets",
    "mentions",
    "cites",
    "opinion_of",
    "incompatible",
    "outcome",
    "summary",
    "operative_part",
    "verification",
    "sample",
)
_INCOMPATIBLE_KEYS = ("country", "provision", "reason", "status")
_EU_COURT_NAMES = {
    "C": "Court of Justice of the European Union",
    "T": "General Court",
    "F": "Civil Service Tribunal",
}
_COMMENT = re.compile(r"\A(?:[ \t]*(?:<!--.*?-->|#[^\n]*)[ \t]*\n|[ \t]*\n)*", re.DOTALL)
_FRONT = re.compile(r"---[ \t]*\n(?P<header>.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_SYNTHETIC = re.compile(r"\A\s*(?:<!--|#)[^\n]*\bsynthetic\b", re.IGNORECASE)


def has_case_law_header(text: str) -> bool:
    """Whether a Markdown text starts with a front matter that has ``ecli:`` or
    ``case_numbers:`` (after any comment lines)."""
    front = _FRONT.match(text, _COMMENT.match(text).end())
    return bool(front and re.search(r"^(?:ecli|case_numbers)\s*:", front["header"] or "", re.M))


def read_ruling(source: SourceFile) -> Ruling:
    """A case-law file of any accepted kind: Markdown with a header, plain text or HTML."""
    try:
        text = source.data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(source.name, None, f"not UTF-8 text: {exc.reason}") from exc
    if source.suffix in (".md", ".markdown"):
        return parse_case_law_file(text, source.name)
    if source.suffix in (".html", ".htm"):
        synthetic = bool(_SYNTHETIC.match(text))
        return parse_text(
            html_to_text(text), source.name, sample=True if synthetic else None, html=True
        )
    return parse_text(text, source.name)


# --- the header ---------------------------------------------------------------------------------


@dataclass
class _Header:
    """The header's values with the line of each key (and of each list item)."""

    source: str
    values: dict[str, Any]
    lines: dict[str, int]
    item_lines: dict[str, list[int]]
    first_line: int

    def fail(self, key: str | None, message: str, item: int | None = None) -> NoReturn:
        line = self.first_line
        if key is not None:
            items = self.item_lines.get(key, [])
            line = (
                items[item]
                if item is not None and item < len(items)
                else self.lines.get(key, self.first_line)
            )
        raise InputError(self.source, line, message)

    def text(self, key: str) -> str | None:
        value = self.values.get(key)
        if value is None:
            return None
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.fail(key, f"{key} must be a text, not {type(value).__name__}")
        text = " ".join(str(value).split())
        if not text:
            self.fail(key, f"{key} is empty; leave the key out instead")
        return text

    def items(self, key: str) -> list[Any]:
        value = self.values.get(key)
        if value is None:
            return []
        return value if isinstance(value, list) else [value]


def _split(text: str, source: str) -> tuple[_Header, str, int]:
    start = _COMMENT.match(text).end()
    front = _FRONT.match(text, start)
    if not front:
        raise InputError(
            source,
            1,
            "a case-law file starts with a YAML header between '---' "
            "lines (see case_law/README.md)",
        )
    first_line = text.count("\n", 0, start) + 1
    header_text = front["header"] or ""
    try:
        node = yaml.compose(header_text)
        values = yaml.safe_load(header_text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + 1 + mark.line if mark is not None else first_line
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(source, line, f"the header is not valid YAML: {problem}") from exc
    if not isinstance(values, dict) or node is None:
        raise InputError(source, first_line, "the header must be a list of 'key: value' lines")
    header = _Header(source, values, {}, {}, first_line)
    seen: set[str] = set()
    for key_node, value_node in node.value:
        line = first_line + 1 + key_node.start_mark.line
        key = str(key_node.value)
        if key in seen:
            raise InputError(source, line, f"the key {key!r} is given twice")
        seen.add(key)
        header.lines[key] = line
        if isinstance(value_node.value, list):
            header.item_lines[key] = [
                first_line + 1 + item.start_mark.line for item in value_node.value
            ]
    body_line = first_line + text.count("\n", start, front.end())
    return header, text[front.end() :], body_line


# --- one file -----------------------------------------------------------------------------------


def parse_case_law_file(text: str, source: str) -> Ruling:
    """Parse and check one case-law Markdown file."""
    header, body, body_line = _split(text, source)
    unknown = [k for k in header.values if k not in HEADER_KEYS]
    if unknown:
        header.fail(
            unknown[0],
            f"unknown key {unknown[0]!r}; the keys are "
            f"{', '.join(HEADER_KEYS)} (see case_law/README.md)",
        )
    ecli = _ecli(header, "ecli")
    country = _country(header)
    parsed = parse_judgment(body, first_line=body_line, country=country)
    kind = _kind(header, parsed)
    ruling = Ruling(source=source, kind=kind, date=dt.date.min, ecli=ecli)
    ruling.lines.update(parsed.lines)
    ruling.lines.update(header.lines)
    _fill(ruling, header, parsed, country)
    _check_text_kind(ruling, parsed, header)
    ruling.summary = header.text("summary")
    if ruling.summary is None:
        header.fail(None, "the header has no summary: add 'summary:' in your own words")
    ruling.sample = _sample(header)
    _check(ruling, header.fail, header_file=True)
    return ruling


def _kind(header: _Header, parsed: ParsedText) -> str:
    kind = header.text("type")
    if kind is None:
        if parsed.layout is None:
            header.fail(
                None,
                "the header has no 'type:' and the text below it is not a "
                "published ruling lawgraph recognises",
            )
        return parsed.layout
    if kind not in KINDS:
        header.fail("type", f"unknown type {kind!r}; use one of {', '.join(KINDS)}")
    return kind


def _fill(ruling: Ruling, header: _Header, parsed: ParsedText, country: Country | None) -> None:
    """Header values, checked; what the header leaves out, from the published text."""
    ruling.ecli = ruling.ecli or parsed.ecli
    _same(header, "ecli", ruling.ecli, parsed.ecli)
    date = _date(header)
    _same(header, "date", date, parsed.date)
    if date is None and parsed.date is None:
        header.fail(None, "the header has no 'date:' and the text does not give one")
    ruling.date = date or parsed.date or dt.date.min
    cases = _case_numbers(header, ruling.ecli)
    _same(
        header,
        "case_numbers",
        set(cases) if cases else None,
        {str(c) for c in parsed.case_numbers} or None,
    )
    ruling.case_numbers = cases or tuple(str(c) for c in parsed.case_numbers)
    ruling.reports = parsed.reports if ruling.kind in ("notice", "summary") else None
    ruling.court, ruling.court_iri = _court(header, ruling, parsed)
    for key in (
        "formation",
        "name",
        "parties",
        "referring_court",
        "outcome",
        "verification",
        "operative_part",
        "advocate_general",
    ):
        setattr(ruling, key, header.text(key) or getattr(parsed, key, None))
    ruling.procedure = _procedure(header) or parsed.procedure
    ruling.country = country or parsed.country
    ruling.interprets = (
        _provisions(header, "interprets", ruling)
        if "interprets" in header.values
        else parsed.interprets
    )
    ruling.mentions = (
        _provisions(header, "mentions", ruling)
        if "mentions" in header.values
        else tuple(p for p in parsed.mentions if p not in ruling.interprets)
    )
    ruling.cites = _cites(header) if "cites" in header.values else parsed.cites
    ruling.opinion_of = _ecli(header, "opinion_of") or parsed.opinion_of
    ruling.incompatible = (
        _incompatible(header, ruling) if "incompatible" in header.values else parsed.incompatible
    )
    ruling.warnings += [f"{ruling.source}: {note}" for note in parsed.notes]


def _same(header: _Header, key: str, value: object, from_text: object) -> None:
    if key in header.values and value is not None and from_text is not None and value != from_text:
        header.fail(
            key,
            f"the header's {key} ({_show(value)}) disagrees with the text below "
            f"it ({_show(from_text)})",
        )


def _show(value: object) -> str:
    if isinstance(value, set):
        return ", ".join(sorted(map(str, value)))
    return str(value)


# --- single values ------------------------------------------------------------------------------


def _ecli(header: _Header, key: str) -> Ecli | None:
    text = header.text(key)
    if text is None:
        return None
    try:
        return Ecli.parse(text)
    except IdentifierError as exc:
        header.fail(key, f"not a valid ECLI: {exc}")


def _date(header: _Header) -> dt.date | None:
    value = header.values.get("date")
    if value is None:
        return None
    try:
        date = value if isinstance(value, dt.date) else parse_date(str(value))
    except ValueError as exc:
        header.fail("date", f"not a date: {exc}")
    if isinstance(date, dt.datetime):
        date = date.date()
    if date > dt.date.today():
        header.fail("date", f"the date {date.isoformat()} is in the future")
    return date


def _is_eu(header: _Header, ecli: Ecli | None) -> bool:
    if ecli is not None:
        return ecli.is_eu
    court = (header.text("court") or "").lower()
    return not court or court in EU_COURTS


def _case_numbers(header: _Header, ecli: Ecli | None) -> tuple[str, ...]:
    items = header.items("case_numbers")
    eu = _is_eu(header, ecli)
    out: list[str] = []
    for i, item in enumerate(items):
        text = " ".join(str(item).split()) if item is not None else ""
        if not text:
            header.fail("case_numbers", "an empty case number", i)
        if eu:
            try:
                cases = parse_case_numbers(text)
            except IdentifierError as exc:
                header.fail("case_numbers", f"not a case number of the EU courts: {exc}", i)
            text_cases = [str(c) for c in cases]
        else:
            text_cases = [text]
        for case in text_cases:
            if case in out:
                header.fail("case_numbers", f"case {case} is listed twice", i)
            out.append(case)
    return tuple(out)


def _procedure(header: _Header) -> str | None:
    value = header.text("procedure")
    if value is not None and value not in PROCEDURES:
        header.fail("procedure", f"unknown procedure {value!r}; use one of {', '.join(PROCEDURES)}")
    return value


def _country(header: _Header) -> Country | None:
    value = header.text("country")
    if value is None:
        return None
    country = reference_index().country(value)
    if country is None:
        header.fail(
            "country",
            f"unknown country {value!r}: use the EU country code (e.g. DE, "
            "EL, UK) or the English name",
        )
    return country


def _sample(header: _Header) -> bool | None:
    value = header.values.get("sample")
    if value is not None and not isinstance(value, bool):
        header.fail("sample", f"sample must be true or false, not {value!r}")
    return value


def _court(header: _Header, ruling: Ruling, parsed: ParsedText):
    name = header.text("court")
    ecli = ruling.ecli
    named_code = EU_COURTS.get((name or "").lower())
    if ecli is not None:
        if ecli.is_eu and named_code and named_code != ecli.court:
            header.fail("court", f"the court {name!r} is not the court of the ECLI {ecli}")
        iri = court_iri(ecli.country, ecli.court)
        courts = known_courts()
        if not ecli.is_eu and courts and iri not in courts.iris:
            ruling.warnings.append(
                f"{ruling.source}:{header.lines.get('ecli', '')}: the court code {ecli.court} "
                f"of {ecli} is not in ontology/reference/courts.ttl"
            )
        default = _EU_COURT_NAMES.get(ecli.court) if ecli.is_eu else None
        return name or default, iri
    code = named_code or (parsed.court_code if parsed.layout else None)
    if code is not None and (name is None or named_code):
        return name or _EU_COURT_NAMES[code], court_iri("EU", code)
    iri = known_courts().by_name(name)
    if iri is None and name:
        ruling.warnings.append(
            f"{ruling.source}:{header.lines.get('court', '')}: the court "
            f"{name!r} is not in ontology/reference/courts.ttl"
        )
    return name, iri


# --- lists --------------------------------------------------------------------------------------


def _provisions(header: _Header, key: str, ruling: Ruling) -> tuple[ProvisionInfo, ...]:
    out: list[ProvisionInfo] = []
    for i, item in enumerate(header.items(key)):
        info = _provision(header, key, item, i, ruling)
        if info not in out:
            out.append(info)
    return tuple(out)


def _provision(
    header: _Header, key: str, item: object, i: int | None, ruling: Ruling
) -> ProvisionInfo:
    items = header.item_lines.get(key, [])
    line = items[i] if i is not None and i < len(items) else header.lines.get(key)
    if not isinstance(item, str) or not item.strip():
        header.fail(key, f"{key} lists provisions such as '2000/78 Art 6(1)', not {item!r}", i)
    info, note = provision_in_header(item, header.source, line)
    if note:
        ruling.warnings.append(f"{header.source}:{line}: {note}")
    return info


def _cites(header: _Header) -> tuple[CitedRuling, ...]:
    out: list[CitedRuling] = []
    for i, item in enumerate(header.items("cites")):
        text = " ".join(str(item).split())
        try:
            if text.upper().startswith(("ECLI:", "EU:")):
                out.append(CitedRuling(ecli=Ecli.parse(text)))
            else:
                out += [CitedRuling(case=c) for c in parse_case_numbers(text)]
        except IdentifierError as exc:
            header.fail("cites", f"cites lists case numbers or ECLIs: {exc}", i)
    return tuple(dict.fromkeys(out))


def _incompatible(header: _Header, ruling: Ruling) -> tuple[Incompatibility, ...]:
    out: list[Incompatibility] = []
    for i, item in enumerate(header.items("incompatible")):
        if not isinstance(item, dict):
            header.fail("incompatible", "each finding has country, provision and reason", i)
        unknown = [k for k in item if k not in _INCOMPATIBLE_KEYS]
        missing = [k for k in ("country", "provision", "reason") if not item.get(k)]
        if unknown or missing:
            what = f"unknown key {unknown[0]!r}" if unknown else f"no {missing[0]}"
            header.fail(
                "incompatible",
                f"finding {i + 1}: {what} (a finding has {', '.join(_INCOMPATIBLE_KEYS)})",
                i,
            )
        country = reference_index().country(str(item["country"]))
        if country is None:
            header.fail("incompatible", f"finding {i + 1}: unknown country {item['country']!r}", i)
        status = str(item.get("status") or "incorrect")
        if status not in INCOMPATIBILITY_STATUSES:
            header.fail(
                "incompatible",
                f"finding {i + 1}: unknown status {status!r}; use "
                f"{', '.join(INCOMPATIBILITY_STATUSES)}",
                i,
            )
        info = _provision(header, "incompatible", str(item["provision"]), i, ruling)
        out.append(Incompatibility(country, info, " ".join(str(item["reason"]).split()), status))
    return tuple(out)


# --- checks shared by files and texts -----------------------------------------------------------


def _check_text_kind(ruling: Ruling, parsed: ParsedText, header: _Header) -> None:
    """A judgment must not claim the ECLI of the opinion printed below it, nor the reverse."""
    if parsed.layout is None:
        return
    opinion_text = parsed.layout == "ag-opinion"
    if opinion_text != (ruling.kind == "ag-opinion"):
        what = "an Advocate General's opinion" if opinion_text else f"a {parsed.layout}"
        header.fail(
            "type" if "type" in header.values else "ecli",
            f"the header says {ruling.kind}, but the text below it (line "
            f"{parsed.lines.get('kind')}) is {what}"
            + (f" with the ECLI {parsed.ecli}" if parsed.ecli else ""),
        )


def _check(ruling: Ruling, fail: Callable[..., NoReturn], *, header_file: bool) -> None:
    """Checks every ruling passes, whatever it was read from. Only a case-law file must link
    an opinion to its judgment (a published opinion predates the judgment)."""
    if ruling.date > dt.date.today():
        fail("date", f"the date {ruling.date.isoformat()} is in the future")
    if ruling.kind == "ag-opinion":
        if ruling.opinion_of is None and header_file:
            fail(
                "type",
                "an Advocate General's opinion needs 'opinion_of:', the ECLI of the "
                "judgment it precedes (see case_law/README.md)",
            )
        if ruling.opinion_of is not None and ruling.opinion_of == ruling.ecli:
            fail(
                "opinion_of",
                "an Advocate General's opinion has its own ECLI; opinion_of is "
                "the ECLI of the judgment, which must differ",
            )
    elif ruling.opinion_of is not None:
        fail(
            "opinion_of", f"only an Advocate General's opinion has opinion_of, not a {ruling.kind}"
        )
    if ruling.ecli is not None and ruling.ecli.is_eu and ruling.ecli.year != ruling.date.year:
        fail(
            "ecli",
            f"the ECLI {ruling.ecli} is of {ruling.ecli.year}, but the ruling is dated "
            f"{ruling.date.isoformat()}",
        )
    if ruling.court_iri is not None and str(ruling.court_iri).endswith(("/EU/C", "/EU/T", "/EU/F")):
        if ruling.ecli is None:
            fail(
                "ecli",
                "a ruling of an EU court needs its ECLI ('ecli:' in the header; for a "
                "text, a line such as 'ECLI:EU:C:2008:397')",
            )
        if not ruling.case_numbers:
            fail("case_numbers", "the ruling has no case number")
    elif ruling.ecli is None and ruling.country is None:
        fail("country", "a national ruling without an ECLI needs its country")


# --- plain texts --------------------------------------------------------------------------------


def parse_text(text: str, source: str, *, sample: bool | None = None, html: bool = False) -> Ruling:
    """A ruling from its published text alone (no header): the parser must find the kind,
    date, case numbers and, for EU courts, the ECLI."""
    parsed = parse_judgment(text)
    where = "text line" if html else None

    def fail(key: str | None, message: str, item: int | None = None) -> NoReturn:
        line = parsed.lines.get(key or "", parsed.lines.get("kind"))
        place = f"{where} {line}" if where and line else line
        raise InputError(source, place, message)

    if parsed.layout is None:
        raise InputError(
            source,
            None,
            "not a ruling text lawgraph recognises (expected e.g. "
            "'JUDGMENT OF THE COURT (…)' as published on EUR-Lex)",
        )
    if parsed.date is None:
        fail("kind", "the text gives no date of the ruling")
    if sample is None and _SYNTHETIC.match(text):
        sample = True
    code = parsed.court_code or "C"
    ruling = Ruling(
        source=source,
        kind=parsed.layout,
        date=parsed.date,
        ecli=parsed.ecli,
        reports=parsed.reports,
        court=_EU_COURT_NAMES.get(code),
        court_iri=court_iri(parsed.ecli.country, parsed.ecli.court)
        if parsed.ecli
        else court_iri("EU", code),
        formation=parsed.formation,
        case_numbers=tuple(str(c) for c in parsed.case_numbers),
        parties=parsed.parties,
        procedure=parsed.procedure,
        referring_court=parsed.referring_court,
        country=parsed.country,
        advocate_general=parsed.advocate_general,
        interprets=parsed.interprets,
        mentions=parsed.mentions,
        cites=parsed.cites,
        opinion_of=parsed.opinion_of,
        incompatible=parsed.incompatible,
        operative_part=parsed.operative_part,
        sample=sample,
        lines=dict(parsed.lines),
        warnings=[f"{source}: {note}" for note in parsed.notes],
    )
    if ruling.kind == "ag-opinion" and ruling.name is None and ruling.advocate_general:
        ruling.name = f"Opinion of AG {ruling.advocate_general}"
    _check(ruling, fail, header_file=False)
    return ruling
