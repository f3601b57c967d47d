"""Extraction never fails on arbitrary text, and every span points into the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawgraph.extract import extract

#: pieces of legal text, so that generated strings hit the rules, not only random letters
PIECES = st.sampled_from(
    [
        "Article",
        "Art.",
        "Arts",
        "2(2)(b)",
        "(a)",
        "and",
        "to",
        "of",
        "Directive",
        "2000/43/EC",
        "2000/78",
        "RED",
        "the Directive",
        "thereof",
        "C-54/07",
        "C\u201154/07",
        "ECLI:EU:C:2008:397",
        "EU:C:2013:446",
        "14 August 2006",
        "14.8.2006",
        "Act",
        "Law 15/2022",
        "of",
        "(",
        ")",
        ",",
        ".",
        "not",
        "has not been transposed",
        "contrary to",
        "only partly",
        "whether",
        "§",
        "second subparagraph",
        "Court of Justice",
        "Unia",
        "\n\n",
        "\u00a0",
        " ",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(PIECES, max_size=40).map(" ".join),
    st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=40).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_extract_never_raises_and_spans_are_exact(text):
    result = extract(text)
    spans = list(result.sentences)
    spans += [
        m.span
        for m in result.provisions
        + result.cases
        + result.eclis
        + result.dates
        + result.measures
        + result.names
    ]
    spans += [g.sentence for g in result.gaps] + [span for span, _ in result.hedged]
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text
    for gap in result.gaps:
        assert gap.status in ("not-transposed", "partial", "incorrect")
        assert 0.0 <= gap.confidence <= 1.0
