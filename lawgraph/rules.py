"""Gap rules: SPARQL files under ``ontology/rules/`` with a YAML header (see its README).

:func:`load_rules` reads every rule; a rule that does not load (bad header, SPARQL syntax error,
unknown provision) is reported as a :class:`RuleProblem` with its file and line, and the others
load all the same.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox
import yaml
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from lawgraph.errors import InputError
from lawgraph.resources import ontology_dir
from lawgraph.store.base import Triple
from lawgraph.vocab import LG, LGD, sparql_prefixes

__all__ = ["Rule", "RuleProblem", "RuleSet", "load_rules", "rule_triples", "scoped_query"]

SEVERITIES = ("high", "medium", "low", "info")
AUTHORITIES = ("expert", "court", "report", "inference", "from-finding")
STATUSES = (
    "not-transposed",
    "partial",
    "incorrect",
    "unclear",
    "conform",
    "not-applicable",
    "not-assessed",
)
REQUIRED_VARIABLES = ("country", "year", "provision")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
#: a line that is only ``#scope``: where a scoped evaluation puts its VALUES row (see README)
_SCOPE_LINE = re.compile(r"^([ \t]*)#scope[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: str
    #: a status slug, "from-finding" (the evidence finding's status) or "flag" (none)
    status: str
    #: a weight in [0, 1], or None for "from-finding"
    confidence: float | None
    #: "any", "mandatory", or the provision IRIs the rule concerns
    provisions: str | tuple[URIRef, ...]
    explanation: str
    #: whose word the rule carries (decides between disagreeing reasons)
    authority: str
    query: str
    path: Path

    @property
    def iri(self) -> URIRef:
        return LGD[f"rule/{self.id}"]


@dataclass(frozen=True)
class RuleProblem:
    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        return (
            f"{self.path.name}:{self.line}: {self.message}"
            if self.line
            else f"{self.path.name}: {self.message}"
        )


@dataclass
class RuleSet:
    rules: list[Rule] = field(default_factory=list)
    problems: list[RuleProblem] = field(default_factory=list)

    @cached_property
    def version(self) -> str:
        """A hash of the rules' text: assessments record which rules made them."""
        digest = hashlib.sha256()
        for rule in sorted(self.rules, key=lambda r: r.id):
            digest.update(rule.path.read_bytes())
        return digest.hexdigest()[:16]


def _split_header(text: str) -> tuple[str, str, int]:
    header, body_start = [], 0
    lines = text.splitlines(keepends=True)
    for number, line in enumerate(lines):
        if line.startswith("#"):
            header.append(line[1:].removeprefix(" "))
        elif line.strip():
            body_start = number
            break
    return "".join(header), "".join(lines[body_start:]), body_start + 1


def _key_line(text: str, key: str) -> int:
    """The line of ``# key:`` in the header (1 if absent), so errors point at the field."""
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"#\s*{re.escape(key)}\s*:", line):
            return number
    return 1


def _parse_rule(path: Path) -> Rule:
    text = path.read_text("utf-8")
    header_text, query, body_line = _split_header(text)
    try:
        header = yaml.safe_load(header_text) or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise InputError(
            str(path),
            line + 1 if line is not None else None,
            f"the rule header is not valid YAML: {exc}",
        ) from exc
    if not isinstance(header, dict):
        raise InputError(str(path), 1, "the rule header must be 'key: value' lines")
    for key in ("id", "title", "severity", "status", "explanation"):
        if not header.get(key):
            raise InputError(str(path), 1, f"the rule header lacks {key!r}")
    severity = str(header["severity"]).lower()
    if severity not in SEVERITIES:
        raise InputError(
            str(path),
            _key_line(text, "severity"),
            f"severity must be one of {', '.join(SEVERITIES)}",
        )
    status = str(header["status"]).lower()
    if status not in (*STATUSES, "from-finding", "flag"):
        raise InputError(str(path), _key_line(text, "status"), f"unknown status {status!r}")
    authority = str(header.get("authority", "inference")).lower()
    if authority not in AUTHORITIES:
        raise InputError(
            str(path),
            _key_line(text, "authority"),
            f"authority must be one of {', '.join(AUTHORITIES)}",
        )
    confidence = _confidence(path, header.get("confidence", 1.0), _key_line(text, "confidence"))
    provisions = _provisions(path, header.get("provisions", "any"), _key_line(text, "provisions"))
    _check_query(path, query, body_line)
    return Rule(
        id=str(header["id"]),
        title=str(header["title"]),
        severity=severity,
        status=status,
        confidence=confidence,
        provisions=provisions,
        explanation=" ".join(str(header["explanation"]).split()),
        authority=authority,
        query=query,
        path=path,
    )


def _confidence(path: Path, value: object, line: int) -> float | None:
    if value == "from-finding":
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise InputError(
            str(path), line, f"confidence must be a number or from-finding, not {value!r}"
        ) from exc
    if not 0 <= number <= 1:
        raise InputError(str(path), line, f"confidence must be between 0 and 1, not {number}")
    return number


def _provisions(path: Path, value: object, line: int) -> str | tuple[URIRef, ...]:
    if value in ("any", "mandatory"):
        return str(value)
    from lawgraph.reports.blocks import resolve_provision
    from lawgraph.sources import Location

    items = value if isinstance(value, list) else [value]
    return tuple(
        resolve_provision(str(item), str(path), Location(str(path), line=line)).iri
        for item in items
    )


def _check_query(path: Path, query: str, body_line: int) -> None:
    if not _WHERE.search(query):
        raise InputError(str(path), body_line, "the query needs an explicit 'WHERE {'")
    try:
        result = ox.Store().query(sparql_prefixes() + query)
    except SyntaxError as exc:
        match = re.search(r"at (\d+):(\d+)", str(exc))
        line = (
            body_line + int(match.group(1)) - 1 - len(sparql_prefixes().splitlines())
            if match
            else body_line
        )
        raise InputError(str(path), max(line, body_line), f"SPARQL syntax error: {exc}") from exc
    if not isinstance(result, ox.QuerySolutions):
        raise InputError(str(path), body_line, "a rule must be a SELECT query")
    missing = [v for v in REQUIRED_VARIABLES if v not in {x.value for x in result.variables}]
    if missing:
        raise InputError(str(path), body_line, f"the query must return ?{', ?'.join(missing)}")


def load_rules(folder: Path | None = None) -> RuleSet:
    """Every ``*.rq`` rule in the folder (default ``ontology/rules``); problems collected."""
    folder = folder or ontology_dir() / "rules"
    ruleset = RuleSet()
    seen: set[str] = set()
    for path in sorted(folder.glob("*.rq")):
        try:
            rule = _parse_rule(path)
        except InputError as exc:
            line = int(exc.location) if str(exc.location).isdigit() else None
            ruleset.problems.append(RuleProblem(path, line, exc.message))
            continue
        if rule.id in seen:
            ruleset.problems.append(RuleProblem(path, 1, f"duplicate rule id {rule.id}"))
            continue
        seen.add(rule.id)
        ruleset.rules.append(rule)
    return ruleset


def scoped_query(rule: Rule, scope: list[tuple[URIRef, int]] | None) -> str:
    """The rule's query, restricted to (country, year) pairs by a VALUES row after ``WHERE {``."""
    query = sparql_prefixes() + rule.query
    if scope is None:
        return query
    rows = " ".join(
        f'(<{country}> "{year}"^^<http://www.w3.org/2001/XMLSchema#gYear>)'
        for country, year in scope
    )
    values = f"VALUES (?country ?year) {{ {rows} }}"
    if _SCOPE_LINE.search(query):
        return _SCOPE_LINE.sub(lambda m: f"{m.group(1)}{values}", query)
    match = _WHERE.search(query)
    assert match is not None  # checked at load time
    return f"{query[: match.end()]} {values} {query[match.end() :]}"


def rule_triples(ruleset: RuleSet) -> list[Triple]:
    """The rules as data, so pages and SPARQL users can read what each rule means."""
    triples: list[Triple] = []
    for rule in ruleset.rules:
        triples += [
            (rule.iri, RDF.type, LG.GapRule),
            (rule.iri, DCTERMS.identifier, Literal(rule.id)),
            (rule.iri, DCTERMS.title, Literal(rule.title, lang="en")),
            (rule.iri, RDFS.comment, Literal(rule.explanation, lang="en")),
            (rule.iri, LG.severity, Literal(rule.severity)),
            (rule.iri, LG.impliesStatus, Literal(rule.status)),
            (rule.iri, LG.authority, Literal(rule.authority)),
            (rule.iri, DCTERMS.source, Literal(f"ontology/rules/{rule.path.name}")),
        ]
    return triples
