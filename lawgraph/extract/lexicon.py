"""The names of acts a legal text cites: the equality directives (from the reference data) and the
other acts whose articles must never be taken for a directive's (treaties, the Charter, the
ECHR, national statutes).

Every directive found in a text is an :class:`ActMention`; ``celex`` is set only for an
equality directive of the reference data::

    >>> [(m.text, m.celex) for m in lexicon().acts("Art 8 RED, Directive 2003/109, 2000/78/EC")]
    [('RED', '32000L0043'), ('Directive 2003/109', None), ('2000/78/EC', '32000L0078')]

Other acts are looked for only where a reference points to them::

    >>> lexicon().other_act_at("Article 267 TFEU", 12).group(0)
    'TFEU'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lawgraph.extract.textscan import lower, trie, whole_words
from lawgraph.refdata import ReferenceIndex, reference_index

__all__ = ["ActMention", "Lexicon", "lexicon"]

_DASH = "-\u2010\u2011\u2012\u2013\u2014"

#: Acts other than the equality directives, as lawyers write them after an article number.
#: Each alternative is tried where an act may stand; the text matched becomes ``other_act``.
_OTHER_ACTS = r"""
    (?:the\s+)?(?:Treaty\s+on\s+the\s+Functioning\s+of\s+the\s+European\s+Union|TFEU)
  | (?:the\s+)?(?:Treaty\s+on\s+European\s+Union|TEU)
  | (?:the\s+)?(?:EC|EEC)\s+Treaty | (?:the\s+)?Treaty\s+establishing\s+the\s+European\s+Community
  | (?:the\s+)?(?:EU\s+)?Charter(?:\s+of\s+Fundamental\s+Rights(?:\s+of\s+the\s+European\s+Union)?)?
  | (?:the\s+)?(?:European\s+)?Convention\s+(?:for\s+the\s+Protection\s+of|on)\s+Human\s+Rights
      (?:\s+and\s+Fundamental\s+Freedoms)?
  | ECHR | ECtHR | CRPD | UNCRPD | ICERD | CEDAW | ESC
  | (?:the\s+)?(?:UN\s+)?Convention\s+on\s+the\s+Rights\s+of\s+Persons\s+with\s+Disabilities
  | (?:the\s+)?(?:Revised\s+)?European\s+Social\s+Charter
  | Protocol\s+No\.?\s*\d+(?:\s+to\s+the\s+(?:ECHR|Convention))?
  | (?:the\s+)?(?:Federal\s+|National\s+)?Constitution
  | (?:the\s+)?(?:Basic\s+Law|Grundgesetz)
  | (?:the\s+)?Workers['’]\s+Statute | (?:the\s+)?Estatuto\s+de\s+los\s+Trabajadores
  | (?:the\s+)?(?:Labour|Labor|Employment)\s+Code | (?:the\s+)?(?:Civil|Criminal|Penal)\s+Code
  | (?:the\s+)?Code\s+of\s+[A-Z][a-z]+(?:\s+[A-Za-z]+){0,2}
  | (?:Royal\s+|Legislative\s+|Presidential\s+|Government\s+|Emergency\s+)?(?:Decree|Ordinance)
      (?:[\s-]+Law)?\s+(?:No\.?\s*)?\d+(?:[/.-]\d+)*(?:/[A-Z]+)?
  | (?:Organic\s+|Federal\s+)?(?:Law|Act|Statute)\s+(?:No\.?\s*)?\d+(?:[/.-]\d+)+
  | Act\s+[CDLXVI]+\s+of\s+\d{4}
  | (?:the\s+)?(?:[A-Z][\w'’-]+\s+){1,6}(?:Act|Law|Code|Statute|Decree|Ordinance|Constitution)(?!\s+(?:No|of|\d))
  | (?:the\s+)?(?:Act|Law|Statute|Decree|Ordinance)
  | (?:Council\s+)?Regulation\s+(?:\((?:EC|EU|EEC)\)\s*)?(?:No\.?\s*)?\d+/\d+
  | (?:the\s+)?(?:Commission\s+)?[Pp]roposal
  | (?:EC|EEC|TEC)(?![\w-])
"""

#: A directive number: "2000/43/EC", "2024/1499"; the words before it ("Council Directive",
#: "Directive (EU)") are looked for separately (:data:`_WORDED`).
_NUMBER = re.compile(r"(?<![\d/])(\d{2}|\d{4})/(\d{1,4})(?:/(EC|EEC|EU|CE|EWG|EG))?(?![\d/])")
_WORDED = re.compile(
    r"(?:(?:Council\s+|Commission\s+)?Directives?\s+(?:\((?:EU|EC|EEC)\)\s*(?:No\.?\s*)?)?"
    r"|\((?:EU|EC|EEC)\)\s*)$"
)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")


@dataclass(frozen=True)
class ActMention:
    start: int
    end: int
    text: str
    #: the CELEX of an equality directive, or None for any other act
    celex: str | None
    #: "directive" (an equality directive), "other-directive" (a directive not in the reference
    #: data, e.g. 2003/109), "other" (treaty, charter, national act) or "anaphor" ("the Directive")
    kind: str


class Lexicon:
    """The act names of one reference index, compiled once."""

    def __init__(self, ref: ReferenceIndex) -> None:
        self.ref = ref
        self._max_article: dict[str, int | None] = {}
        self._by_number: dict[tuple[int, int], str] = {}
        names_cs: list[str] = []
        names_ci: list[str] = []
        self._by_name: dict[str, str] = {}
        for celex, info in ref.directives.items():
            match = re.search(r"(\d{2,4})/(\d{1,4})", info.number or info.short)
            if match:
                self._by_number[(_year(match.group(1)), int(match.group(2)))] = celex
            for name in info.names:
                name = name.strip()
                if not name or re.search(r"\d{2,4}/\d", name):
                    continue  # numbers are matched by the number pattern
                if name.lower().startswith(("council directive", "directive ")):
                    continue  # full titles ("Council Directive 2000/43/EC of 29 June 2000 …")
                key = _key(name)
                if key in self._by_name and self._by_name[key] != celex:
                    continue  # a name two directives share names neither
                self._by_name[key] = celex
                (names_cs if _ACRONYM.match(name) else names_ci).append(name)
        self._names = _names_regex([], names_ci)
        self._acronyms = _names_regex(names_cs, [])
        self._other = re.compile(_OTHER_ACTS, re.VERBOSE)
        self.acronyms = frozenset(n for n in names_cs)

    # --- look-ups ---------------------------------------------------------------------------
    def celex_of_number(self, year: str, number: str) -> str | None:
        return self._by_number.get((_year(year), int(number)))

    def celex_of_name(self, name: str) -> str | None:
        key = _key(name)
        return self._by_name.get(key) or self._by_name.get(re.sub(r"^the\s+", "", key))

    def max_article(self, celex: str) -> int | None:
        """The highest article number the reference data lists for a directive (None if it
        lists none, so that no article can be said not to exist)."""
        if celex not in self._max_article:
            numbers = [
                int(m.group())
                for (c, path) in self.ref.provisions
                if c == celex
                for m in [re.match(r"\d+", path)]
                if m
            ]
            self._max_article[celex] = max(numbers) if numbers else None
        return self._max_article[celex]

    # --- finding acts in text -----------------------------------------------------------------
    def acts(self, text: str) -> list[ActMention]:
        """Every equality directive (by number or name) and every other directive named in the
        text, in order. Other acts are looked for only where a provision reference points to
        them (:meth:`other_act_at`), because "the Act" on its own says little."""
        found: list[ActMention] = []
        for m in _numbers(text):
            mention = self._number_mention(text, m)
            if mention is not None:
                found.append(mention)
        if self._acronyms is not None:
            for m in whole_words(self._acronyms, text):
                found.append(
                    ActMention(
                        m.start(), m.end(), m.group(0), self.celex_of_name(m.group(0)), "directive"
                    )
                )
        if self._names is not None:
            found.extend(self._named(text))
        found.sort(key=lambda a: (a.start, -a.end))
        out: list[ActMention] = []
        for act in found:
            if out and act.start < out[-1].end:
                continue
            out.append(act)
        return out

    def _named(self, text: str) -> list[ActMention]:
        """Every name holds the word "directive": the names are tried only around it, over the
        lower-cased text."""
        assert self._names is not None
        out: list[ActMention] = []
        lowered = lower(text)
        pos = lowered.find("directive")
        seen: set[int] = set()
        while pos >= 0:
            for m in whole_words(self._names, lowered, max(0, pos - 80), min(len(text), pos + 80)):
                if m.start() <= pos < m.end() and m.start() not in seen:
                    seen.add(m.start())
                    name = text[m.start() : m.end()]
                    out.append(
                        ActMention(m.start(), m.end(), name, self.celex_of_name(name), "directive")
                    )
            pos = lowered.find("directive", pos + 9)
        return out

    def _number_mention(self, text: str, m: re.Match[str]) -> ActMention | None:
        year, number, suffix = m.group(1), m.group(2), m.group(3)
        before = _WORDED.search(text, max(0, m.start() - 40), m.start())
        start = before.start() if before else m.start()
        celex = self.celex_of_number(year, number)
        if celex is not None:
            return ActMention(start, m.end(), text[start : m.end()], celex, "directive")
        if before or suffix in ("EC", "EEC", "EU"):
            return ActMention(start, m.end(), text[start : m.end()], None, "other-directive")
        return None

    def other_act_at(self, text: str, pos: int) -> re.Match[str] | None:
        """An act other than a directive starting exactly at ``pos``."""
        return self._other.match(text, pos)


def _year(year: str) -> int:
    value = int(year)
    if len(year) == 2:
        value += 1900 if value > 50 else 2000
    return value


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().replace("’", "'")).lower()


def _names_regex(case_sensitive: list[str], case_insensitive: list[str]) -> re.Pattern[str] | None:
    """The names as one prefix tree (:func:`~lawgraph.extract.textscan.trie`), with no word
    boundary before them (:func:`_whole_words` checks it). Case-insensitive names are
    lower-cased, to be matched over lower-cased text, and may follow "the"."""
    if case_insensitive:
        names = {" ".join(n.lower().split()) for n in case_insensitive}
        return re.compile(r"(?:the\s+)?(?:" + trie(names) + r")(?![\w-])")
    if case_sensitive:
        return re.compile(r"(?:" + trie(set(case_sensitive)) + r")(?![\w-])")
    return None


#: a directive number: the slash is found first, the number is matched where it may start
_NUMBER_START = (4, 2)


def _numbers(text: str) -> list[re.Match[str]]:
    """:data:`_NUMBER` over the text, tried only just before each "/" (a number has two or
    four digits before its first slash): the same matches as ``finditer``, without trying
    the pattern at every position."""
    out: list[re.Match[str]] = []
    end = 0
    slash = text.find("/")
    while slash >= 0:
        for back in _NUMBER_START:
            start = slash - back
            if start >= end:
                m = _NUMBER.match(text, start)
                if m is not None:
                    out.append(m)
                    end = m.end()
                    break
        slash = text.find("/", max(slash + 1, end))
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon of the bundled reference data (built once per process)."""
    return Lexicon(reference_index())
