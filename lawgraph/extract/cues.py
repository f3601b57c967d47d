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
``missing``
    The provision is the subject and national law the place where it is missing ("Article
    2(4) has no counterpart in Maltese law", "is missing from the Labour Code", "remains
    unprohibited in Swedish law"). It needs an anchor like ``absence`` but no national
    subject, and the place must not be the directive ("is missing from the Directive").
``nominal``
    The gap named as a noun ("a gap in the transposition", "incorrect transposition", "a
    failure to transpose"). Mostly met denied ("does not amount to a failure to transpose");
    it needs a directive named in the sentence.

A few evaluative cues ("falls well short of", "remains incomplete", "leaves … outside its
scope", "does not meet the requirement that …", "is missing") measure national law against a
standard by their very words: for them it is enough that the paragraph names a directive or one
of its provisions (``Cue.paragraph``).

The cue decides *that* a sentence is a gap; its *status* is read in context afterwards
(:func:`lawgraph.extract.gaps._status`): sanctions that fall short are an incorrect
transposition, a missing element a partial one, a rule missing only in part of the field
("other than", "outside employment") a partial one.

Cues are tried only on sentences containing one of their ``keys`` (lower-case substrings every
match of the pattern contains), found in one pass over the text by :data:`KEYS`.

Patterns are run over lower-cased text (:func:`lawgraph.extract.textscan.lower`):

>>> [c.name for c in CUES if c.pattern.search("the act only partly transposes article 8")]
['partly-transposed']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawgraph.extract.textscan import compile_lower, literal_first, trie

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
    "missing": 2,
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
    #: the cue may be anchored to the directives by the paragraph, not only by its sentence
    paragraph: bool = False

    @property
    def rank(self) -> tuple[int, float]:
        return KIND_RANK[self.kind], -self.confidence


_T = (
    r"(?:transpos\w*|implement\w*|incorporat\w*|reflect\w*|tak\w+\s+over"
    r"|giv(?:e|es|en|ing)\s+effect\s+to)"
)
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
    "give effect",
    "gives effect",
    "given effect",
    "giving effect",
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
    r"|right|standing|shift|reversal|equivalent|counterpart|requirement|guarantees?|safeguards?)"
)
_ADVERB = r"(?:(?:\w+ly|at\s+all)\s+)?"

#: (name, status, kind, confidence, pattern, keys, negatable)
# fmt: off
_TABLE: tuple[tuple[str, str, str, float, str, tuple[str, ...], bool], ...] = (
    # --- transposition: the cue speaks of transposing -------------------------------------------
    ("incorrectly-transposed", INCORRECT, "transposition", 0.92,
     # the adverb ("incorrectly transposed"); the adjective ("incorrect transposition") names
     # the gap as a noun (below), which "does not amount to" can deny
     rf"\b(?:incorrectly|wrongly|improperly|erroneously|(?:incorrect|wrong|improper|faulty|defective"
     rf"|erroneous)(?!\s+(?:transposition|implementation|incorporation)\b))"
     rf"\s+(?:been\s+)?{_T}", ("incorrect", "wrong", "improper", "faulty", "defective",
                                "erroneous"), False),
    ("not-correctly-transposed", INCORRECT, "transposition", 0.92,
     rf"\b{_NOT}\s+(?:been\s+)?(?:correctly|properly|accurately|adequately)\s+{_T}"
     rf"|\b(?:{_NOT}|fail(?:s|ed|ing)?\s+to)\s+{_T}\b[^.;]{{0,90}}?\b(?:correctly|properly"
     r"|accurately|adequately|in\s+full\s+conformity)\b"
     rf"|\bfail(?:s|ed|ing)?\s+to\s+(?:correctly|properly|accurately|adequately)\s+{_T}",
     ("correctly", "properly", "accurately", "adequately", "conformity"), False),
    ("partly-transposed", PARTIAL, "transposition", 0.9,
     rf"\b(?:partly|partially|in\s+part|incompletely|insufficiently|inadequately)\s+(?:been\s+)?{_T}"
     rf"|\b{_T}\s+(?:only\s+)?(?:partly|partially|in\s+part|incompletely)\b"
     rf"|\b{_T}\s+only\s+(?:formally|on\s+paper|nominally|superficially)\b"
     r"|\bonly\s+(?:partly|partially|in\s+part)\s+(?:cover(?:s|ed|ing)?|meet(?:s|ing)?|met"
     r"|compl(?:y|ies|ied|ying|iant)|fulfil(?:s|led|ling)?|in\s+line|consistent|compatible"
     r"|in\s+conformity)\b"
     r"|\b(?:meet(?:s|ing)?|met|compl(?:y|ies|ied|ying)\s+with|cover(?:s|ed|ing)?)\s+"
     r"(?:[^.;,]{1,80}?\s+)?only\s+(?:partly|partially|in\s+part)\b"
     r"|\b(?:partial|incomplete)\s+(?:transposition|implementation)\b"
     r"|\b(?:exists?|existed|appl(?:y|ies|ied)|(?:is|are)\s+(?:met|satisfied|ensured|guaranteed"
     r"|respected|available))\s+only\s+(?:partly|partially|in\s+part)\b",
     ("partly", "partially", "in part", "incomplete", "partial", "formally", "on paper",
      "nominally", "superficially", "insufficiently", "inadequately"), False),
    # "the transposition of Article 5 remains incomplete", "considers the transposition … incomplete"
    ("transposition-incomplete", PARTIAL, "transposition", 0.88,
     r"\b(?:transposition|implementation)\s+(?:of\s+[^.;:]{1,80}?\s+)?"
     r"(?:(?:therefore\s+|thus\s+|still\s+)?(?:remains?|remained|stays?|stayed|is|was)\s+"
     r"(?:still\s+|therefore\s+|thus\s+|also\s+)?)?(?:incomplete|insufficient|deficient|partial)\b",
     ("incomplete", "insufficient", "deficient", "partial"), True),
    # "does not give full effect to", "does not ensure full transposition of"
    ("not-full-effect", PARTIAL, "transposition", 0.88,
     rf"\b(?:{_NOT}|fail(?:s|ed|ing)?\s+to|without)\s+(?:yet\s+|fully\s+)?giv(?:e|es|en|ing)\s+"
     r"full\s+effect\s+to\b"
     r"|\bnot\s+(?:[\w-]+\s+){0,3}?(?:full|complete)\s+(?:transposition|implementation)\b",
     ("full effect", "full transposition", "full implementation", "complete transposition",
      "complete implementation"), False),
    ("not-fully-transposed", PARTIAL, "transposition", 0.88,
     rf"\b(?:not|n['’]t)\s+(?:yet\s+)?(?:been\s+|be\s+)?fully\s+(?:{_T}|cover\w*|compl(?:y|ies|ied)"
     r"|in\s+line|protect\w*|meets?|met|correspond\w*|conform\w*|satisf\w*|aligned)\b"
     # "is not transposed in full": from the auxiliary, so that it holds "is not transposed"
     rf"|\b(?:(?:is|are|was|were|has|have|had|does|do|did|still|therefore|thus|also)\s+){{0,3}}"
     rf"not\s+(?:yet\s+)?(?:(?:been|be)\s+)?{_T}\s+(?:[^.;,]{{1,60}}?\s+)?"
     r"(?:in\s+full|fully|completely|entirely|in\s+its\s+entirety)\b",
     ("fully", "in full", "completely", "entirely"), False),
    # "failure to transpose fully", "failed to transpose it fully"
    ("failure-to-transpose-fully", PARTIAL, "transposition", 0.9,
     rf"\bfail(?:ure|s|ed|ing)?\s+to\s+(?:fully\s+{_T}|{_T}\s+(?:[^.;,]{{1,60}}?\s+)?(?:fully"
     r"|in\s+full|completely))\b", ("fully", "in full", "completely"), False),
    ("not-transposed", NOT_TRANSPOSED, "transposition", 0.95,
     rf"\b(?:has|have|had)\s+(?:\w+\s+)?(?:not|never)\s+(?:yet\s+)?been\s+{_T}"
     rf"|\b{_NOT}\s+(?:yet\s+)?{_T}"
     rf"|\b(?:is|are|was|were)\s+(?:still\s+)?not\s+(?:yet\s+)?{_T}"
     rf"|\b(?:has|have|had|was|were)\s+never\s+(?:been\s+)?{_T}"
     r"|\b(?:un-?transposed|unimplemented)\b"
     # a terse verdict: "Burden of proof (Art. 8 RED): not transposed."
     rf"|[:–—]\s*(?:still\s+)?not\s+(?:yet\s+)?{_T}"
     # "neither instrument transposes Article 5", "none of them implements it"
     rf"|\b(?:neither|none)\s+(?:of\s+(?:them|these|those|the\s+[\w-]+)\s+|[\w-]+\s+){{0,3}}?{_T}",
     _T_KEYS + ("untranspos", "unimplemented"), False),
    ("no-measures-adopted", NOT_TRANSPOSED, "transposition", 0.9,
     rf"\b(?:{_NOT}|(?:has|have|had)\s+never)\s+(?:adopted|introduced|enacted|passed)\s+"
     rf"(?:any\s+)?(?:[\w-]+\s+){{0,2}}?"
     r"(?:measures?|legislation|provisions?|rules?|laws?)\s+(?:transposing|implementing)\b",
     ("transposing", "implementing"), False),
    ("failed-to-transpose", NOT_TRANSPOSED, "transposition", 0.92,
     rf"\bfail(?:s|ed|ing)?\s+to\s+(?:fully\s+)?{_T}", ("fail",), False),
    ("no-transposing-measure", NOT_TRANSPOSED, "transposition", 0.9,
     r"\b(?:no|without\s+(?:any\s+)?)\s*(?:\w+\s+)?(?:transposing|implementing)"
     r"\s+(?:provision|legislation|measure|rule|act|law)", ("transposing", "implementing"), False),
    ("not-correct-transposition", INCORRECT, "transposition", 0.88,
     r"\bnot\s+(?:[\w-]+\s+){0,3}?(?:correct|proper|accurate|faithful)\s+(?:transposition"
     r"|implementation)\b",
     ("correct transposition", "correct implementation", "proper transposition",
      "proper implementation", "accurate transposition", "accurate implementation",
      "faithful transposition", "faithful implementation"), False),
    # --- infringement -----------------------------------------------------------------------
    ("failed-to-fulfil", INCORRECT, "infringement", 0.95,
     r"\bfail(?:s|ed|ing)?\s+to\s+fulfil\s+(?:its|their)\s+obligations?\b", ("fulfil",), False),
    ("failed-to-fulfil-fully", PARTIAL, "infringement", 0.95,
     rf"\bfail(?:s|ed|ing)?\s+to\s+fulfil\s+(?:its|their)\s+obligations?\s+to\s+(?:fully\s+)?{_T}"
     r"\s+(?:[^.;,]{1,60}?\s+)?(?:fully|in\s+full|completely)\b|\bfail(?:s|ed|ing)?\s+to\s+fulfil\s+"
     rf"(?:its|their)\s+obligations?\s+to\s+fully\s+{_T}", ("fulfil",), False),
    # --- conformity: measured against EU law ------------------------------------------------
    ("contrary-to", INCORRECT, "conformity", 0.9, r"\bcontrary\s+to\b", ("contrary",), True),
    ("incompatible-with", INCORRECT, "conformity", 0.9, r"\bincompatible\s+with\b",
     ("incompatib",), True),
    ("inconsistent-with", INCORRECT, "conformity", 0.85, r"\binconsistent\s+with\b",
     ("inconsistent",), True),
    ("not-compatible-with", INCORRECT, "conformity", 0.85,
     r"\b(?:is|are|was|were|be|being|remains?)(?:\s*,[^,.;]{1,50},)?\s+not\s+(?:\w+\s+)?"
     r"(?:compatible|consistent"
     r"|in\s+line|in\s+conformity|in\s+compliance|in\s+accordance)\s+with\b"
     r"|\bcannot\s+be\s+(?:regarded|considered)\s+as\s+(?:compatible|consistent)\s+with\b"
     r"|\bnot\s+(?:yet\s+|been\s+|yet\s+been\s+)?(?:brought|put)\s+(?:[^.;]{1,60}?\s+)?into\s+"
     r"(?:line|conformity|compliance|accordance)\s+with\b"
     r"|\bnot\s+(?:yet\s+|been\s+|yet\s+been\s+)?(?:fully\s+)?(?:aligned|harmoni[sz]ed)\s+with\b"
     rf"|\b{_NOT}\s+(?:(?!fully\b)\w+ly\s+)?(?:correspond|conform|match|mirror)\s+(?:to|with)?",
     ("compatible", "consistent", "in line", "conformity", "compliance", "accordance",
      "aligned", "harmonised", "harmonized", "into line", "into conformity", "into compliance",
      "into accordance", "correspond", "conform",
      "match", "mirror"), False),
    ("fails-to-comply", INCORRECT, "conformity", 0.85,
     rf"\bfail(?:s|ed|ing)?\s+to\s+(?:comply|conform)\s+with\b|\b{_NOT}\s+(?:comply|conform)"
     r"\s+with\b", ("comply", "conform"), False),
    ("fails-to-meet", INCORRECT, "conformity", 0.8,
     rf"\b(?:fail(?:s|ed|ing)?\s+to|{_NOT}|cannot|could\s+not)\s+(?:\w+ly\s+)?(?:meet|satisfy|fulfil)"
     r"\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+)?(?:standards?|directives?|conditions|criteria"
     r"|article|art\b)",
     ("meet", "satisfy", "fulfil"), False),
    # "does not meet the requirement that it provide independent assistance": a requirement is
    # the directive's, so the paragraph may name it
    ("fails-to-meet-requirement", PARTIAL, "conformity", 0.8,
     rf"\b(?:fail(?:s|ed|ing)?\s+to|{_NOT}|cannot|could\s+not)\s+(?:\w+ly\s+)?(?:meet|satisfy|fulfil)"
     r"\s+(?:the\s+|its\s+|their\s+|all\s+(?:the\s+)?)?(?:[\w-]+\s+)?requirements?\b",
     ("meet", "satisfy", "fulfil"), False),
    ("applied-incorrectly", INCORRECT, "conformity", 0.85,
     r"\b(?:appl(?:y|ies|ied)|interpret(?:s|ed)?|transpos(?:es|ed))\s+[^.;,]{0,60}?\b"
     r"(?:incorrectly|wrongly|erroneously|improperly)\b", ("incorrectly", "wrongly",
                                                           "erroneously", "improperly"), False),
    ("in-breach-of", INCORRECT, "conformity", 0.8,
     r"\bin\s+breach\s+of\b|\bbreach(?:es|ed|ing)?\b(?!\s+of\s+(?:contract|duty|the\s+peace))",
     ("breach",), True),
    ("too-low-to-meet", INCORRECT, "conformity", 0.8,
     r"\btoo\s+(?:low|weak|short|limited|narrow|restrictive|modest|small|lenient)\s+to\s+(?:meet"
     r"|satisfy|comply|fulfil|be\s+(?:effective|dissuasive|proportionate|adequate))\b",
     ("too low", "too weak", "too short", "too limited", "too narrow", "too restrictive",
      "too modest", "too small", "too lenient"), False),
    ("stricter-test", INCORRECT, "conformity", 0.75,
     r"\b(?:requir(?:es|ed|ing)|demand(?:s|ed|ing)?|impos(?:es|ed|ing))\s+(?:[\w-]+\s+){0,5}?more"
     r"\s+than\b|\b(?:higher|stricter|heavier|more\s+demanding)\s+(?:threshold|standard|burden"
     r"|test)\s+than\b",
     ("more than", "higher", "stricter", "heavier", "more demanding"), False),
    ("not-justified", INCORRECT, "conformity", 0.75,
     r"\b(?:(?:is|are|was|were)\s+not|cannot\s+be|could\s+not\s+be)\s+(?:\w+ly\s+)?(?:justified"
     r"|justifiable)\s+(?:by|under|in\s+the\s+light\s+of)\b",
     ("justified", "justifiable"), False),
    ("departs-from", INCORRECT, "conformity", 0.8,
     r"\bdepart(?:s|ed|ing)?\s+from\b|\bdeviat(?:es|ed|ing)\s+from\b", ("depart", "deviat"), True),
    ("violates", INCORRECT, "conformity", 0.8, r"\bviolat(?:e|es|ed|ing)\b|\bin\s+violation\s+of\b",
     ("violat",), True),
    ("conflicts-with", INCORRECT, "conformity", 0.75,
     r"\bconflicts?\s+with\b|\bin\s+conflict\s+with\b|\bcontradicts?\b|\bat\s+odds\s+with\b"
     r"|\bin\s+contradiction\s+(?:with|to)\b",
     ("conflict", "contradict", "odds"), True),
    ("precluded-by", INCORRECT, "conformity", 0.75, r"\b(?:is|are|was|were)\s+precluded\s+by\b",
     ("precluded",), True),
    ("wider-than-allowed", INCORRECT, "conformity", 0.8,
     r"\b(?:wider|broader|stricter|more\s+extensive|more\s+(?:broadly|widely))\s+(?:[\w-]+\s+)?than\s+"
     r"(?:what\s+)?(?:is\s+)?(?:permitted"
     r"|allowed|(?:article|art\b|the\s+directive)[^.;]{0,60}?\s+(?:permits?|allows?"
     r"|authori[sz]es))|\bgo(?:es|ing)?\s+(?:well\s+|far\s+|much\s+)?(?:beyond|further\s+than)\s+"
     r"(?:what\s+)?(?:article|art\b|the\s+directive|[^.;]{0,60}?\s)[^.;]{0,60}?(?:permits?|allows?"
     r"|authori[sz]es|permitted|allowed)\b|\bgo(?:es|ing)?\s+(?:well\s+|far\s+|much\s+)?beyond\s+"
     r"the\s+(?:[\w-]+\s+)?(?:exceptions?|derogations?|exemptions?|limits?)\b",
     ("wider", "broader", "stricter", "extensive", "beyond", "further than", "more broadly",
      "more widely"), False),
    # "…, which Article 8 does not allow": the directive forbids what national law does
    ("not-allowed-by", INCORRECT, "conformity", 0.8,
     r"\b(?:which|what|as|something)\s+(?:article|art\b|arts?\b|the\s+directives?|both\s+directives"
     r"|that\s+directive)[^,;.]{0,60}?\s+(?:does|do)\s+not\s+(?:allow|permit|authori[sz]e)\b"
     r"|\b(?:is|are)\s+not\s+(?:allowed|permitted|authori[sz]ed)\s+(?:by|under)\s+(?:article|art\b"
     r"|the\s+directives?)",
     ("allow", "permit", "authoris", "authoriz"), False),
    ("unlawful-under", INCORRECT, "conformity", 0.75,
     r"\bwould\s+be\s+unlawful\s+under\b|\bunlike\s+the\s+(?:directive|article)\b",
     ("unlawful", "unlike"), False),
    # --- coverage: national law covers less -------------------------------------------------
    ("narrower-than", PARTIAL, "coverage", 0.8,
     r"\bnarrower\s+than\b|\bmore\s+(?:restrictive|narrowly|restrictively)\s+than\b"
     r"|\b(?:falls?|fell|falling)\s+"
     r"(?:well\s+|far\s+|considerably\s+|significantly\s+|clearly\s+|somewhat\s+)?short\s+of\b"
     r"|\bnarrow(?:s|ed|ing)\s+(?:down\s+)?(?:the\s+|its\s+)?(?:[\w-]+\s+)?(?:scope|protection|range"
     r"|definition|concept|circle|group|duty|obligation)\b"
     r"|\bnarrow(?:s|ed|ing)\s+(?:down\s+)?(?:article|art\b|arts?\b|the\s+directives?)",
     ("narrower", "restrictive", "short of", "narrows", "narrowed", "narrowing", "more narrowly"),
     True),
    # "leaves part of Article 3(1)(e) outside the scope of the Act", "is left unprotected"
    ("leaves-outside", PARTIAL, "coverage", 0.8,
     r"\b(?:leav(?:e|es|ing)|left)\s+(?:[^.;]{1,80}?\s+)?(?:outside\s+(?:the\s+|its\s+|their\s+)?"
     r"(?:personal\s+|material\s+)?scope|unprotected|uncovered|unregulated|unaddressed"
     r"|untransposed|unimplemented|without\s+(?:any\s+|the\s+)?(?:legal\s+)?(?:protection|remedy"
     r"|redress))\b"
     # "… are remaining without protection"
     r"|\b(?:remain(?:s|ed|ing)?|(?:is|are|was|were)\s+(?:still\s+)?)\s*without\s+(?:any\s+|the\s+)?"
     r"(?:legal\s+|effective\s+)?(?:protection|remedy|redress)\b",
     ("leave", "leaves", "leaving", "left", "without protection", "without any", "without the",
      "without legal", "without effective", "without remedy", "without redress"), False),
    # "is not independent", "lacks the independence", "no power to", "does not empower it to"
    ("lacks-element", PARTIAL, "coverage", 0.75,
     r"\b(?:is|are|was|were|remains?)\s+not\s+(?:fully\s+|sufficiently\s+|truly\s+|genuinely\s+"
     r"|really\s+)?independent\b|\black(?:s|ed|ing)?\s+(?:the\s+|any\s+|sufficient\s+|real\s+"
     r"|genuine\s+)?independence\b"
     rf"|\b{_NOT}\s+{_ADVERB}(?:empower|entitle|authori[sz]e|mandate)\b",
     ("independent", "independence", "empower", "entitle", "authoris", "authoriz", "mandate"),
     False),
    ("no-longer-provides", PARTIAL, "coverage", 0.8,
     r"\bno\s+longer\s+(?:provides?|protects?|covers?|offers?|guarantees?|prohibits?"
     r"|applies\s+to|extends?\s+to)\b", ("no longer",), False),
    ("limited-to", PARTIAL, "coverage", 0.7,
     r"\b(?:is|are|was|were|remains?)\s+(?:\w+\s+)?(?:limited|restricted|confined)\s+to\b",
     ("limited", "restricted", "confined"), True),
    ("applies-only", PARTIAL, "coverage", 0.7,
     r"\bonly(?<!not\sonly)\s+(?:applies|apply|covers?|protects?|extends?|concerns?|shifts?"
     r"|operates?)\b"
     r"|\b(?:applies|apply|covers?|protects?|extends?|shifts?|available|granted|operates?"
     r"|prohibited|protected|covered|guaranteed|recogni[sz]ed|provided)"
     r"\s+(?:(?!only\b|not\b)[\w-]+\s+){0,4}?only\b", ("only",), False),
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
    ("fails-to-provide", NOT_TRANSPOSED, "absence", 0.8,
     r"\bfail(?:s|ed|ing)?\s+to\s+(?:\w+ly\s+)?(?:provide(?:\s+for)?(?!\s+(?:an?\s+)?(?:effective"
     r"|adequate|sufficient|full|proper|real)\b)|prohibit|define|establish"
     r"|designate|lay\s+down|introduce|set\s+up|create|regulate|grant|oblige|specify"
     r"|recogni[sz]e|classify|include)\b", ("fail",), False),
    ("fails-to-protect", PARTIAL, "coverage", 0.8,
     r"\bfail(?:s|ed|ing)?\s+to\s+(?:\w+ly\s+)?(?:protect|cover|extend|ensure|guarantee|shift"
     r"|secure|offer|provide\s+(?:an?\s+)?(?:effective|adequate|sufficient|full|proper|real))\b",
     ("fail",), False),
    ("silent-on", NOT_TRANSPOSED, "absence", 0.85,
     r"\b(?:is|are|remains?)\s+silent\s+(?:on|about|as\s+to|regarding|with\s+regard\s+to)\b",
     ("silent",), False),
    ("contains-no", NOT_TRANSPOSED, "absence", 0.8,
     rf"\b(?:contains?|provides?|includes?|makes?|lays?\s+down|sets?\s+out|ha(?:s|ve|d))\s+"
     rf"(?:still\s+|yet\s+)?no\s+(?:[\w-]+\s+){{0,2}}?{_LACKING}\b",
     ("contain", "provide", "include", "make", "lay", "set", "has no", "have no", "had no",
      "has still no", "have still no"), False),
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
     r"|treat|oblige|require|introduce|protect|ensure|guarantee|shift|specify|address)\b",
     ("contain", "provide", "lay down", "define", "prohibit", "mention", "establish", "impose",
      "regulate", "recogni", "designate", "set up", "grant", "allow for", "classif", "treat",
      "oblige", "require", "introduce", "protect", "ensure", "guarantee", "shift", "specify",
      "address"), False),
    ("none-has-been", NOT_TRANSPOSED, "absence", 0.8,
     r"(?:^|[,;:]\s*|\bthat\s+)\W*no\s+(?!(?:new\s+|further\s+|major\s+|significant\s+)?"
     r"(?:changes?|amendments?|developments?|cases?|case\s+law|judgments?|decisions?|complaints?"
     r"|reforms?|rulings?)\b)(?:[\w()/.-]+\s+){0,14}?(?:has|have)\s+(?:yet\s+|so\s+far\s+"
     r"|ever\s+|thus\s+far\s+)?been\s+(?:yet\s+)?(?:designated|adopted|established|set\s+up"
     r"|introduced|created|enacted|appointed|passed)\b",
     ("designated", "adopted", "established", "set up", "introduced", "created", "enacted",
      "appointed", "passed"), False),
    ("has-not-adopted", NOT_TRANSPOSED, "absence", 0.75,
     r"\b(?:has|have|had)\s+(?:not|never)\s+(?:yet\s+)?(?:\w+ly\s+)?(?:adopted|introduced|designated"
     r"|established|set\s+up|defined|prohibited|provided\s+for|laid\s+down|created|enacted"
     r"|regulated|recogni[sz]ed)\b",
     ("adopted", "introduced", "designated", "established", "set up", "defined", "prohibited",
      "provided for", "laid down", "created", "enacted", "regulated", "recogni"), False),
    ("neither-nor-defines", NOT_TRANSPOSED, "absence", 0.75,
     r"\bneither\b[^.;]{0,80}?\bnor\b[^.;]{0,60}?\b(?:defines?|contains?|prohibits?"
     r"|provides?\s+for|mentions?|covers?|regulates?|lays?\s+down|establish(?:es)?)\b",
     ("neither",), False),
    ("not-defined", NOT_TRANSPOSED, "absence", 0.7,
     rf"\b{_BE_NOT}\s+(?:been\s+)?{_ADVERB}(?:defined|prohibited|regulated|designated"
     r"|set\s+up|introduced|adopted|mentioned|characteri[sz]ed|classified"
     r"|recogni[sz]ed|treated|laid\s+down|provided\s+for|guaranteed|ensured|secured|enshrined"
     r"|codified)\b",
     ("defined", "prohibited", "regulated", "designated", "set up", "introduced",
      "adopted", "mentioned", "characteri", "classified", "recogni", "treated", "laid down",
      "provided for", "guaranteed", "ensured", "secured", "enshrined", "codified"), False),
    # --- missing: the provision (the subject) has nothing in national law --------------------
    ("is-missing", NOT_TRANSPOSED, "missing", 0.8,
     r"\b(?:is|are|was|were|remains?|remained)\s+(?:still\s+|also\s+|entirely\s+|completely\s+"
     r"|simply\s+|thus\s+|therefore\s+)?missing\b|\bmissing\s+from\b|\b(?:is|are)\s+(?:still\s+"
     r"|entirely\s+)?absent\s+from\b", ("missing", "absent"), False),
    ("no-counterpart", NOT_TRANSPOSED, "missing", 0.8,
     r"\bha(?:s|ve|d)\s+(?:still\s+)?no\s+(?:\w+\s+)?(?:counterpart|equivalent|correspondent"
     r"|parallel)\b|\bno\s+(?:[\w-]+\s+)?(?:rule|provision|equivalent|counterpart)\s+(?:equivalent"
     r"|corresponding|comparable)\s+to\b",
     ("counterpart", "equivalent", "correspondent", "parallel", "corresponding", "comparable"),
     False),
    ("remains-unprohibited", NOT_TRANSPOSED, "missing", 0.8,
     r"\b(?:remains?|remained|is|are|was|were)\s+(?:still\s+|thus\s+|therefore\s+)?(?:unprohibited"
     r"|unregulated|undefined|unaddressed|unsanctioned)\b|\bnowhere\s+(?:defined|prohibited"
     r"|mentioned|regulated|provided\s+for|addressed|laid\s+down)\b",
     ("unprohibited", "unregulated", "undefined", "unaddressed", "unsanctioned", "nowhere"), False),
    # --- nominal: the gap named as a noun --------------------------------------------------
    ("failure-to-transpose", NOT_TRANSPOSED, "nominal", 0.7,
     rf"\bfailure\s+(?:to\s+{_T}|of\s+transposition)", ("failure",), True),
    ("incorrect-transposition", INCORRECT, "nominal", 0.7,
     r"\b(?:incorrect|defective|faulty|wrong)\s+(?:transposition|implementation)"
     r"|\b(?:incompatibilit(?:y|ies)|inconsistenc(?:y|ies))\b|\bnon[\s-]?(?:conformity|compliance)\b",
     ("incorrect", "defective", "faulty", "wrong", "incompatibilit", "inconsistenc",
      "non-conform", "non-compl", "nonconform", "noncompl", "non conform", "non compl"), True),
    ("non-transposition", NOT_TRANSPOSED, "nominal", 0.7,
     r"\bnon[\s-]?(?:transposition|implementation)\b",
     ("non-transpos", "non-implement", "nontranspos", "non transpos", "non implement"), True),
    ("a-gap", PARTIAL, "nominal", 0.6,
     r"\b(?:transposition\s+)?(?:gaps?|lacunae?|loopholes?|shortcomings?)\b"
     r"(?!\s+(?:analysis|report|matrix))", ("gap", "lacuna", "loophole", "shortcoming"), True),
)
# fmt: on

#: the negations a cue may need besides its key, as patterns over lower-cased text
NEEDS: dict[str, re.Pattern[str]] = {
    "not": re.compile(r"n(?:ot|['’]t)\b"),
    "not or never": re.compile(r"n(?:ot|['’]t|ever)\b"),
    "not or lack": re.compile(r"n(?:ot|['’]t)\b|lack"),
    "no": re.compile(r"no(?<!\wno)\b"),
    "nor": re.compile(r"nor(?<!\wnor)\b"),
}
#: cues whose every match holds a negation besides their key
_NEEDS = {
    "not-fully-transposed": "not",
    "not-compatible-with": "not",
    "does-not-cover": "not",
    "not-covered": "not",
    "does-not-prohibit": "not",
    "not-defined": "not",
    "contains-no": "no",
    "there-is-no": "no",
    "no-specific-rule": "no",
    "neither-nor-defines": "nor",
    "has-not-adopted": "not or never",
    "not-allowed-by": "not",
    "not-justified": "not",
    "lacks-element": "not or lack",
    "none-has-been": "no",
}

#: evaluative cues that need no directive in their own sentence when the paragraph names one
#: ("Protection … falls well short of a general duty owed by all employers"): the words
#: themselves measure national law against a standard
_PARAGRAPH = frozenset(
    {
        "transposition-incomplete",
        "not-full-effect",
        "fails-to-meet-requirement",
        "too-low-to-meet",
        "narrower-than",
        "leaves-outside",
        "fails-to-provide",
        "fails-to-protect",
        "lacks-element",
        "is-missing",
        "no-counterpart",
        "remains-unprohibited",
    }
)

CUES: tuple[Cue, ...] = tuple(
    Cue(
        name,
        status,
        kind,
        confidence,
        compile_lower(literal_first(pattern)),
        keys,
        negatable,
        _NEEDS.get(name),
        name in _PARAGRAPH,
    )
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
