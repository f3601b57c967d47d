"""Errors of the operations commands (migrate, backup, restore-backup, health)."""

from __future__ import annotations

from lawgraph.errors import LawgraphError

__all__ = ["BackupError", "OperationRefused", "VerificationError"]


class OperationRefused(LawgraphError):
    """An operation that would lose data or cannot make sense as asked (nothing was changed)."""


class BackupError(LawgraphError):
    """A backup directory that is missing, incomplete or damaged."""


class VerificationError(LawgraphError):
    """A copy whose canonical dump differs from the original's."""
