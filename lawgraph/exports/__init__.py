"""Exports: the Law Review's country-by-country section, bulk data, and Atom feeds.

Exporters are registered by name in one registry per kind, and loaded lazily the way rdflib
loads its plugins: a registration may be the exporter object itself or a ``"module:attribute"``
string that is imported on first use (so that WeasyPrint is only imported for PDF)::

    from lawgraph.exports import exporter, register_exporter, review_entries

    review = review_entries(store, "2023-07-01", "2024-06-30", countries=["DE", "AT"])
    with open("review.docx", "wb") as out:
        exporter("docx").write(review, out)

    register_exporter("odt", MyOdtExporter())          # a new review format
    exporter("nq", kind="data").write(store, "all.nq")  # bulk data (lawgraph.exports.bulk)

Kinds: ``review`` (a :class:`~lawgraph.exports.model.Review` → bytes: ``md``, ``html``,
``docx``, ``pdf``) and ``data`` (the store → a file or a folder: ``nq``, ``ttl``, ``jsonld``,
``csv``). The defaults below are registered exactly like any other exporter.
"""

from __future__ import annotations

import importlib
from typing import Any, BinaryIO, Protocol

from lawgraph.errors import LawgraphError
from lawgraph.exports.model import CountrySection, Entry, Review, entry_key
from lawgraph.exports.review import find_entry, review_entries

__all__ = [
    "CountrySection",
    "Entry",
    "ExportError",
    "Review",
    "ReviewExporter",
    "entry_key",
    "exporter",
    "exporter_names",
    "find_entry",
    "register_exporter",
    "review_entries",
]

KINDS = ("review", "data")


class ExportError(LawgraphError):
    """An export that cannot be made (a missing library, a bad target)."""


class ReviewExporter(Protocol):
    """Renders a review. ``suffix`` is the usual file-name suffix (``.docx``)."""

    name: str
    suffix: str
    media_type: str

    def write(self, review: Review, out: BinaryIO) -> None: ...


_REGISTRY: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}


def register_exporter(name: str, exporter: Any, *, kind: str = "review") -> None:
    """Register (or replace) an exporter: an object, or a ``"module:attribute"`` string that
    names it and is imported on first use."""
    if kind not in _REGISTRY:
        raise ValueError(f"unknown exporter kind {kind!r}; use one of {', '.join(KINDS)}")
    _REGISTRY[kind][name] = exporter


def exporter(name: str, kind: str = "review") -> Any:
    """The exporter registered under ``name``; an :class:`ExportError` names the known ones."""
    registry = _REGISTRY.get(kind, {})
    if name not in registry:
        known = ", ".join(sorted(registry)) or "none"
        raise ExportError(f"unknown {kind} export format {name!r}; use one of: {known}")
    found = registry[name]
    if isinstance(found, str):
        module, _, attribute = found.partition(":")
        found = getattr(importlib.import_module(module), attribute)
        registry[name] = found
    return found


def exporter_names(kind: str = "review") -> list[str]:
    """The registered format names of a kind, in registration order."""
    return list(_REGISTRY.get(kind, {}))


# --- the defaults, registered like any other exporter ---------------------------------------
register_exporter("md", "lawgraph.exports.markdown:MARKDOWN")
register_exporter("html", "lawgraph.exports.html:HTML")
register_exporter("docx", "lawgraph.exports.word:DOCX")
register_exporter("pdf", "lawgraph.exports.pdf:PDF")
register_exporter("nq", "lawgraph.exports.bulk:NQUADS", kind="data")
register_exporter("ttl", "lawgraph.exports.bulk:TURTLE", kind="data")
register_exporter("jsonld", "lawgraph.exports.bulk:JSONLD", kind="data")
register_exporter("csv", "lawgraph.exports.bulk:CSV", kind="data")
