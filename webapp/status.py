"""How transposition statuses are shown: label, symbol, short code, severity.

Colour is never the only carrier: every cell shows the symbol and the short code, and the
legend spells them out. The colours (``static/style.css``, classes ``st-{slug}``) follow a
colour-blind-safe diverging scheme (ColorBrewer RdYlBu, with lavender for "unclear").
"""

from __future__ import annotations

from dataclasses import dataclass, fields

__all__ = ["GAP_SLUGS", "STATUSES", "Status", "status", "worst"]


@dataclass(frozen=True)
class Status:
    slug: str
    label: str
    symbol: str
    code: str
    rank: int  # higher is worse; the order of lg:severityRank
    description: str

    @property
    def gap(self) -> bool:
        return self.slug in GAP_SLUGS

    def record(self) -> dict[str, object]:
        return {**_fields(self), "gap": self.gap}


STATUSES: tuple[Status, ...] = (
    Status("not-transposed", "not transposed", "⊘", "NT", 4,
           "national law has no rule that puts the provision into effect"),
    Status("incorrect", "incorrect", "✗", "I", 3,
           "national law deals with the provision but falls short of it or contradicts it"),
    Status("partial", "partial", "◐", "P", 2,
           "national law puts the provision into effect only in part"),
    Status("unclear", "unclear", "?", "U", 1, "the sources do not allow a firm conclusion"),
    Status("conform", "conform", "✓", "C", 0, "national law puts the provision into effect"),
    Status("not-applicable", "not applicable", "n/a", "NA", 0,
           "the provision creates no obligation for this country"),
    Status("not-assessed", "not assessed", "–", "–", -1,
           "no assessment for this provision in this reporting year"),
)
_BY_SLUG = {s.slug: s for s in STATUSES}
GAP_SLUGS = ("not-transposed", "incorrect", "partial")
_ORDER = {s.slug: (s.rank, -i) for i, s in enumerate(STATUSES)}


def _fields(status: Status) -> dict[str, object]:
    return {f.name: getattr(status, f.name) for f in fields(status)}  # (asdict deep-copies)


def status(slug: str) -> Status:
    """The display record of a status slug (unknown slugs show as "not assessed")."""
    return _BY_SLUG.get(slug, _BY_SLUG["not-assessed"])


def worst(slugs: list[str]) -> str:
    """The most severe status; conform beats not applicable on a tie."""
    return max(slugs, key=lambda s: _ORDER.get(s, (-1, 0))) if slugs else "not-assessed"
