"""Gap statements: sentences saying that national law does not transpose a directive provision,
transposes it only in part, or transposes it incorrectly.

Each cue is a pattern with the status it signals and how strongly (its confidence). A sentence
with a cue is then checked, in order, for what takes the gap back:

* a closed or historical gap ("was not transposed until 2007", "has since been remedied");
* negation ("there is no indication that … fails", "is not contrary to");
* hedging ("it is not clear whether", "arguably", "may not fully");
* a statement about EU law rather than national law ("the directive excludes …", "Member
  States must …").

Such sentences are not gaps; they are kept in ``Extraction.hedged`` with the reason, for review.

>>> gaps, held = find_gaps("The Act does not transpose Article 9.", [(0, 37)], [])
>>> [(g.status, g.cue) for g in gaps]
[('not-transposed', 'does not transpose')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from lawgraph.extract.lexicon import lexicon
from lawgraph.extract.model import GapStatement, ProvisionMention, Span
from lawgraph.refdata import reference_index

__all__ = ["Cue", "CUES", "find_gaps"]

NOT_TRANSPOSED, PARTIAL, INCORRECT = "not-transposed", "partial", "incorrect"


@dataclass(frozen=True)
class Cue:
    status: str
    confidence: float
    pattern: re.Pattern[str]
    #: the cue reverses when "not"/"no" stands just before it ("is not contrary to")
    negatable: bool = False
    #: words of which the (lower-cased) sentence must contain one for the cue to be tried
    keys: tuple[str, ...] = ()

    @property
    def weak(self) -> bool:
        """Weak cues ("does not define", "excludes") count only in a sentence that cites a
        directive provision or speaks of transposition."""
        return self.confidence <= 0.75 and self.status != INCORRECT

    @property
    def needs_eu_object(self) -> bool:
        """"contrary to X": X must be EU law (a directive, a provision of it), not the Charter
        or a national act."""
        return self.status == INCORRECT and self.confidence < 0.9 or self.pattern.pattern in (
            _CONTRARY, _INCOMPATIBLE)


def _cue(status: str, confidence: float, pattern: str, negatable: bool = False,
         keys: tuple[str, ...] = ()) -> Cue:
    return Cue(status, confidence, re.compile(pattern, re.I), negatable, keys)


_CONTRARY = r"\bcontrary\s+to\b"
_INCOMPATIBLE = r"\bincompatible\s+with\b"


_TRANSPOSE = r"(?:transpos\w*|implement\w*|incorporat\w*|reflect\w*|tak\w+\s+over)"
_BE = r"(?:is|are|was|were|has\s+been|have\s+been|had\s+been)"
_NEG_AUX = r"(?:does|do|did|has|have|had|is|are|was|were|will|can|could)\s*(?:not|n['’]t)"
_LACKING = (
    r"(?:provisions?|rules?|legislation|law|laws|definitions?|prohibitions?|duty|duties"
    r"|obligations?|measures?|mechanisms?|procedures?|body|bodies|protection|remed(?:y|ies)"
    r"|sanctions?|ban|requirement\s+to|right|standing|shift|reversal|equivalent)"
)

#: the cues, most specific first; the first match in a sentence decides the status
CUES: tuple[Cue, ...] = (
    # --- incorrect -----------------------------------------------------------------------
    _cue(INCORRECT, 0.95, r"\bfail(?:s|ed|ing)?\s+to\s+fulfil\s+(?:its|their)\s+obligations", keys=('fulfil',)),
    _cue(INCORRECT, 0.9, rf"\b(?:incorrect(?:ly)?|wrong(?:ly)?|improper(?:ly)?|faulty|defective)"
                         rf"\s+{_TRANSPOSE}", keys=('incorrect', 'wrong', 'improper', 'faulty', 'defective')),
    _cue(INCORRECT, 0.9, rf"\b{_NEG_AUX}\s+(?:correctly|properly|accurately)\s+{_TRANSPOSE}", keys=('correctly', 'properly', 'accurately')),
    _cue(INCORRECT, 0.9, rf"\b{_NEG_AUX}\s+{_TRANSPOSE}\b[^.;]{{0,90}}?\b(?:correctly|properly"
                         r"|accurately|adequately|in\s+full\s+conformity)\b", keys=('correctly', 'properly', 'accurately', 'adequately', 'conformity')),
    _cue(INCORRECT, 0.9, _CONTRARY, negatable=True, keys=('contrary',)),
    _cue(INCORRECT, 0.9, _INCOMPATIBLE, negatable=True, keys=('incompatible',)),
    _cue(INCORRECT, 0.75, r"\bunlike\s+the\s+(?:directive|article)\b|\bwould\s+be\s+unlawful\s+under\b", keys=('unlike', 'unlawful')),
    _cue(INCORRECT, 0.85, r"\b(?:is|are|was|were|be|being)\s+not\s+(?:\w+\s+)?(?:compatible|consistent"
                          r"|in\s+line|in\s+conformity|in\s+compliance|in\s+accordance)\s+with\b", keys=('compatible', 'consistent', 'in line', 'conformity', 'compliance', 'accordance')),
    _cue(INCORRECT, 0.85, r"\binconsistent\s+with\b", negatable=True, keys=('inconsistent',)),
    _cue(INCORRECT, 0.85, r"\bfail(?:s|ed|ing)?\s+to\s+comply\s+with\b", keys=('comply',)),
    _cue(INCORRECT, 0.85, rf"\b{_NEG_AUX}\s+(?:comply|conform)\s+with\b", keys=('comply', 'conform')),
    _cue(INCORRECT, 0.8, r"\b(?:in\s+breach\s+of|breach(?:es|ed)?\s+(?:of\s+)?(?:the\s+)?"
                         r"(?:directive|article|art|its|EU|Union|requirements?|obligations?)"
                         r"|breach(?:es|ed)\b)", negatable=True, keys=('breach',)),
    _cue(INCORRECT, 0.8, r"\bviolat(?:es|ed)\b|\bin\s+violation\s+of\b", negatable=True, keys=('violat',)),
    _cue(INCORRECT, 0.75, r"\bconflicts?\s+with\b|\bcontradicts?\b|\bat\s+odds\s+with\b",
         negatable=True, keys=('conflict', 'contradict', 'odds')),
    _cue(INCORRECT, 0.7, r"\b(?:is|are|was|were)\s+precluded\s+by\b", negatable=True, keys=('precluded',)),
    # --- partial ---------------------------------------------------------------------------
    _cue(PARTIAL, 0.9, rf"\b(?:only\s+)?(?:partly|partially|in\s+part|incompletely)\s+"
                       rf"(?:been\s+)?{_TRANSPOSE}", keys=('partly', 'partially', 'in part', 'incompletely')),
    _cue(PARTIAL, 0.9, r"\bonly\s+(?:partly|partially|in\s+part)\b", keys=('partly', 'partially', 'in part')),
    _cue(PARTIAL, 0.9, r"\b(?:partial|incomplete)\s+(?:transposition|implementation)", keys=('partial', 'incomplete')),
    _cue(PARTIAL, 0.85, rf"\bnot\s+(?:yet\s+)?(?:been\s+)?fully\s+(?:{_TRANSPOSE}|covered|in\s+line)", keys=('fully',)),
    _cue(PARTIAL, 0.8, rf"\b(?:may|might|could)\s+not\s+(?:be\s+)?fully\s+(?:{_TRANSPOSE}|cover|comply"
                       r"|protect|meet)", keys=("fully",)),
    _cue(PARTIAL, 0.85, rf"\b{_NEG_AUX}\s+fully\s+(?:{_TRANSPOSE}|cover|comply|protect|meet)", keys=('fully',)),
    _cue(PARTIAL, 0.8, r"\bnarrower\s+than\b|\bmore\s+restrictive\s+than\b|\bfalls?\s+short\s+of\b", keys=('narrower', 'restrictive', 'short')),
    _cue(PARTIAL, 0.8, r"\bno\s+longer\s+(?:provides?|protects?|covers?|offers?|guarantees?"
                       r"|prohibits?|applies\s+to|extends?\s+to)", keys=('longer',)),
    _cue(PARTIAL, 0.7, r"\b(?:is|are|was|were|remains?)\s+(?:\w+\s+)?(?:limited|restricted|confined)"
                       r"\s+to\b", negatable=True, keys=('limited', 'restricted', 'confined')),
    _cue(PARTIAL, 0.7, r"\b(?:only\s+(?:applies|apply|covers?|protects?|extends?|concerns?|shifts?"
                       r"|operates?)|(?:applies|apply|covers?|protects?|extends?|shifts?|available"
                       r"|granted|operates?)\s+only)\b", keys=('only',)),
    _cue(PARTIAL, 0.65, rf"\b{_NEG_AUX}\s+(?:cover|extend\s+to|apply\s+to|protect|include|reach"
                        r"|encompass|capture)\b", keys=('cover', 'extend', 'apply', 'protect', 'include', 'reach', 'encompass', 'capture')),
    _cue(PARTIAL, 0.65, rf"\b{_BE}\s+not\s+(?:covered|protected|included)\b", keys=('covered', 'protected', 'included')),
    _cue(PARTIAL, 0.6, r"\bexclud(?:es|ed|ing)\b|\bexclusion\s+of\b", negatable=True, keys=('exclu',)),
    _cue(PARTIAL, 0.6, r"\b(?:a|the|this|one|remaining|further)\s+(?:\w+\s+)?(?:gap|lacuna|loophole)"
                       r"\b(?!\s+(?:analysis|report|matrix))", keys=('gap', 'lacuna', 'loophole')),
    # --- not transposed ----------------------------------------------------------------------
    _cue(NOT_TRANSPOSED, 0.95, rf"\b(?:has|have|had)\s+(?:still\s+)?not\s+(?:yet\s+)?been\s+"
                               rf"{_TRANSPOSE}|\bnot\s+(?:yet\s+)?been\s+{_TRANSPOSE}", keys=('transpos', 'implement', 'incorporat', 'reflect', 'tak')),
    _cue(NOT_TRANSPOSED, 0.9, rf"\b{_NEG_AUX}\s+(?:yet\s+)?{_TRANSPOSE}"
                              rf"|\b(?:is|are|was|were)\s+(?:still\s+)?not\s+(?:yet\s+)?{_TRANSPOSE}", keys=('transpos', 'implement', 'incorporat', 'reflect', 'tak')),
    _cue(NOT_TRANSPOSED, 0.9, rf"\bfail(?:s|ed|ing|ure)?\s+(?:to\s+)?{_TRANSPOSE}", keys=('fail',)),
    _cue(NOT_TRANSPOSED, 0.9, rf"\b(?:no|without\s+(?:any\s+)?)\s*(?:\w+\s+)?{_TRANSPOSE}"
                              r"\s+(?:provision|legislation|measure|rule)", keys=('transpos', 'implement', 'incorporat', 'reflect', 'tak')),
    _cue(NOT_TRANSPOSED, 0.85, r"\b(?:is|are|remains?)\s+silent\s+(?:on|about|as\s+to|regarding|"
                               r"with\s+regard\s+to)", keys=('silent',)),
    _cue(NOT_TRANSPOSED, 0.8, rf"\bthere\s+(?:is|are|was|were|exists?)\s+(?:still\s+)?no\s+"
                              rf"(?:[\w-]+\s+){{0,3}}?{_LACKING}\b", keys=('there',)),
    _cue(NOT_TRANSPOSED, 0.8, rf"\bno\s+(?:explicit|express|specific|general|separate|statutory"
                              rf"|legal|such|equivalent|corresponding)\s+(?:[\w-]+\s+)?{_LACKING}\b", keys=('explicit', 'express', 'specific', 'general', 'separate', 'statutory', 'legal', 'such', 'equivalent', 'corresponding')),
    _cue(NOT_TRANSPOSED, 0.75, r"\bnot\s+(?:expressly|explicitly|specifically|formally)\s+"
                               r"(?:prohibited|defined|covered|mentioned|regulated|provided|addressed"
                               r"|included|listed|laid\s+down|designated)\b", keys=('expressly', 'explicitly', 'specifically', 'formally')),
    _cue(NOT_TRANSPOSED, 0.75, rf"\b{_NEG_AUX}\s+(?:\w+ly\s+)?(?:contain|provide\s+for|lay\s+down"
                               r"|define|prohibit|mention|establish|impose|regulate|recogni[sz]e"
                               r"|designate|set\s+up|grant|allow\s+for)\b", keys=('contain', 'provide', 'lay down', 'define', 'prohibit', 'mention', 'establish', 'impose', 'regulate', 'recogni', 'designate', 'set up', 'grant', 'allow for')),
    _cue(NOT_TRANSPOSED, 0.75, rf"\b(?:lacks?|lacking|(?:the\s+)?absence\s+of)\s+(?:an?\s+|any\s+)?"
                               rf"(?:[\w-]+\s+)?{_LACKING}\b", keys=('lack', 'absence')),
    _cue(NOT_TRANSPOSED, 0.7, rf"\b{_BE}\s+not\s+(?:been\s+)?(?:defined|prohibited|regulated"
                              r"|designated|established|set\s+up|introduced|adopted)\b", keys=('defined', 'prohibited', 'regulated', 'designated', 'established', 'set up', 'introduced', 'adopted')),
)

_HEDGES = re.compile(
    r"\bit\s+is\s+(?:not\s+(?:entirely\s+|yet\s+|at\s+all\s+)?(?:clear|certain)|unclear|uncertain"
    r"|doubtful|questionable|debatable|open\s+to\s+(?:question|debate)|too\s+early\s+to\s+say)\b"
    r"|\b(?:remains?|remained)\s+(?:to\s+be\s+seen|unclear|uncertain|open)\b"
    r"|\barguabl[ey]\b|\bpossibly\b|\bperhaps\b|\bpotentially\b|\bconceivabl[ey]\b"
    r"|\b(?:may|might|could)\s+(?:not|be|well|also|arguably|therefore|thus|have|fall|lead)\b"
    r"|\bdoubts?\s+(?:remain|exist|persist|have\s+been|were|was|as\s+to|about|over|whether)\b"
    r"|\b(?:seems?|appears?|seemed|appeared)\s+(?:not\s+)?to\b|\bit\s+(?:seems|appears)\b"
    r"|\bwhether\b|\bsome\s+(?:authors|commentators|scholars|experts)\b"
    r"|\bcritics\s+(?:argue|say|claim)\b|\bis\s+said\s+to\b"
    r"|\b(?:claims?|contends?|argues?|alleges?|submits?|asks?)\s+(?:,\s*in\s+essence,\s*)?that\b"
    r"|\bremains?\s+(?:an\s+)?open\s+question\b|\bif\s+(?:this|that|the|it)\b",
    re.I,
)
_NEGATIONS = re.compile(
    r"\bno\s+(?:indication|evidence|sign|suggestion|reason\s+to\s+(?:believe|think|assume|doubt))"
    r"\s+(?:that|of)\b"
    r"|\bcannot\s+be\s+(?:said|argued|concluded|claimed)\s+that\b"
    r"|\b(?:it\s+is|this\s+is)\s+not\s+the\s+case\s+that\b"
    r"|\bnothing\s+(?:suggests|indicates|shows)\b|\bdoes\s+not\s+mean\s+that\b"
    r"|\b(?:did|does|do)\s+not\s+(?:find|consider|hold|regard|see|accept)\b"
    r"|\b(?:does|do|did|would|will)\s+not\s+(?:in\s+itself\s+|in\s+(?:his|her|its|their|the\s+\w+['’]s)"
    r"\s+view\s+|therefore\s+|as\s+such\s+)?(?:amount\s+to|constitute|result\s+in|raise|reveal"
    r"|give\s+rise\s+to|lead\s+to)\b"
    r"|\bnot\s+(?:been\s+)?(?:found|held|considered|deemed)\s+(?:to\s+be\s+)?"
    r"(?:contrary|incompatible|in\s+breach|inconsistent)"
    r"|\bno\s+(?:[\w-]+\s+){0,2}(?:has|have)\s+been\s+found\b"
    r"|\brejected\s+the\s+(?:argument|claim|complaint|view)\s+that\b"
    r"|\bthere\s+is\s+no\s+(?:breach|gap|problem|conflict|incompatibility)\b"
    r"|\b(?:no|not\s+an?|not\s+any)\s+(?:[\w-]+\s+){0,2}(?:gap|problem|issue|shortcoming)\b"
    r"|\bunproblematic\b|\bnot\s+problematic\b|\bwithout\s+(?:any\s+)?(?:breach|gap)\b"
    r"|\bmeets?\s+the\s+requirements\b|\bgoes?\s+beyond\b",
    re.I,
)
_CLOSED = re.compile(
    r"\b(?:was|were)\s+not\s+(?:\w+\s+)?(?:transposed|implemented)\s+until\b"
    r"|^\W*(?:until|before|prior\s+to)\b"
    r"|^\W*(?:between|from)\s+(?:\w+\s+){1,3}(?:and|to|until)\s+(?:\w+\s+){0,2}(?:19|20)\d{2}\b"
    r"|\buntil\s+(?:(?:the\s+)?(?:end\s+of\s+|\w+\s+)?(?:19|20)\d{2}|recently|(?:the|its|their)\s+"
    r"(?:amendment|reform|adoption|entry\s+into\s+force|repeal))\b"
    r"|\b(?:has|have|had)\s+(?:since|now|meanwhile|subsequently|recently|finally)\s+been\s+"
    r"(?:transposed|remedied|corrected|amended|rectified|repealed|closed|addressed|filled|fixed"
    r"|abolished|removed|resolved)"
    r"|\b(?:was|were|has\s+been|have\s+been)\s+(?:remedied|rectified|corrected|closed|cured"
    r"|repealed|abolished|filled|fixed|resolved|nullified|annulled|struck\s+down|removed)\b"
    r"|\bno\s+longer\s+(?:an?\s+(?:problem|issue|concern|gap)|the\s+case|exists?|relevant"
    r"|applies\b(?!\s+to))"
    r"|\b(?:previously|formerly|originally|in\s+the\s+past|used\s+to)\b"
    r"|\b(?:prior\s+to|before)\s+(?:that|this|the|its)\s+(?:amendment|reform|entry\s+into\s+force)"
    r"|\b(?:amendment|reform|new\s+(?:act|law))\s+(?:of\s+\d{4}\s+)?(?:removed|closed|remedied"
    r"|corrected|ended|abolished|filled)",
    re.I,
)
#: "The same shortcoming affects Article 9(2)": the status of the gap just before
_SAME = re.compile(
    r"^\W*(?:\w+,\s*)?the\s+same\s+(?:applies|is\s+true|holds|goes|shortcoming|problem|gap"
    r"|deficiency|criticism|concern|defect|flaw)\b", re.I)
_LOCAL_NEGATION = re.compile(r"\b(?:not|no|never|neither|nor)\b|n['’]t\b", re.I)
_TRANSPOSITION_WORD = re.compile(r"transpos|implement|reflect|incorporat", re.I)
#: what begins a clause: the subject of the cue is what stands between it and the cue
_CLAUSE = re.compile(
    r"(?:^|;|:|\bthat\b|\bwhich\b|\bwhere\b|\bbecause\b|\bsince\b|\bwhile\b|\bwhereas\b"
    r"|\bbut\b|\balthough\b|\bas\b|,\s*and\b)",
    re.I,
)
_EU_SUBJECT = re.compile(
    r"\b(?:directives?|articles?|art\.?|arts\.?|recitals?|the\s+court(?!\s+of\s+appeal)|CJEU|ECJ"
    r"|court\s+of\s+justice|advocate\s+general|EU\s+law|Union\s+law|European\s+Union|member\s+"
    r"states?|concepts?|RED|EED)\b",
    re.I,
)
_NATIONAL_SUBJECT = re.compile(
    r"\b(?:national|domestic|[Tt]he\s+(?:[\w-]+\s+){0,3}?(?:Act|Law|Code|Decree|Statute|Ordinance|"
    r"legislation|bill|legislator|legislature|government|parliament|state|republic|rule"
    r"|regime|scheme|system|decree|law|act|clause|proviso|protection|duty)|§|sections?|employers?"
    r"|courts?(?!\s+of\s+justice)|tribunals?"
    r"|[A-Z][a-z]+(?:n|ian|ish|ese|ch|ic|ek|ak)\s+(?:law|legislation|act|courts?|rules?))\b"
    r"|§|\b[A-Z]{2,}[a-z]?[A-Z]*\b(?<!\bRED)(?<!\bEED)(?<!\bEU)",
)
_GENERAL_EU = re.compile(
    r"^\s*(?:(?:however|moreover|furthermore|in\s+addition|thus|therefore|accordingly),?\s+)?"
    r"(?:the\s+|this\s+|that\s+|both\s+)?(?:directives?|(?:racial|race|employment|framework|"
    r"gender|recast)[\w\s]*directives?|article\s+\d|art\.?\s*\d|eu\s+law|member\s+states)\b",
    re.I,
)
_EU_OBJECT = re.compile(
    r"^\W*(?:the\s+|that\s+|this\s+|those\s+|these\s+|its\s+)?(?:directives?|provisions?\s+of\s+the"
    r"\s+directive|(?:that|this|the\s+said)\s+provision|obligations?\s+under|requirements?\s+of"
    r"|EU\s+law|Union\s+law|European\s+Union\s+law)\b",
    re.I,
)
_ADOPT_FAILURE = re.compile(r"\bfail\w*\s+to\s+adopt|\bnot\s+adopted\b|\bfail\w*\s+to\s+transpos",
                            re.I)


_CUES_BY_KEY: dict[str, list[int]] = {}
for _i, _c in enumerate(CUES):
    for _k in _c.keys:
        _CUES_BY_KEY.setdefault(_k, []).append(_i)
_ALL_KEYS = tuple(_CUES_BY_KEY)


def find_gaps(
    text: str,
    sentences: Sequence[tuple[int, int]],
    provisions: Sequence[ProvisionMention],
) -> tuple[list[GapStatement], list[tuple[Span, str]]]:
    """The gap statements of a text, and the sentences with gap words that are not gaps."""
    gaps: list[GapStatement] = []
    held: list[tuple[Span, str]] = []
    linkable = [p for p in provisions if p.directive is not None]
    for start, end in sentences:
        sentence = text[start:end]
        span = Span(start, end, sentence)
        own = tuple(p for p in linkable if start <= p.span.start < end)
        same = _SAME.match(sentence) if "same" in sentence else None
        if same and gaps and _just_before(text, gaps[-1].sentence.end, start):
            gaps.append(GapStatement(span, gaps[-1].status, own or gaps[-1].provisions,
                                     round(max(0.0, gaps[-1].confidence - 0.1), 2),
                                     same.group(0).strip()))
            continue
        mentions = [p for p in provisions if start <= p.span.start < end]
        found = _first_cue(sentence, mentions, start)
        if found is None:
            continue
        cue, m = found
        reason = _not_a_gap(sentence, cue, m, mentions, start)
        if reason:
            held.append((span, reason))
            continue
        status = cue.status
        if "fulfil" in m.group(0).lower() and _ADOPT_FAILURE.search(sentence):
            status = NOT_TRANSPOSED
        linked = own or tuple(linkable)
        confidence = cue.confidence + (0.05 if own else (-0.05 if linked else -0.15))
        gaps.append(GapStatement(span, status, linked, round(min(1.0, max(0.0, confidence)), 2),
                                 m.group(0)))
    return gaps, held


def _just_before(text: str, previous_end: int, start: int) -> bool:
    return not text[previous_end:start].strip()


def _first_cue(sentence: str, mentions: Sequence[ProvisionMention],
               offset: int) -> tuple[Cue, re.Match[str]] | None:
    lower = sentence.lower()
    hits = [k for k in _ALL_KEYS if k in lower]
    candidates = [CUES[i] for i in sorted({i for k in hits for i in _CUES_BY_KEY[k]})]
    if not candidates:
        return None
    anchored = any(p.other_act is None for p in mentions) or bool(
        _TRANSPOSITION_WORD.search(sentence))
    best: tuple[Cue, re.Match[str]] | None = None
    for cue in candidates:
        if best is not None and cue.confidence <= best[0].confidence:
            continue
        if cue.weak and not anchored:
            continue
        for m in cue.pattern.finditer(sentence):
            if cue.negatable and (_negated_locally(sentence, m.start())
                                  or _LOCAL_NEGATION.search(m.group(0))):
                continue
            if cue.needs_eu_object and not _eu_object(sentence, m, mentions, offset):
                continue
            best = (cue, m)
            break
    return best


def _negated_locally(sentence: str, at: int) -> bool:
    before = sentence[max(0, at - 25) : at]
    words = before.split()[-3:]
    return bool(_LOCAL_NEGATION.search(" ".join(words)))


def _eu_object(sentence: str, m: re.Match[str], mentions: Sequence[ProvisionMention],
               offset: int) -> bool:
    """Whether what the cue measures against is EU law: a provision of a directive (not of
    the Charter or a national act), a directive, or "the Directive"/"that provision"."""
    window_end = m.end() + 60
    for p in mentions:
        if m.end() <= p.span.start - offset <= window_end:
            return p.other_act is None
    after = sentence[m.end() : window_end]
    if _EU_OBJECT.match(after):
        return True
    return bool(lexicon().acts(after[:50]) and lexicon().acts(after[:50])[0].celex)


def _not_a_gap(sentence: str, cue: Cue, m: re.Match[str],
               mentions: Sequence[ProvisionMention], offset: int) -> str | None:
    found = _CLOSED.search(sentence)
    if found:
        return f"closed or historical: {found.group(0).strip()!r}"
    found = _NEGATIONS.search(sentence)
    if found:
        return f"negated: {found.group(0)!r}"
    found = _HEDGES.search(sentence, 0, m.end())
    if found:
        return f"hedged: {found.group(0)!r}"
    around = sentence[max(0, m.start() - 25) : m.end() + 30]
    if not _TRANSPOSITION_WORD.search(around) and _about_eu_law(sentence, m, mentions, offset):
        return "states what EU law requires, not what national law does"
    return None


def _about_eu_law(sentence: str, cue: re.Match[str], mentions: Sequence[ProvisionMention],
                  offset: int) -> bool:
    """Whether the subject of the cue's clause is EU law (a directive, an article of it, the
    Court, Member States in general) rather than a national act, court or country."""
    clause_start, boundary = 0, None
    for m in _CLAUSE.finditer(sentence, 0, cue.start()):
        clause_start, boundary = m.end(), m
    subject = sentence[clause_start : cue.start()]
    if boundary is not None and boundary.group(0).lower() in ("which", "that") \
            and not subject.strip(" ,"):
        # ", which excludes …": the subject is what stands before the comma
        antecedent_end = boundary.start() + offset
        for p in mentions:
            if 0 <= antecedent_end - p.span.end <= 3:
                return p.other_act is None
        subject = sentence[max(0, boundary.start() - 60) : boundary.start()]
    if not subject.strip():
        subject = sentence[: cue.start()]
    for p in mentions:
        if offset + clause_start <= p.span.start < offset + cue.start() and p.other_act:
            return False
    national = _NATIONAL_SUBJECT.search(subject) or _country_in(subject)
    if national and not _GENERAL_EU.match(subject):
        return False
    return bool(_EU_SUBJECT.search(subject)) or bool(_GENERAL_EU.match(subject))


def _country_in(text: str) -> bool:
    pattern = _countries_regex()
    return bool(pattern and pattern.search(text))


@lru_cache(maxsize=1)
def _countries_regex() -> re.Pattern[str] | None:
    names = sorted({n for c in reference_index().countries.values() for n in c.names
                    if len(n) > 3}, key=len, reverse=True)
    adjectives = (
        "Austrian|Belgian|Bulgarian|Croatian|Cypriot|Czech|Danish|Dutch|Estonian|Finnish|French|"
        "German|Greek|Hungarian|Irish|Italian|Latvian|Lithuanian|Luxembourgish|Maltese|Polish|"
        "Portuguese|Romanian|Slovak|Slovenian|Spanish|Swedish|Icelandic|Norwegian|Albanian|"
        "Montenegrin|Macedonian|Serbian|Turkish|British"
    )
    return re.compile(r"\b(?:" + "|".join([*(re.escape(n) for n in names), adjectives]) + r")\b")
