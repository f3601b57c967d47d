"""The spaCy pipeline (tokenizer and sentencizer only) and the extraction steps run on each text.

spaCy gives the sentence boundaries (the sentencizer's rule, applied to the tokenizer's token
array: :func:`_sentence_starts`); everything else is fast rule matching over the text, with
offsets into the text as given. The tokenizer keeps citation atoms ("2(2)(b)", "2000/43/EC",
"C-54/07", "ECLI:EU:C:2008:397") as one token each, and legal abbreviations ("Art.", "No.",
"para.", "cf.", "v.") keep their full stop, so neither ends a sentence.

The rules are written to be cheap on long texts (:mod:`lawgraph.extract.textscan`): patterns
begin with a literal (boundary checks come after it), word lists are prefix trees, each rule is
tried only where its key word occurs, and gap classification runs only on the sentences that
hold a cue key. ``bench/extraction.py`` measures the throughput.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import spacy
from spacy.attrs import IDX, IS_PUNCT
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc

from lawgraph.extract.citations import find_cases, find_eclis
from lawgraph.extract.dates import find_dates
from lawgraph.extract.gaps import find_gaps
from lawgraph.extract.lexicon import lexicon
from lawgraph.extract.measures import find_measures
from lawgraph.extract.model import Extraction, Span
from lawgraph.extract.names import find_names
from lawgraph.extract.provisions import Context, find_references, resolve

__all__ = ["ABBREVIATIONS", "TOKEN_MATCH", "extract", "extract_many", "nlp"]

#: abbreviations whose full stop does not end a sentence (each also capitalised / lower case)
ABBREVIATIONS = (
    "Art.",
    "Arts.",
    "art.",
    "arts.",
    "para.",
    "paras.",
    "Para.",
    "No.",
    "Nos.",
    "no.",
    "Nr.",
    "e.g.",
    "i.e.",
    "cf.",
    "Cf.",
    "p.",
    "pp.",
    "v.",
    "vs.",
    "seq.",
    "et seq.",
    "lit.",
    "Ltd.",
    "Inc.",
    "subpara.",
    "sub-para.",
    "op.",
    "cit.",
    "ibid.",
    "Ibid.",
    "Abs.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Prof.",
    "St.",
    "Co.",
    "approx.",
    "ca.",
    "etc.",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sep.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
    "Coll.",
    "Sb.",
    "BGBl.",
    "Corr.",
    "Rec.",
    "OJ.",
    "fn.",
    "n.",
    "ch.",
    "Ch.",
    "sec.",
    "Sec.",
    "ss.",
    "s.",
)

#: one token per citation atom
TOKEN_MATCH = re.compile(
    r"^(?:ECLI:[A-Za-z]{2}:[A-Za-z0-9]+:\d{4}:[A-Za-z0-9.]*[A-Za-z0-9]"
    r"|EU:[CTF]:\d{4}:\d+"
    r"|\(?(?:EU|EC|EEC)\)?"
    r"|\d{2,4}/\d{1,4}(?:/(?:EC|EU|EEC|CE))?"
    r"|[CTF][-\u2010\u2011\u2013]\d{1,4}/\d{2}"
    r"|\d{1,3}[a-z]?(?:\(\d{1,2}[a-z]?\))+(?:\([a-z]{1,4}\))*"
    r"|\d{1,3}[a-z]?(?:\([a-z]{1,4}\))+"
    r"|\d{1,2}\.\d{1,2}\.\d{4}"
    r")$"
).match

_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The cached pipeline: blank English, citation-aware tokenizer, sentencizer."""
    language = spacy.blank("en")
    language.tokenizer.token_match = TOKEN_MATCH
    for abbreviation in ABBREVIATIONS:
        if " " in abbreviation:
            continue
        language.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    language.add_pipe("sentencizer")
    return language


def extract(text: str, *, default_directive: str | None = None) -> Extraction:
    """Everything the rules find in one text (a paragraph or a section)."""
    return _extract_doc(nlp().tokenizer(text), text, _default_celex(default_directive))


def extract_many(
    texts: Iterable[str], *, default_directive: str | None = None, batch_size: int = 256
) -> list[Extraction]:
    """:func:`extract` for many texts. Each goes through the tokenizer directly, and the
    sentencizer's rule is read off the token array (:func:`_sentence_starts`): none of it
    gains from ``nlp().pipe``'s batches, whose bookkeeping costs a sixth of the spaCy time
    (``batch_size`` is kept for callers that pass it)."""
    default = _default_celex(default_directive)
    tokenizer = nlp().tokenizer
    return [_extract_doc(tokenizer(text), text, default) for text in texts]


@lru_cache(maxsize=1)
def _sentence_finals() -> frozenset[int]:
    """The hashes of the sentencizer's sentence-final characters ("." "!" "?" …)."""
    language = nlp()
    strings = language.vocab.strings
    return frozenset(strings.add(c) for c in language.get_pipe("sentencizer").punct_chars)


def _sentence_starts(doc: Doc) -> list[int]:
    """The character offsets at which the sentencizer starts a sentence, read off the token
    array (the component builds a Python object per token, which costs more than this).

    Its rule: a sentence starts at the first token, and at each token that is not
    punctuation after a run of punctuation holding a sentence-final character ("… Act. The
    …", "… (C-54/07). It …")."""
    finals = _sentence_finals()
    starts = [0]
    seen = False
    for orth, punct, idx in doc.to_array([ORTH, IS_PUNCT, IDX]).tolist():
        if orth in finals:
            seen = True
        elif seen and not punct:
            starts.append(idx)
            seen = False
    return starts


def _sentence_bounds(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Character bounds of the sentencizer's sentences, the first from 0 and each to the
    next."""
    if len(doc) == 0:
        return []
    starts = _sentence_starts(doc)
    return list(zip(starts, [*starts[1:], len(text)], strict=True))


def _sentences(doc: Doc, text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in _sentence_bounds(doc, text):
        if "\n" in text[start:end]:
            piece_start = start
            for m in _BLANK_LINE.finditer(text, start, end):
                out.append((piece_start, m.start()))
                piece_start = m.end()
            out.append((piece_start, end))
        else:
            out.append((start, end))
    out = [piece for s, e in out for piece in _split_heading(text, s, e)]
    return [trimmed for s, e in out if (trimmed := _trim(text, s, e))[0] < trimmed[1]]


_HEADING = re.compile(
    r"\d+(?:\.\d+)*\.?\s+[A-Z][^.()]{0,120}?\([^()]*(?:\([^()]*\)[^()]*)*\)\s+(?=[A-Z§])"
)


def _split_heading(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """ "5.3 Burden of proof (Article 8 Directive 2000/43) The Act …": a numbered heading run
    into its first sentence (as text extracted from a PDF often is) is a sentence of its own."""
    m = _HEADING.match(text, start, end)
    if not m:
        return [(start, end)]
    return [(start, m.end()), (m.end(), end)]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    stripped = piece.lstrip()
    start += len(piece) - len(stripped)
    return start, start + len(stripped.rstrip())


def _extract_doc(doc: Doc, text: str, default: str | None) -> Extraction:
    """``text`` is the text the doc was made from (``doc.text`` rebuilds it token by token);
    ``default`` the CELEX of the default directive (:func:`_default_celex`)."""
    lex = lexicon()
    sentences = _sentences(doc, text)
    acts = lex.acts(text)
    refs = find_references(text, lex, acts)
    provisions = resolve(refs, Context(text, sentences, acts, default), lex)
    dates = find_dates(text)
    gaps, hedged = find_gaps(text, sentences, provisions, acts)
    return Extraction(
        text=text,
        sentences=[Span(s, e, text[s:e]) for s, e in sentences],
        provisions=provisions,
        cases=find_cases(text),
        eclis=find_eclis(text),
        dates=dates,
        measures=find_measures(text, dates),
        names=find_names(text),
        gaps=gaps,
        hedged=hedged,
    )


def _default_celex(value: str | None) -> str | None:
    """The CELEX of ``default_directive`` (a CELEX, a number or a name); None if unknown."""
    if not value:
        return None
    info = lexicon().ref.directive(value)
    if info is None:
        raise ValueError(f"default_directive {value!r} is not a directive of the reference data")
    return info.celex
