"""The gap-cue lexicon: the words that say national law falls short of a directive, by status.

Each :class:`Cue` is one row of a table: the status it signals, its *kind*, how strongly it
signals (its confidence), and its pattern. The kind says what the cue needs around it before it
counts (:mod:`lawgraph.extract.gaps` checks it):

``transposition``
    The cue speaks of transposing itself ("has not been transposed", "only partly transposes",
    "remains untransposed"). The subject may be the provision ("Article 8 is only partly
    transposed") or the national act ("the Law does not transpose Article 9"). With the verb
    "transpose" it needs nothing more; "implement", "reflect" and "incorporate", which have
    other senses, need a directive named in the sentence.
``infringement``
    "has failed to fulfil its obligations under …": a finding against a State. It needs an EU
    object (the directive or a provision of it) after the cue.
``conformity``
    The national rule measured against EU law ("incompatible with", "contrary to", "fails to
    comply with", "applies … incorrectly"). It needs an EU object after the cue, and a subject
    that is national law, not the directive or a generic "such a rule".
``coverage`` and ``absence``
    Descriptions of what national law covers or lacks ("applies only to", "narrower than",
    "does not extend to"; "contains no provision", "does not prohibit"). On their own they
    describe; they count only in a sentence that names a directive or its provision (or says
    "as required by", "that requirement"), with a national subject, and not when the directive
    is where the thing is missing ("is not defined in Directive 2000/78").
``nominal``
    The gap named as a noun ("a gap in the transposition", "incorrect transposition", "a
    failure to transpose"). Mostly met denied ("does not amount to a failure to transpose");
    it needs a directive named in the sentence.

Cues are tried only on sentences containing one of their ``keys`` (lower-case substrings every
match of the pattern contains), found in one pass over the text by :data:`KEYS`.

Patterns are run over lower-cased text (:func:`lawgraph.extract.textscan.lower`):

>>> [c.name for c in CUES if c.pattern.search("the act only partly transposes article 8")]
['partly-transposed']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawgraph.extract.textscan import compile_lower, trie

__all__ = [
    "CUES",
    "CUES_BY_KEY",
    "INCORRECT",
    "KEYS",
    "KEY_CLOSURE",
    "KIND_RANK",
    "NEEDS",
    "NOT_TRANSPOSED",
    "PARTIAL",
    "WEAK_KEYS",
    "Cue",
]

NOT_TRANSPOSED, PARTIAL, INCORRECT = "not-transposed", "partial", "incorrect"

#: which kind of cue decides the status when a sentence has several (lower rank wins): the
#: explicit verdict ("is therefore only partly transposed") over the description before it
KIND_RANK = {
    "transposition": 0,
    "infringement": 0,
    "conformity": 1,
    "coverage": 2,
    "absence": 2,
    "nominal": 3,
}


@dataclass(frozen=True)
class Cue:
    name: str
    status: str
    kind: str
    confidence: float
    pattern: re.Pattern[str]
    keys: tuple[str, ...]
    #: a positive-polarity cue ("contrary to", "limited to") that a negator just before it
    #: reverses ("is not contrary to"); cues with their own negation ("does not transpose")
    #: are not negatable
    negatable: bool = False
    #: what the sentence must also hold ("not" for "does not cover", "no" for "contains no
    #: provision"): a key of :data:`NEEDS`, checked before the pattern is run
    needs: str | None = None

    @property
    def rank(self) -> tuple[int, float]:
        return KIND_RANK[self.kind], -self.confidence


_T = r"(?:transpos\w*|implement\w*|incorporat\w*|reflect\w*|tak\w+\s+over)"
_T_KEYS = (
    "transpos",
    "implement",
    "incorporat",
    "reflect",
    "take over",
    "taken over",
    "takes over",
    "taking over",
    "took over",
)
#: a negated "to be": "is not", "has not been", "remains not"
_BE_NOT = r"(?:(?:is|are|was|were|remains?|remained)\s+not|(?:has|have|had)\s+not\s+been)"
#: a negated auxiliary, with an optional parenthetical: "does not", "does not, however,"
_NOT = (
    r"(?:does|do|did|has|have|had|is|are|was|were)\s*(?:not|n['’]t)"
    r"(?:\s*,\s*(?:however|therefore|thus|moreover|in\s+practice)\s*,)?(?:\s+(?:yet|still))?"
)
#: what a national act may lack ("no provision", "no equivalent", "no prohibition")
_LACKING = (
    r"(?:provisions?|rules?|legislation|laws?|definitions?|prohibitions?|duty|duties|obligations?"
    r"|measures?|mechanisms?|procedures?|bod(?:y|ies)|protection|remed(?:y|ies)|sanctions?|ban"
    r"|right|standing|shift|reversal|equivalent|counterpart|requirement)"
)
_ADVERB = r"(?:\w+ly\s+)?"

#: (name, status, kind, confidence, pattern, keys, negatable)
# fmt: off
_TABLE: tuple[tuple[str, str, str, float, str, tuple[str, ...], bool], ...] = (
    # --- transposition: the cue speaks of transposing -------------------------------------------
    ("incorrectly-transposed", INCORRECT, "transposition", 0.92,
     rf"\b(?:incorrect(?:ly)?|wrong(?:ly)?|improper(?:ly)?|faulty|defective|erroneous(?:ly)?)"
     rf"\s+(?:been\s+)?{_T}", ("incorrect", "wrong", "improper", "faulty", "defective",
                                "erroneous"), False),
    ("not-correctly-transposed", INCORRECT, "transposition", 0.92,
     rf"\b{_NOT}\s+(?:been\s+)?(?:correctly|properly|accurately|adequately)\s+{_T}"
     rf"|\b{_NOT}\s+{_T}\b[^.;]{{0,90}}?\b(?:correctly|properly|accurately|adequately"
     r"|in\s+full\s+conformity)\b", ("correctly", "properly", "accurately", "adequately",
                                      "conformity"), False),
    ("partly-transposed", PARTIAL, "transposition", 0.9,
     rf"\b(?:partly|partially|in\s+part|incompletely)\s+(?:been\s+)?{_T}"
     rf"|\b{_T}\s+(?:only\s+)?(?:partly|partially|in\s+part|incompletely)\b"
     r"|\bonly\s+(?:partly|partially|in\s+part)\s+(?:cover(?:s|ed|ing)?|meet(?:s|ing)?|met"
     r"|compl(?:y|ies|ied|ying|iant)|fulfil(?:s|led|ling)?|in\s+line|consistent|compatible"
     r"|in\s+conformity)\b"
     r"|\b(?:meet(?:s|ing)?|met|compl(?:y|ies|ied|ying)\s+with|cover(?:s|ed|ing)?)\s+"
     r"(?:[^.;,]{1,80}?\s+)?only\s+(?:partly|partially|in\s+part)\b"
     r"|\b(?:partial|incomplete)\s+(?:transposition|implementation)\b",
     ("partly", "partially", "in part", "incomplete", "partial"), False),
    ("not-fully-transposed", PARTIAL, "transposition", 0.88,
     rf"\b(?:not|n['’]t)\s+(?:yet\s+)?(?:been\s+|be\s+)?fully\s+(?:{_T}|cover\w*|compl(?:y|ies|ied)"
     r"|in\s+line|protect\w*|meets?|met)\b"
     # "is not transposed in full": from the auxiliary, so that it holds "is not transposed"
     rf"|\b(?:(?:is|are|was|were|has|have|had|does|do|did|still|therefore|thus|also)\s+){{0,3}}"
     rf"not\s+(?:yet\s+)?(?:(?:been|be)\s+)?{_T}\s+(?:[^.;,]{{1,60}}?\s+)?"
     r"(?:in\s+full|fully|completely|entirely|in\s+its\s+entirety)\b",
     ("fully", "in full", "completely", "entirely"), False),
    ("not-transposed", NOT_TRANSPOSED, "transposition", 0.95,
     rf"\b(?:has|have|had)\s+(?:\w+\s+)?(?:not|never)\s+(?:yet\s+)?been\s+{_T}"
     rf"|\b{_NOT}\s+(?:yet\s+)?{_T}"
     rf"|\b(?:is|are|was|were)\s+(?:still\s+)?not\s+(?:yet\s+)?{_T}"
     rf"|\b(?:has|have|had|was|were)\s+never\s+(?:been\s+)?{_T}"
     r"|\b(?:un-?transposed|unimplemented)\b", _T_KEYS + ("untranspos", "unimplemented"), False),
    ("no-measures-adopted", NOT_TRANSPOSED, "transposition", 0.9,
     rf"\b{_NOT}\s+(?:adopted|introduced|enacted|passed)\s+(?:any\s+)?(?:[\w-]+\s+){{0,2}}?"
     r"(?:measures?|legislation|provisions?|rules?|laws?)\s+(?:transposing|implementing)\b",
     ("transposing", "implementing"), False),
    ("failed-to-transpose", NOT_TRANSPOSED, "transposition", 0.92,
     rf"\bfail(?:s|ed|ing)?\s+to\s+(?:fully\s+)?{_T}", ("fail",), False),
    ("no-transposing-measure", NOT_TRANSPOSED, "transposition", 0.9,
     r"\b(?:no|without\s+(?:any\s+)?)\s*(?:\w+\s+)?(?:transposing|implementing)"
     r"\s+(?:provision|legislation|measure|rule|act|law)", ("transposing", "implementing"), False),
    # --- infringement -----------------------------------------------------------------------
    ("failed-to-fulfil", INCORRECT, "infringement", 0.95,
     r"\bfail(?:s|ed|ing)?\s+to\s+fulfil\s+(?:its|their)\s+obligations", ("fulfil",), False),
    # --- conformity: measured against EU law ------------------------------------------------
    ("contrary-to", INCORRECT, "conformity", 0.9, r"\bcontrary\s+to\b", ("contrary",), True),
    ("incompatible-with", INCORRECT, "conformity", 0.9, r"\bincompatible\s+with\b",
     ("incompatib",), True),
    ("inconsistent-with", INCORRECT, "conformity", 0.85, r"\binconsistent\s+with\b",
     ("inconsistent",), True),
    ("not-compatible-with", INCORRECT, "conformity", 0.85,
     r"\b(?:is|are|was|were|be|being|remains?)\s+not\s+(?:\w+\s+)?(?:compatible|consistent"
     r"|in\s+line|in\s+conformity|in\s+compliance|in\s+accordance)\s+with\b"
     r"|\bcannot\s+be\s+(?:regarded|considered)\s+as\s+(?:compatible|consistent)\s+with\b",
     ("compatible", "consistent", "in line", "conformity", "compliance", "accordance"), False),
    ("fails-to-comply", INCORRECT, "conformity", 0.85,
     rf"\bfail(?:s|ed|ing)?\s+to\s+(?:comply|conform)\s+with\b|\b{_NOT}\s+(?:comply|conform)"
     r"\s+with\b", ("comply", "conform"), False),
    ("fails-to-meet", INCORRECT, "conformity", 0.8,
     rf"\b(?:fail(?:s|ed|ing)?\s+to|{_NOT})\s+(?:meet|satisfy|fulfil)\s+the\s+(?:requirements?"
     r"|standards?|directives?)\b",
     ("meet", "satisfy", "fulfil"), False),
    ("applied-incorrectly", INCORRECT, "conformity", 0.85,
     r"\b(?:appl(?:y|ies|ied)|interpret(?:s|ed)?|transpos(?:es|ed))\s+[^.;,]{0,60}?\b"
     r"(?:incorrectly|wrongly|erroneously|improperly)\b", ("incorrectly", "wrongly",
                                                           "erroneously", "improperly"), False),
    ("in-breach-of", INCORRECT, "conformity", 0.8,
     r"\bin\s+breach\s+of\b|\bbreach(?:es|ed|ing)?\b(?!\s+of\s+(?:contract|duty|the\s+peace))",
     ("breach",), True),
    ("violates", INCORRECT, "conformity", 0.8, r"\bviolat(?:es|ed|ing)\b|\bin\s+violation\s+of\b",
     ("violat",), True),
    ("conflicts-with", INCORRECT, "conformity", 0.75,
     r"\bconflicts?\s+with\b|\bin\s+conflict\s+with\b|\bcontradicts?\b|\bat\s+odds\s+with\b",
     ("conflict", "contradict", "odds"), True),
    ("precluded-by", INCORRECT, "conformity", 0.75, r"\b(?:is|are|was|were)\s+precluded\s+by\b",
     ("precluded",), True),
    ("wider-than-allowed", INCORRECT, "conformity", 0.8,
     r"\b(?:wider|broader|stricter|more\s+extensive)\s+than\s+(?:what\s+)?(?:is\s+)?(?:permitted"
     r"|allowed|(?:article|art\b|the\s+directive)[^.;]{0,60}?\s+(?:permits?|allows?"
     r"|authori[sz]es))|\bgo(?:es|ing)?\s+beyond\s+what\s+[^.;]{0,60}?\s+(?:permits?|allows?"
     r"|authori[sz]es)\b", ("wider", "broader", "stricter", "extensive", "beyond"), False),
    ("unlawful-under", INCORRECT, "conformity", 0.75,
     r"\bwould\s+be\s+unlawful\s+under\b|\bunlike\s+the\s+(?:directive|article)\b",
     ("unlawful", "unlike"), False),
    # --- coverage: national law covers less -------------------------------------------------
    ("narrower-than", PARTIAL, "coverage", 0.8,
     r"\bnarrower\s+than\b|\bmore\s+restrictive\s+than\b|\bfalls?\s+short\s+of\b",
     ("narrower", "restrictive", "short of"), True),
    ("no-longer-provides", PARTIAL, "coverage", 0.8,
     r"\bno\s+longer\s+(?:provides?|protects?|covers?|offers?|guarantees?|prohibits?"
     r"|applies\s+to|extends?\s+to)\b", ("no longer",), False),
    ("limited-to", PARTIAL, "coverage", 0.7,
     r"\b(?:is|are|was|were|remains?)\s+(?:\w+\s+)?(?:limited|restricted|confined)\s+to\b",
     ("limited", "restricted", "confined"), True),
    ("applies-only", PARTIAL, "coverage", 0.7,
     r"\bonly\s+(?:applies|apply|covers?|protects?|extends?|concerns?|shifts?|operates?)\b"
     r"|\b(?:applies|apply|covers?|protects?|extends?|shifts?|available|granted|operates?)"
     r"\s+only\b", ("only",), False),
    ("does-not-cover", PARTIAL, "coverage", 0.65,
     rf"\b{_NOT}\s+{_ADVERB}(?:cover|extend\s+to|apply\s+to|apply\s+in|include|reach"
     r"|encompass|capture)\b", ("cover", "extend", "apply", "include", "reach", "encompass",
                                 "capture"), False),
    ("not-covered", PARTIAL, "coverage", 0.65,
     rf"\b{_BE_NOT}\s+(?:\w+ly\s+)?(?:covered|protected|included|extended\s+to)\b",
     ("covered", "protected", "included", "extended"), False),
    ("excludes", PARTIAL, "coverage", 0.6,
     r"\bexclud(?:es|ed|ing)\b|\bexclusion\s+of\b|\bomit(?:s|ted)?\b", ("exclu", "omit"), True),
    # --- absence: national law lacks the rule --------------------------------------------------
    ("silent-on", NOT_TRANSPOSED, "absence", 0.85,
     r"\b(?:is|are|remains?)\s+silent\s+(?:on|about|as\s+to|regarding|with\s+regard\s+to)\b",
     ("silent",), False),
    ("contains-no", NOT_TRANSPOSED, "absence", 0.8,
     rf"\b(?:contains?|provides?|includes?|makes?|lays?\s+down|sets?\s+out)\s+no\s+"
     rf"(?:[\w-]+\s+){{0,2}}?{_LACKING}\b",
     ("contain", "provide", "include", "make", "lay", "set"), False),
    ("there-is-no", NOT_TRANSPOSED, "absence", 0.8,
     rf"\bthere\s+(?:is|are|was|were|exists?)\s+(?:still\s+)?no\s+"
     rf"(?:(?!that\b|of\b|whether\b|indication\b|evidence\b)[\w-]+\s+){{0,3}}?"
     rf"{_LACKING}\b", ("there",), False),
    ("no-specific-rule", NOT_TRANSPOSED, "absence", 0.8,
     rf"\bno\s+(?:explicit|express|specific|general|separate|statutory|legal|such|equivalent"
     rf"|corresponding|comparable)\s+(?:[\w-]+\s+)?{_LACKING}\b",
     ("explicit", "express", "specific", "general", "separate", "statutory", "legal", "such",
      "equivalent", "corresponding", "comparable"), False),
    ("lacks", NOT_TRANSPOSED, "absence", 0.75,
     rf"\b(?:lacks?|lacking|(?:the\s+)?absence\s+of)\s+(?:an?\s+|any\s+)?(?:[\w-]+\s+)?"
     rf"{_LACKING}\b", ("lack", "absence"), False),
    ("does-not-prohibit", NOT_TRANSPOSED, "absence", 0.75,
     rf"\b{_NOT}\s+{_ADVERB}(?:contain|provide\s+for|lay\s+down|define|prohibit|mention"
     r"|establish|impose|regulate|recogni[sz]e|designate|set\s+up|grant|allow\s+for|classify"
     r"|treat|oblige|require|introduce|protect)\b",
     ("contain", "provide", "lay down", "define", "prohibit", "mention", "establish", "impose",
      "regulate", "recogni", "designate", "set up", "grant", "allow for", "classif", "treat",
      "oblige", "require", "introduce", "protect"), False),
    ("neither-nor-defines", NOT_TRANSPOSED, "absence", 0.75,
     r"\bneither\b[^.;]{0,80}?\bnor\b[^.;]{0,60}?\b(?:defines?|contains?|prohibits?"
     r"|provides?\s+for|mentions?|covers?|regulates?|lays?\s+down|establish(?:es)?)\b",
     ("neither",), False),
    ("not-defined", NOT_TRANSPOSED, "absence", 0.7,
     rf"\b{_BE_NOT}\s+(?:been\s+)?{_ADVERB}(?:defined|prohibited|regulated|designated"
     r"|set\s+up|introduced|adopted|mentioned|characteri[sz]ed|classified"
     r"|recogni[sz]ed|treated|laid\s+down|provided\s+for)\b",
     ("defined", "prohibited", "regulated", "designated", "set up", "introduced",
      "adopted", "mentioned", "characteri", "classified", "recogni", "treated", "laid down",
      "provided for"), False),
    # --- nominal: the gap named as a noun --------------------------------------------------
    ("failure-to-transpose", NOT_TRANSPOSED, "nominal", 0.7,
     rf"\bfailure\s+(?:to\s+{_T}|of\s+transposition)", ("failure",), True),
    ("incorrect-transposition", INCORRECT, "nominal", 0.7,
     r"\b(?:incorrect|defective|faulty|wrong)\s+(?:transposition|implementation)"
     r"|\b(?:incompatibilit(?:y|ies)|inconsistenc(?:y|ies))\b",
     ("incorrect", "defective", "faulty", "wrong", "incompatibilit", "inconsistenc"), True),
    ("a-gap", PARTIAL, "nominal", 0.6,
     r"\b(?:transposition\s+)?(?:gaps?|lacunae?|loopholes?|shortcomings?)\b"
     r"(?!\s+(?:analysis|report|matrix))", ("gap", "lacuna", "loophole", "shortcoming"), True),
)
# fmt: on

#: the negations a cue may need besides its key, as patterns over lower-cased text
NEEDS: dict[str, re.Pattern[str]] = {
    "not": re.compile(r"n(?:ot|['’]t)\b"),
    "no": re.compile(r"no(?<!\wno)\b"),
    "nor": re.compile(r"nor(?<!\wnor)\b"),
}
#: cues whose every match holds a negation besides their key
_NEEDS = {
    "not-correctly-transposed": "not",
    "not-fully-transposed": "not",
    "not-compatible-with": "not",
    "does-not-cover": "not",
    "not-covered": "not",
    "does-not-prohibit": "not",
    "not-defined": "not",
    "no-measures-adopted": "not",
    "contains-no": "no",
    "there-is-no": "no",
    "no-specific-rule": "no",
    "neither-nor-defines": "nor",
}

CUES: tuple[Cue, ...] = tuple(
    Cue(name, status, kind, confidence, compile_lower(pattern), keys, negatable, _NEEDS.get(name))
    for name, status, kind, confidence, pattern, keys, negatable in _TABLE
)

#: key → indexes of the cues that need it
CUES_BY_KEY: dict[str, tuple[int, ...]] = {}
for _index, _cue in enumerate(CUES):
    for _key in _cue.keys:
        CUES_BY_KEY[_key] = (*CUES_BY_KEY.get(_key, ()), _index)

#: keys all of whose cues need a negation ("require", "treat"): a sentence holding only such
#: keys and no negation is not classified
WEAK_KEYS: frozenset[str] = frozenset(
    key for key, indexes in CUES_BY_KEY.items() if all(CUES[i].needs for i in indexes)
)

#: key → the keys it contains ("incorrectly" holds "incorrect"): a match of the longer key
#: stands for both
KEY_CLOSURE: dict[str, frozenset[str]] = {
    key: frozenset(k for k in CUES_BY_KEY if k in key) for key in CUES_BY_KEY
}


#: every key in one case-sensitive pattern, to run over the lower-cased text: one pass finds
#: the sentences that may hold a cue (all others are never classified)
KEYS: re.Pattern[str] = re.compile(r"\b(?:" + trie(sorted(CUES_BY_KEY)) + ")")
