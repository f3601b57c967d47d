"""Backups: one directory per backup, taken while the app and ingests run.

A backup directory holds::

    dataset.nq.gz    the canonical, sorted N-Quads dump (gzip, reproducible: same data, same bytes)
    state/           the web app's own files, when the settings name them and they exist:
                     accounts.sqlite, drafts.sqlite, editorial.sqlite (copied with SQLite's
                     online backup, consistent while the app writes) and approved/ (files)
    manifest.json    what it holds: quads per named graph, the SHA-256 of the uncompressed dump
                     and of the .gz file, of each state file, when and from which store it was
                     taken, the version

The dump comes from a consistent snapshot (:mod:`lawgraph.ops.canonical`), so a backup never
holds half of an ingest. The directory appears only when complete (it is written as
``DIR.partial`` and renamed).

``verify_backup`` re-reads the files and checks them against the manifest; ``restore_backup``
verifies first, loads (refusing a non-empty store unless ``replace``), then dumps the store and
checks that it equals the manifest; with ``state=True`` it also puts the web app's files back
(stop the web app first). The accounts database holds password hashes: keep backups readable by
the service account only.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lawgraph.errors import StoreError
from lawgraph.ops.canonical import SnapshotInfo, backend_of, read_snapshot, snapshot
from lawgraph.ops.errors import BackupError, OperationRefused
from lawgraph.ops.transfer import TransferReport, load_nquads, verify_copy

__all__ = ["DATASET", "MANIFEST", "Backup", "backup", "restore_backup", "verify_backup"]

FORMAT = "lawgraph-backup"
FORMAT_VERSION = 1
DATASET = "dataset.nq.gz"
MANIFEST = "manifest.json"


@dataclass
class Backup:
    """A backup directory and its manifest."""

    directory: Path
    manifest: dict[str, Any]

    @property
    def quads(self) -> int:
        return int(self.manifest["dataset"]["quads"])

    @property
    def graphs(self) -> dict[str, int]:
        return dict(self.manifest["graphs"])

    @property
    def sha256(self) -> str:
        return str(self.manifest["dataset"]["sha256"])

    def info(self) -> SnapshotInfo:
        return SnapshotInfo(
            self.quads, self.sha256, int(self.manifest["dataset"]["bytes"]), self.graphs
        )

    def text(self) -> str:
        source = self.manifest["source"]
        return (
            f"{self.directory}: {self.quads} quads in {len(self.graphs)} named graphs, taken "
            f"{self.manifest['created']} from {source['location']} ({source['method']}); "
            f"sha256 {self.sha256}"
        )


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _location_label(location: str | Path) -> str:
    return str(location) if backend_of(location) == "server" else str(Path(location).resolve())


def backup(location: str | Path, directory: str | Path, settings: object | None = None) -> Backup:
    """Back up the store at ``location`` into the new directory ``directory``; with
    ``settings``, the web app's files they name too (see the module docstring)."""
    from lawgraph import __version__

    directory = Path(directory)
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise OperationRefused(
            f"{directory} already exists and is not an empty directory; give a new directory "
            "for each backup (e.g. one named after the date)"
        )
    partial = directory.with_name(directory.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        created, started = _now(), time.perf_counter()
        dataset = partial / DATASET
        with (
            dataset.open("wb") as raw,
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as out,
        ):
            info = snapshot(location, out)  # type: ignore[arg-type]
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created": created,
            "seconds": round(time.perf_counter() - started, 3),
            "lawgraph_version": __version__,
            "source": {
                "location": _location_label(location),
                "backend": backend_of(location),
                "method": info.method,
            },
            "dataset": {
                "file": DATASET,
                "quads": info.quads,
                "graphs": len(info.graphs),
                "bytes": info.bytes,
                "sha256": info.sha256,
                "file_bytes": dataset.stat().st_size,
                "file_sha256": _file_sha256(dataset),
            },
            "graphs": info.graphs,
            "state": _backup_state(settings, partial) if settings is not None else {},
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
        if directory.exists():
            directory.rmdir()
        partial.rename(directory)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return Backup(directory, manifest)


def _read_manifest(directory: Path) -> dict[str, Any]:
    path = directory / MANIFEST
    if not directory.is_dir():
        raise BackupError(f"{directory}: there is no backup directory here")
    try:
        manifest = json.loads(path.read_text("utf-8"))
    except FileNotFoundError as exc:
        raise BackupError(f"{path}: missing; this is not a complete lawgraph backup") from exc
    except (OSError, ValueError) as exc:
        raise BackupError(f"{path}: cannot be read: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: not a lawgraph backup manifest")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{path}: backup format version {manifest.get('format_version')} is not supported "
            f"by this lawgraph (it reads version {FORMAT_VERSION})"
        )
    return manifest


def verify_backup(directory: str | Path) -> Backup:
    """Check a backup directory against its manifest; a :class:`BackupError` says what is
    wrong."""
    directory = Path(directory)
    manifest = _read_manifest(directory)
    expected = manifest["dataset"]
    dataset = directory / expected["file"]
    if not dataset.is_file():
        raise BackupError(f"{dataset}: missing; the backup is incomplete")
    if _file_sha256(dataset) != expected["file_sha256"]:
        raise BackupError(
            f"{dataset}: damaged (its SHA-256 differs from the manifest's); use another backup"
        )
    try:
        with gzip.open(dataset, "rb") as stream:
            found = read_snapshot(stream, str(dataset))  # type: ignore[arg-type]
    except (OSError, EOFError, zlib.error, StoreError) as exc:
        raise BackupError(f"{dataset}: cannot be read: {exc}") from exc
    if found.sha256 != expected["sha256"] or found.quads != expected["quads"]:
        raise BackupError(f"{dataset}: its content differs from the manifest")
    if found.graphs != manifest["graphs"]:
        raise BackupError(f"{dataset}: its quads per graph differ from the manifest")
    for name, entry in manifest.get("state", {}).items():
        path = directory / entry["file"]
        if not path.exists() or _state_sha256(path) != entry["sha256"]:
            raise BackupError(f"{path}: missing or damaged (the manifest's {name} differs)")
    return Backup(directory, manifest)


def restore_backup(
    directory: str | Path,
    location: str | Path,
    *,
    replace: bool = False,
    state: object | None = None,
) -> TransferReport:
    """Verify the backup, load it into the store at ``location``, and verify the store. With
    ``state`` (the settings), also put the web app's files back where they name them."""
    started = time.perf_counter()
    saved = verify_backup(directory)
    if state is not None:
        _check_state_targets(saved, state, replace)
    with tempfile.TemporaryDirectory(prefix="lawgraph-restore-") as tmp:
        file = Path(tmp) / "dataset.nq"
        with gzip.open(saved.directory / DATASET, "rb") as stream, file.open("wb") as out:
            shutil.copyfileobj(stream, out, 1 << 20)
        write_method, previous = load_nquads(file, location, replace=replace)
    verify_copy(saved.info(), location, f"the backup {saved.directory}")
    restored = _restore_state(saved, state) if state is not None else []
    return TransferReport(
        str(saved.directory),
        str(location),
        saved.info(),
        f"verified backup taken {saved.manifest['created']}"
        + (f"; web app files restored: {', '.join(restored)}" if restored else ""),
        write_method,
        previous,
        time.perf_counter() - started,
    )


# --- the web app's own files ----------------------------------------------------------------

STATE_DATABASES = ("accounts", "drafts", "editorial")
STATE_FOLDERS = ("approved",)


def _state_sha256(path: Path) -> str:
    if path.is_file():
        return _file_sha256(path)
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(file.relative_to(path).as_posix().encode() + b"\0")
        digest.update(_file_sha256(file).encode())
    return digest.hexdigest()


def _sqlite_copy(source: Path, target: Path) -> None:
    """SQLite's online backup: a consistent copy even while the app writes."""
    import sqlite3

    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def _backup_state(settings: object, partial: Path) -> dict[str, dict[str, Any]]:
    state: dict[str, dict[str, Any]] = {}
    for name in (*STATE_DATABASES, *STATE_FOLDERS):
        configured = getattr(settings, name, None)
        if not configured or not Path(configured).exists():
            continue
        source = Path(configured)
        relative = f"state/{name}.sqlite" if name in STATE_DATABASES else f"state/{name}"
        target = partial / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if name in STATE_DATABASES:
            _sqlite_copy(source, target)
        else:
            shutil.copytree(source, target)
        state[name] = {
            "kind": "sqlite" if name in STATE_DATABASES else "folder",
            "source": str(source.resolve()),
            "file": relative,
            "sha256": _state_sha256(target),
        }
    return state


def _state_targets(saved: Backup, settings: object) -> list[tuple[str, Path, Path]]:
    targets = []
    for name, entry in saved.manifest.get("state", {}).items():
        configured = getattr(settings, name, None)
        if configured:
            targets.append((name, saved.directory / entry["file"], Path(configured)))
    return targets


def _check_state_targets(saved: Backup, settings: object, replace: bool) -> None:
    present = [str(target) for _, _, target in _state_targets(saved, settings) if target.exists()]
    if present and not replace:
        raise OperationRefused(
            f"{', '.join(present)} already exist; add --replace to overwrite them with the "
            "backup's (stop the web app first)"
        )


def _restore_state(saved: Backup, settings: object) -> list[str]:
    restored = []
    for name, source, target in _state_targets(saved, settings):
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target)
        else:
            _sqlite_copy(source, target)
        restored.append(name)
    return restored
