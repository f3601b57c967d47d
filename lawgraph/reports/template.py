"""The sections of the network's report template, and recognising them in a parsed report.

The template is reference data (``ontology/reference/report-template.ttl``): one SKOS concept per
section, keyed by a stable slug that survives renumbering between template versions::

    >>> template_keys()["burden-of-proof"]
    'Burden of proof'
    >>> section_provisions("burden-of-proof")
    (('32000L0043', '8'), ('32000L0078', '10'))

:func:`recognise` sets ``template_key`` and ``key_confidence`` on every section of a report. It
matches the heading *text* (numbers and article references stripped, tokens compared with the
labels of each section), uses the article references in the heading as supporting evidence and
the section number within the detected template version only to break ties. A number alone
never decides: "5.3" is burden of proof in 2015 but something else in other layouts. Headings
it cannot place stay ``None`` and are reported as unmapped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from lawgraph.identifiers import ProvisionPath
from lawgraph.reports.model import ReportDocument, Section
from lawgraph.resources import ontology_dir
from lawgraph.vocab import LG, LGD

__all__ = [
    "TEMPLATE_SCHEME",
    "TemplateSection",
    "detect_version",
    "match_heading",
    "recognise",
    "section_provisions",
    "template_keys",
    "template_sections",
]

TEMPLATE_SCHEME = LGD["scheme/report-template"]
TEMPLATE_FILE = "reference/report-template.ttl"
VERSIONS = ("2004", "2008", "2015")
_PROVISION_BASE = str(LGD["provision/"])

#: below this text similarity a heading is not matched on its wording alone
ACCEPT = 0.75
#: with supporting evidence (article references or the number) this is enough
ACCEPT_SUPPORTED = 0.5
#: two candidates closer than this are a tie: no key rather than a guess
TIE = 0.05


@dataclass(frozen=True)
class TemplateSection:
    key: str
    label: str
    alt_labels: tuple[str, ...]
    broader: str | None
    numbers: dict[str, str]
    provisions: tuple[tuple[str, str], ...]  # (CELEX, path "2(2)(a)")

    @property
    def articles(self) -> frozenset[tuple[str, str]]:
        """(CELEX, article number) of the provisions, for matching article references."""
        return _articles(self.provisions)


@lru_cache(maxsize=256)
def _articles(provisions: tuple[tuple[str, str], ...]) -> frozenset[tuple[str, str]]:
    return frozenset((celex, re.match(r"\w+", path)[0]) for celex, path in provisions)


# --------------------------------------------------------------------------------------------
# Reference data
# --------------------------------------------------------------------------------------------


def _path_of(iri_tail: str) -> str:
    """``art_2/par_2/pnt_a`` → ``2(2)(a)``."""
    return str(ProvisionPath.from_iri_path(iri_tail))


def _provision(iri: URIRef) -> tuple[str, str]:
    tail = str(iri).removeprefix(_PROVISION_BASE)
    celex, _, path = tail.partition("/")
    return celex, _path_of(path)


@lru_cache(maxsize=4)
def template_sections(path: Path | None = None) -> dict[str, TemplateSection]:
    """The template sections by key, read once from the Turtle file."""
    graph = Graph()
    graph.parse(path or ontology_dir() / TEMPLATE_FILE, format="turtle")
    sections = {}
    for concept in graph.subjects(SKOS.inScheme, TEMPLATE_SCHEME):
        key = str(graph.value(concept, SKOS.notation))
        broader = graph.value(concept, SKOS.broader)
        numbers = {v: str(n) for v in VERSIONS if (n := graph.value(concept, LG[f"numberIn{v}"]))}
        sections[key] = TemplateSection(
            key=key,
            label=str(graph.value(concept, SKOS.prefLabel)),
            alt_labels=tuple(sorted(str(a) for a in graph.objects(concept, SKOS.altLabel))),
            broader=str(graph.value(broader, SKOS.notation)) if broader is not None else None,
            numbers=numbers,
            provisions=tuple(sorted(_provision(p) for p in graph.objects(concept, LG.concernsProvision))),
        )
    return dict(sorted(sections.items()))


def template_keys() -> dict[str, str]:
    """Every template key with its label (the 2015 heading)."""
    return {key: section.label for key, section in template_sections().items()}


def section_provisions(key: str) -> tuple[tuple[str, str], ...]:
    """The directive provisions a template section concerns, as (CELEX, path) pairs."""
    section = template_sections().get(key)
    return section.provisions if section else ()


# --------------------------------------------------------------------------------------------
# Normalising headings
# --------------------------------------------------------------------------------------------

_STOPWORDS = frozenset(
    ["the", "of", "and", "or", "to", "in", "on", "a", "an", "for", "with", "including", "at", "by", "its", "their", "between", "from", "as", "is", "are", "this", "that", "under"]
)
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_ARTICLE_REF = re.compile(
    r"\b(?:art(?:icle)?s?|recitals?)\.?\s*\d+[a-z]?(?:\s*\(\w{1,4}\))*"
    r"(?:\s*(?:,|and|&|to|-|–)\s*\d+[a-z]?(?:\s*\(\w{1,4}\))*)*",
    re.IGNORECASE,
)
_DIRECTIVE = re.compile(r"\b(?:council\s+)?(?:directives?\s+)?(?:\(eu\)\s*)?\d{2,4}/\d{1,4}(?:/e[ce]c?)?\b"
                        r"|\b(?:RED|EED|directives?)\b", re.IGNORECASE)
_ANNEX = re.compile(r"\b(annex|appendix)\s+(\d|[ivx]{1,3})\b", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*(?:[IVX]{1,4}(?:\.\d{1,2})+|\d{1,2}(?:\.\d{1,2})*)\.?\s+")


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _stem(token: str) -> str:
    token = token.replace("iz", "is")
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


@lru_cache(maxsize=4096)
def heading_tokens(text: str) -> frozenset[str]:
    """The content words of a heading, without its number, article references and years.

    >>> sorted(heading_tokens("5.3 Burden of proof (Article 8 Directive 2000/43)"))
    ['burden', 'proof']
    >>> sorted(heading_tokens("II.1.9 Article 9 Victimization"))
    ['victimisation']
    >>> heading_tokens("Latest developments in 2022") == heading_tokens("Latest developments")
    True
    """
    text = _NUMBER.sub(" ", text)
    while True:
        stripped = _BRACKETS.sub(" ", text)
        if stripped == text:
            break
        text = stripped
    text = _ANNEX.sub(lambda m: f" {m[1]}{m[2]} ", _plain(text))
    text = _DIRECTIVE.sub(" ", _ARTICLE_REF.sub(" ", text))
    text = text.replace("-", "").replace("'", "").replace("’", "")
    words = re.findall(r"[a-z][a-z0-9]*", text)
    return frozenset(_stem(w) for w in words if w not in _STOPWORDS)


def _similarity(heading: frozenset[str], label: frozenset[str]) -> float:
    if not heading or not label:
        return 0.0
    if heading == label:
        return 1.0
    common = len(heading & label)
    dice = 2 * common / (len(heading) + len(label))
    contained = 0.8 * common / len(label) if len(label) >= 2 else 0.0
    return min(max(dice, contained), 0.95)


@dataclass(frozen=True)
class _Index:
    """The template prepared for matching: label tokens, an inverted index, ancestors."""

    labels: dict[str, tuple[frozenset[str], ...]]
    by_token: dict[str, frozenset[str]]
    ancestors: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def _index() -> _Index:
    sections = template_sections()
    labels = {key: tuple(heading_tokens(label) for label in (s.label, *s.alt_labels))
              for key, s in sections.items()}
    by_token: dict[str, set[str]] = {}
    for key, token_sets in labels.items():
        for token in set().union(*token_sets):
            by_token.setdefault(token, set()).add(key)
    ancestors = {}
    for key in sections:
        seen, current = set(), key
        while (current := sections[current].broader) and current not in seen:
            seen.add(current)
        ancestors[key] = frozenset(seen)
    return _Index(labels, {t: frozenset(k) for t, k in by_token.items()}, ancestors)


# --------------------------------------------------------------------------------------------
# Article references in headings
# --------------------------------------------------------------------------------------------

_REF = re.compile(r"\bart(?:icle)?s?\.?\s*(?P<first>\d+)(?P<more>(?:\s*(?:\([^()]*\))+|\s*(?:,|and|&)\s*\d+)*)",
                  re.IGNORECASE)
_DIRECTIVE_NAME = re.compile(r"2000/(?P<n>43|78)|\b(?P<abbr>RED|EED)\b")
_CELEX = {"43": "32000L0043", "78": "32000L0078", "RED": "32000L0043", "EED": "32000L0078"}


def heading_articles(text: str) -> set[tuple[str | None, str]]:
    """The articles a heading cites, each with the CELEX of the directive named after it.

    >>> sorted(heading_articles("Burden of proof (Article 8 Directive 2000/43, Article 10 Directive 2000/78)"))
    [('32000L0043', '8'), ('32000L0078', '10')]
    >>> heading_articles("Article 8 Burden of proof")
    {(None, '8')}
    """
    matches = list(_REF.finditer(text))
    refs: set[tuple[str | None, str]] = set()
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        name = _DIRECTIVE_NAME.search(text, match.end(), end)
        celex = _CELEX[name["n"] or name["abbr"]] if name else None
        numbers = [match["first"], *re.findall(r"(?:,|and|&)\s*(\d+)", match["more"])]
        refs.update((celex, n) for n in numbers)
    return refs


def _article_score(refs: set[tuple[str | None, str]], section: TemplateSection) -> float:
    if not refs or not section.provisions:
        return 0.0
    articles = section.articles
    if any(celex and (celex, number) in articles for celex, number in refs):
        return 1.0
    numbers = {number for _, number in articles}
    if any(celex is None and number in numbers for celex, number in refs):
        return 0.5
    return -0.2


# --------------------------------------------------------------------------------------------
# Template version
# --------------------------------------------------------------------------------------------

_LATER = re.compile(r"executive summary|latest developments|best practices|sensitive or controversial")


def detect_version(sections: Iterable[Section]) -> str | None:
    """Guess the template version from the headings: article-by-article ("II.1.8", "Article 8
    Burden of proof") → "2004"; an executive summary or "Latest developments" → "2015";
    chapters 0–8 ending with "Co-ordination at national level" → "2008"."""
    sections = list(sections)
    texts = [_plain(s.heading) for s in sections]
    numbers = [s.number or "" for s in sections]
    if any(re.match(r"[IVX]+\.\d", n) for n in numbers) \
            or sum(bool(re.match(r"art(icle)?\.?\s*\d", t)) for t in texts) >= 3:
        return "2004"
    if any(_LATER.search(t) for t in texts):
        return "2015"
    top = {n for n in numbers if n.isdigit()}
    if "0" in top or (top and max(int(n) for n in top) == 8):
        return "2008"
    return None


# --------------------------------------------------------------------------------------------
# Recognition
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    key: str
    text: float
    total: float
    supported: bool


def _candidates(heading: str, number: str | None, version: str | None,
                parent: str | None) -> list[_Candidate]:
    index, sections = _index(), template_sections()
    tokens = heading_tokens(heading)
    refs = heading_articles(heading)
    # only keys that share a word with the heading can reach ACCEPT_SUPPORTED; a heading of
    # article references only ("Article 13 Directive 2000/43") is matched on those
    keys = set().union(*(index.by_token.get(t, ()) for t in tokens)) if tokens else set(sections)
    found = []
    for key in keys:
        template = sections[key]
        text = max(_similarity(tokens, label) for label in index.labels[key])
        articles = _article_score(refs, template)
        if text < ACCEPT_SUPPORTED and not (not tokens and articles == 1.0):
            continue
        numbered = bool(version and number and template.numbers.get(version) == number)
        context = 0.0
        if parent:
            ancestors = index.ancestors[key]
            if parent in ancestors:
                context = 0.1
            elif ancestors:
                context = -0.1
        total = text + 0.3 * articles + 0.1 * numbered + context
        found.append(_Candidate(key, text, total, articles > 0 or numbered))
    return sorted(found, key=lambda c: (-c.total, c.key))


def _choose(candidates: list[_Candidate]) -> tuple[str | None, float]:
    if not candidates:
        return None, 0.0
    best = candidates[0]
    if len(candidates) > 1 and best.total - candidates[1].total < TIE:
        return None, 0.0
    if best.text == 1.0:
        return best.key, 1.0
    if best.text == 0.0:  # article references alone, and they point to one section only
        return best.key, 0.6
    if best.text >= ACCEPT or (best.text >= ACCEPT_SUPPORTED and best.supported):
        return best.key, round(min(0.95, 0.8 * best.text + 0.1 * best.supported + 0.05), 2)
    return None, 0.0


@lru_cache(maxsize=4096)
def match_heading(heading: str, number: str | None = None, version: str | None = None,
                  parent: str | None = None) -> tuple[str | None, float]:
    """The template key of one heading (and how sure), given its number, the template version
    and the key of the section it stands in.

    >>> match_heading("Burden of proof (Article 8 Directive 2000/43, Article 10 Directive 2000/78)")
    ('burden-of-proof', 1.0)
    >>> match_heading("Direct discrimination", "4.7.1", "2015", parent="age-exceptions")
    ('age-direct-discrimination', 1.0)
    """
    return _choose(_candidates(heading, number, version, parent))


def recognise(doc: ReportDocument) -> None:
    """Set ``template_key`` and ``key_confidence`` on every section of ``doc``."""
    version = doc.metadata.get("template")
    if version not in VERSIONS:
        version = detect_version(doc.sections)
    stack: list[Section] = []  # the open ancestors of the current section
    for section in doc.sections:
        while stack and stack[-1].level >= section.level:
            stack.pop()
        parent = next((s.template_key for s in reversed(stack) if s.template_key), None)
        section.template_key, section.key_confidence = match_heading(
            section.heading, section.number, version, parent)
        stack.append(section)
