"""Case law as graph data: rulings read from case-law files and published texts, their named
graphs, and the citation network lawyers query.

The public API::

    read_ruling(source)             # a case-law file or ruling text → a checked Ruling
    parse_judgment(text)            # metadata from a published judgment, order, opinion, notice
    build_ruling_graph(ruling)      # Ruling → the triples of its named graph
    leading_cases(store, provision) # and case_law_line, concept_case_law,
                                    # cross_country_citations, provisions_without_case_law

:mod:`lawgraph.caselaw.ingest` registers rulings as a source kind of ``lawgraph ingest`` and
holds the duplicate check across files (``precheck``, ``check_duplicates``).
"""

from lawgraph.caselaw.files import parse_case_law_file, parse_text, read_ruling
from lawgraph.caselaw.graph import build_ruling_graph
from lawgraph.caselaw.judgment import ParsedText, parse_judgment
from lawgraph.caselaw.model import CitedRuling, Incompatibility, Ruling
from lawgraph.caselaw.network import (
    CaseLawEntry,
    case_law_line,
    citation_network,
    concept_case_law,
    cross_country_citations,
    leading_cases,
    provisions_without_case_law,
)

__all__ = [
    "CaseLawEntry",
    "CitedRuling",
    "Incompatibility",
    "ParsedText",
    "Ruling",
    "build_ruling_graph",
    "case_law_line",
    "citation_network",
    "concept_case_law",
    "cross_country_citations",
    "leading_cases",
    "parse_case_law_file",
    "parse_judgment",
    "parse_text",
    "provisions_without_case_law",
    "read_ruling",
]
