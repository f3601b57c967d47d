"""Errors that lawgraph reports to its users.

Every error says what went wrong in words a user can act on; input errors also name the file and
the place in it (``country_reports/de-2024.md:12: unknown country 'XX'``).
"""

from __future__ import annotations

__all__ = [
    "InputError",
    "LawgraphError",
    "StoreError",
    "StoreLockedError",
    "StoreUnavailableError",
]


class LawgraphError(Exception):
    """Base class of every error lawgraph raises on purpose."""


class InputError(LawgraphError):
    """A source file (report, ruling, reference data, rule) that cannot be used as it is."""

    def __init__(self, source: str, location: str | int | None, message: str) -> None:
        self.source = source
        self.location = location
        self.message = message
        where = f"{source}:{location}" if location not in (None, "") else source
        super().__init__(f"{where}: {message}")


class StoreError(LawgraphError):
    """The graph store refused or failed an operation."""


class StoreLockedError(StoreError):
    """An embedded store that another process holds open for writing."""


class StoreUnavailableError(StoreError):
    """A SPARQL server that does not answer."""
