"""Operating lawgraph in production: moving, backing up, restoring and checking a store.

The verbs (the CLI commands ``migrate``, ``backup``, ``verify-backup``, ``restore-backup`` and
``health`` call them; the web app serves :func:`health` at ``/healthz``)::

    from lawgraph import ops
    ops.migrate("var/store", "http://127.0.0.1:7878")        # embedded → server, verified
    ops.backup("http://127.0.0.1:7878", "backups/2026-05-01")  # while the app runs
    ops.verify_backup("backups/2026-05-01")
    ops.restore_backup("backups/2026-05-01", "var/store", replace=True)
    ops.health(store)                                        # dict for /healthz

Stores are named by location (a directory or a server URL, the ``store`` setting) so that the
operations can read a consistent snapshot without taking the embedded store's write lock.
"""

from __future__ import annotations

from lawgraph.ops.backup import Backup, backup, restore_backup, verify_backup
from lawgraph.ops.canonical import SnapshotInfo, backend_of
from lawgraph.ops.errors import BackupError, OperationRefused, VerificationError
from lawgraph.ops.health import health, health_of
from lawgraph.ops.transfer import TransferReport, migrate, snapshot_info

__all__ = [
    "Backup",
    "BackupError",
    "OperationRefused",
    "SnapshotInfo",
    "TransferReport",
    "VerificationError",
    "backend_of",
    "backup",
    "health",
    "health_of",
    "migrate",
    "restore_backup",
    "snapshot_info",
    "verify_backup",
]
