"""The bundled case-law corpus (``case_law/``) as an index from case numbers to ECLIs.

A ruling cites others mostly by case number ("C-54/07"). The graph links a citation to the
cited ruling's IRI only when the corpus makes it certain: a cited ECLI the corpus holds, or a
case number for which the corpus holds exactly one judgment or order. An Advocate General's
opinion shares its case number with the judgment but is never the one cited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lawgraph.caselaw.model import CitedRuling, Ruling
from lawgraph.errors import LawgraphError
from lawgraph.identifiers import Ecli
from lawgraph.resources import project_dir

__all__ = ["CaseIndex", "bundled_index", "corpus_files"]


@dataclass
class CaseIndex:
    """ECLIs by case number, for the decisions that can be cited (judgments and orders)."""

    eclis: set[Ecli] = field(default_factory=set)
    by_case: dict[str, set[Ecli]] = field(default_factory=dict)

    @classmethod
    def of(cls, rulings: Iterable[Ruling]) -> CaseIndex:
        index = cls()
        for ruling in rulings:
            if ruling.ecli is None:
                continue
            index.eclis.add(ruling.ecli)
            if ruling.decision in ("judgment", "order"):
                for case in ruling.case_numbers:
                    index.by_case.setdefault(case, set()).add(ruling.ecli)
        return index

    def resolve(self, cited: CitedRuling, citing: Ecli | None = None) -> Ecli | None:
        """The ECLI of a cited ruling if the corpus makes it certain, else None."""
        if cited.ecli is not None:
            return cited.ecli if cited.ecli in self.eclis and cited.ecli != citing else None
        candidates = self.by_case.get(str(cited.case), set()) - {citing}
        return next(iter(candidates)) if len(candidates) == 1 else None


def corpus_files(root: Path | None = None) -> list[Path]:
    """The bundled case-law files (``case_law/**/*.md`` but the READMEs)."""
    root = root or ((project_dir() or Path("/nonexistent")) / "case_law")
    if not root.is_dir():
        return []
    return sorted(
        p
        for p in root.rglob("*.md")
        if p.name.lower() not in ("readme.md", "sources.md", "changelog.md")
    )


@lru_cache(maxsize=1)
def bundled_index() -> CaseIndex:
    """The index of the bundled corpus; a file that does not parse is left out of it (ingest
    reports it on its own)."""
    from lawgraph.caselaw.files import read_ruling
    from lawgraph.sources import read_source

    rulings = []
    for path in corpus_files():
        try:
            rulings.append(read_ruling(read_source(path)))
        except LawgraphError:
            continue
    return CaseIndex.of(rulings)
