"""Gap statements: sentences saying that national law does not transpose a directive provision,
transposes it only in part, or transposes it incorrectly.

A sentence is a gap statement when it holds a cue of the lexicon (:mod:`lawgraph.extract.cues`)
that meets the cue's requirements and that no modifier takes back (:mod:`lawgraph.extract.scope`):

1. **cue**: one pass over the text finds the sentences holding a cue key; only those are
   classified, and only with the cues whose keys they hold;
2. **requirements** by the cue's kind: a conformity cue needs EU law as its object ("contrary to
   Article 9 of Directive 2000/43", not "contrary to the Charter"); a descriptive cue ("applies
   only to", "contains no provision") needs a directive named in the sentence (not only in
   an act's title or in an aside describing the subject: "The Regulations, which implemented
   the Race Directive, apply only to …"); an evaluative cue ("falls well short of") is
   anchored by the paragraph; a cue that does not meet them is not gap vocabulary at all;
3. **modifiers**, each within its scope: temporal closure, a party's claim, negation,
   permission by the directive, going beyond it, hedging, the Court's general reasoning; and
   the subject: a conformity or descriptive cue whose subject is the directive, the Court or a
   generic "such a rule" states EU law, not a gap.

Detection and status are decided apart. The sentence is a gap if a cue survives (the first by
kind, then confidence); a description that survives ("do not regulate employment") is still
taken back by the author's denial of a breach in the same sentence ("and do not in themselves
breach the Directive"). The status is then read in context (:func:`_status`): the surviving
cue's own, except where the context says otherwise (sanctions that fall short are incorrect, a
missing element partial, a rule missing only "outside employment" partial), and an adjunct
verdict ("…, in breach of Article 3(1)(e)") leaves the status to the description it
qualifies ("no legislation has been adopted …"). A sentence whose cues were all taken back is
kept in ``Extraction.hedged`` with the reason ("negated: 'there is no indication that'"), for
review.

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
    INCORRECT,
    KEY_CLOSURE,
    KEYS,
    NEEDS,
    NOT_TRANSPOSED,
    PARTIAL,
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
    national_locus,
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
#: a pronoun after a conformity cue, standing for a provision named before it
_BACK_REFERENCE = compile_lower(r"\s+(?:it|(?:that|this)\s+(?:provision|article))\b")
#: the cues that can only measure against a rule ("incompatible with it"), unlike "does not
#: correspond to it", which may compare anything
_OUTRIGHT = compile_lower(r"compatib|contrary|consisten|breach|violat|conflict|odds|contradict")
#: what anchors a cue to the directives when no provision is cited: the directive, a
#: requirement, or "that requirement" pointing back to one
_ANCHOR = compile_lower(
    r"\bdirectives?\b|\brequired\s+by\b|transpos|implement"
    # the directives' own standard for sanctions: a measure of national law against them
    r"|\beffective,?\s+proportionate\s+and\s+dissuasive\b"
    r"|\b(?:that|this|these|those|the\s+said)\s+(?:requirements?|obligations?|provisions?"
    r"|standards?)\b"
)
_ADOPT_FAILURE = compile_lower(
    r"\bfail\w*\s+to\s+adopt|\bnot\s+adopted\b|\bfail\w*\s+to\s+transpos"
)
#: "is not defined in Directive 2000/78": the directive is where the thing is (not) found
_EU_LOCUS = compile_lower(r"\s+(?:expressly\s+|explicitly\s+)?(?:in|by|under|from)\b")
_PHRASE_BREAK = re.compile(r"[,;:()]")
#: a short aside between commas ("is not, in the expert's view, contrary to")
_ASIDE = re.compile(r",\s*(?:[\w'’-]+\s+){0,4}[\w'’-]+\s*,")
_FILLER = compile_lower(
    r"\b(?:in\s+(?:it|them)sel(?:f|ves)|as\s+such|per\s+se|necessarily|automatically"
    r"|in\s+principle|as\s+a\s+whole)\b"
)
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
    # the paragraph names a directive or one of its provisions (for the evaluative cues)
    paragraph = any(p.other_act is None for p in provisions) or any(
        a.kind == "directive" for a in acts
    )
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
        ctx = _Sentence(text[start:end], sentence_lower, start, mentions, acts, paragraph)
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


_THIRD_PARTY_VIEW = compile_lower(
    r"\b(?:ngos?|non-governmental\s+organi[sz]ations?|commentators?|critics|scholars|civil[\s-]society"
    r"|trade\s+unions?|activists|campaigners)\b"
)


def _statement(
    ctx: _Sentence,
    cue: Cue,
    match: re.Match[str],
    status: str,
    linkable: tuple[ProvisionMention, ...],
) -> GapStatement:
    """The gap statement a cue makes, linked to the provisions the sentence names (else those
    of the text), with the cue's confidence raised or lowered by where they come from, and
    lowered for a view the text reports from others ("NGOs maintain that …")."""
    own = tuple(p for p in ctx.provisions if p.directive is not None)
    linked = own or linkable
    confidence = cue.confidence + (0.05 if own else (-0.05 if linked else -0.15))
    if _THIRD_PARTY_VIEW.search(ctx.lower):
        confidence -= 0.1  # a view reported from NGOs or commentators, not the expert's own
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
        paragraph: bool = False,
    ) -> None:
        self.text, self.lower, self.offset = text, lowered, offset
        self.paragraph = paragraph
        self.provisions = provisions
        self.mentions = [
            Mention(p.span.start - offset, p.span.end - offset, p.other_act) for p in provisions
        ]
        self.acts = [a for a in acts if offset <= a.start < offset + len(text)]
        self._matches: dict[int, list[re.Match[str]]] = {}
        self._segments: list[tuple[int, int]] | None = None
        self._starts: list[int] | None = None
        self._fronted: bool | None = None
        self._triggered: frozenset[int] | None = None

    # the clause structure and the modifier keys are worked out only for a sentence whose cue
    # meets its requirements (plain lazy attributes: ``cached_property`` takes a lock)

    @property
    def segments(self) -> list[tuple[int, int]]:
        if self._segments is None:
            self._segments = segments(self.lower, lowered=True)
        return self._segments

    @property
    def fronted(self) -> bool:
        if self._fronted is None:
            self._fronted = has_fronted_clause(self.lower, lowered=True)
        return self._fronted

    @property
    def triggered(self) -> frozenset[int]:
        if self._triggered is None:
            self._triggered = triggered(self.lower)
        return self._triggered

    def words(self, m: re.Match[str]) -> str:
        """The words a match (over the lower-cased text) covers, as written."""
        return self.text[m.start() : m.end()]

    def words_before(self, pos: int, count: int) -> str:
        """The last ``count`` words before ``pos`` in the cue's own phrase (not across a comma,
        a semicolon, a colon or a bracket)."""
        before = self.lower[max(0, pos - 12 * count - 40) : pos]
        # "is not, in itself, contrary to", "not in itself a failure": asides and fillers
        # between a negator and the cue do not break the phrase
        before = _FILLER.sub(" ", _ASIDE.sub(" ", before))
        before = _PHRASE_BREAK.split(before)[-1]
        return " ".join(before.split()[-count:])

    def segment_of(self, pos: int) -> int:
        if self._starts is None:
            self._starts = [s for s, _ in self.segments]
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
) -> tuple[Cue, re.Match[str], str] | str | None:
    """The cue that makes the sentence a gap with the status it gives, or the reason its cues
    were taken back (None when no cue meets its requirements).

    Detection and status are decided apart: the sentence is a gap if a cue survives; the
    status is that of the best surviving cue (by kind, then confidence), read in its context
    (:func:`_status`), except that an adjunct verdict ("…, in breach of Article 5") leaves the
    status to the description it qualifies ("no legislation has been adopted …"). A
    description ("do not regulate employment") does not survive the author's denial of a
    breach in the same sentence ("and do not in themselves breach the Directive")."""
    first_reason: str | None = None
    denial: str | None = None
    survivor: tuple[Cue, re.Match[str]] | None = None
    described: tuple[Cue, re.Match[str]] | None = None
    for cue, m in found:
        if survivor is not None:
            # after a description only a denial counts; after an adjunct, a description
            wanted = _DENIABLE if survivor[0].kind in _DESCRIPTIVE else _DESCRIPTIVE
            if cue.kind not in wanted or described is not None:
                continue
        if not _meets_requirements(ctx, cue, m):
            continue
        reason = _taken_back(ctx, cue, m)
        if reason is None:
            if survivor is None:
                survivor = cue, m
                if cue.kind not in _DESCRIPTIVE and not _adjunct(ctx, cue, m):
                    break
            elif cue.kind in _DESCRIPTIVE:
                described = cue, m
            continue
        first_reason = first_reason or reason
        if cue.kind in _DENIABLE and reason.startswith("negated"):
            denial = denial or reason
    if survivor is None:
        return first_reason
    cue, m = survivor
    if cue.kind in _DESCRIPTIVE:
        return denial if denial is not None else (cue, m, _status(ctx, cue, m))
    status = _status(ctx, *described) if described is not None else _status(ctx, cue, m)
    return cue, m, status


def _adjunct(ctx: _Sentence, cue: Cue, m: re.Match[str]) -> bool:
    """ "…, in breach of Article 5", "…, contrary to Article 2(4)": a verdict added to a
    clause, which says what is wrong."""
    return (
        cue.kind == "conformity" and cue.negatable and ctx.lower[: m.start()].rstrip().endswith(",")
    )


_DESCRIPTIVE = frozenset({"coverage", "absence", "missing"})
_DENIABLE = frozenset({"conformity", "nominal"})


#: what a shortfall is measured in when it is a matter of degree: sanctions that are too weak
#: are an incorrect transposition, a missing element a partial one
_SANCTION = compile_lower(r"sanction|penalt|dissuasive|compensation|fines?\b|damages")
#: "leaves part of Article 3(1)(a) untransposed": only part of the provision
_PART = compile_lower(r"\bpart\s+of\b|\bpartly\b|\bpartially\b|\bin\s+part\b|\bsome\s+of\b")
_OMITS_RULE = compile_lower(
    r"\s+(?:the|any|a)\s+(?:[\w-]+\s+)?(?:definitions?|prohibitions?|provisions?|rules?|dut(?:y|ies)"
    r"|obligations?)\b"
)
_DISSUASIVE = compile_lower(r"\bdissuasive\b")
#: what makes a missing rule a partial gap: it is missing only in part of the field
_RESTRICTED = compile_lower(
    r"\bother\s+than\b|\bexcept\b|\bnot\s+so\s+limited\b|^\W*outside\b|\bonly\s+(?:by|in|for|to"
    r"|where|when)\b"
)
_CLAUSE_OPEN = compile_lower(r",\s*(?:and|or)\b|[;:]")


def _clause(ctx: _Sentence, cue: re.Match[str]) -> tuple[int, int]:
    """The clause holding a cue: from the last ", and" (or ";", ":") before it to the next."""
    start = 0
    for m in _CLAUSE_OPEN.finditer(ctx.lower, 0, cue.start()):
        start = m.end()
    after = _CLAUSE_OPEN.search(ctx.lower, cue.end())
    return start, after.start() if after else len(ctx.lower)


_UNDONE = compile_lower(r"un(?:transposed|implemented|protected|regulated|covered)\b")


def _status(ctx: _Sentence, cue: Cue, m: re.Match[str]) -> str:
    """The status a surviving cue gives in its sentence."""
    if cue.kind == "infringement" and _ADOPT_FAILURE.search(ctx.lower):
        return NOT_TRANSPOSED  # failing to fulfil obligations by not adopting measures
    if cue.name in ("fails-to-meet", "fails-to-meet-requirement"):
        return INCORRECT if _SANCTION.search(ctx.lower) else PARTIAL
    if cue.kind == "absence":
        if _DISSUASIVE.search(ctx.lower):
            return INCORRECT  # sanctions that are not effective or dissuasive
        if _RESTRICTED.search(ctx.lower, *_clause(ctx, m)):
            return PARTIAL  # "does not protect against harassment by persons other than …"
    if cue.name == "excludes" and _OMITS_RULE.match(ctx.lower, m.end()):
        return NOT_TRANSPOSED  # "omits the definitions of …": the rule is absent
    if cue.name == "leaves-outside":
        words = m.group(0)
        return NOT_TRANSPOSED if _UNDONE.search(words) and not _PART.search(words) else PARTIAL
    return cue.status


def _meets_requirements(ctx: _Sentence, cue: Cue, m: re.Match[str]) -> bool:
    if cue.paragraph and ctx.paragraph:
        return True
    if cue.kind == "transposition":
        return "transpos" in m.group(0) or _anchored(ctx, m.start())
    if cue.kind == "infringement":
        return _eu_object(ctx, m.start(), m.end()) or _anchored(ctx)
    if cue.kind == "conformity":
        return _eu_object(ctx, m.start(), m.end())
    if cue.kind == "nominal":  # "a gap" must be a gap in something the sentence names
        return _names_directive(ctx)
    return _anchored(ctx, m.start() if cue.kind == "coverage" else 0)


def _names_directive(ctx: _Sentence) -> bool:
    return any(p.other_act is None for p in ctx.mentions) or any(
        a.kind == "directive" for a in ctx.acts
    )


#: ", which implemented the Race Directive,": an aside that only describes the subject
_DESCRIPTIVE_ASIDE = compile_lower(r",\s*(?:which|that|who)\b[^,;()]*,")


def _anchored(ctx: _Sentence, cue_start: int = 0) -> bool:
    """The sentence cites a directive provision, names a directive, or speaks of transposing,
    other than in a title ("the Implementation of the Principle of Equal Treatment Act") or an
    aside before the cue that describes the subject ("The Regulations, which implemented the
    Race Directive, apply only to …")."""
    asides = [(a.start(), a.end()) for a in _DESCRIPTIVE_ASIDE.finditer(ctx.lower, 0, cue_start)]

    def counts(pos: int) -> bool:
        return not any(a <= pos < b for a, b in asides)

    if any(p.other_act is None and counts(p.start) for p in ctx.mentions):
        return True
    if any(a.kind == "directive" and counts(a.start - ctx.offset) for a in ctx.acts):
        return True
    return any(counts(a.start()) and not _in_title(ctx, a) for a in _ANCHOR.finditer(ctx.lower))


def _in_title(ctx: _Sentence, anchor: re.Match[str]) -> bool:
    """ "Implementation" in "the Implementation of the Principle of Equal Treatment Act"."""
    return anchor.group(0) in ("transpos", "implement") and ctx.text[anchor.start()].isupper()


def _eu_object(ctx: _Sentence, start: int, end: int) -> bool:
    """What the cue measures against is EU law: a provision of a directive (not of the Charter
    or a national act) or a directive, right after the cue."""
    stop = _CLAUSE_BREAK.search(ctx.lower, end + 1)
    window = min(end + 70, stop.start() if stop else len(ctx.lower))
    if any(start <= p.start <= window and p.other_act is None for p in ctx.mentions):
        return True
    if _EU_OBJECT.match(ctx.lower, end):
        return True
    if (
        _BACK_REFERENCE.match(ctx.lower, end)
        and _OUTRIGHT.search(ctx.lower, start, end)
        and any(p.start < start and p.other_act is None for p in ctx.mentions)
    ):
        return True  # "… renders Article 9 ineffective and is therefore incompatible with it"
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
    # "is not defined in Directive 2000/78" (but "remain without protection under Article 3"
    # names where the protection comes from)
    if (
        cue.kind in ("coverage", "absence", "missing")
        and cue.name != "leaves-outside"
        and _eu_locus(ctx, m.end())
    ):
        return "general: what EU law itself covers or lacks"
    if cue.kind in ("conformity", "coverage", "absence", "nominal") and not (
        cue.kind != "conformity" and national_locus(ctx.text, ctx.lower, m.end())
    ):
        seg_start = ctx.segments[segment][0]
        kind = subject_kind(ctx.text, ctx.lower, seg_start, m.start(), ctx.mentions)
        if kind == "party":
            return "facts: the subject is a party, not the law"
        if kind != "national":
            return f"general: the subject is {'EU law' if kind == 'eu' else 'generic'}"
    return None


def _reaches(
    ctx: _Sentence, index: int, modifier: Modifier, cue: re.Match[str], segment: int
) -> str | None:
    """The words of the modifier that reach the cue, if any."""
    if modifier.reason == "closed" and _persists(ctx, cue):
        return None
    if modifier.scope == "local":
        hit = modifier.pattern.search(ctx.words_before(cue.start(), modifier.words))
        return hit.group(0) if hit else None
    for hit in ctx.matches(index, modifier):
        if (
            hit.start() < cue.end()
            and cue.start() < hit.end()
            and (modifier.positive or hit.start() >= cue.start())
        ):
            # words of the cue itself ("meets the requirements … only in part"); but "under
            # no legal obligation" takes back the "no legal obligation" it holds
            continue
        where = ctx.segment_of(hit.start())
        if modifier.scope == "governs":
            reached = where == segment and hit.end() <= cue.start()
        elif modifier.scope == "segment":
            reached = where == segment
        elif modifier.scope == "after":
            reached = where >= segment and hit.start() >= cue.end()
        else:  # verdict: this segment or a later one
            reached = where >= segment
            # "not only …, as Article 3(4) permits, but also …": the permission covers the
            # first part only
            if reached and modifier.reason == "permitted":
                reached = ctx.lower.find("but also", hit.end()) < 0
        # a fronted "If …," or "Until …," reaches the main clause after it
        reached = reached or (
            ctx.fronted and where == 0 and segment == 1 and modifier.reason in ("hedged", "closed")
        )
        if reached and not (modifier.positive and _negated_before(ctx.lower, hit.start())):
            return ctx.words(hit)
    return None


#: "still", "continues to": the gap is said to last, whatever closed before
_STILL = compile_lower(
    r"\b(?:still|continues?\s+to|continued\s+to|remains?|to\s+date|even\s+now)\b"
)


def _persists(ctx: _Sentence, cue: re.Match[str]) -> bool:
    return _STILL.search(ctx.words_before(cue.start(), 3) + " " + cue.group(0)) is not None


def _negated_before(lowered: str, pos: int) -> bool:
    words = " ".join(lowered[max(0, pos - 30) : pos].split()[-2:])
    return NEGATED_BEFORE.search(words) is not None
