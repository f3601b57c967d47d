"""Gap statements: sentences saying that national law does not transpose a directive provision,
transposes it only in part, or transposes it incorrectly.

A sentence is a gap statement when it holds a cue of the lexicon (:mod:`lawgraph.extract.cues`)
that meets the cue's requirements and that no modifier takes back (:mod:`lawgraph.extract.scope`):

1. **cue**: one pass over the text finds the sentences holding a cue key; only those are
   classified, and only with the cues whose keys they hold;
2. **requirements** by the cue's kind: a conformity cue needs EU law as its object ("contrary to
   Article 9 of Directive 2000/43", not "contrary to the Charter"); a descriptive cue ("applies
   only to", "contains no provision") needs a directive named in the sentence; a cue that does
   not meet them is not gap vocabulary at all;
3. **modifiers**, each within its scope: temporal closure, a party's claim, negation,
   permission by the directive, going beyond it, hedging, the Court's general reasoning; and
   the subject: a conformity or descriptive cue whose subject is the directive, the Court or a
   generic "such a rule" states EU law, not a gap.

The first cue (by kind, then confidence) that survives decides the status. A sentence whose cues
were all taken back is kept in ``Extraction.hedged`` with the reason ("negated: 'there is no
indication that'"), for review.

>>> gaps, held = find_gaps("The Act does not transpose Article 9.", [(0, 37)], [])
>>> [(g.status, g.cue) for g in gaps]
[('not-transposed', 'does not transpose')]
>>> text = "It is unclear whether the Act is contrary to the Directive."
>>> gaps, held = find_gaps(text, [(0, len(text))], [])
>>> gaps, [reason for _, reason in held]
([], ["hedged: 'whether'"])
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from lawgraph.extract.cues import (
    CUES,
    CUES_BY_KEY,
    KEY_CLOSURE,
    KEYS,
    NEEDS,
    NOT_TRANSPOSED,
    WEAK_KEYS,
    Cue,
)
from lawgraph.extract.lexicon import ActMention
from lawgraph.extract.model import GapStatement, ProvisionMention, Span
from lawgraph.extract.scope import (
    MODIFIERS,
    NEGATED_BEFORE,
    ORDER,
    Mention,
    Modifier,
    has_fronted_clause,
    segments,
    subject_kind,
    triggered,
)
from lawgraph.extract.textscan import compile_lower, lower

__all__ = ["find_gaps"]

#: "The same shortcoming affects Article 9(2)": the status of the gap just before
_SAME = compile_lower(
    r"^\W*(?:\w+,\s*)?the\s+same\s+(?:applies|is\s+true|holds|goes|shortcoming|problem|gap"
    r"|deficiency|criticism|concern|defect|flaw)\b"
)
#: what stands right after a conformity cue when it measures against EU law
_EU_OBJECT = compile_lower(
    r"[\s,]*(?:(?:under|of|in|with)\s+)?(?:both\s+|either\s+)?"
    r"(?:the\s+|that\s+|this\s+|those\s+|these\s+|its\s+|their\s+)?"
    r"(?:(?:EU\s+|equality\s+)?directives?\b|provisions?\s+of\s+(?:the|that|this)\s+directive"
    r"|(?:that|this|the\s+said)\s+provision\b|obligations?\s+under|requirements?\s+(?:of|in|under)"
    r"\s+(?:the\s+|that\s+)?directive|(?:EU|Union|European\s+Union)\s+law\b)"
)
#: what anchors a cue to the directives when no provision is cited: the directive, a
#: requirement, or "that requirement" pointing back to one
_ANCHOR = compile_lower(
    r"\bdirectives?\b|\brequired\s+by\b|transpos|implement"
    r"|\b(?:that|this|these|those|the\s+said)\s+(?:requirements?|obligations?|provisions?"
    r"|standards?)\b"
)
_ADOPT_FAILURE = compile_lower(
    r"\bfail\w*\s+to\s+adopt|\bnot\s+adopted\b|\bfail\w*\s+to\s+transpos"
)
#: "is not defined in Directive 2000/78": the directive is where the thing is (not) found
_EU_LOCUS = compile_lower(r"\s+(?:expressly\s+|explicitly\s+)?(?:in|by|under|from)\b")
_PHRASE_BREAK = re.compile(r"[,;:()]")
_CLAUSE_BREAK = compile_lower(r"[;,.]\s|\bwhich\b|\bwhere\b")


#: the modifiers with their indexes, in the order of :data:`ORDER` (then of the table)
_IN_ORDER = sorted(enumerate(MODIFIERS), key=lambda im: ORDER.index(im[1].reason))


def find_gaps(
    text: str,
    sentences: Sequence[tuple[int, int]],
    provisions: Sequence[ProvisionMention],
    acts: Sequence[ActMention] = (),
) -> tuple[list[GapStatement], list[tuple[Span, str]]]:
    """The gap statements of a text, and the sentences whose gap words were taken back."""
    gaps: list[GapStatement] = []
    held: list[tuple[Span, str]] = []
    lowered = lower(text)
    if KEYS.search(lowered) is None:
        return gaps, held
    keys = _keys_by_sentence(lowered, sentences)
    linkable = tuple(p for p in provisions if p.directive is not None)
    for index in sorted(keys):
        start, end = sentences[index]
        sentence_lower = lowered[start:end]
        if gaps and "same" in sentence_lower:
            same = _same_as_before(text, start, end, gaps[-1], provisions)
            if same is not None:
                gaps.append(same)
                continue
        cues = _cues(sentence_lower, keys[index]) if keys[index] else []
        if not cues:
            continue
        mentions = [p for p in provisions if start <= p.span.start < end]
        ctx = _Sentence(text[start:end], sentence_lower, start, mentions, acts)
        found = _classify(ctx, cues)
        if isinstance(found, str):
            held.append((Span(start, end, ctx.text), found))
        elif found is not None:
            gaps.append(_statement(ctx, *found, linkable))
    return gaps, held


def _same_as_before(
    text: str, start: int, end: int, previous: GapStatement, provisions: Sequence[ProvisionMention]
) -> GapStatement | None:
    """ "The same shortcoming affects Article 9(2)", right after a gap statement: the same
    status, for the provisions this sentence names (else those of the one before)."""
    same = _SAME.match(lower(text[start:end]))
    if same is None or text[previous.sentence.end : start].strip():
        return None
    own = tuple(p for p in provisions if start <= p.span.start < end and p.directive is not None)
    return GapStatement(
        Span(start, end, text[start:end]),
        previous.status,
        own or previous.provisions,
        round(max(0.0, previous.confidence - 0.1), 2),
        text[start + same.start() : start + same.end()].strip(),
    )


def _statement(
    ctx: _Sentence, cue: Cue, match: re.Match[str], linkable: tuple[ProvisionMention, ...]
) -> GapStatement:
    """The gap statement a cue makes, linked to the provisions the sentence names (else those
    of the text), with the cue's confidence raised or lowered by where they come from."""
    status = cue.status
    if cue.kind == "infringement" and _ADOPT_FAILURE.search(ctx.lower):
        status = NOT_TRANSPOSED  # failing to fulfil obligations by not adopting measures
    own = tuple(p for p in ctx.provisions if p.directive is not None)
    linked = own or linkable
    confidence = cue.confidence + (0.05 if own else (-0.05 if linked else -0.15))
    span = Span(ctx.offset, ctx.offset + len(ctx.text), ctx.text)
    return GapStatement(
        span, status, linked, round(min(1.0, max(0.0, confidence)), 2), ctx.words(match)
    )


def _keys_by_sentence(lowered: str, sentences: Sequence[tuple[int, int]]) -> dict[int, set[str]]:
    """The cue keys each sentence holds (sentences with none are absent); a sentence right
    after one with keys is there too (with none), as it may say "the same applies"."""
    out: dict[int, set[str]] = {}
    for i, (start, end) in enumerate(sentences):
        found = KEYS.findall(lowered, start, end)
        if found:
            keys: set[str] = set()
            for key in set(found):
                closure = KEY_CLOSURE.get(key)
                keys.update(closure if closure is not None else KEY_CLOSURE[" ".join(key.split())])
            out[i] = keys
        elif i and i - 1 in out and "same" in lowered[start:end]:
            out[i] = set()
    return out


class _Sentence:
    """One sentence being classified: its text, its lower-cased text (which the patterns run
    over), its provision mentions and acts in sentence offsets, and its segments."""

    def __init__(
        self,
        text: str,
        lowered: str,
        offset: int,
        provisions: Sequence[ProvisionMention],
        acts: Sequence[ActMention],
    ) -> None:
        self.text, self.lower, self.offset = text, lowered, offset
        self.provisions = provisions
        self.mentions = [
            Mention(p.span.start - offset, p.span.end - offset, p.other_act) for p in provisions
        ]
        self.acts = [a for a in acts if offset <= a.start < offset + len(text)]
        self.segments = segments(lowered, lowered=True)
        self._starts = [s for s, _ in self.segments]
        self.fronted = has_fronted_clause(lowered, lowered=True)
        self.triggered = triggered(lowered)
        self._matches: dict[int, list[re.Match[str]]] = {}

    def words(self, m: re.Match[str]) -> str:
        """The words a match (over the lower-cased text) covers, as written."""
        return self.text[m.start() : m.end()]

    def words_before(self, pos: int, count: int) -> str:
        """The last ``count`` words before ``pos`` in the cue's own phrase (not across a comma,
        a semicolon, a colon or a bracket)."""
        before = self.lower[max(0, pos - 12 * count) : pos]
        before = _PHRASE_BREAK.split(before)[-1]
        return " ".join(before.split()[-count:])

    def segment_of(self, pos: int) -> int:
        return max(bisect.bisect_right(self._starts, pos) - 1, 0)

    def matches(self, index: int, modifier: Modifier) -> list[re.Match[str]]:
        found = self._matches.get(index)
        if found is None:
            found = self._matches[index] = (
                list(modifier.pattern.finditer(self.lower)) if index in self.triggered else []
            )
        return found


def _cues(lowered: str, keys: set[str]) -> list[tuple[Cue, re.Match[str]]]:
    """The cue matches of a lower-cased sentence, best first (by kind, then confidence). Of two
    where one holds the other ("does not transpose Article 9 correctly" and "does not
    transpose"), the longer is the reading."""
    has: dict[str, bool] = {}
    if keys <= WEAK_KEYS:
        has = {name: pattern.search(lowered) is not None for name, pattern in NEEDS.items()}
        if not any(has.values()):
            return []
    found = []
    for i in {i for k in keys for i in CUES_BY_KEY[k]}:
        cue = CUES[i]
        if cue.needs is not None:
            if cue.needs not in has:
                has[cue.needs] = NEEDS[cue.needs].search(lowered) is not None
            if not has[cue.needs]:
                continue
        found.extend((cue, m) for m in cue.pattern.finditer(lowered))
    if len(found) > 1:
        found = [
            (c, m)
            for c, m in found
            if not any(
                o is not m
                and o.start() <= m.start()
                and m.end() <= o.end()
                and o.end() - o.start() > m.end() - m.start()
                for _, o in found
            )
        ]
        found.sort(key=lambda cm: (cm[0].rank, cm[1].start()))
    return found


def _classify(
    ctx: _Sentence, found: list[tuple[Cue, re.Match[str]]]
) -> tuple[Cue, re.Match[str]] | str | None:
    """The cue that makes the sentence a gap, or the reason its cues were taken back (None
    when no cue meets its requirements)."""
    first_reason: str | None = None
    for cue, m in found:
        if not _meets_requirements(ctx, cue, m):
            continue
        reason = _taken_back(ctx, cue, m)
        if reason is None:
            return cue, m
        first_reason = first_reason or reason
    return first_reason


def _meets_requirements(ctx: _Sentence, cue: Cue, m: re.Match[str]) -> bool:
    if cue.kind == "transposition":
        return "transpos" in m.group(0) or _anchored(ctx)
    if cue.kind in ("infringement", "conformity"):
        return _eu_object(ctx, m.start(), m.end())
    if cue.kind == "nominal":  # "a gap" must be a gap in something the sentence names
        return any(p.other_act is None for p in ctx.mentions) or any(
            a.kind == "directive" for a in ctx.acts
        )
    return _anchored(ctx)


def _anchored(ctx: _Sentence) -> bool:
    """The sentence cites a directive provision, names a directive, or speaks of transposing."""
    return (
        any(p.other_act is None for p in ctx.mentions)
        or any(a.kind == "directive" for a in ctx.acts)
        or _ANCHOR.search(ctx.lower) is not None
    )


def _eu_object(ctx: _Sentence, start: int, end: int) -> bool:
    """What the cue measures against is EU law: a provision of a directive (not of the Charter
    or a national act) or a directive, right after the cue."""
    stop = _CLAUSE_BREAK.search(ctx.lower, end + 1)
    window = min(end + 70, stop.start() if stop else len(ctx.lower))
    if any(start <= p.start <= window and p.other_act is None for p in ctx.mentions):
        return True
    if _EU_OBJECT.match(ctx.lower, end):
        return True
    return any(end <= a.start - ctx.offset <= end + 50 and a.kind == "directive" for a in ctx.acts)


def _eu_locus(ctx: _Sentence, end: int) -> bool:
    """Whether the directive is where the thing is (not) found: "… is not defined in Directive
    2000/78", "… is excluded from the directives"."""
    locus = _EU_LOCUS.match(ctx.lower, end)
    if locus is None:
        return False
    if _EU_OBJECT.match(ctx.lower, locus.end()):
        return True
    return any(
        locus.end() <= p.start <= locus.end() + 6 and p.other_act is None for p in ctx.mentions
    )


def _taken_back(ctx: _Sentence, cue: Cue, m: re.Match[str]) -> str | None:
    """Why a cue does not make a gap ("negated: 'no indication'"), or None if it does."""
    segment = ctx.segment_of(m.start())
    if cue.negatable:
        inside = NEGATED_BEFORE.search(m.group(0))
        if inside:
            return f"negated: {ctx.text[m.start() + inside.start() : m.start() + inside.end()]!r}"
    triggered_here = ctx.triggered
    for index, modifier in _IN_ORDER:
        if index not in triggered_here or (modifier.polarity and not cue.negatable):
            continue
        hit = _reaches(ctx, index, modifier, m, segment)
        if hit is not None:
            return f"{modifier.reason}: {hit!r}"
    if cue.kind in ("coverage", "absence") and _eu_locus(ctx, m.end()):
        return "general: what EU law itself covers or lacks"
    if cue.kind in ("conformity", "coverage", "absence", "nominal"):
        seg_start = ctx.segments[segment][0]
        kind = subject_kind(ctx.text, ctx.lower, seg_start, m.start(), ctx.mentions)
        if kind != "national":
            return f"general: the subject is {'EU law' if kind == 'eu' else 'generic'}"
    return None


def _reaches(
    ctx: _Sentence, index: int, modifier: Modifier, cue: re.Match[str], segment: int
) -> str | None:
    """The words of the modifier that reach the cue, if any."""
    if modifier.scope == "local":
        hit = modifier.pattern.search(ctx.words_before(cue.start(), modifier.words))
        return hit.group(0) if hit else None
    for hit in ctx.matches(index, modifier):
        if hit.start() < cue.end() and cue.start() < hit.end():
            continue  # words of the cue itself ("meets the requirements … only in part")
        where = ctx.segment_of(hit.start())
        if modifier.scope == "governs":
            reached = where == segment and hit.end() <= cue.start()
        elif modifier.scope == "segment":
            reached = where == segment
        else:  # verdict: this segment or a later one
            reached = where >= segment
        # a fronted "If …," or "Until …," reaches the main clause after it
        reached = reached or (
            ctx.fronted and where == 0 and segment == 1 and modifier.reason in ("hedged", "closed")
        )
        if reached and not (modifier.positive and _negated_before(ctx.lower, hit.start())):
            return ctx.words(hit)
    return None


def _negated_before(lowered: str, pos: int) -> bool:
    words = " ".join(lowered[max(0, pos - 30) : pos].split()[-2:])
    return NEGATED_BEFORE.search(words) is not None
