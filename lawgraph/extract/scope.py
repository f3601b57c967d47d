"""What takes a gap cue back: clause structure, and the modifiers that govern a cue.

A sentence is first cut into *segments* (:func:`segments`), cheaply and without a parser: at
";", at a contrasting conjunction (", but", ", whereas", ", while", ", although", ", yet") and
after a fronted subordinate clause ("Since associations may not sue, the expert considers …").
A modifier reaches a cue only through its *scope*:

``local``
    in the cue's own phrase: the last few words before it, with no comma between ("is *not*
    contrary to", "*may* not fully comply");
``governs``
    before the cue in the same segment: a matrix clause that governs what follows ("*there is
    no indication that* the Act fails to …", "*it is unclear whether* …", "the Commission
    *alleges that* …");
``segment``
    anywhere in the cue's segment ("*arguably*", "… *until it was replaced in 2011*");
``verdict``
    anywhere in the cue's segment or a later one: the author's verdict on what was just
    described ("the Act does not extend to Northern Ireland, *but* … *no territorial gap
    arises*"; "…, *as permitted by* Article 3(4)"; "…, which *has since been remedied*").
    A verdict in an earlier segment does not reach a cue after a "but": there the cue is the
    last word. A permission does not reach past "but also" ("not only as regards age, as
    Article 3(4) permits, but also as regards religion");
``after``
    like ``verdict``, but only after the cue: a change told of the rule the cue speaks of
    ("the rule, found incompatible with the Directive in 2010, *was amended in 2015*"),
    which before the cue would be history the gap outlived ("The Act was amended in 2015
    and still does not cover …").

A closure never reaches a cue said to last ("*still* does not cover", "*remains*
unprohibited").

A temporal frame fronted at the start of the sentence ("Until its repeal in 2020, …", "Before
the amendment, …") reaches the whole sentence.

The modifiers, by what they make of the cue (the reason recorded in ``Extraction.hedged``):

* ``negated``: a negator governs the cue ("there is no indication that", "cannot be said
  that", "it is not the case that", "does not consider that", "does not mean that", "rejects
  the criticism that", "is not contrary to", "is not, in itself, contrary to", "without
  breaching"), a verdict denies the gap ("no issue arises", "does not amount to a failure
  to transpose", "meets the requirements of", "Article 7(2) is satisfied by"), or there is
  no obligation to transpose at all ("Iceland is under no legal obligation to", "is not
  bound by");
* ``hedged``: modal or epistemic ("may", "might", "could", "whether", "it is unclear",
  "arguably", "doubts", "it remains to be seen", "questionable");
* ``closed``: the gap is past ("until its amendment in 2015", "before the reform", "has since
  been remedied", "is no longer contrary to", "previously");
* ``permitted``: the directive allows what national law does ("as permitted by Article 3(4)",
  "which Article 4(2) allows", "is expressly permitted by Article 8(3)");
* ``beyond``: national law goes further than the directive ("goes beyond", "more favourable");
* ``claim``: an allegation or a party's case in proceedings, not an assessment ("alleges
  that", "a complaint alleging", "asks the Court to declare that", "in its application",
  "the applicant contends that", "the Commission argues that", "according to the
  applicant"). Views are assessments and a gap they state is a gap: the report's expert,
  commentators, NGOs ("NGOs maintain that"), the Commission ("considers … incompatible", a
  reasoned opinion), an equality body or a court (``tests/data/gold/README.md``);
* ``general``: a statement of what EU law requires rather than what national law does, judged
  from the cue's subject (:func:`subject_kind`) or a Court formula ("must be interpreted as",
  "precludes national legislation which"), or a statement about Member States nobody names
  ("reasoned opinions to eleven Member States");
* ``facts``: the subject is one private party ("the employer breached Article 5"): a
  finding of fact, not a shortcoming of the law.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from lawgraph.extract.textscan import compile_lower, literal_first, lower, trie
from lawgraph.refdata import reference_index

__all__ = [
    "MODIFIERS",
    "NEGATED_BEFORE",
    "ORDER",
    "Mention",
    "Modifier",
    "has_fronted_clause",
    "national_locus",
    "segments",
    "subject_kind",
    "triggered",
]


@dataclass(frozen=True)
class Modifier:
    """One row of the modifier table; ``pattern`` runs over the lower-cased sentence."""

    reason: str  # "negated" | "hedged" | "closed" | "permitted" | "beyond" | "claim" | "general"
    scope: str  # "local" | "governs" | "segment" | "verdict" | "after"
    pattern: re.Pattern[str]
    #: only for cues that a negator reverses ("contrary to", "limited to"), not for those with
    #: their own negation ("does not transpose")
    polarity: bool = False
    #: for ``local``: how many words before the cue are looked at
    words: int = 3
    #: a positive verdict ("meets the requirements") that a negator just before it cancels
    #: ("no body meets the requirements")
    positive: bool = False
    #: lower-case words of which every match holds one: a sentence with none is not searched
    keys: tuple[str, ...] = ()


def _m(
    reason: str,
    scope: str,
    keys: tuple[str, ...],
    pattern: str,
    *,
    polarity: bool = False,
    words: int = 3,
    positive: bool = False,
) -> Modifier:
    return Modifier(
        reason, scope, compile_lower(literal_first(pattern)), polarity, words, positive, keys
    )


#: a negator in the last words before a positive verdict (run over lower-cased text)
NEGATED_BEFORE = compile_lower(
    r"\b(?:not|no|never|nobody|neither|nor|without|hardly|cannot)\b"
    r"|n['’]t\b|\bfails?\s+to\b|\bfailed\s+to\b"
)


#: a party to proceedings, whose submissions are claims, not assessments
_LITIGANT = (
    r"applicants?|claimants?|complainants?|plaintiffs?|petitioners?|appellants?|defendants?"
    r"|respondents?|commission|government|(?:\w+\s+)?republic|member\s+state|employer|parties"
)

_GAP_NOUN = (
    r"(?:gaps?|issues?|problems?|questions?|concerns?|incompatibilit(?:y|ies)"
    r"|inconsistenc(?:y|ies)|shortcomings?|failures?|deficienc(?:y|ies)|breach(?:es)?)"
)

#: One row per phenomenon: (reason, scope, keys, pattern), plus flags. ``keys`` are lower-case
#: words of which every match holds one, so that a sentence without them is not searched.
# fmt: off
MODIFIERS: tuple[Modifier, ...] = (
    # --- temporal closure: the gap is history ------------------------------------------------
    _m("closed", "segment", ("until",),
       r"\buntil\s+(?!now\b|today\b|the\s+present\b|further\s+notice\b)"
       r"(?=[^,;]{0,80}?(?:\b(?:19|20)\d\d\b|\brecently\b|\b(?:was|were|had|entered|came"
       r"|replaced|amended|repealed|annulled|adopted)\b|\b(?:its|their|the)\s+(?:repeal|amendment"
       r"|replacement|annulment|adoption|reform|revision|entry\s+into\s+force)\b))"),
    _m("closed", "segment", ("before", "prior"),
       r"\b(?:before|prior\s+to)\s+(?:(?:the|that|this|its|their|those|these)\s+(?:[\w-]+\s+){0,6}?"
       r"(?:amendments?|reforms?|repeal|revision|entry\s+into\s+force|adoption|act|law|code"
       r"|decree|ordinance|judgment|ruling)\b|(?:19|20)\d\d\b)"),
    # "Until then, the Czech Republic had not transposed …": a past state, up to a change the
    # text has told (but "Until it enters into force, … remains unprohibited" is open)
    _m("closed", "segment", ("until then", "until that", "up to then", "up to that"),
       r"^\W*(?:\w+\s*,\s*)?(?:until|up\s+to)\s+(?:then|that\s+(?:date|time|point|year|moment))\b"
       r"(?=[^;]{0,160}?\b(?:had|was|were|did)\b)"),
    _m("closed", "segment", ("between", "from"),
       r"^\W*(?:between|from)\s+(?:\w+\s+){1,3}(?:and|to|until)\s+(?:\w+\s+){0,2}(?:19|20)\d\d\b"),
    _m("closed", "segment", ("previously", "formerly", "originally", "in the past", "used to",
                             "original", "former", "previous", "old "),
       r"\b(?:previously|formerly|originally|in\s+the\s+past|used\s+to)\b"
       r"|\b(?:original|former|previous|old)\s+(?:version|wording|text|rule|provision|law|act)\b"),
    _m("closed", "governs", ("longer",), r"\bno\s+longer\b"),
    _m("closed", "verdict", ("since", "now", "meanwhile", "subsequently", "recently", "finally",
                             "already"),
       r"\b(?:has|have|had)\s+(?:since|now|meanwhile|subsequently|recently|finally|already)\s+"
       r"(?:been\s+)?(?:transposed|remedied|corrected|amended|rectified|repealed|closed|addressed"
       r"|filled|fixed|abolished|removed|resolved|replaced|aligned|lifted)"),
    # "…, found incompatible with the Directive in Andersen, was amended in 2015": the rule the
    # cue speaks of was changed after it
    _m("closed", "after", ("amended", "abolished", "repealed", "lifted", "replaced"),
       r"\b(?:was|were|has\s+been|have\s+been)\s+(?:subsequently\s+|later\s+|since\s+|duly\s+)?"
       r"(?:amended|abolished|repealed|lifted|replaced)\s+(?:in|by|with\s+effect\s+from|through)\b"
       r"|\b(?:legislature|legislator|parliament|government)\s+(?:\w+\s+){0,2}?(?:abolished|repealed"
       r"|amended|lifted|replaced|removed)\b"),
    _m("closed", "verdict", ("remedied", "rectified", "corrected", "closed", "cured", "repealed",
                             "abolished", "filled", "fixed", "resolved", "nullified", "annulled",
                             "struck", "removed", "replaced", "aligned", "ended"),
       r"\b(?:was|were|has\s+been|have\s+been)\s+(?:subsequently\s+|later\s+|since\s+)?"
       r"(?:remedied|rectified|corrected|closed|cured|repealed|abolished|filled|fixed|resolved"
       r"|nullified|annulled|struck\s+down|removed|replaced)\b"
       r"|\b(?:has|have)\s+(?:now\s+|since\s+|meanwhile\s+|subsequently\s+|finally\s+)?(?:closed"
       r"|remedied|rectified|filled|cured)\s+(?:the|this|that|these|those|both|all)\b"
       r"|\b(?:gaps?|shortcomings?|deficienc(?:y|ies)|points?|problems?)\s+(?:[\w-]+\s+){0,3}?"
       r"(?:has|have)\s+(?:now\s+|since\s+|meanwhile\s+|subsequently\s+|finally\s+)?(?:closed"
       r"|remedied|rectified|filled|cured)\b"
       r"|\b(?:amendment|reform|new\s+(?:act|law))\s+(?:of\s+\d{4}\s+)?(?:removed|closed"
       r"|remedied|corrected|ended|abolished|filled|aligned)\b"
       r"|\b(?:repealed|abolished|removed|annulled|struck\s+down|replaced)\s+(?:the|that|this)\s+"
       r"(?:[\w-]+\s+)?(?:provision|rule|exception|exclusion|clause|cap|ceiling|limit|requirement)"),
    _m("closed", "verdict", ("brought",),
       r"\b(?:was|were|has\s+been|have\s+been)\s+(?:\w+\s+)?brought\s+(?:fully\s+)?into\s+(?:line"
       r"|conformity|compliance)\b|\bbrought\s+(?:[\w-]+\s+){1,4}?into\s+(?:line|conformity"
       r"|compliance)\b", positive=True),
    _m("closed", "verdict", ("longer",),
       r"\bno\s+longer\s+(?:an?\s+(?:problem|issue|concern|gap)|the\s+case|exists?|relevant)\b"),
    # --- reported claims, not assessments ---------------------------------------------------
    # an allegation, or a party to proceedings arguing its case; the views of the expert,
    # commentators, NGOs, an equality body or the Commission ("considers", "takes the view")
    # are assessments, and a gap they state is a gap (tests/data/gold/README.md)
    _m("claim", "governs", ("alleg",), r"\balleg(?:e|es|ed|ing)\b"),
    _m("claim", "governs", ("claim", "argu", "contend", "submit", "complain", "maintain",
                            "assert", "insist", "plead"),
       rf"\b(?:{_LITIGANT})\s+(?:[\w,]+\s+){{0,4}}?(?:claim(?:s|ed|ing)?|argu(?:e|es|ed|ing)"
       r"|contend(?:s|ed|ing)?|submit(?:s|ted)?|complain(?:s|ed)?|maintain(?:s|ed)?|assert(?:s|ed)?"
       r"|insist(?:s|ed)?|plead(?:s|ed)?)\s+(?:[\w,]+\s+){0,4}?that\b"
       r"|\b(?:it\s+is|it\s+was)\s+(?:claimed|alleged|contended)\s+that\b"),
    _m("claim", "governs", ("court to",),
       r"\b(?:asks?|asked|requests?|requested|seeks?|sought|invites?|invited)\s+the\s+court\s+"
       r"to\s+(?:declare|find|rule|hold)\b"),
    _m("claim", "governs", ("application", "action", "complaint", "appeal", "plea"),
       r"\bin\s+(?:its|his|her|their|the)\s+(?:application|action|complaint|appeal|pleadings?"
       r"|statement\s+of\s+claim)\b|\b(?:brought|lodged|filed)\s+(?:an?\s+|the\s+)?(?:action"
       r"|complaint|appeal|application)\s+(?:[\w-]+\s+){0,4}?(?:on\s+the\s+grounds?\s+that"
       r"|claiming|arguing|contending)\b|\bpleas?\s+in\s+law\b"),
    _m("claim", "governs", ("according to",),
       r"\baccording\s+to\s+(?:the\s+)?(?:applicants?|claimants?|complainants?|plaintiffs?"
       r"|petitioners?|appellants?|defendants?|respondents?)\b"),
    _m("claim", "segment", ("allegedly", "reportedly"), r"\b(?:allegedly|reportedly)\b"),
    # --- negation: a negator governs the cue ------------------------------------------------
    _m("negated", "governs", ("indication", "evidence", "sign", "suggestion", "reason to"),
       r"\bno\s+(?:indication|evidence|sign|suggestion|reason\s+to\s+(?:believe|think|assume"
       r"|consider))\b"),
    _m("negated", "governs", ("nothing",), r"\bnothing\s+(?:suggests|indicates|shows)\b"),
    _m("negated", "governs", ("cannot be",),
       r"\bcannot\s+be\s+(?:said|argued|concluded|claimed|maintained|considered)\s+that\b"),
    _m("negated", "governs", ("not the case",), r"\b(?:it|this)\s+is\s+not\s+the\s+case\s+that\b"),
    _m("negated", "governs", ("find", "found", "consider", "hold", "held", "regard", "see", "accept",
                              "think", "believe", "share", "conclude", "agree", "deemed"),
       r"\b(?:do(?:es)?|did|ha(?:s|ve|d))\s+(?:not|never)\s+(?:\w+\s+)?(?:find|found"
       r"|consider(?:ed)?|hold|held|regard(?:ed)?|see|seen|accept(?:ed)?|think|believe|share"
       r"|conclude[d]?|agree[d]?)\b"
       r"|\b(?:is|are|was|were|has\s+been|have\s+been)\s+not\s+(?:\w+\s+)?(?:found|held"
       r"|considered|regarded|deemed|seen)\b"),
    _m("negated", "governs", ("been found", "been identified", "been established", "held",
                              "found", "ruled", "decided", "concluded", "considered", "declared"),
       r"\b(?:no|none\s+of\s+the)\s+(?:[\w-]+\s+){0,2}(?:has|have|had)\s+(?:been\s+(?:found"
       r"|identified|established)|(?:ever\s+|yet\s+)?(?:held|found|ruled|decided|concluded"
       r"|considered|declared))\b"),
    _m("negated", "governs", ("reject", "dismiss", "disput", "contest", "denie", "deny", "refut"),
       r"\b(?:reject(?:s|ed)?|dismiss(?:es|ed)?|disput(?:e|es|ed)|contest(?:s|ed)?|den(?:y|ies|ied)"
       r"|refut(?:e|es|ed))\s+(?:the\s+|this\s+|that\s+|any\s+)?(?:[\w-]+\s+)?(?:arguments?|claims?"
       r"|complaints?|views?|allegations?|criticism|assertions?|contentions?|suggestions?"
       r"|findings?|that)\b"),
    _m("negated", "governs", ("mean", "follow", "imply", "inferred"),
       r"\b(?:does|do|did)\s+not\s+(?:\w+\s+)?(?:mean|follow|imply)\s+that\b|\bit\s+does\s+not\s+"
       r"follow\b|\bcannot\s+be\s+inferred\b"),
    _m("negated", "governs", ("make", "render"),
       r"\b(?:do(?:es)?|did|would|will|can|could)\s+not\s+(?:\w+\s+){0,2}?(?:make|render)\b",
       polarity=True),
    # the law is not what is lacking: "what is missing is effective enforcement", "the
    # difficulties lie rather in practice"
    _m("negated", "verdict", ("what is", "lie", "lay"),
       r"\bwhat\s+is\s+(?:missing|lacking)\s+is\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
       r"(?:enforcement|practice|implementation\s+in\s+practice|application)\b"
       r"|\b(?:problems?|difficult(?:y|ies)|shortcomings?|issues?|deficienc(?:y|ies))\s+(?:lies?|lay)"
       r"\s+(?:rather\s+|mainly\s+|primarily\s+)?in\s+(?:the\s+)?(?:[\w-]+\s+)?(?:practice"
       r"|enforcement|application|implementation)\b"),
    # no obligation to transpose at all ("As an EEA State, Iceland is under no legal obligation")
    _m("negated", "verdict", ("bound", "obligation"),
       r"\bnot\s+(?:legally\s+)?bound\s+by\b|\bunder\s+no\s+(?:legal\s+)?obligation\b"
       r"|\bno\s+(?:legal\s+)?obligation\s+to\s+(?:transpose|implement|apply)\b"),
    _m("negated", "governs", ("amount to", "constitute", "result in", "raise", "reveal",
                              "give rise", "lead to", "entail"),
       r"\b(?:do(?:es)?|did|would|will|can|could)\s+not\s+(?:in\s+itself\s+|in\s+\w+\s+view\s+"
       r"|therefore\s+|as\s+such\s+|thereby\s+)?(?:amount\s+to|constitute|result\s+in|raise"
       r"|reveal|give\s+rise\s+to|lead\s+to|entail)\b", polarity=True),
    _m("negated", "governs", ("nor",), r"^\W*nor\b"),
    _m("negated", "governs", ("neither", "nor"), r"\bneither\b|\bnor\b", polarity=True),
    _m("negated", "local", (), r"\b(?:not|no|never|neither|nor|without|hardly|cannot)\b|n['’]t\b",
       polarity=True),
    # --- negation: a verdict denies the gap -------------------------------------------------
    _m("negated", "verdict", ("gap", "issue", "problem", "question", "concern", "incompatib",
                              "inconsisten", "shortcoming", "failure", "deficienc", "breach"),
       rf"\bno\s+(?:[\w-]+\s+){{0,2}}{_GAP_NOUN}\s+(?:\w+\s+){{0,3}}?(?:arises?|arose|exists?"
       rf"|remains?|(?:has|have)\s+been\s+(?:identified|found))\b"
       rf"|\bnot\s+(?:in\s+itself\s+|as\s+such\s+|per\s+se\s+|necessarily\s+)?an?\s+"
       rf"(?:[\w-]+\s+){{0,2}}{_GAP_NOUN}\b"
       rf"|\b(?:does|do|did)\s+not\s+raise\s+(?:an?\s+|any\s+)?(?:[\w-]+\s+)?{_GAP_NOUN}",
       positive=True),
    _m("negated", "verdict", ("raises no", "sees no", "saw no", "problematic"),
       r"\braises?\s+no\b|\bsees?\s+no\b|\bsaw\s+no\b|\bunproblematic\b|\bnot\s+problematic\b",
       positive=True),
    _m("negated", "verdict", ("meet",), r"\bmeets?\s+the\s+requirements?\b", positive=True),
    _m("negated", "verdict", ("satisf", "fulfilled", "complied"),
       r"\b(?:is|are)\s+(?:fully\s+|thus\s+|therefore\s+|nonetheless\s+|nevertheless\s+)?"
       r"(?:satisfied|fulfilled|complied\s+with)\b|\bsatisf(?:y|ies)\s+(?:the\s+requirements?\s+"
       r"of\s+)?(?:article|art\b|the\s+directive)", positive=True),
    _m("negated", "verdict", ("consistent", "compatible", "in line", "conformity", "compliance",
                              "accordance", "correspond", "not required", "not require"),
       r"\b(?:is|are|remains?)\s+(?:fully\s+|entirely\s+|therefore\s+|thus\s+|now\s+)?"
       r"(?:consistent|compatible|in\s+line|in\s+conformity|in\s+compliance)\s+with\b"
       r"|\bcorresponds?\s+to\s+(?:article|art\b|the\s+(?:directive|exception|derogation))"
       r"|\bnot\s+required\s+by\s+(?:the\s+|that\s+|this\s+|both\s+)?(?:directives?|article|art\b)"
       r"|\b(?:directives?(?:\s+\(eu\))?(?:\s+\d{2,4}/\d{1,4}(?:/\w+)?)?|article\s+[\w()]+"
       r"(?:\s+of\s+[^,;]{1,40}?)?)\s+(?:does|do)\s+not\s+require\b"
       r"|(?<!manner\s)(?<!way\s)\b(?:in\s+line|in\s+accordance|in\s+conformity|in\s+compliance"
       r"|consistent(?:ly)?)\s+with\s+(?:article|art\b|arts?\b|(?:the\s+|both\s+)?(?:directives?"
       r"|requirements?))", positive=True),
    _m("negated", "verdict", ("interpreted", "read ", "construed"),
       r"\b(?:interpreted|read|construed)\s+(?:in\s+(?:the\s+)?light\s+of|in\s+line\s+with"
       r"|in\s+conformity\s+with|consistently\s+with)\s+(?:the\s+|both\s+)?(?:directives?"
       r"|article|eu\s+law)", positive=True),
    # --- permission by the directive, and going beyond it -------------------------------------
    _m("permitted", "verdict", ("permitted", "allowed", "authorised", "authorized"),
       r"\bas\s+(?:expressly\s+|explicitly\s+)?(?:permitted|allowed|authori[sz]ed)\s+(?:by|under)\b"
       r"|\b(?:is|are|was|were|being|be)\s+(?:expressly\s+|explicitly\s+)?(?:permitted|allowed"
       r"|authori[sz]ed)\s+(?:by|under)\s+(?:article|art\b|arts?\b|(?:the\s+|that\s+|both\s+)?"
       r"directives?)|\bexpressly\s+(?:permitted|allowed)\b", positive=True),
    _m("permitted", "verdict", ("allow", "permit", "authorise", "authorize"),
       r"\b(?:as|which|what)\s+(?:article|art\.?|arts?\.?)\s+[\w()]+(?:\s+(?:of\s+)?[^,;]{1,60}?)?"
       r"\s+(?:expressly\s+)?(?:allows?|permits?|authori[sz]es)\b"
       r"|\b(?:as|which|what)\s+(?:the|both|that|this)\s+directives?\s+(?:expressly\s+)?"
       r"(?:allows?|permits?|authori[sz]es?)\b"
       r"|\b(?:article|art\.?|arts?\.?)\s+[\w()]+(?:\s+of\s+(?:the\s+|both\s+)?[^,;]{1,40}?)?\s+"
       r"(?:expressly\s+)?(?:allows?|permits?)\s+(?:this|that|it|them|such)\b", positive=True),
    _m("permitted", "verdict", ("may",),
       r"\bmay\s+(?!not\b)(?:[\w-]+\s+){0,6}?(?:under|in\s+accordance\s+with)\s+(?:article|art\b"
       r"|the\s+directive)", positive=True),
    _m("permitted", "verdict", ("permissible", "admissible"),
       r"\b(?:permissible|admissible)\b", positive=True),
    _m("permitted", "verdict", ("free to", "entitled to"),
       r"\b(?:which|as)\s+(?:member\s+states|states|they|it)\s+(?:are|is)\s+(?:\w+\s+)?(?:free"
       r"|entitled)\s+to\b", positive=True),
    _m("permitted", "verdict", ("optional", "option", "derogation"),
       r"\b(?:optional|an\s+option|a\s+derogation)\s+(?:under|in|provided\s+(?:for\s+)?by)\s+"
       r"(?:article|art\b|the\s+directive)", positive=True),
    _m("beyond", "verdict", ("beyond", "further than", "favourable", "broader protection"),
       r"\bgo(?:es|ing)?\s+(?:well\s+|far\s+)?(?:beyond|further\s+than)\b"
       r"(?!\s+what\s+(?:\w+\s+){0,4}(?:permits?|allows?|authori[sz]es?))"
       # "goes beyond what is necessary": proportionality, not more protection
       r"(?!\s+what\s+is\s+(?:strictly\s+|reasonably\s+)?(?:necessary|appropriate|proportionate"
       r"|required\s+to\s+achieve))"
       r"|\bmore\s+favourable\s+than\b|\bbroader\s+protection\s+than\b", positive=True),
    # --- hedging -------------------------------------------------------------------------------
    _m("hedged", "local", (), r"\b(?:may|might|could|would)\b", words=6),
    _m("hedged", "governs", ("whether",), r"\bwhether\b"),
    _m("hedged", "governs", ("clear", "certain", "settled", "established", "doubtful",
                             "questionable", "debatable", "open to", "too early"),
       r"\bit\s+is\s+(?:not\s+(?:entirely\s+|yet\s+|at\s+all\s+|fully\s+)?(?:clear|certain"
       r"|settled|established)|unclear|uncertain|doubtful|questionable|debatable|open\s+to\s+"
       r"(?:question|debate|doubt)|too\s+early\s+to\s+(?:say|tell|assess|judge))\b"),
    _m("hedged", "verdict", ("open",),
       r"\b(?:question|issue|matter)\s+(?:therefore\s+|thus\s+|still\s+)?(?:remains?|is)\s+"
       r"(?:still\s+)?open\b|\ban\s+open\s+question\b"),
    _m("hedged", "governs", ("remain",),
       r"\b(?:remains?|remained)\s+(?:to\s+be\s+seen|unclear|uncertain|open|doubtful"
       r"|questionable)\b"),
    _m("hedged", "governs", ("doubt", "question"),
       r"(?<!\bno\s)(?<!\blittle\s)(?<!without\s)(?<!beyond\s)\bdoubts?\b|\bdoubtful\b"
       r"|\bquestions?\s+whether\b"),
    _m("hedged", "governs", ("seem", "appear"),
       r"\b(?:seems?|appears?|seemed|appeared)\s+(?:not\s+)?to\b|\bit\s+(?:seems|appears)\b"),
    _m("hedged", "governs", ("said to", "be argued", "likely", "premature", "too early"),
       r"\bis\s+said\s+to\b|\bit\s+could\s+be\s+argued\b|\blikely\s+to\b"
       r"|\b(?:premature|too\s+early)\s+to\s+(?:say|conclude|tell|assess|judge)\b"),
    _m("hedged", "governs", ("if", "unless", "provided", "should"),
       r"^\W*(?:if|unless|provided\s+that|should)\b"),
    _m("hedged", "segment", ("arguabl", "possibl", "perhaps", "potential", "conceivab",
                             "apparent", "seeming", "presumab", "probab"),
       r"\b(?:arguabl[ey]|possibly|perhaps|potentially|conceivabl[ey]|apparently|seemingly"
       r"|presumably|probably)\b"),
    # --- the Court's general reasoning --------------------------------------------------------
    _m("general", "governs", ("interpreted as", "for the", "borne", "recalled", "in order"),
       r"\bmust\s+be\s+interpreted\s+as\b|\bit\s+is\s+for\s+the\s+(?:national|referring)\s+court\b"
       r"|\bmust\s+be\s+borne\s+in\s+mind\b|\bit\s+(?:should|must)\s+be\s+recalled\b"
       r"|\bin\s+order\s+to\s+(?:transpose|implement)\b"),
    # "Article 3(1) precludes national legislation which … excludes …": the Court on EU law
    _m("general", "governs", ("preclud",),
       r"\bpreclud(?:es?|ing)\s+(?:any\s+|a\s+|the\s+)?(?:national\s+)?(?:legislation|rules?"
       r"|provisions?|laws?|measures?|practices?|schemes?)\s+(?:[^.;]{0,40}?\s+)?(?:which|that"
       r"|under\s+which|whereby|such\s+as)\b"),
    # "reasoned opinions to eleven Member States": no country is identified
    _m("general", "segment", ("member state",),
       r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
       r"|fifteen|several|some|many|a\s+number\s+of|most|a\s+few|one|certain)\s+(?:other\s+)?"
       r"member\s+states?\b"
       # … unless they are named: "In two Member States, Cyprus and Portugal, …"
       r"(?!\s*[,(:–-]\s*[a-z]+(?:\s+(?:and|or)\s+[a-z]+|\s*,\s*[a-z]+)*\s*[,):])"),
)
# fmt: on

#: modifier key → the indexes of the modifiers that need it
_BY_KEY: dict[str, list[int]] = {}
for _index, _modifier in enumerate(MODIFIERS):
    for _key in _modifier.keys:
        _BY_KEY.setdefault(_key, []).append(_index)
_MODIFIER_KEYS = re.compile(trie(sorted(_BY_KEY)))
_SPACES = re.compile(r"\s+")
#: modifiers with no keys: always searched
_ALWAYS = frozenset(i for i, m in enumerate(MODIFIERS) if not m.keys)


def triggered(lowered: str) -> frozenset[int]:
    """The indexes of the modifiers whose keys the lower-cased sentence holds (one pass)."""
    found = set(_ALWAYS)
    for key in set(_MODIFIER_KEYS.findall(lowered)):
        # a key's space matches any run of white space ("read " as "read\n")
        found.update(_BY_KEY[key] if key in _BY_KEY else _BY_KEY[_SPACES.sub(" ", key)])
    return frozenset(found)


#: modifiers in the order they are tried: the first that reaches a cue gives the reason
ORDER = ("closed", "claim", "negated", "permitted", "beyond", "hedged", "general")

# --- segments ---------------------------------------------------------------------------------

#: ";" and the contrasting conjunctions; "while", "although", "though" and "yet" only after a
#: comma ("yet" and "while" have other senses without one)
_BOUNDARY = re.compile(r";|\b(?:but|whereas|while|although|though|yet)\b")
_NEEDS_COMMA = frozenset({"while", "although", "though", "yet"})
_NOT_CONTRAST = re.compile(r"\s+(?:also|only|not|merely|rather)\b")
_INTRO = (
    r"^\W*(?:\d{1,3}\s+)?(?:(?:However|Moreover|Furthermore|In\s+addition|Indeed|Thus)\s*,?\s*)?"
)
#: a fronted subordinate clause, ended by the first comma: "Since X, the expert considers …"
_FRONTED = compile_lower(
    _INTRO + r"(?:Although|Though|While|Whereas|Since|Because|As(?!\s+(?:regards|a\s+result"
    r"|to\b|such|well|for|of\b|from\b|in\b|noted|explained|mentioned))|If|Unless|Where|When|Once"
    r"|Even\s+if|Provided\s+that)\b[^,;]*,"
)


def segments(sentence: str, *, lowered: bool = False) -> list[tuple[int, int]]:
    """The sentence cut at ";", contrasting conjunctions and after a fronted subordinate clause:
    (start, end) offsets into the sentence (``lowered``: it is lower-cased already).

    >>> s = "Since X is so, the Act excludes Y; however, Z is fine, but W is not."
    >>> [s[a:b] for a, b in segments(s)]
    ['Since X is so,', ' the Act excludes Y', ' however, Z is fine', ' W is not.']
    """
    if not lowered:
        sentence = lower(sentence)
    cuts: list[tuple[int, int]] = []
    fronted = _FRONTED.match(sentence)
    if fronted:
        cuts.append((fronted.end(), fronted.end()))
    for m in _BOUNDARY.finditer(sentence):
        word = m.group(0)
        if word == ";":
            cuts.append((m.start(), m.end()))
            continue
        before = sentence[: m.start()].rstrip()
        comma = before.endswith(",")
        if (word in _NEEDS_COMMA and not comma) or (
            word == "but" and _NOT_CONTRAST.match(sentence, m.end())
        ):
            continue
        cuts.append((len(before) - comma, m.end()))
    out: list[tuple[int, int]] = []
    start = 0
    for cut_start, cut_end in sorted(cuts):
        if cut_start < start:
            continue
        out.append((start, cut_start))
        start = cut_end
    out.append((start, len(sentence)))
    return out


def has_fronted_clause(sentence: str, *, lowered: bool = False) -> bool:
    """Whether the sentence opens with a subordinate clause ("If …,", "Since …,")."""
    return _FRONTED.match(sentence if lowered else lower(sentence)) is not None


# --- subjects ---------------------------------------------------------------------------------

_DETERMINED = (
    r"provisions?|directives?|articles?|acts?|laws?|rules?|exceptions?|exclusions?"
    r"|definitions?|schemes?|grounds?|fields?|concepts?|requirements?|periods?|cases?"
    r"|courts?|bod(?:y|ies)|dut(?:y|ies)|practices?|clauses?|amendments?|judgments?"
    r"|rulings?|decisions?|sense|respect|jurisdiction|regard|matter|question|extent"
    r"|effect|end|time|year|legislation|exemption|limit|age|right"
)
#: where a clause begins: its subject is what stands between this and the cue
_OPENER = compile_lower(
    rf"\bthat\b(?!\s+(?:{_DETERMINED})\b)|\bwhich\b|\bwho\b|\bwhose\b|\bbecause\b|\bsince\b"
    r"|\bwhile\b|\bwhereas\b|\balthough\b|\bso\s+that\b|\bbut\b|[;:]|,\s*and\b"
    r"|\bas\b(?!\s+(?:regards|well|such|to\b|a\s+result|required|interpreted|applied|amended"
    r"|permitted|allowed|far|long|from|of\b|in\b))"
    r"|\b(?:considers?|considered|regards?|regarded|finds?|found|held|holds|ruled|concluded"
    r"|notes?|noted|observe[sd]?|confirmed|deems?|deemed)\b"
)
_PRONOUN = compile_lower(r"(?:which|who|it|this|they|these|that|those|he|she)?(?:\s+\w+ly)?$")
_GENERIC = compile_lower(
    r"^\W*(?:\d{1,3}\s+)?(?:a|an|any|such|every|each)\b|\bsuch\s+as\s+"
    r"(?:that|those|the\s+one)\s+at\s+issue\b"
)
_EU = compile_lower(
    r"\bdirectives?\b|\bcourt\s+of\s+justice\b|\bcjeu\b|\becj\b|\bmember\s+states\b"
    r"|\b(?:eu|union|european\s+union|community)\s+law\b|\badvocate\s+general\b|\brecitals?\b"
)
#: national signals in lower case ("national", "legislator", "courts") …
_NATIONAL_WORDS = compile_lower(
    r"\b(?:national|domestic|regional|federal|provincial|cantonal|municipal|legislat(?:ion|or|ure)"
    r"|government|parliament|ministry|minister|courts|tribunals?|sections?\s+\d)\b|§"
)
_ADJECTIVES = (
    "Austrian",
    "Belgian",
    "Bulgarian",
    "Croatian",
    "Cypriot",
    "Czech",
    "Danish",
    "Dutch",
    "Estonian",
    "Finnish",
    "French",
    "German",
    "Greek",
    "Hungarian",
    "Irish",
    "Italian",
    "Latvian",
    "Lithuanian",
    "Luxembourgish",
    "Maltese",
    "Polish",
    "Portuguese",
    "Romanian",
    "Slovak",
    "Slovenian",
    "Spanish",
    "Swedish",
    "Icelandic",
    "Norwegian",
    "Albanian",
    "Montenegrin",
    "Macedonian",
    "Serbian",
    "Turkish",
    "British",
    "Flemish",
    "Walloon",
    "Scottish",
)


@dataclass(frozen=True)
class Mention:
    """The part of a provision mention subject analysis needs, in sentence offsets."""

    start: int
    end: int
    other_act: str | None


#: acts that are EU law although not equality directives: a subject citing them is not national
_EU_ACTS = re.compile(r"TFEU|TEU|Charter|EC\b|EEC\b|TEC\b|Treaty", re.I)


def subject_kind(
    sentence: str, lowered: str, seg_start: int, cue_start: int, mentions: Sequence[Mention]
) -> str:
    """ "national", "eu", "generic" or "party": what the subject of the cue's clause is
    (``lowered`` is the sentence lower-cased, :func:`~lawgraph.extract.textscan.lower`).

    The subject is what stands between the last clause opener ("that", "which", "considers",
    ", and" …) and the cue, up to its first auxiliary ("*The second condition* has no basis in
    Article 5 and narrows …"). A relative or pronoun subject ("…, which is contrary to", "it
    excludes") is read from everything before the cue instead, and so is the subject of an
    adjunct ("…, which disregard periods of service, *in breach of* Article 2"). A generic noun
    phrase ("a national rule", "such a provision") states the law in general, unless a country
    is named or a national finder speaks of it ("the Institute held *such a clause*
    incompatible"). A single private party ("the employer") is a finding of fact. National law
    wins over EU law when both are named ("the transposition of Article 8 in the Act"); a
    provision cited in brackets ("(cf. Art. 13)") is not the subject.
    """
    openers = list(_OPENER.finditer(lowered, seg_start, cue_start))
    # a relative clause is not the cue's clause: ", which treats all workers alike, does not
    # …" (closed before the cue) and "a rule that caps compensation is …" (its subject is what
    # it hangs on)
    while openers and _relative(sentence, openers[-1], cue_start):
        openers.pop()
    start = openers[-1].end() if openers else seg_start
    if not openers:
        # "Unlike Austrian law, the Directive …": a fronted comparison is not the subject
        compared = _COMPARED.match(lowered, seg_start, cue_start)
        start = compared.end() if compared else start
    end = cue_start
    region = lowered[start:end].strip(" ,")
    adjunct = lowered[seg_start:cue_start].rstrip().endswith(",")
    whole = adjunct or _PRONOUN.match(region) is not None
    if whole:
        start = seg_start if adjunct else 0
        region = lowered[start:cue_start]
    else:
        verb = _AUXILIARY.search(lowered, start, end)
        if verb is not None and lowered[start : verb.start()].strip(" ,"):
            end = verb.start()
            region = lowered[start:end].strip(" ,")
    named = _national_names().search(sentence, start, end) is not None
    if not named and _GENERIC.search(region) and not _national_finder(lowered, seg_start, openers):
        return "generic"
    if _PARTY.match(region):
        return "party"
    national = False
    first_eu: int | None = None  # where the first reference to EU law stands
    for mention in mentions:
        if start <= mention.start < end and not _bracketed(lowered, mention.start):
            if mention.other_act is not None and not _EU_ACTS.match(mention.other_act):
                national = True
            elif first_eu is None or mention.start < first_eu:
                first_eu = mention.start
    if national or named or _NATIONAL_WORDS.search(region):
        return "national"
    for term in _EU.finditer(lowered, start, end):
        if not _bracketed(lowered, term.start()):
            if first_eu is None or term.start() < first_eu:
                first_eu = term.start()
            break
    # EU law is the subject when the first reference to it belongs to the subject's noun
    # phrase ("the exception *in* Article 4(2)"), not to an object ("deters victims from
    # using Article 9 … and is incompatible with it")
    if first_eu is not None and (whole or _in_noun_phrase(lowered, start, first_eu)):
        return "eu"
    return "national"


_BRACKETS = re.compile(r"\([^()]*(?:\([^()]*\)[^()]*)*\)")


_COMPARED = compile_lower(
    r"\W*(?:unlike|like|in\s+contrast\s+to|as\s+in|compared\s+(?:to|with)|as\s+with)\b[^,;]*,"
)
#: where the subject noun phrase ends
_AUXILIARY = compile_lower(
    r"\s(?:is|are|was|were|has|have|had|does|do|did|can|cannot|may|must|will|shall|would|could"
    r"|should)\s"
)
#: one private party as the whole subject, whose conduct is a matter of fact, not of the law
_PARTY = compile_lower(
    r"^\W*the\s+(?:employer|respondent|defendant|company|landlord|school|hotel|bank|insurer|shop"
    r"|restaurant|club|firm|owner|manager|claimant|complainant|applicant|plaintiff|victim|worker"
    r"|employee)(?:\s+(?:concerned|in\s+question))?\s*$"
)
_FINDER = frozenset(
    {
        "considers",
        "considered",
        "regards",
        "regarded",
        "finds",
        "found",
        "held",
        "holds",
        "deems",
        "deemed",
        "ruled",
        "concluded",
    }
)
#: the Court of Justice as a finder: what it holds of "such a rule" is EU law
_EU_FINDER = compile_lower(
    r"\bcourt\s+of\s+justice\b|\bcjeu\b|\becj\b|\badvocate\s+general\b|\bthe\s+court\b"
    r"|\bgrand\s+chamber\b"
)


def _national_finder(lowered: str, seg_start: int, openers: list[re.Match[str]]) -> bool:
    """The clause is what a national body or the expert found ("the Institute held such a
    clause incompatible"), not the Court of Justice."""
    if not openers or openers[-1].group(0) not in _FINDER:
        return False
    before = openers[-2].end() if len(openers) > 1 else seg_start
    finder = lowered[before : openers[-1].start()]
    return bool(finder.strip()) and _EU_FINDER.search(finder) is None


#: the word before a reference that makes it part of the subject ("the exception *in* Article
#: 4(2)"), where a verb would make it an object ("deters victims from *using* Article 9")
_NOUN_LINK = compile_lower(
    r"(?:\b(?:in|of|under|within|by|to|and|or)|[,;:])\s+(?:(?:the|that|this|those|these|its|their"
    r"|both|an?)\s+)?(?:[\w-]+\s+)?$"
)


def _in_noun_phrase(lowered: str, start: int, pos: int) -> bool:
    """A reference at ``pos`` heads the subject (in its first words: "the new directives") or
    hangs on it by a preposition."""
    return (
        len(lowered[start:pos].split()) <= 3
        or _NOUN_LINK.search(lowered, max(start, pos - 40), pos) is not None
    )


def _bracketed(lowered: str, pos: int) -> bool:
    """Inside brackets ("(cf. Art. 13)", "(Article 3(1)(h) of Directive 2000/43)")."""
    before = lowered[:pos]
    return before.count("(") > before.count(")")


_LOCUS = compile_lower(
    r"\s+(?:(?:\w+ly|at\s+all)\s+)?(?:in|under|by|from)\s+(?:the\s+)?[^,;.()]{0,40}?(?:law|legislation"
    r"|code|act|legal\s+order|legal\s+system)\b"
)


def national_locus(sentence: str, lowered: str, pos: int) -> bool:
    """Whether what follows ``pos`` places the cue in national law ("… is not regulated *in the
    Albanian legislation*", "… is missing *from the Labour Code*"): then the subject, even a
    provision of the directive, is what national law lacks."""
    m = _LOCUS.match(lowered, pos)
    if m is None:
        return False
    return (
        _NATIONAL_WORDS.search(lowered, pos, m.end()) is not None
        or _national_names().search(sentence, pos, m.end()) is not None
    )


#: how a clause with a subject of its own begins (after "that": "that *the* Act …")
_SUBJECT_START = re.compile(
    r"\s*(?:[,A-Z§\d'‘\"“(]|(?:the|a|an|this|that|these|those|its|their|his|her|such|any|no"
    r"|national|domestic|it|they|there|he|she|each|every|both|all|some|none|neither|either"
    r"|in|under|by|as|where|since|although|while)\b)"
)


def _relative(sentence: str, opener: re.Match[str], cue_start: int) -> bool:
    word = opener.group(0)
    if word in ("which", "who", "whose"):
        return "," in sentence[opener.end() : cue_start]
    if word == "that":
        return not _SUBJECT_START.match(sentence, opener.end())
    return False


@lru_cache(maxsize=1)
def _national_names() -> re.Pattern[str]:
    """… and capitalised: a national act ("the Act", "Labour Code"), or the name or adjective of
    a country of the reference data ("Hungary", "Austrian")."""
    names = {n for c in reference_index().countries.values() for n in c.names if len(n) > 3}
    words = (
        names
        | set(_ADJECTIVES)
        | {"Act", "Law", "Code", "Decree", "Statute", "Ordinance", "Constitution", "Bill"}
    )
    return re.compile(r"\b(?:" + trie(words) + r")\b")
