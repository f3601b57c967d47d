"""Extraction from legal text: provision references, case numbers, ECLIs, dates, national
measures, courts and equality bodies, and gap statements, each with its span in the text.

One pipeline serves country reports and case law::

    >>> result = extract("Article 8 RED has not been transposed.")
    >>> [(str(p.directive), str(p.path)) for p in result.provisions]
    [('2000/43/EC', '8')]
    >>> [(g.status, g.sentence.text) for g in result.gaps]
    [('not-transposed', 'Article 8 RED has not been transposed.')]

A section about a known directive passes it as ``default_directive`` (a CELEX number); it is
used only for references that name no act at all::

    >>> r = extract("Article 5 is not transposed.", default_directive="32000L0078")
    >>> str(r.provisions[0].directive)
    '2000/78/EC'
"""

from lawgraph.extract.model import (
    CaseMention,
    DateMention,
    EcliMention,
    Extraction,
    GapStatement,
    MeasureMention,
    NameMention,
    ProvisionMention,
    Span,
)
from lawgraph.extract.pipeline import extract, extract_many, nlp

__all__ = [
    "CaseMention",
    "DateMention",
    "EcliMention",
    "Extraction",
    "GapStatement",
    "MeasureMention",
    "NameMention",
    "ProvisionMention",
    "Span",
    "extract",
    "extract_many",
    "nlp",
]
