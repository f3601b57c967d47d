"""The fast scanning helpers give what the slow, plain patterns they replace give."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawgraph.extract.lexicon import _NUMBER, _numbers
from lawgraph.extract.textscan import compile_lower, lower, trie, whole_words

WORDS = st.lists(
    st.text(alphabet="abc d-", min_size=1, max_size=6)
    .map(str.strip)
    .filter(lambda w: w and "  " not in w),
    min_size=1,
    max_size=8,
    unique=True,
)
TEXT = st.text(alphabet="abc d-_/0123456789.,İ\n", max_size=80)


@settings(max_examples=300)
@given(WORDS, TEXT)
def test_trie_matches_like_the_longest_first_alternation(words, text):
    flat = "|".join(
        r"\s+".join(map(re.escape, w.split(" "))) for w in sorted(words, key=len, reverse=True)
    )
    assert [m.span() for m in re.finditer(trie(words), text)] == [
        m.span() for m in re.finditer(flat, text)
    ]


@settings(max_examples=300)
@given(WORDS, TEXT)
def test_whole_words_is_the_leading_lookbehind(words, text):
    body = trie(words)
    slow = re.compile(rf"(?<![\w-])(?:{body})")
    fast = whole_words(re.compile(rf"(?:{body})"), text)
    assert [m.span() for m in fast] == [m.span() for m in slow.finditer(text)]


@settings(max_examples=300)
@given(st.text(alphabet="0123456789/ ECUa-", max_size=60))
def test_directive_numbers_are_found_as_finditer_finds_them(text):
    assert [m.span() for m in _numbers(text)] == [m.span() for m in _NUMBER.finditer(text)]


@given(st.text(max_size=40))
def test_lower_keeps_offsets(text):
    lowered = lower(text)
    assert len(lowered) == len(text)
    assert all(a == b or a == b.lower() for a, b in zip(lowered, text, strict=True))


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"\bArticle\s+\d", "see ARTICLE 5"),
        (r"^\W*Until\b", "Until 2020"),
        (r"[A-Z]\w+ Act", "the equal treatment act"),
    ],
)
def test_compile_lower_matches_case_insensitively(pattern, text):
    assert compile_lower(pattern).search(lower(text))
    assert re.search(pattern, text, re.I)


def test_compile_lower_keeps_escapes():
    assert compile_lower(r"\W\S\D").pattern == r"\W\S\D"
