"""Checking a draft with the real report pipeline, and saying what is wrong next to the field.

Two levels:

* :func:`row_problems`: every row of one section read the way the report parser reads blocks
  (``read_assessment``, ``read_development``, ``read_equality_body``), so that all bad rows are
  named at once, not only the first;
* :func:`report_problems`: the assembled Markdown through ``parse_report`` →
  ``parse_metadata`` → ``recognise`` → ``build_report_graph``, and optionally SHACL with the
  reference data (a few seconds: run on request and at submission). An :class:`InputError`'s
  line, a build warning's line and a SHACL result's focus node (its ``lg:location``, or that
  of the node pointing at it) are mapped back through the assembled text's line map to the
  section, row and field.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF
from rdflib.term import Node

from lawgraph.errors import InputError
from lawgraph.reports.blocks import read_assessment, read_development, read_equality_body
from lawgraph.reports.graph import build_report_graph
from lawgraph.reports.metadata import parse_metadata
from lawgraph.reports.model import Block, ReportDocument, Section
from lawgraph.reports.parse import parse_report
from lawgraph.reports.template import recognise
from lawgraph.sources import Location, SourceFile
from lawgraph.validation import reference_data_graph, validate_graph
from lawgraph.vocab import ELI, LG
from webapp.workflow.sections import FIELDS, Assembled, Place

__all__ = ["Problem", "report_problems", "row_problems"]

_READERS = {
    "assessment": read_assessment,
    "development": read_development,
    "equality-body": read_equality_body,
}
_NEEDS = re.compile(r"needs (?:a |an )?(\w+)")
_WARNING = re.compile(r"^(?P<source>.*?):(?P<line>\d+): (?P<message>.*)$", re.DOTALL)
_HEADING_IN_TEXT = re.compile(r"^ {0,3}#+[ \t]+\S")
#: SHACL result path → the field it concerns
_PATH_FIELDS = {
    LG.reason: "reason",
    LG.status: "status",
    LG.provision: "provision",
    LG.citesNationalProvision: "national",
    LG.concernsProvision: "provision",
    LG.reportingYear: "reporting_year",
    LG.periodStart: "period",
    LG.periodEnd: "period",
    LG.templateVersion: "template",
    LG.strand: "strand",
    LG.isSample: "sample",
    DCTERMS.description: "sample_note",
    FOAF.name: "expert",
    LG.expert: "expert",
    LG.ecli: "ecli",
    LG.caseNumber: "case",
    LG.courtName: "court",
    DCTERMS.date: "date",
    DCTERMS.title: "title",
    DCTERMS.abstract: "summary",
    DCTERMS.source: "source",
    LG.developmentType: "type",
    LG.mandateGround: "grounds",
    LG.ground: "grounds",
    LG.hasPower: "powers",
    ELI.title: "title",
}


@dataclass(frozen=True)
class Problem:
    """Something to fix (``error``) or to look at (``warning``), placed as precisely as the
    pipeline allows: a section, a part (``heading``, ``prose``, ``meta``, ``preamble`` or a row
    kind), a row and a field; ``line`` is the line within a prose text."""

    message: str
    section: str | None = None
    part: str | None = None
    row: int | None = None
    field: str | None = None
    severity: str = "error"
    line: int | None = None

    @property
    def anchor(self) -> str:
        """The HTML id of the field the problem concerns (see the section template)."""
        if self.part in FIELDS and self.row is not None:
            return f"{self.part}-{self.row}-{self.field or 'row'}"
        if self.part == "meta":
            return f"meta-{self.field}" if self.field else "meta"
        return self.field or self.part or "top"

    def record(self) -> dict[str, Any]:
        return {**asdict(self), "anchor": self.anchor}

    @classmethod
    def at(
        cls, place: Place | None, message: str, severity: str = "error", field: str | None = None
    ) -> Problem:
        if place is None:
            return cls(message, severity=severity)
        return cls(
            message,
            place.section,
            place.part,
            place.row,
            field or place.field,
            severity,
            place.line,
        )


# --------------------------------------------------------------------------------------------
# One section's rows
# --------------------------------------------------------------------------------------------


def _row_problem(
    section_id: str, kind: str, row_no: int, keys: list[str], exc: InputError
) -> Problem:
    location = str(exc.location or "")
    field = (
        keys[int(location) - 1] if location.isdigit() and 0 < int(location) <= len(keys) else None
    )
    if field is None and (needed := _NEEDS.search(exc.message)) and needed[1] in FIELDS[kind]:
        field = needed[1]
    return Problem(exc.message, section_id, kind, row_no, field)


def row_problems(section_id: str, content: dict[str, Any]) -> list[Problem]:
    """Every problem of the section's heading, prose and rows that can be found without the
    rest of the report."""
    if content.get("kind") != "section" or content.get("removed"):
        return []
    problems = []
    if not str(content.get("heading") or "").strip():
        problems.append(
            Problem(
                'A section needs a heading (with its number, e.g. "5.3 Burden of proof").',
                section_id,
                "heading",
                field="heading",
            )
        )
    for number, line in enumerate(str(content.get("prose") or "").split("\n"), start=1):
        if _HEADING_IN_TEXT.match(line):
            problems.append(
                Problem(
                    f"Line {number} of the text is a heading ({line.strip()[:60]!r}): it starts a new "
                    "section of its own. Use “Add a section” instead, or remove the # signs.",
                    section_id,
                    "prose",
                    field="prose",
                    severity="warning",
                    line=number,
                )
            )
    doc = ReportDocument("row", "", "markdown", {}, {}, [])
    section = Section(None, str(content.get("heading") or ""), 1, Location("row", line=0))
    for kind, reader in _READERS.items():
        for row_no, row in enumerate(content.get(kind) or []):
            keys = [k for k, v in row.items() if str(v).strip()]
            block = Block(
                kind,
                {k: str(row[k]) for k in keys},
                Location("row", line=0),
                {k: Location("row", line=i) for i, k in enumerate(keys, start=1)},
            )
            try:
                reader(doc, section, block)
            except InputError as exc:
                problems.append(_row_problem(section_id, kind, row_no, keys, exc))
    return problems


# --------------------------------------------------------------------------------------------
# The whole report
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _reference() -> Graph:
    return reference_data_graph()


_RESULTS: OrderedDict[tuple[str, bool], list[Problem]] = OrderedDict()
_LOCK = threading.Lock()


def report_problems(assembled: Assembled, name: str, *, shacl: bool = False) -> list[Problem]:
    """Every problem the report pipeline finds in the assembled draft (remembered per text)."""
    key = (hashlib.sha256(assembled.text.encode("utf-8")).hexdigest(), shacl)
    with _LOCK:
        if key in _RESULTS:
            _RESULTS.move_to_end(key)
            return _RESULTS[key]
    problems = _run(assembled, name, shacl)
    with _LOCK:
        _RESULTS[key] = problems
        while len(_RESULTS) > 32:
            _RESULTS.popitem(last=False)
    return problems


def _run(assembled: Assembled, name: str, shacl: bool) -> list[Problem]:
    data = assembled.text.encode("utf-8")
    source = SourceFile(name, data, hashlib.sha256(data).hexdigest())
    try:
        doc = parse_report(source)
        meta = parse_metadata(doc)
        recognise(doc)
        built = build_report_graph(doc, meta)
    except InputError as exc:
        line = int(exc.location) if str(exc.location or "").isdigit() else None
        return [Problem.at(assembled.place(line), exc.message)]
    problems = _unmapped(assembled, doc) + _warnings(assembled, built.warnings)
    problems += _unresolved(assembled, built.triples)
    if shacl:
        problems += _shacl(assembled, built.triples, built.report)
    return problems


def _unmapped(assembled: Assembled, doc: ReportDocument) -> list[Problem]:
    return [
        Problem.at(
            assembled.place(s.location.line),
            "This heading does not match a section of the report template: it is kept, "
            "but its text is not linked to the provisions the template section concerns. "
            "Check the wording against the template.",
            "warning",
            "heading",
        )
        for s in doc.sections
        if s.template_key is None
    ]


def _warnings(assembled: Assembled, warnings: list[str]) -> list[Problem]:
    out = []
    for warning in warnings:
        match = _WARNING.match(warning)
        place = assembled.place(int(match["line"])) if match else None
        message = match["message"] if match else warning
        field = "national" if "national provision" in message else None
        out.append(Problem.at(place, message[:1].upper() + message[1:], "warning", field))
    return out


def _unresolved(assembled: Assembled, triples: list) -> list[Problem]:
    graph = _graph(triples)
    out = []
    for node in graph.subjects(RDF.type, LG.UnresolvedReference):
        surface, reason = graph.value(node, LG.surfaceText), graph.value(node, LG.reason)
        out.append(
            Problem.at(
                _place_of(assembled, graph, node),
                f"{str(surface)!r} could not be matched to a directive provision "
                f"({reason}); it is kept as an unresolved reference.",
                "warning",
            )
        )
    return out


def _graph(triples: list) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def _line_of(graph: Graph, node: Node) -> int | None:
    location = graph.value(node, LG.location)
    match = re.search(r":(\d+)$", str(location)) if location is not None else None
    return int(match[1]) if match else None


def _place_of(assembled: Assembled, graph: Graph, node: Node) -> Place | None:
    """The place of a node of the report graph: its own location, else that of a node that
    points at it (a finding citing a national provision, a development reporting a ruling)."""
    line = _line_of(graph, node)
    if line is None:
        line = next(
            (
                found
                for s in graph.subjects(None, node)
                if (found := _line_of(graph, s)) is not None
            ),
            None,
        )
    return assembled.place(line)


def _shacl(assembled: Assembled, triples: list, report: URIRef) -> list[Problem]:
    data = Graph()
    data += _reference()
    graph = _graph(triples)
    data += graph
    subjects = set(graph.subjects())
    out = []
    for problem in validate_graph(data).problems:
        if problem.focus not in subjects:
            continue  # about the reference data, not this report
        place = (
            assembled.place(1)
            if problem.focus == report
            else _place_of(assembled, graph, problem.focus)
        )
        field = _PATH_FIELDS.get(problem.path) if isinstance(problem.path, URIRef) else None
        if place is not None and place.part in FIELDS and field not in FIELDS[place.part]:
            field = None
        value = f" (found: {problem.value})" if isinstance(problem.value, Literal) else ""
        severity = "error" if problem.severity == "Violation" else "warning"
        out.append(Problem.at(place, problem.message + value, severity, field))
    return out
