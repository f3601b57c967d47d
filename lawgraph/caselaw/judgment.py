"""Reading a ruling's metadata from its published text, as EUR-Lex and curia lay it out.

Layouts recognised (see ``tests/data/judgments/`` for one synthetic example of each):

* a judgment or order: "JUDGMENT OF THE COURT (Grand Chamber)", the date, "In Case C‑303/06,"
  or "In Joined Cases …", the procedure ("REFERENCE for a preliminary ruling under Article 234
  EC from the Employment Tribunal, London South (United Kingdom), made by decision of …", or
  "ACTION under Article 258 TFEU for failure to fulfil obligations"), the parties, "THE COURT
  (Grand Chamber), composed of …", the grounds, and the operative part after "hereby rules:",
  "hereby:" or "hereby orders:";
* an Advocate General's opinion: "OPINION OF ADVOCATE GENERAL POIARES MADURO delivered on
  31 January 2008 (1) Case C‑303/06 …". It has an ECLI of its own and is never taken for the
  judgment; the judgment is linked only when the text names its ECLI explicitly
  ("Judgment: ECLI:EU:C:2008:415");
* an Official Journal notice: "Judgment of the Court (Fourth Chamber) of 4 July 2013 —
  European Commission v Italian Republic (Case C-312/11) (1) … Operative part of the judgment";
* a summary of a judgment ("Summary of the Judgment").

Everything below the layout (provisions, case numbers, ECLIs, dates) is found by
:mod:`lawgraph.extract`. What the text does not make certain is left out: provisions are
"interpreted" only where the operative part (or a question the Court answered) names them, and
a finding of incompatibility is made only where the country and a provision are both clear.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from lawgraph.caselaw.model import CitedRuling, Incompatibility
from lawgraph.caselaw.resolve import country_named, implementation_article, provision
from lawgraph.dates import parse_date
from lawgraph.extract import Extraction, ProvisionMention, extract
from lawgraph.identifiers import CaseNumber, Ecli, IdentifierError
from lawgraph.refdata import Country, ProvisionInfo

__all__ = ["ParsedText", "detect_layout", "parse_judgment"]

# One-for-one replacements, so that offsets into the normalised text are offsets into the input.
_NORMALISE = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2010": "-", "\u2011": "-"})

_HEAD = re.compile(
    r"^[ \t]*(?P<kind>JUDGMENT|ORDER)\s+OF\s+THE\s+(?P<president>PRESIDENT\s+OF\s+THE\s+)?"
    r"(?P<court>COURT|GENERAL\s+COURT|CIVIL\s+SERVICE\s+TRIBUNAL)(?:\s+OF\s+JUSTICE)?"
    r"(?:[ \t]*\((?P<formation>[^)\n]+)\))?[ \t]*$",
    re.MULTILINE,
)
_OPINION_HEAD = re.compile(
    r"^[ \t]*OPINION\s+OF\s+(?:MR\s+|MRS\s+|MS\s+)?ADVOCATE\s+GENERAL\b[ \t]*(?P<name>[^\n]*)$",
    re.MULTILINE,
)
_OPINION_TITLE = re.compile(
    r"^[ \t]*Opinion\s+of\s+(?:Mr\s+|Mrs\s+|Ms\s+)?Advocate\s+General\s+(?P<name>[A-Z][^\n]*?)"
    r"\s+delivered\s+on\b",
    re.MULTILINE,
)
_NOTICE_TITLE = re.compile(
    r"^[ \t]*(?P<kind>Judgment|Order)\s+of\s+the\s+(?P<court>Court|General\s+Court)"
    r"(?:\s+\((?P<formation>[^)\n]+)\))?\s+of\s+(?P<date>\d{1,2}\s+\w+\s+\d{4})(?P<rest>[^\n]*)$",
    re.MULTILINE,
)
_OPERATIVE_NOTICE = re.compile(
    r"^[ \t]*Operative\s+part\s+of\s+the\s+(judgment|order)\b.*$", re.MULTILINE | re.IGNORECASE
)
_SUMMARY_HEAD = re.compile(
    r"^[ \t]*Summary(?:\s+of\s+the\s+(?:Judgment|Order))?[ \t]*$", re.MULTILINE | re.IGNORECASE
)
_GROUNDS_START = re.compile(
    r"(?:gives|makes)\s+the\s+following\s*\n\s*(?:Judgment|Order)\b"
    r"|^[ \t]*(?:I\s*[.–-]\s*)?Introduction[ \t]*$"
    r"|^[ \t]*1\.?[ \t]+[A-Z]",
    re.MULTILINE,
)
_OPERATIVE = re.compile(
    r"hereby\s*(?:(?:rules|orders|declares\s+and\s+rules|rules\s+and\s+declares|declares)\s*)?:"
    r"|^[ \t]*Operative\s+part\s+of\s+the\s+(?:judgment|order)\b[^\n]*\n",
    re.MULTILINE | re.IGNORECASE,
)
_OPERATIVE_END = re.compile(
    r"^[ \t]*(?:\[?Signatures?\]?|Delivered\s+in\s+open\s+court\b|\*\s*Language\s+of\s+the\s+case"
    r"|\(\d+\)\s+OJ\s|Luxembourg,\s+\d)",
    re.MULTILINE | re.IGNORECASE,
)
_QUESTIONS = re.compile(
    r"refer\s+the\s+following\s+questions?\s+to\s+the\s+Court(?:\s+of\s+Justice)?\s+for\s+a\s+"
    r"preliminary\s+ruling\s*:",
    re.IGNORECASE,
)
_QUESTIONS_END = re.compile(
    r"^[ \t]*(?:\d+[ \t]+)?(?:Consideration\s+of\s+the\s+questions?|The\s+questions?\s+referred"
    r"|The\s+first\s+question|Admissibility|Jurisdiction\s+of\s+the\s+Court|Costs)\b",
    re.MULTILINE | re.IGNORECASE,
)
_CASE_LINE = re.compile(
    r"^[ \t]*\(?(?:In\s+)?(?:Joined\s+)?Cases?\s+(?:[CTF]\s?-\s?)?\d{1,4}\s?/\s?\d{2}[^\n]*$",
    re.MULTILINE,
)
_ECLI_LABEL = re.compile(r"^[ \t]*ECLI\s+identifier\s*:\s*(?P<ecli>\S+)", re.MULTILINE | re.I)
_ECLI_LINE = re.compile(
    r"^[ \t]*(?P<ecli>(?:ECLI:)?[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9.]+)[ \t]*$", re.MULTILINE
)
_JUDGMENT_ECLI = re.compile(
    r"^[ \t]*(?:Related\s+)?Judgment(?:\s+of\s+the\s+Court)?(?:\s+in\s+(?:the|this)\s+case)?\s*:"
    r"\s*(?P<ecli>(?:ECLI:)?[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9.]+)",
    re.MULTILINE | re.IGNORECASE,
)
_DOCUMENT_DATE = re.compile(
    r"^[ \t]*Date\s+of\s+(?:document|delivery)\s*:\s*(?P<date>[^\n]+)$",
    re.MULTILINE | re.IGNORECASE,
)
_REFERENCE = re.compile(
    r"(?:REFERENCE|REQUEST)S?\s+for\s+a\s+preliminary\s+ruling\s+(?:under\s+Article\s+\d+\s*"
    r"(?:EC|TFEU|of\s+the\s+EC\s+Treaty)?\s*)?from\s+(?:the\s+)?(?P<rest>.+?)"
    r"(?:,\s*made\s+by\s+decisions?\b|\)[ \t]*$|\)\s*[—–]\s*(?=[A-Z][^\n]*\bv\b))",
    re.IGNORECASE | re.DOTALL | re.MULTILINE,
)
_INFRINGEMENT = re.compile(
    r"ACTION\s+under\s+Article\s+(?:169|226|258)\b[^\n]*?failure\s+to\s+fulfil"
    r"|Failure\s+of\s+a\s+Member\s+State\s+to\s+fulfil\s+(?:its\s+)?obligations",
    re.IGNORECASE,
)
_APPEAL = re.compile(r"APPEAL\s+under\s+Article\s+5[68]\s+of\s+the\s+Statute", re.IGNORECASE)
_ANNULMENT = re.compile(r"ACTION\s+(?:for\s+annulment|under\s+Article\s+(?:230|263)\b)", re.I)
_COURT_LINE = re.compile(
    r"^[ \t]*THE\s+(?:GENERAL\s+)?COURT\b[^\n]*$|^[ \t]*THE\s+PRESIDENT\b", re.MULTILINE
)
_PARTY_ROLE = re.compile(
    r"^(?:applicants?|defendants?|appellants?|respondents?|interveners?|intervening\s+part(?:y|ies)"
    r"|other\s+part(?:y|ies)\s+to\s+the\s+proceedings)\s*[,:]?$",
    re.IGNORECASE,
)
_REPRESENTED = re.compile(
    r",?\s*(?:\(?represented\s+by|supported\s+by|acting\s+as\s+Agents?)\b.*$",
    re.IGNORECASE | re.DOTALL,
)
_PRECLUDES = re.compile(r"\b(?:precludes?|precluding)\b", re.IGNORECASE)
_NOT_PRECLUDES = re.compile(
    r"\b(?:not|neither|nor)\s+(?:\w+\s+){0,3}?(?:precludes?|precluding)\b"
    r"|\bdoes\s+not\s+preclude|\bdo\s+not\s+preclude",
    re.IGNORECASE,
)
_FAILED = re.compile(
    r"(?P<state>[A-Z][\w ]*?)\s+has\s+failed\s+to\s+fulfil\s+its\s+obligations"
    r"(?:\s+under\b)?",
)
#: a preclusion the Court leaves to the national court to establish is not a clear finding
_CONDITIONAL = re.compile(
    r"\b(?:in\s+so\s+far\s+as|insofar\s+as|to\s+the\s+extent\s+that|unless|provided\s+that"
    r"|if\s+it\s+is\s+established|for\s+the\s+(?:referring|national)\s+court\s+to"
    r"|which\s+it\s+is\s+for\s+the\s+(?:referring|national)\s+court)\b",
    re.IGNORECASE,
)
_NON_TRANSPOSITION = re.compile(
    r"failing\s+to\s+(?:adopt|bring\s+into\s+force|transpose|communicate)|necessary\s+to\s+comply",
    re.IGNORECASE,
)
_POINT = re.compile(r"^[ \t]*(\d+)[.)]?[ \t]+", re.MULTILINE)


@dataclass
class ParsedText:
    """What a published text says about its ruling. ``layout`` is None if the text is not a
    ruling lawgraph recognises (then every other field is empty)."""

    layout: str | None = None  # "judgment" | "order" | "ag-opinion" | "notice" | "summary"
    reports: str | None = None  # for a notice or summary: "judgment" or "order"
    court_code: str | None = None  # "C", "T", "F"
    formation: str | None = None
    date: dt.date | None = None
    ecli: Ecli | None = None
    case_numbers: tuple[CaseNumber, ...] = ()
    parties: str | None = None
    procedure: str | None = None
    referring_court: str | None = None
    country: Country | None = None
    advocate_general: str | None = None
    operative_part: str | None = None
    interprets: tuple[ProvisionInfo, ...] = ()
    mentions: tuple[ProvisionInfo, ...] = ()
    cites: tuple[CitedRuling, ...] = ()
    opinion_of: Ecli | None = None
    incompatible: tuple[Incompatibility, ...] = ()
    #: field → line in the source (counting from ``first_line``)
    lines: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    #: where the operative part is in the (normalised) text
    operative_span: tuple[int, int] | None = field(default=None, repr=False)


class _Text:
    """The normalised text with a line index."""

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_NORMALISE)
        self.first_line = first_line
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", self.text)]

    def line(self, offset: int) -> int:
        return self.first_line + bisect_right(self.starts, offset) - 1


def parse_judgment(text: str, *, first_line: int = 1, country: Country | None = None) -> ParsedText:
    """Read the metadata of a ruling from its published text (see the module docstring).

    ``first_line`` is the line of the file on which ``text`` starts (for a Markdown body after
    its header), so that the places recorded in ``lines`` are places in the file. ``country``
    is the referring court's country where a header gives it and the text does not.
    """
    doc = _Text(text, first_line)
    layout, head = _layout(doc.text)
    parsed = ParsedText(layout=layout)
    if layout is None or head is None:
        return parsed
    parsed.lines["kind"] = doc.line(head.start())
    if layout == "summary":  # the case, parties and court come before "Summary"
        header = (0, head.start())
    else:
        header = (head.start(), _header_end(doc.text, head.end(), layout))
    header_end = header[1]
    extraction = extract(doc.text)
    _read_heading(doc, parsed, head, header, extraction)
    _read_case_numbers(doc, parsed, header, extraction)
    _read_eclis(doc, parsed, header, extraction)
    _read_procedure(doc, parsed, header)
    _read_parties(doc, parsed, header)
    if parsed.country is None and country is not None:
        parsed.country = country
    _read_operative_part(doc, parsed, header_end)
    _read_provisions(doc, parsed, extraction)
    _read_citations(parsed, extraction)
    _read_incompatibility(doc, parsed, extraction)
    return parsed


# --- layout ------------------------------------------------------------------------------------


def detect_layout(text: str) -> str | None:
    """The kind of published ruling a text is ("judgment", "order", "ag-opinion", "notice",
    "summary"), or None; cheap enough to decide whether to read a file at all."""
    return _layout(text.translate(_NORMALISE))[0]


def _layout(text: str) -> tuple[str | None, re.Match[str] | None]:
    heads: list[tuple[int, str, re.Match[str]]] = []
    for m in _HEAD.finditer(text):
        heads.append((m.start(), m["kind"].lower(), m))
    for pattern in (_OPINION_HEAD, _OPINION_TITLE):
        for m in pattern.finditer(text):
            heads.append((m.start(), "ag-opinion", m))
    if heads:
        _, kind, match = min(heads, key=lambda h: h[0])
        return kind, match
    notice = _NOTICE_TITLE.search(text)
    if notice and _OPERATIVE_NOTICE.search(text, notice.end()):
        return "notice", notice
    summary = _SUMMARY_HEAD.search(text)
    if summary and (" of the " in summary.group(0) or _CASE_LINE.search(text, 0, summary.start())):
        return "summary", summary  # a bare "Summary" heading only after "Case C-…"
    return None, None


def _header_end(text: str, start: int, layout: str) -> int:
    if layout == "notice":
        m = _OPERATIVE_NOTICE.search(text, start)
        return m.start() if m else len(text)
    m = _GROUNDS_START.search(text, start)
    return m.start() if m else len(text)


# --- heading: kind, court, formation, date, Advocate General ------------------------------------


def _read_heading(
    doc: _Text,
    parsed: ParsedText,
    head: re.Match[str],
    header: tuple[int, int],
    extraction: Extraction,
) -> None:
    layout = parsed.layout
    if layout in ("judgment", "order"):
        court = " ".join(head["court"].split()).upper()
        parsed.court_code = {"COURT": "C", "GENERAL COURT": "T"}.get(court, "F")
        if head["president"]:
            parsed.formation = "President"
        elif head["formation"] and head["formation"].strip() != "*":
            parsed.formation = _formation(head["formation"])
    elif layout == "notice":
        parsed.reports = head["kind"].lower()
        parsed.court_code = "T" if "General" in head["court"] else "C"
        if head["formation"]:
            parsed.formation = _formation(head["formation"])
    elif layout == "summary":
        parsed.reports = "judgment"
        parsed.court_code = "C"
    else:
        parsed.court_code = "C"
        parsed.advocate_general = _advocate_general(doc.text, head)
    if parsed.formation:
        parsed.lines["formation"] = doc.line(head.start())
    elif layout in ("judgment", "order"):
        _formation_from_body(doc, parsed)
    _read_date(doc, parsed, head, header, extraction)


def _formation(text: str) -> str:
    return " ".join(text.split()).strip().rstrip(",")


def _formation_from_body(doc: _Text, parsed: ParsedText) -> None:
    m = re.search(r"^[ \t]*THE\s+(?:GENERAL\s+)?COURT\s*\((?P<f>[^)]+)\)", doc.text, re.MULTILINE)
    m = m or re.search(r"the\s+(?:General\s+)?Court\s*\((?P<f>[^)]+)\)\s+hereby", doc.text)
    if m:
        parsed.formation = _formation(m["f"])
        parsed.lines["formation"] = doc.line(m.start())


def _advocate_general(text: str, head: re.Match[str]) -> str | None:
    name = head["name"].strip()
    if not name:
        following = text[head.end() :].lstrip("\n").split("\n", 1)[0]
        name = following.strip()
    name = re.sub(r"\s+delivered\s+on\b.*$", "", name, flags=re.IGNORECASE).strip(" ,")
    if not name or len(name) > 60:
        return None
    return name.title() if name.isupper() else name


def _read_date(
    doc: _Text,
    parsed: ParsedText,
    head: re.Match[str],
    header: tuple[int, int],
    extraction: Extraction,
) -> None:
    labelled = _DOCUMENT_DATE.search(doc.text)
    candidates = [
        d
        for d in extraction.dates
        if d.span.start >= head.start() and d.span.start < max(header[1], head.end() + 1)
    ]
    if parsed.layout == "summary" and labelled:
        try:
            parsed.date = parse_date(labelled["date"].strip())
        except ValueError:
            return
        parsed.lines["date"] = doc.line(labelled.start())
        return
    if parsed.layout == "ag-opinion":
        delivered = re.compile(r"delivered\s+on\s+", re.I).search(doc.text, head.start())
        if delivered:
            candidates = [d for d in extraction.dates if d.span.start == delivered.end()]
    if candidates:
        parsed.date = candidates[0].date
        parsed.lines["date"] = doc.line(candidates[0].span.start)


# --- case numbers and ECLIs --------------------------------------------------------------------


def _read_case_numbers(
    doc: _Text, parsed: ParsedText, header: tuple[int, int], extraction: Extraction
) -> None:
    for m in _CASE_LINE.finditer(doc.text, header[0], header[1]):
        cases = tuple(c.case for c in extraction.cases if m.start() <= c.span.start < m.end())
        if cases:
            parsed.case_numbers = tuple(dict.fromkeys(cases))
            parsed.lines["case_numbers"] = doc.line(m.start())
            return


def _ecli(text: str) -> Ecli | None:
    try:
        return Ecli.parse(text if text.upper().startswith("ECLI") else f"ECLI:{text}")
    except IdentifierError:
        return None


def _read_eclis(
    doc: _Text, parsed: ParsedText, header: tuple[int, int], extraction: Extraction
) -> None:
    judgment_ref = _JUDGMENT_ECLI.search(doc.text) if parsed.layout == "ag-opinion" else None
    if judgment_ref:
        parsed.opinion_of = _ecli(judgment_ref["ecli"])
        if parsed.opinion_of is not None:
            parsed.lines["opinion_of"] = doc.line(judgment_ref.start())
    labelled = _ECLI_LABEL.search(doc.text)
    own = []
    if labelled:
        own.append((labelled.start(), labelled["ecli"]))
    for m in _ECLI_LINE.finditer(doc.text):
        if m.start() < header[1] or m.start() < 400:
            own.append((m.start(), m["ecli"]))
    for offset, text in own:
        ecli = _ecli(text)
        if ecli is not None and ecli != parsed.opinion_of:
            parsed.ecli = ecli
            parsed.lines["ecli"] = doc.line(offset)
            return


# --- procedure, referring court, parties -------------------------------------------------------


def _read_procedure(doc: _Text, parsed: ParsedText, header: tuple[int, int]) -> None:
    region = doc.text[: header[1]] if parsed.layout != "notice" else doc.text[: header[1] + 1]
    reference = _REFERENCE.search(region)
    if reference:
        parsed.procedure = "preliminary-ruling"
        parsed.lines["procedure"] = doc.line(reference.start())
        court, country = _court_and_country(reference["rest"])
        if court:
            parsed.referring_court = court
            parsed.lines["referring_court"] = doc.line(reference.start())
        if country is not None:
            parsed.country = country
            parsed.lines["country"] = doc.line(reference.start())
        return
    for name, pattern in (
        ("infringement", _INFRINGEMENT),
        ("appeal", _APPEAL),
        ("annulment", _ANNULMENT),
    ):
        m = pattern.search(region)
        if m:
            parsed.procedure = name
            parsed.lines["procedure"] = doc.line(m.start())
            return


def _court_and_country(rest: str) -> tuple[str | None, Country | None]:
    """ "Employment Tribunal, London South (United Kingdom)" → court, country;
    "Bundesarbeitsgericht (Federal Labour Court, Germany)"; "Arbeidshof te Brussel — Belgium"."""
    rest = " ".join(rest.split()).strip(" ,")
    m = re.fullmatch(r"(?P<court>.+?)\s*\((?P<paren>[^()]+)\)", rest)
    if m:
        country = country_named(m["paren"].rsplit(",", 1)[-1])
        return m["court"].strip(" ,"), country
    m = re.fullmatch(r"(?P<court>.+?)\s*[—–]\s*(?P<country>[^—–]+)", rest)
    if m:
        return m["court"].strip(" ,"), country_named(m["country"])
    return rest or None, None


def _read_parties(doc: _Text, parsed: ParsedText, header: tuple[int, int]) -> None:
    text = doc.text
    block: str | None = None
    start = header[0]
    if parsed.layout in ("judgment", "order"):
        proceedings = re.compile(r"in\s+the\s+proceedings\b[^\n]*\n", re.I).search(
            text, header[0], header[1]
        )
        if proceedings:
            start = proceedings.end()
        else:
            action = re.compile(r"^[ \t]*(?:ACTION|APPEAL)\b[^\n]*(?:\n[^\n]+)*\n", re.M).search(
                text, header[0], header[1]
            )
            start = action.end() if action else header[0]
        end = _COURT_LINE.search(text, start, header[1])
        block = text[start : end.start()] if end else None
    elif parsed.layout in ("ag-opinion", "summary"):
        case = _CASE_LINE.search(text, header[0], header[1])
        if case:
            start = case.end()
            end = re.compile(r"^[ \t]*[(«]", re.M).search(text, start, header[1])
            block = text[start : end.start()] if end else None
    elif parsed.layout == "notice":
        block = _notice_parties(text, header)
        if block:
            parsed.parties = block
            parsed.lines["parties"] = doc.line(header[0])
            return
    if block:
        parties = _join_parties(block)
        if parties:
            parsed.parties = parties
            parsed.lines["parties"] = doc.line(start + len(block) - len(block.lstrip()))


def _join_parties(block: str) -> str | None:
    proceedings: list[list[list[str]]] = [[[]]]
    for raw in block.split("\n"):
        line = " ".join(raw.split()).strip()
        if not line or _PARTY_ROLE.match(line):
            continue
        if line.lower() in ("v", "v.", "against"):
            proceedings[-1].append([])
        elif line.lower() in ("and", "and,"):
            proceedings.append([[]])
        else:
            name = _REPRESENTED.sub("", line).strip(" ,;")
            if name:
                proceedings[-1][-1].append(name)
    joined = [" v ".join(", ".join(side) for side in sides if side) for sides in proceedings]
    return "; ".join(j for j in joined if j) or None


def _notice_parties(text: str, header: tuple[int, int]) -> str | None:
    parties = re.compile(r"^[ \t]*Parties[ \t]*$", re.M).search(text, header[0], header[1])
    if parties:
        roles = re.findall(
            r"^[ \t]*(Applicants?|Defendants?|Appellants?|Respondents?)[ \t]*:"
            r"[ \t]*([^\n]+)$",
            text[parties.end() : header[1]],
            re.M,
        )
        applicants = [
            _REPRESENTED.sub("", v).strip(" ,;")
            for r, v in roles
            if r.lower().startswith(("applicant", "appellant"))
        ]
        defendants = [
            _REPRESENTED.sub("", v).strip(" ,;")
            for r, v in roles
            if r.lower().startswith(("defendant", "respondent"))
        ]
        if applicants and defendants:
            return f"{', '.join(applicants)} v {', '.join(defendants)}"
    title = text[header[0] : text.find("\n", header[0]) if "\n" in text[header[0] :] else None]
    pieces = [p.strip(" .") for p in re.split(r"\s+[—–]\s+", title)[1:]]
    named = [p for p in pieces if re.search(r"\sv\s", p) and not p.startswith("(")]
    return named[-1] if named else None


# --- operative part and provisions -------------------------------------------------------------


def _read_operative_part(doc: _Text, parsed: ParsedText, header_end: int) -> None:
    if parsed.layout in ("ag-opinion", "summary"):
        return
    start_from = header_end if parsed.layout != "notice" else max(0, header_end - 1)
    matches = list(_OPERATIVE.finditer(doc.text, start_from))
    if not matches:
        return
    m = matches[-1]  # the Court's own, after any quoted from other rulings
    end = _OPERATIVE_END.search(doc.text, m.end())
    body = doc.text[m.end() : end.start() if end else len(doc.text)].strip()
    if body:
        parsed.operative_part = body
        parsed.lines["operative_part"] = doc.line(m.start())
        parsed.operative_span = (m.end(), end.start() if end else len(doc.text))


def _info(mention: ProvisionMention) -> tuple[ProvisionInfo | None, str | None]:
    if mention.directive is None or mention.other_act is not None:
        return None, None
    if mention.resolved:
        return provision(str(mention.directive.celex), str(mention.path))
    if mention.unresolved_reason and "not in the reference data" in mention.unresolved_reason:
        return provision(str(mention.directive.celex), str(mention.path))
    return None, None


def _read_provisions(doc: _Text, parsed: ParsedText, extraction: Extraction) -> None:
    operative = parsed.operative_span
    questions = _questions_span(doc.text)
    interprets: dict[str, ProvisionInfo] = {}
    asked: dict[str, ProvisionInfo] = {}
    mentioned: dict[str, ProvisionInfo] = {}
    summary_body = None
    if parsed.layout == "summary":
        head = _SUMMARY_HEAD.search(doc.text)
        summary_body = (head.end(), len(doc.text)) if head else None
    for mention in extraction.provisions:
        info, note = _info(mention)
        if info is None:
            continue
        if note and note not in parsed.notes:
            parsed.notes.append(note)
        where = mention.span.start
        in_operative = bool(operative and operative[0] <= where < operative[1])
        if in_operative or (summary_body and summary_body[0] <= where):
            interprets.setdefault(str(info.iri), info)
        elif questions and questions[0] <= where < questions[1]:
            asked.setdefault(str(info.iri), info)
        else:
            mentioned.setdefault(str(info.iri), info)
    answered = {p.celex for p in interprets.values()}
    for key, info in asked.items():
        if info.celex in answered:
            interprets.setdefault(key, info)
        else:
            mentioned.setdefault(key, info)
    parsed.interprets = tuple(interprets.values())
    parsed.mentions = tuple(v for k, v in mentioned.items() if k not in interprets)
    if parsed.interprets:
        first = min(
            (
                m.span.start
                for m in extraction.provisions
                if operative and operative[0] <= m.span.start < operative[1]
            ),
            default=None,
        )
        if first is not None:
            parsed.lines["interprets"] = doc.line(first)


def _questions_span(text: str) -> tuple[int, int] | None:
    m = _QUESTIONS.search(text)
    if not m:
        return None
    end = _QUESTIONS_END.search(text, m.end())
    return m.end(), end.start() if end else min(len(text), m.end() + 4000)


# --- citations ---------------------------------------------------------------------------------


def _read_citations(parsed: ParsedText, extraction: Extraction) -> None:
    own_cases = set(parsed.case_numbers)
    own_eclis = {parsed.ecli, parsed.opinion_of}
    cites: dict[str, CitedRuling] = {}
    for mention in extraction.eclis:
        if mention.ecli not in own_eclis:
            cites.setdefault(str(mention.ecli), CitedRuling(ecli=mention.ecli))
    for mention in extraction.cases:
        if mention.case not in own_cases:
            cites.setdefault(str(mention.case), CitedRuling(case=mention.case))
    parsed.cites = tuple(cites.values())


# --- findings of incompatibility ---------------------------------------------------------------


def _points(doc: _Text, span: tuple[int, int]) -> list[tuple[int, int]]:
    starts = [m.start() for m in _POINT.finditer(doc.text, span[0], span[1])]
    if not starts:
        return [span]
    bounds = [*starts, span[1]]
    first = [(span[0], starts[0])] if doc.text[span[0] : starts[0]].strip() else []
    return first + [(bounds[i], bounds[i + 1]) for i in range(len(starts))]


def _read_incompatibility(doc: _Text, parsed: ParsedText, extraction: Extraction) -> None:
    span = parsed.operative_span
    if span is None or parsed.layout == "ag-opinion":
        return
    findings: list[Incompatibility] = []
    for start, end in _points(doc, span):
        point = doc.text[start:end]
        sentence = " ".join(_POINT.sub("", point, count=1).split()).rstrip(";,")
        mentions = [m for m in extraction.provisions if start <= m.span.start < end]
        failed = _FAILED.search(point)
        if failed:
            findings += _infringement_findings(point, sentence, failed, mentions, start, parsed)
        elif parsed.procedure == "preliminary-ruling":
            findings += _preclusion_findings(point, sentence, mentions, start, parsed)
    if findings:
        parsed.incompatible = tuple(findings)
        parsed.lines["incompatible"] = doc.line(span[0])


def _infos(mentions: list[ProvisionMention]) -> list[ProvisionInfo]:
    out: list[ProvisionInfo] = []
    for mention in mentions:
        info, _ = _info(mention)
        if info is not None and info not in out:
            out.append(info)
    return out


def _infringement_findings(
    point: str,
    sentence: str,
    failed: re.Match[str],
    mentions: list[ProvisionMention],
    offset: int,
    parsed: ParsedText,
) -> list[Incompatibility]:
    """ "… the Italian Republic has failed to fulfil its obligations under Article 5 of …":
    the state named before "has failed", the provisions named after "obligations under"."""
    words = failed["state"].split()
    country = next(
        (c for i in range(len(words)) if (c := country_named(" ".join(words[i:]))) is not None),
        None,
    )
    if country is None:
        return []
    if parsed.country is None:
        parsed.country = country
    status = "not-transposed" if _NON_TRANSPOSITION.search(point) else "incorrect"
    infos = _infos([m for m in mentions if m.span.start >= offset + failed.end()])
    if not infos and status == "not-transposed":
        named = _directives_named(point)
        article = implementation_article(named[0]) if len(named) == 1 else None
        infos = [article] if article is not None else []
    return [Incompatibility(country, info, sentence, status) for info in infos]


def _directives_named(text: str) -> list[str]:
    from lawgraph.extract.lexicon import lexicon

    return sorted({act.celex for act in lexicon().acts(text) if act.celex})


def _preclusion_findings(
    point: str, sentence: str, mentions: list[ProvisionMention], offset: int, parsed: ParsedText
) -> list[Incompatibility]:
    """ "Article 2(2)(b)(i) of Directive 2000/78 must be interpreted as precluding national
    legislation …": the provisions named before the verb, the referring court's country. A
    negated, qualified or conditional preclusion, or one of "the directive" as a whole, gives
    nothing."""
    verb = _PRECLUDES.search(point)
    if verb is None or _NOT_PRECLUDES.search(point) or _CONDITIONAL.search(point):
        return []
    infos = _infos([m for m in mentions if m.span.start < offset + verb.start()])
    if parsed.country is None or not infos:
        return []
    return [Incompatibility(parsed.country, info, sentence, "incorrect") for info in infos]
