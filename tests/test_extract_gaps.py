"""Gap statements: one table per phenomenon (lawgraph.extract.cues, .scope, .gaps).

Every example is written for these tests (none is taken from a gold set). A row says what the
sentence is and, for a sentence that is not a gap, the reason extraction must record.
"""

from __future__ import annotations

import pytest

from lawgraph.extract import extract
from lawgraph.extract.cues import CUES, KEY_CLOSURE, KEYS
from lawgraph.extract.scope import segments, subject_kind
from lawgraph.extract.textscan import lower


def gap_statuses(text: str) -> list[str]:
    return [g.status for g in extract(text).gaps]


def reasons(text: str) -> list[str]:
    result = extract(text)
    assert result.gaps == [], [(g.status, g.cue) for g in result.gaps]
    return [reason for _, reason in result.hedged]


def table(rows):
    """(id, *values) rows → parametrize values and ids."""
    return {
        "argvalues": [r[1] if len(r) == 2 else r[1:] for r in rows],
        "ids": [r[0] for r in rows],
    }


# --- the cue lexicon, by status and kind ------------------------------------------------------

GAPS = [
    # transposition: the cue speaks of transposing
    (
        "not-transposed",
        "Article 10 of Directive 2000/78 has still not been transposed into Estonian law.",
        "not-transposed",
    ),
    (
        "does-not-transpose",
        "The Equal Opportunities Act does not transpose Article 11 of the "
        "Employment Equality Directive.",
        "not-transposed",
    ),
    ("never", "Article 9 RED has never been transposed in Cyprus.", "not-transposed"),
    (
        "untransposed",
        "As a result, Article 2(4) of Directive 2000/43 remains untransposed.",
        "not-transposed",
    ),
    (
        "failed-to-transpose",
        "Malta failed to transpose Article 7(2) of Directive 2000/43 within the deadline.",
        "not-transposed",
    ),
    (
        "no-measures",
        "In the Commission's assessment, Cyprus has not adopted measures transposing "
        "Article 7(2) of Directive 2000/78.",
        "not-transposed",
    ),
    (
        "adverb-inside",
        "The Law does not cover age, and Article 6 of Directive 2000/78 has "
        "therefore not been transposed.",
        "not-transposed",
    ),
    (
        "transposed-only-partially",
        "Article 15 of the Race Directive is transposed only partially by the Act.",
        "partial",
    ),
    (
        "incomplete",
        "There has been an incomplete transposition of Article 8 of Directive 2000/43.",
        "partial",
    ),
    ("not-fully", "Slovenia has not fully implemented Article 13 RED.", "partial"),
    ("not-in-full", "Article 9 of Directive 2000/43 is not transposed in full.", "partial"),
    (
        "only-partly-in-line",
        "The Act is only partly in line with Article 9 of Directive 2000/43.",
        "partial",
    ),
    (
        "meets-only-in-part",
        "The complaints procedure meets the requirements of Article 13(2) of "
        "Directive 2000/43 only in part.",
        "partial",
    ),
    (
        "incorrectly-transposed",
        "The Polish legislator incorrectly transposed Article 4(1) of Directive 2000/78.",
        "incorrect",
    ),
    (
        "not-correctly",
        "The decree does not transpose Article 9 of Directive 2000/43/EC correctly.",
        "incorrect",
    ),
    # infringement
    (
        "infringement",
        "The Court declared that, by maintaining the rule, Poland had failed to "
        "fulfil its obligations under Article 6 of Directive 2000/78.",
        "incorrect",
    ),
    (
        "infringement-not-adopted",
        "By failing to adopt the laws needed to comply with Directive "
        "2000/43, Luxembourg has failed to fulfil its obligations under that directive.",
        "not-transposed",
    ),
    # conformity: measured against EU law
    (
        "contrary",
        "The age limit of 35 for firefighters is contrary to Article 6(1) of Directive 2000/78.",
        "incorrect",
    ),
    (
        "incompatible",
        "In the expert's opinion, § 7 of the Decree is incompatible with Article 2(2)(b) RED.",
        "incorrect",
    ),
    (
        "in-breach",
        "The blanket exclusion of asylum seekers is in breach of Article 3(1)(h) of the "
        "Racial Equality Directive.",
        "incorrect",
    ),
    (
        "does-not-comply",
        "The Slovak rule on fines does not comply with Article 15 of Directive 2000/43.",
        "incorrect",
    ),
    (
        "fails-to-meet",
        "The fines imposed by the labour inspectorate fail to meet the requirements "
        "of Article 17 of Directive 2000/78.",
        "incorrect",
    ),
    (
        "conflicts",
        "The Portuguese provision conflicts with Article 4(2) of Directive 2000/78.",
        "incorrect",
    ),
    (
        "applied-incorrectly",
        "The Supreme Court applies Article 8 of Directive 2000/43 incorrectly.",
        "incorrect",
    ),
    ("not-in-line", "Greek law is not in line with Article 5 of Directive 2000/78.", "incorrect"),
    (
        "contrary-fronted",
        "Contrary to Article 8 of Directive 2000/43, the claimant must prove the "
        "discriminatory motive in full.",
        "incorrect",
    ),
    (
        "wider-than-allowed",
        "The exception for church schools is wider than Article 4(2) of Directive 2000/78 allows.",
        "incorrect",
    ),
    (
        "beyond-what-allows",
        "This exception goes beyond what Article 4(2) of Directive 2000/78 "
        "allows, since it covers all staff.",
        "incorrect",
    ),
    # coverage: national law covers less
    (
        "narrower",
        "The statutory definition of harassment is narrower than Article 2(3) of "
        "Directive 2000/43.",
        "partial",
    ),
    (
        "applies-only",
        "The shift of the burden of proof applies only to employment cases, whereas "
        "Article 8 RED covers all the fields of Article 3.",
        "partial",
    ),
    (
        "falls-short",
        "Standing for associations is limited to cases of collective interest, which "
        "falls short of Article 9(2) of Directive 2000/78.",
        "partial",
    ),
    (
        "does-not-extend",
        "The prohibition does not extend to housing, as required by Article "
        "3(1)(h) of Directive 2000/43.",
        "partial",
    ),
    (
        "excludes",
        "The Act excludes self-employed persons, although Article 3(1)(a) of Directive "
        "2000/78 covers them.",
        "partial",
    ),
    (
        "omits",
        "The transposing legislation omits the second paragraph of Article 9 of Directive "
        "2000/43 altogether.",
        "partial",
    ),
    (
        "no-longer-provides",
        "The Act no longer protects witnesses as required by Article 11 of Directive 2000/78.",
        "partial",
    ),
    (
        "not-extended",
        "The duty has not been extended to the self-employed, although Article "
        "3(1)(a) of Directive 2000/78 covers self-employment.",
        "partial",
    ),
    # absence: national law lacks the rule
    (
        "contains-no",
        "The Labour Code contains no provision on victimisation of witnesses, as "
        "required by Article 11 of Directive 2000/78.",
        "not-transposed",
    ),
    (
        "no-definition",
        "Romanian law contains no definition of indirect discrimination comparable "
        "to Article 2(2)(b) RED.",
        "not-transposed",
    ),
    (
        "lacks",
        "The Act lacks a prohibition of instructions to discriminate within the meaning of "
        "Article 2(4) of Directive 2000/43.",
        "not-transposed",
    ),
    (
        "silent",
        "The Civil Code is silent on reasonable accommodation under Article 5 of "
        "Directive 2000/78.",
        "not-transposed",
    ),
    (
        "does-not-prohibit",
        "Maltese law does not prohibit discrimination on grounds of racial "
        "origin in social protection, which Article 3(1)(e) of Directive 2000/43 requires.",
        "not-transposed",
    ),
    (
        "neither-nor",
        "Neither the Act nor the implementing decree defines the concept of "
        "reasonable accommodation in Article 5 of Directive 2000/78.",
        "not-transposed",
    ),
    # nominal: the gap named as a noun
    (
        "a-gap",
        "The expert identifies a gap in the transposition of Article 7(2) of Directive 2000/43.",
        "partial",
    ),
    (
        "amounts-to-failure",
        "This amounts to a failure to transpose Article 9 of Directive 2000/43.",
        "not-transposed",
    ),
]


@pytest.mark.parametrize(("text", "status"), **table(GAPS))
def test_gap_statements(text, status):
    (gap,) = extract(text).gaps
    assert gap.status == status
    assert 0 < gap.confidence <= 1
    assert all(p.directive is not None for p in gap.provisions)
    assert bool(gap.provisions) == ("Article" in text or " RED" in text)
    assert gap.cue and gap.cue in text


STATUS_PRECEDENCE = [
    # the verdict ("has therefore not been transposed") decides over the description before it
    (
        "verdict-over-description",
        "The Law does not include sexual orientation among the grounds, "
        "and Article 1 of Directive 2000/78 has therefore not been transposed for it.",
        "not-transposed",
    ),
    (
        "conformity-over-description",
        "The exception is wider than, and so inconsistent with, "
        "Article 4(2) of Directive 2000/78, because it does not require a genuine requirement.",
        "incorrect",
    ),
    (
        "partial-verdict",
        "The Act does not oblige private employers to accommodate, so that "
        "Article 5 of Directive 2000/78 is only partly transposed.",
        "partial",
    ),
    (
        "longer-cue-wins",
        "The Act does not transpose Article 9 of Directive 2000/43 properly.",
        "incorrect",
    ),
]


@pytest.mark.parametrize(("text", "status"), **table(STATUS_PRECEDENCE))
def test_the_verdict_decides_the_status(text, status):
    assert gap_statuses(text) == [status]


# --- what takes a cue back ------------------------------------------------------------------

NEGATION = [
    (
        "no-indication",
        "There is no indication that Hungarian law fails to transpose Article 7 of "
        "Directive 2000/43.",
    ),
    (
        "cannot-be-said",
        "It cannot be said that the Act is incompatible with Article 6(1) of Directive 2000/78.",
    ),
    ("not-the-case", "It is not the case that the Code does not transpose Article 8 RED."),
    (
        "does-not-consider",
        "The expert does not consider the waiting period to be contrary to "
        "Article 9 of Directive 2000/43.",
    ),
    (
        "never-found",
        "The Supreme Court has never found the rule to be contrary to Article 2 of "
        "Directive 2000/78.",
    ),
    (
        "no-court-has-held",
        "No national court has ever held that the Act is contrary to Article 6 "
        "of Directive 2000/78.",
    ),
    (
        "local-not",
        "The requirement of written consent is not incompatible with Article 7(2) of "
        "Directive 2000/43.",
    ),
    (
        "not-inside-cue",
        "The exception is not limited to churches, as Article 4(2) of Directive 2000/78 allows.",
    ),
    (
        "without",
        "Member States may set time limits without breaching Article 7(3) of Directive 2000/43.",
    ),
    ("nor", "Nor is the ceiling on damages contrary to Article 15 of Directive 2000/43."),
    (
        "does-not-amount",
        "The narrower definition does not amount to a failure to transpose "
        "Article 2(3) of Directive 2000/43.",
    ),
    (
        "not-a-gap",
        "This difference in wording is not a transposition gap within the meaning of "
        "Article 2(3) of Directive 2000/43.",
    ),
    (
        "sees-no",
        "The expert sees no inconsistency between the Act and Article 4(1) of Directive 2000/78.",
    ),
    (
        "verdict-after-but",
        "The Act does not cover nationality, but no issue arises under "
        "Article 3(2) of Directive 2000/43.",
    ),
    (
        "consistent-interpretation",
        "The Code does not define direct discrimination; the courts "
        "read it in line with the Directive 2000/78 definition.",
    ),
    (
        "not-required",
        "Danish law provides for no specific body for the grounds of Directive "
        "2000/78, which is not required by that directive.",
    ),
    (
        "directive-does-not-require",
        "No specific body has been designated for religion, but "
        "Directive 2000/78 does not require one.",
    ),
]


@pytest.mark.parametrize("text", **table(NEGATION))
def test_negation(text):
    assert reasons(text)[0].startswith("negated:")


HEDGING = [
    ("may", "The fixed retirement age may be incompatible with Article 6(1) of Directive 2000/78."),
    ("might-not-fully", "The new rule might not fully comply with Article 5 of Directive 2000/78."),
    (
        "unclear-whether",
        "It is unclear whether the exclusion of domestic work is contrary to "
        "Article 3 of Directive 2000/43.",
    ),
    ("arguably", "The ceiling is arguably inconsistent with Article 15 of Directive 2000/43."),
    (
        "doubts",
        "The expert has doubts that the Act, which limits standing to registered "
        "associations, is incompatible with Article 7(2) of Directive 2000/43.",
    ),
    (
        "remains-to-be-seen",
        "It remains to be seen whether the amended Act is contrary to Article "
        "4(2) of Directive 2000/78.",
    ),
    ("seems", "The rule seems to fall short of Article 8 of Directive 2000/43."),
    (
        "fronted-if",
        "If the courts read the clause literally, it would be contrary to Article "
        "2(2)(a) of Directive 2000/78.",
    ),
    (
        "premature",
        "It would be premature to conclude that the amended Act is contrary to Article "
        "4(2) of Directive 2000/78.",
    ),
    (
        "appears",
        "The approval requirement appears to be incompatible with Article 7(2) of "
        "Directive 2000/43.",
    ),
]


@pytest.mark.parametrize("text", **table(HEDGING))
def test_hedging(text):
    assert reasons(text)[0].startswith("hedged:")


TEMPORAL_CLOSURE = [
    ("until-year", "The Act was incompatible with Article 6(1) of Directive 2000/78 until 2012."),
    (
        "until-event",
        "Until its amendment in 2016, § 5 excluded domestic workers, contrary to "
        "Article 3(1) of Directive 2000/43.",
    ),
    (
        "before-the-reform",
        "Before the 2019 reform, the Act did not prohibit harassment as "
        "required by Article 2(3) of Directive 2000/78.",
    ),
    (
        "has-since-been",
        "The exclusion of witnesses, which was contrary to Article 9 of Directive "
        "2000/43, has since been removed.",
    ),
    (
        "was-but-has-since",
        "The definition was narrower than Article 2(2)(b) of Directive 2000/43, "
        "but it has since been corrected.",
    ),
    ("no-longer", "The Act is no longer contrary to Article 6(1) of Directive 2000/78."),
    (
        "previously",
        "Previously, the Code did not cover harassment within the meaning of Article "
        "2(3) of Directive 2000/78.",
    ),
    (
        "repealed-the-provision",
        "The 2022 reform repealed the provision that had been found "
        "incompatible with Article 6(1) of Directive 2000/78.",
    ),
    (
        "amendment-aligned",
        "The previous report considered the definition narrower than Article "
        "2(3) of Directive 2000/43, but the 2020 amendment aligned it.",
    ),
]


@pytest.mark.parametrize("text", **table(TEMPORAL_CLOSURE))
def test_temporal_closure(text):
    assert reasons(text)[0].startswith("closed:")


OPEN_GAPS = [
    # "until" that does not close the gap, and a closure that does not reach the cue
    (
        "until-now",
        "Until now, the legislator has not transposed Article 2(4) of Directive 2000/43.",
        "not-transposed",
    ),
    (
        "until-a-condition",
        "Protection does not apply until the worker has completed six months "
        "of service, which is narrower than Article 11 of Directive 2000/78.",
        "partial",
    ),
    (
        "amended-but-still",
        "The Act was amended in 2019, but it still does not cover witnesses as "
        "required by Article 9 of Directive 2000/43.",
        "partial",
    ),
    (
        "hedge-in-another-segment",
        "It is unclear whether the courts apply the rule; however, "
        "Article 9 of Directive 2000/43 has clearly not been transposed.",
        "not-transposed",
    ),
    (
        "permission-before-but",
        "The exclusion of the army is permitted by Article 3(4), but the "
        "exclusion of the police is contrary to Article 3(1) of Directive 2000/78.",
        "incorrect",
    ),
    (
        "modal-in-fronted-clause",
        "Because trade unions may not represent victims, Article 9(2) of "
        "Directive 2000/78 is only partly transposed.",
        "partial",
    ),
    (
        "may-not-under",
        "The Act applies only to public employers, although Member States may not "
        "limit the duty under Article 5 of Directive 2000/78.",
        "partial",
    ),
    (
        "no-body-meets",
        "Article 13 of Directive 2000/43 has not been fully implemented, as no body "
        "meets the requirement of independence.",
        "partial",
    ),
]


@pytest.mark.parametrize(("text", "status"), **table(OPEN_GAPS))
def test_modifiers_reach_only_their_scope(text, status):
    assert gap_statuses(text) == [status]


PERMISSION = [
    (
        "as-permitted-by",
        "The Act excludes the armed forces, as permitted by Article 3(4) of Directive 2000/78.",
    ),
    (
        "which-article-allows",
        "National law excludes nationality, which Article 3(2) of Directive 2000/43 allows.",
    ),
    (
        "expressly-permitted",
        "The exclusion of criminal proceedings is expressly permitted by "
        "Article 8(3) of Directive 2000/43.",
    ),
    (
        "as-article-allows",
        "The Act is limited to occupational pension schemes, as Article 6(2) of "
        "Directive 2000/78 allows.",
    ),
    (
        "may-under",
        "The Act excludes the armed forces, which Member States may do under Article "
        "3(4) of Directive 2000/78.",
    ),
    (
        "option",
        "Standing is limited to registered associations, an option under Article 9(2) of "
        "Directive 2000/78.",
    ),
]


@pytest.mark.parametrize("text", **table(PERMISSION))
def test_permission(text):
    assert reasons(text)[0].startswith("permitted:")


BEYOND = [
    (
        "goes-beyond",
        "Article 3 of Directive 2000/78 applies only to employment, whereas the Act "
        "goes beyond it.",
    ),
    (
        "more-favourable",
        "Protection is limited to employees, but the Act is in other respects "
        "more favourable than Article 11 of Directive 2000/78.",
    ),
]


@pytest.mark.parametrize("text", **table(BEYOND))
def test_going_beyond(text):
    assert reasons(text)[0].startswith("beyond:")


REPORTED = [
    # a party's claim is not a gap statement …
    (
        "ngo-argues",
        "NGOs argue that the Act is incompatible with Article 7(2) of Directive 2000/43.",
        None,
    ),
    (
        "commission-asks",
        "The Commission asks the Court to declare that Slovakia has failed to "
        "fulfil its obligations under Directive 2000/43.",
        None,
    ),
    (
        "according-to-applicant",
        "According to the applicant, the dismissal rule is contrary to "
        "Article 2(2)(a) of Directive 2000/78.",
        None,
    ),
    (
        "alleges",
        "The complainant alleges that the insurer's practice breaches Article 5 of "
        "Directive 2004/113.",
        None,
    ),
    # … an assessment by the expert, the Commission, an equality body or a court is
    (
        "commission-considers",
        "The Commission considers that the Greek rule on headscarves is "
        "incompatible with Article 2(2)(b) of Directive 2000/78.",
        "incorrect",
    ),
    (
        "court-held",
        "The Supreme Court held that the municipal regulation was contrary to Article "
        "3(1)(h) of Directive 2000/43.",
        "incorrect",
    ),
    (
        "equality-body-found",
        "The Ombud found the practice incompatible with Article 5 of the Framework Directive.",
        "incorrect",
    ),
    (
        "according-to-expert",
        "According to the expert, the Act is inconsistent with Article 4(2) of Directive 2000/78.",
        "incorrect",
    ),
]


@pytest.mark.parametrize(("text", "status"), **table(REPORTED))
def test_reported_speech(text, status):
    if status is None:
        assert reasons(text)[0].startswith("claim:")
    else:
        assert gap_statuses(text) == [status]


GENERAL = [
    (
        "article-excludes",
        "Article 3(4) of Directive 2000/78 excludes the armed forces from the "
        "ground of disability.",
    ),
    (
        "directive-applies-only",
        "Directive 2004/113 applies only to goods and services available to the public.",
    ),
    (
        "article-does-not-require",
        "Article 7(2) of Directive 2000/43 does not require Member "
        "States to grant standing to every association.",
    ),
    (
        "generic-a-rule",
        "A national rule that caps compensation in advance is incompatible with "
        "Article 17 of Directive 2000/78.",
    ),
    ("such-a-provision", "Such a provision is contrary to Article 2(2)(a) of Directive 2000/78."),
    (
        "court-formula",
        "Article 6(1) must be interpreted as precluding a rule that is contrary to "
        "Article 2 of Directive 2000/78.",
    ),
    ("defined-in-the-directive", "Disability is not defined in Directive 2000/78."),
    (
        "excluded-from-the-directives",
        "Nationality is excluded from the directives (Article 3(2) of both directives).",
    ),
    (
        "court-on-the-article",
        "The Court held that Article 2(2)(b) of Directive 2000/43 does not "
        "cover differences based on country of birth.",
    ),
    (
        "closed-relative-clause",
        "Such an internal rule, which treats all staff alike, does not "
        "introduce a difference of treatment within the meaning of Article 2(2)(a) of Directive "
        "2000/78.",
    ),
]


@pytest.mark.parametrize("text", **table(GENERAL))
def test_statements_of_eu_law(text):
    assert reasons(text)[0].startswith("general:")


NOT_GAP_VOCABULARY = [
    # a conformity cue whose object is not an equality directive, a description that names no
    # directive: nothing to record
    ("charter", "The rule is contrary to Article 21 of the Charter."),
    ("constitution", "The decree is incompatible with the Constitution."),
    ("national-act", "The employer acted in breach of the Equal Treatment Act."),
    ("descriptive", "The prohibition of discrimination does not extend to housing."),
    ("no-law", "Andorra has no general anti-discrimination law."),
    ("plain-positive", "Romanian law transposes Article 9 of Directive 2000/43 in full."),
    (
        "future",
        "The government has announced that it will transpose Article 9 of Directive "
        "2000/43 in 2025.",
    ),
]


@pytest.mark.parametrize("text", **table(NOT_GAP_VOCABULARY))
def test_not_gap_vocabulary(text):
    assert reasons(text) == []


# --- structure --------------------------------------------------------------------------------

SEGMENTS = [
    ("semicolon", "The Act excludes Y; Z is fine.", ["The Act excludes Y", " Z is fine."]),
    ("but", "X is covered, but Y is not.", ["X is covered", " Y is not."]),
    ("but-not-only", "It covers not only X but also Y.", ["It covers not only X but also Y."]),
    ("whereas", "X applies to A, whereas Y applies to B.", ["X applies to A", " Y applies to B."]),
    (
        "while-needs-comma",
        "The Act applies while the contract lasts.",
        ["The Act applies while the contract lasts."],
    ),
    (
        "fronted",
        "Since X is so, the expert considers Y.",
        ["Since X is so,", " the expert considers Y."],
    ),
    (
        "as-regards-is-not-fronted",
        "As regards age, the Act is silent.",
        ["As regards age, the Act is silent."],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), **table(SEGMENTS))
def test_segments(sentence, expected):
    assert [sentence[a:b] for a, b in segments(sentence)] == expected


SUBJECTS = [
    ("national-act", "The Act is contrary to", "national"),
    ("country", "The Court held that Italy is contrary to", "national"),
    ("directive", "Directive 2000/78 is contrary to", "eu"),
    ("member-states", "Member States are contrary to", "eu"),
    ("generic", "A national rule is contrary to", "generic"),
    ("such-a", "Such a provision is contrary to", "generic"),
    ("after-that", "The Court of Justice held that the Austrian rule is contrary to", "national"),
    ("relative-which", "The exclusion of nurses, which is contrary to", "national"),
    (
        "national-wins",
        "In two Member States, Cyprus and Malta, national law is contrary to",
        "national",
    ),
]


@pytest.mark.parametrize(("prefix", "kind"), **table(SUBJECTS))
def test_subject_kind(prefix, kind):
    sentence = prefix + " Article 5."
    cue = sentence.index("contrary")
    assert subject_kind(sentence, lower(sentence), 0, cue, []) == kind


# --- linking and bookkeeping ------------------------------------------------------------------


def test_the_same_shortcoming_inherits_the_status():
    text = (
        "The Code only partly transposes Article 9(2) of Directive 2000/78. "
        "The same shortcoming affects Article 7(2) of Directive 2000/43."
    )
    assert [(g.status, [str(p.path) for p in g.provisions]) for g in extract(text).gaps] == [
        ("partial", ["9(2)"]),
        ("partial", ["7(2)"]),
    ]


def test_a_gap_without_a_provision_links_those_of_the_paragraph():
    text = (
        "Article 11 of Directive 2000/78 protects witnesses. The Code has not transposed that rule."
    )
    (gap,) = extract(text).gaps
    assert [str(p.path) for p in gap.provisions] == ["11"]
    assert gap.confidence < 0.95


def test_taken_back_sentences_keep_their_span_and_reason():
    text = "Article 9 RED is fine. It is unclear whether the Act is contrary to Article 9 RED."
    ((span, reason),) = extract(text).hedged
    assert text[span.start : span.end] == span.text
    assert span.text.startswith("It is unclear")
    assert reason == "hedged: 'whether'"


def test_every_cue_key_is_in_the_key_pattern():
    for cue in CUES:
        for key in cue.keys:
            match = KEYS.search(key)
            assert match is not None and key in KEY_CLOSURE[" ".join(match.group(0).split())], key
