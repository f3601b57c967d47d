"""Provision references: finding them ("Articles 7 and 9 of the Race Directive") and deciding
which directive each one belongs to.

Finding is pure pattern work (:func:`find_references`); resolving (:func:`resolve`) needs the
sentences and the acts named around the reference. The rules, in order:

1. the act named with the reference ("Article 8 RED", "Directive 2000/78, Article 6(1)",
   "Article 6(1) thereof", "Article 2(3) of both Directive 2000/43/EC and Directive
   2000/78/EC"); a list shares its act ("Articles 7 and 9 of Directive 2000/43"); an act that
   is not an equality directive ("Article 267 TFEU", "Article 4 of the Law") is recorded as
   ``other_act`` and never resolved;
2. "the Directive": the one directive the sentence (else the text so far) names; "that
   directive": the nearest one named before; "both directives": the ones named before;
3. "in its Articles 23 to 25": the act the sentence names first (a national act);
4. a bare reference whose exact path the text has already cited with exactly one directive
   ("Article 5 Directive 2000/78 … Article 5");
5. the one equality directive the sentence names;
6. a reference to another act just before it in the same sentence, when the sentence names no
   directive ("Article 8 of the AWGB … and Article 8a");
7. the section's ``default_directive``;
8. the one equality directive the text names before the reference;
9. otherwise unresolved, with the reason.

A guess from the context (rules 4–8) that lands on an article the directive does not have is
dropped (unresolved), because it is most likely a provision of a national act.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from lawgraph.extract.lexicon import ActMention, Lexicon
from lawgraph.extract.model import ProvisionMention, Span
from lawgraph.extract.textscan import whole_words
from lawgraph.identifiers import DirectiveNumber, IdentifierError, ProvisionPath

__all__ = ["RawItem", "RawReference", "find_references", "resolve"]

_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "5th": 5,
}
_ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"}
_ROMAN_ORDER = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]

_HEAD = r"(?:[Aa]rticles?|ARTICLES?|[Aa]rts?\.?)"
_GROUP = r"\(\s?(?:\d{1,2}[a-z]?|[a-z]{1,4})\s?\)"
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b"
)
#: an article with its paragraph, points and sub-points: "2(2)(b)(ii)", "2 (2) (b)",
#: "2 para. 2 lit. b", "4(2), second subparagraph"
_ITEM = (
    rf"(?P<art>\d{{1,3}}[a-zA-Z]?)(?![\w/]|\.\d)(?!\s+{_MONTHS})(?!\s*%)"
    rf"(?P<chain>(?:\s?{_GROUP})*)"
    r"(?:,?\s*(?:para(?:graph)?\.?|§|Abs\.)\s*(?P<para>\d{1,2}))?"
    r"(?:,?\s*(?:lit\.?|letter|point)\s*\(?(?P<lit>[a-z])\)?(?![\w]))?"
    r"(?:,?\s+(?:the\s+)?(?P<sbp>first|second|third|fourth|fifth|last|\dst|\dnd|\drd|\dth)"
    r"\s+sub-?para(?:graph)?\.?)?"
)
#: where a reference may start: the word "Article" in any of its forms
_HEAD_FIND = re.compile(r"[Aa]rt|ARTICLE")
_HEAD_ITEM = re.compile(rf"(?P<head>{_HEAD})\s*(?=\d)" + _ITEM)
#: what may stand before the word: "the second subparagraph of", "paragraph 1 of", "point (b) of"
_PREFIX = re.compile(
    r"(?:(?:the\s+)?(?P<psbp>first|second|third|fourth|fifth|last)\s+sub-?para(?:graph)?"
    r"|(?:paragraph|para\.?)\s+(?P<ppar>\d{1,2})|points?\s+\((?P<ppnt>[a-z]{1,4})\))\s+of\s+$"
)
_SEP = re.compile(
    r"(?P<sep>\s*,\s*(?:and\s+|or\s+)?|\s+(?:and/or|and|or|as\s+well\s+as|&)\s+"
    r"|\s*[\u2013\u2014-]\s*|\s+(?:to|through|until)\s+)"
)
_NEXT_ITEM = re.compile(rf"(?P<head>{_HEAD}\s*)?(?=\d)" + _ITEM)
_NEXT_CHAIN = re.compile(rf"(?P<chain>{_GROUP}(?:\s?{_GROUP})*)(?![\w(])")
_GROUPS = re.compile(r"\(\s?([0-9a-z]+)\s?\)")

#: what may stand between a reference and the act it belongs to
_LINK = re.compile(r"\s*,?\s*(?:(?:of|in)\s+)?(?:both\s+)?")
_THEREOF = re.compile(
    r"\s*,?\s*(?:thereof|of\s+(?:that|this|the\s+same)\s+(?:act|instrument))\b", re.I
)
_ANAPHOR = re.compile(
    r"\s*,?\s*(?:of|in)\s+(?:the|this|that|both|these|those|the\s+two|the\s+said)\s+"
    r"(?P<word>[Dd]irectives?)\b(?!\s*\(?\d)"
)
_ACRONYM_ACT = re.compile(
    r"\s*,?\s*(?:of\s+)?(?:the\s+)?(?P<act>[A-Z][A-Za-z]{0,6}[A-Z]+[a-z]?)\b"
    r"(?!\s*/)"
)
_CAPS_ACT = re.compile(r"\s*,?\s*of\s+(?:the\s+)?(?P<act>(?:[A-Z][\w'’.-]*\s+){0,6}[A-Z][\w'’-]+)")
_BEFORE = re.compile(r"(?:,|\(|:|\u2013|\u2014|-)?\s*$")
_NOT_ACTS = frozenset({"I", "II", "III", "IV", "EU", "UN", "MS", "OJ", "CJEU", "ECJ", "AG", "SCA"})


@dataclass(frozen=True)
class RawItem:
    start: int
    end: int
    path: ProvisionPath


@dataclass
class RawReference:
    """One reference as written: its items (one per provision), and the act named with it."""

    start: int
    end: int  # end of the last item
    items: list[RawItem]
    #: the equality directive(s) named with the reference
    acts: tuple[ActMention, ...] = ()
    other_act: str | None = None
    anaphor: str | None = None  # "thereof", "the Directive", "the Directives"
    act_end: int | None = None


def find_references(text: str, lex: Lexicon, acts: Sequence[ActMention]) -> list[RawReference]:
    """Every provision reference in the text, with the act written next to it (if any)."""
    out: list[RawReference] = []
    if "rt" not in text and "RT" not in text:
        return out
    by_start = {a.start: a for a in acts}
    last_end = -1
    for head in whole_words(_HEAD_FIND, text, not_after="_§"):
        if head.start() < last_end:
            continue  # already read as part of a list ("Article 5 and Article 2(2)(b)")
        m = _HEAD_ITEM.match(text, head.start())
        if m is None:
            continue
        # "the second subparagraph of Article 4(2)": a prefix ends in "of" (checked first)
        pre = (
            _PREFIX.search(text, max(0, m.start() - 40), m.start())
            if text[max(0, m.start() - 6) : m.start()].rstrip().endswith("of")
            else None
        )
        ref = _read_reference(text, m, pre)
        if ref is None:
            continue
        _bind_after(text, ref, lex, acts, by_start)
        if not ref.acts and ref.other_act is None and ref.anaphor is None:
            _bind_before(text, ref, acts)
        out.append(ref)
        last_end = ref.act_end or ref.end
    return out


def _read_reference(text: str, m: re.Match[str], pre: re.Match[str] | None) -> RawReference | None:
    first = _path(m, pre)
    if first is None:
        return None
    start = pre.start() if pre else m.start()
    items = [RawItem(start, m.end(), first)]
    pos = m.end()
    plural = m.group("head").lower().startswith(("articles", "arts"))
    while True:
        sep = _SEP.match(text, pos)
        if not sep:
            break
        is_range = sep.group("sep").strip().lower() in ("to", "through", "until", "-", "–", "—")
        nxt = _NEXT_ITEM.match(text, sep.end())
        if nxt and (plural or nxt.group("head") or _continues(sep)):
            path = _path(nxt)
            if path is None:
                break
            if is_range:
                items.extend(_article_range(items[-1], path, nxt))
            items.append(RawItem(nxt.start(), nxt.end(), path))
            pos = nxt.end()
            continue
        chain = _NEXT_CHAIN.match(text, sep.end())
        if chain:
            path = _sibling(items[-1].path, _GROUPS.findall(chain.group("chain")))
            if path is None:
                break
            if is_range:
                items.extend(_point_range(items[-1], path, chain))
            items.append(RawItem(chain.start(), chain.end(), path))
            pos = chain.end()
            continue
        break
    return RawReference(start, pos, items)


def _continues(sep: re.Match[str]) -> bool:
    """After a singular "Article 8", a bare number continues the list only after "and"/"or":
    "Article 8 and 10" (a comma is too weak: "Article 5, 12 employers …")."""
    return bool(re.search(r"\b(?:and|or)\b", sep.group("sep")))


def _path(m: re.Match[str], prefix: re.Match[str] | None = None) -> ProvisionPath | None:
    groups = _GROUPS.findall(m.group("chain") or "")
    paragraph: str | None = None
    point: str | None = None
    subpoint: str | None = None
    for value in groups:
        if paragraph is None and point is None and value[0].isdigit():
            paragraph = value
        elif value[0].isdigit():
            return None
        elif point is None:
            point = value
        elif subpoint is None and value in _ROMAN:
            subpoint = value
        else:
            return None
    if m.group("para"):
        if paragraph is not None:
            return None
        paragraph = m.group("para")
    if m.group("lit"):
        if point is not None:
            return None
        point = m.group("lit")
    sbp = _ordinal(m.group("sbp"))
    if prefix:
        if prefix.group("psbp"):
            sbp = _ordinal(prefix.group("psbp"))
        if prefix.group("ppar"):
            if paragraph is not None:
                return None
            paragraph = prefix.group("ppar")
        if prefix.group("ppnt"):
            if point is not None:
                return None
            point = prefix.group("ppnt")
    if point is not None and len(point) > 2 and point not in _ROMAN:
        return None
    return _make(m.group("art").lower(), paragraph, sbp, point, subpoint)


def _ordinal(word: str | None) -> int | None:
    if not word or word == "last":
        return None
    return _ORDINALS.get(word.lower())


@lru_cache(maxsize=4096)
def _make(
    article: str, paragraph: str | None, sbp: int | None, point: str | None, subpoint: str | None
) -> ProvisionPath | None:
    try:
        return ProvisionPath(article, paragraph, sbp, point, subpoint)
    except IdentifierError:
        return None


def _sibling(prev: ProvisionPath, groups: list[str]) -> ProvisionPath | None:
    """ "(b)" after "2(2)(a)" is 2(2)(b); "(2)" after "8(1)" is 8(2); "(ii)" after "(b)(i)"."""
    if not groups:
        return None
    head = groups[0]
    if head[0].isdigit():
        base = (prev.article, None, None, None, None)
        return _fill(base, groups)
    if prev.subpoint is not None and head in _ROMAN:
        if len(groups) > 1:
            return None
        return _make(prev.article, prev.paragraph, prev.subparagraph, prev.point, head)
    if prev.point is None and prev.paragraph is None and not prev.article:
        return None
    return _fill((prev.article, prev.paragraph, prev.subparagraph, None, None), groups)


def _fill(base: tuple, groups: list[str]) -> ProvisionPath | None:
    article, paragraph, sbp, point, subpoint = base
    for value in groups:
        if value[0].isdigit():
            if paragraph is not None or point is not None:
                return None
            paragraph = value
        elif point is None:
            point = value
        elif subpoint is None and value in _ROMAN:
            subpoint = value
        else:
            return None
    return _make(article, paragraph, sbp, point, subpoint)


def _article_range(last: RawItem, end: ProvisionPath, m: re.Match[str]) -> list[RawItem]:
    """ "Articles 7 to 9": the articles in between (the ends are items already)."""
    a, b = last.path, end
    if a.depth != 1 or b.depth != 1 or not (a.article.isdigit() and b.article.isdigit()):
        return []
    lo, hi = int(a.article), int(b.article)
    if not 1 < hi - lo <= 12:
        return []
    span = (last.start, m.end())
    return [RawItem(*span, ProvisionPath(str(n))) for n in range(lo + 1, hi)]


def _point_range(last: RawItem, end: ProvisionPath, m: re.Match[str]) -> list[RawItem]:
    """ "Article 3(1)(a)–(d)": the points in between."""
    a, b = last.path, end
    span = (last.start, m.end())
    if a.subpoint and b.subpoint and a.point == b.point:
        order = _ROMAN_ORDER
        if a.subpoint in order and b.subpoint in order:
            i, j = order.index(a.subpoint), order.index(b.subpoint)
            return [
                RawItem(
                    *span, ProvisionPath(a.article, a.paragraph, a.subparagraph, a.point, order[k])
                )
                for k in range(i + 1, j)
            ]
        return []
    if a.point and b.point and len(a.point) == 1 == len(b.point) and not b.subpoint:
        lo, hi = ord(a.point), ord(b.point)
        if 1 < hi - lo <= 12:
            return [
                RawItem(*span, ProvisionPath(a.article, a.paragraph, a.subparagraph, chr(c)))
                for c in range(lo + 1, hi)
            ]
    return []


def _bind_after(
    text: str,
    ref: RawReference,
    lex: Lexicon,
    acts: Sequence[ActMention],
    by_start: dict[int, ActMention],
) -> None:
    pos = ref.end
    thereof = _THEREOF.match(text, pos)
    if thereof:
        ref.anaphor, ref.act_end = "thereof", thereof.end()
        return
    anaphor = _ANAPHOR.match(text, pos)
    if anaphor:
        plural = anaphor.group("word").lower().endswith("s") or " both " in anaphor.group(0)
        demonstrative = re.search(r"\b(?:that|this)\s+[Dd]irective\b", anaphor.group(0))
        ref.anaphor = (
            "the Directives" if plural else ("that Directive" if demonstrative else "the Directive")
        )
        ref.act_end = anaphor.end()
        return
    link = _LINK.match(text, pos)
    at = link.end() if link else pos
    for start in (at, _skip_the(text, at)):
        act = by_start.get(start)
        if act is not None:
            _take_act(text, ref, act, acts)
            return
    other = lex.other_act_at(text, _skip_the(text, at)) if link and link.group(0).strip() else None
    if other is None:
        other = _adjacent_other(text, pos, lex)
    if other is not None:
        ref.other_act = _tidy(other.group(0))
        ref.act_end = other.end()
        return
    acronym = _ACRONYM_ACT.match(text, pos)
    if (
        acronym
        and acronym.group("act") not in _NOT_ACTS
        and acronym.group("act") not in lex.acronyms
    ):
        ref.other_act, ref.act_end = acronym.group("act"), acronym.end()
        return
    caps = _CAPS_ACT.match(text, pos)
    if caps:
        ref.other_act, ref.act_end = _tidy(caps.group("act")), caps.end()


_SPACE = re.compile(r"\s+")
_SHORT_OTHER = re.compile(
    r"(?:TFEU|TEU|EC|EEC|TEC|ECHR|CRPD|ICERD|CEDAW|ESC|EC\s+Treaty|of\s+the\s+Charter)\b"
)
_THE = re.compile(r"the\s+", re.I)


def _adjacent_other(text: str, pos: int, lex: Lexicon) -> re.Match[str] | None:
    """An act written right after the number with no "of": "Article 267 TFEU", "Article 13
    EC" (only short forms, so that "Article 5 Member States …" is not taken for an act)."""
    space = _SPACE.match(text, pos)
    if not space:
        return None
    return _SHORT_OTHER.match(text, space.end())


def _skip_the(text: str, pos: int) -> int:
    m = _THE.match(text, pos)
    return m.end() if m else pos


def _take_act(text: str, ref: RawReference, act: ActMention, acts: Sequence[ActMention]) -> None:
    if act.kind != "directive":
        ref.other_act, ref.act_end = _tidy(act.text), act.end
        return
    chosen = [act]
    end = act.end
    # "of Directives 2000/43 and 2000/78", "of both Directive 2000/43/EC and Directive
    # 2000/78/EC", "of the Racial Equality Directive and of the Employment Equality Directive"
    for nxt in acts:
        if nxt.start < end:
            continue
        if nxt.kind == "directive" and _ALSO.fullmatch(text[end : nxt.start]):
            chosen.append(nxt)
            end = nxt.end
            continue
        break
    ref.acts, ref.act_end = tuple(chosen), end


_ALSO = re.compile(
    r"\s*(?:,|,?\s*and|,?\s*or|as\s+well\s+as)\s+(?:(?:of|in)\s+)?(?:the\s+)?|\s*,\s*"
)


def _bind_before(text: str, ref: RawReference, acts: Sequence[ActMention]) -> None:
    """ "Directive 2000/78, Article 6(1)", "RED (Art 8)", "2000/43 – Art 7"."""
    for act in reversed(acts):
        if act.end > ref.start:
            continue
        if ref.start - act.end > 4 or not _BEFORE.fullmatch(text[act.end : ref.start]):
            return
        if act.kind == "directive":
            ref.acts = (act,)
        else:
            ref.other_act = _tidy(act.text)
        return


def _tidy(act: str) -> str:
    act = re.sub(r"\s+", " ", act.strip())
    return re.sub(r"^(?:the|of the|of)\s+", "", act, flags=re.I)


# --- resolution ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What resolution needs to know about the text around the references."""

    text: str
    sentences: Sequence[tuple[int, int]]
    acts: Sequence[ActMention]
    default_celex: str | None


def resolve(refs: Sequence[RawReference], ctx: Context, lex: Lexicon) -> list[ProvisionMention]:
    out: list[ProvisionMention] = []
    echoes: dict[str, set[str]] = {}  # path → directives it was cited with explicitly so far
    previous: RawReference | None = None
    for ref in refs:
        found = _directives_of(ref, ctx, lex, refs, previous, echoes)
        previous = ref
        explicit = bool(ref.acts) or ref.anaphor is not None
        for item in ref.items:
            end = item.end
            if len(ref.items) == 1 and ref.act_end and (ref.acts or ref.other_act or ref.anaphor):
                end = ref.act_end
            span = Span(item.start, end, ctx.text[item.start : end])
            celexes = found.celexes
            if not celexes and found.per_path:
                celexes = found.per_path.get(str(item.path), [])
            if not celexes:
                out.append(
                    ProvisionMention(span, item.path, None, False, found.reason, found.other)
                )
                continue
            for celex in celexes:
                mention = _checked(span, item.path, celex, lex, explicit or found.certain)
                out.append(mention)
                if mention.directive is not None and (explicit or found.certain):
                    echoes.setdefault(str(item.path), set()).add(celex)
    return out


@dataclass
class _Found:
    celexes: list[str]
    other: str | None = None
    reason: str = ""
    #: the directive was named with the reference (not guessed from its surroundings)
    certain: bool = False
    per_path: dict[str, list[str]] | None = None


def _checked(
    span: Span, path: ProvisionPath, celex: str, lex: Lexicon, certain: bool
) -> ProvisionMention:
    info = lex.ref.directives[celex]
    number = _directive_number(info.number)
    if lex.ref.provision(celex, str(path)) is not None:
        return ProvisionMention(span, path, number, True)
    article_known = lex.ref.provision(celex, path.article) is not None
    highest = lex.max_article(celex)
    exists = article_known or highest is None or _article_number(path.article) <= highest
    if not certain and not exists:
        # a guess from the context that lands outside the directive is no link at all
        return ProvisionMention(
            span,
            path,
            None,
            False,
            f"{path.citation()} does not exist in Directive {info.number}, the directive "
            "named around it; probably a provision of another act",
        )
    if exists:
        reason = f"{path.citation()} is not in the reference data of Directive {info.number}"
    else:
        reason = f"Article {path.article} does not exist in Directive {info.number}"
    return ProvisionMention(span, path, number, False, reason)


def _article_number(article: str) -> int:
    m = re.match(r"\d+", article)
    return int(m.group()) if m else 0


def _directive_number(number: str) -> DirectiveNumber:
    cached = _DIRECTIVE_CACHE.get(number)
    if cached is None:
        cached = _DIRECTIVE_CACHE[number] = DirectiveNumber.parse(number)
    return cached


_DIRECTIVE_CACHE: dict[str, DirectiveNumber] = {}
_POSSESSIVE = re.compile(r"\b(?:its|their)\s+$", re.I)


def _directives_of(
    ref: RawReference,
    ctx: Context,
    lex: Lexicon,
    refs: Sequence[RawReference],
    previous: RawReference | None,
    echoes: dict[str, set[str]],
) -> _Found:
    """The CELEX numbers a reference resolves to, the other act it names, and why not."""
    if ref.acts:
        return _Found([a.celex for a in ref.acts if a.celex], certain=True)
    if ref.other_act:
        return _Found([], ref.other_act, f"cites {ref.other_act}, not an equality directive")
    if ref.anaphor == "thereof":
        return _thereof(ref, ctx, refs)
    sentence = _sentence_of(ctx, ref.start)
    named = _named_in(ctx.acts, *sentence)
    before = _named_in(ctx.acts, 0, ref.start)
    if ref.anaphor == "the Directives":
        if 2 <= len(before) <= 3:
            return _Found(before, certain=True)
        return _Found([], None, "refers to several directives together")
    if ref.anaphor == "that Directive":
        nearest = next(
            (
                a
                for a in reversed(ctx.acts)
                if a.end <= ref.start and a.kind == "directive" and a.celex
            ),
            None,
        )
        if nearest is not None:
            return _Found([nearest.celex], certain=True)
        ref.anaphor = "the Directive"
    if ref.anaphor == "the Directive":
        if len(named) == 1:
            return _Found(named, certain=True)
        if len(before) == 1:
            return _Found(before, certain=True)
        if ctx.default_celex and not before:
            return _Found([ctx.default_celex], certain=True)
        return _Found([], None, "'the Directive' could be any of the directives named before")
    possessive = _POSSESSIVE.search(ctx.text, max(0, ref.start - 12), ref.start)
    if possessive:
        act = _first_act_in(ctx, lex, sentence[0], ref.start)
        if act is not None:
            return _Found([], act, f"'{possessive.group(0).strip()}' refers to {act}")
    per_path = {}
    for item in ref.items:
        seen = echoes.get(str(item.path), set())
        if len(seen) == 1:
            per_path[str(item.path)] = list(seen)
    if per_path and len(per_path) == len(ref.items):
        return _Found([], per_path=per_path)
    if len(named) == 1:
        return _Found(named)
    if len(named) > 1:
        names = ", ".join(lex.ref.directives[c].short for c in named)
        return _Found([], None, f"the sentence names several directives ({names})")
    if previous is not None and previous.other_act and previous.start >= sentence[0]:
        return _Found(
            [],
            previous.other_act,
            f"follows a reference to {previous.other_act} in the same sentence",
        )
    if ctx.default_celex:
        return _Found([ctx.default_celex])
    if len(before) == 1:
        return _Found(before)
    if before:
        return _Found([], None, "the text names several directives before the reference")
    return _Found([], None, "no directive named with the reference or in its sentence")


def _first_act_in(ctx: Context, lex: Lexicon, start: int, end: int) -> str | None:
    """The first act other than a directive named between ``start`` and ``end``."""
    for m in re.finditer(r"\b(?:[Tt]he\s+)?[A-Z]", ctx.text[start:end]):
        other = lex.other_act_at(ctx.text, start + m.start())
        if other is not None and other.end() <= end:
            return _tidy(other.group(0))
    return None


def _thereof(ref: RawReference, ctx: Context, refs: Sequence[RawReference]) -> _Found:
    last_act = next((a for a in reversed(ctx.acts) if a.end <= ref.start), None)
    last_other = next((r for r in reversed(refs) if r.other_act and r.start < ref.start), None)
    if last_other and (last_act is None or last_other.start > last_act.start):
        return _Found([], last_other.other_act, f"'thereof' refers to {last_other.other_act}")
    if last_act is None:
        return _Found([], None, "'thereof' has no act before it")
    if last_act.kind != "directive" or not last_act.celex:
        return _Found([], _tidy(last_act.text), f"'thereof' refers to {_tidy(last_act.text)}")
    return _Found([last_act.celex], certain=True)


def _sentence_of(ctx: Context, pos: int) -> tuple[int, int]:
    i = bisect.bisect_right(ctx.sentences, (pos, len(ctx.text) + 1)) - 1
    if i >= 0 and ctx.sentences[i][0] <= pos < ctx.sentences[i][1]:
        return ctx.sentences[i]
    return 0, len(ctx.text)


def _named_in(acts: Sequence[ActMention], start: int, end: int) -> list[str]:
    """The equality directives named between ``start`` and ``end`` (acts are in text order)."""
    seen: list[str] = []
    for act in acts[bisect.bisect_left(acts, start, key=_start) :]:
        if act.start >= end:
            break
        if act.kind == "directive" and act.celex and act.celex not in seen:
            seen.append(act.celex)
    return seen


def _start(act: ActMention) -> int:
    return act.start
