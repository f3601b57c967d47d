"""Operations commands: migrate, backup, verify-backup, restore-backup, health.

lawgraph migrate --to http://127.0.0.1:7878          # the --store setting → a SPARQL server
lawgraph migrate --from http://127.0.0.1:7878 --to var/store --replace
lawgraph backup backups/2026-05-01                   # while the app and ingests run
lawgraph verify-backup backups/2026-05-01
lawgraph restore-backup backups/2026-05-01 --replace
lawgraph health [--format json]                      # exit 1 when unhealthy

``dump``/``restore`` (store_commands) stay the plain single-file N-Quads pair; a backup is a
directory with a manifest, checked on the way back in.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from lawgraph import ops
from lawgraph.cli import Context, main, pass_context
from lawgraph.logging import log_event

_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Readable text, or one JSON object.",
)


def _emit(fmt: str, text: str, data: dict[str, object]) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False) if fmt == "json" else text)


@main.command()
@click.option(
    "--to",
    "target",
    required=True,
    metavar="PATH|URL",
    help="The store to fill: a directory (embedded) or a SPARQL server URL.",
)
@click.option(
    "--from",
    "source",
    metavar="PATH|URL",
    help="The store to copy [default: the --store/LAWGRAPH_STORE setting].",
)
@click.option(
    "--replace",
    is_flag=True,
    help="Replace the target's content if it is not empty (stop ingests first).",
)
@_FORMAT
@pass_context
def migrate(ctx: Context, target: str, source: str | None, replace: bool, fmt: str) -> None:
    """Copy the whole store to another back-end (embedded ⇄ SPARQL server) through canonical
    N-Quads, then verify that both dump to the same bytes. The source is read from a snapshot
    and left unchanged; a non-empty target is refused without --replace."""
    report = ops.migrate(source or ctx.settings.store, target, replace=replace)
    log_event("migrate", f"migrated {report.info.quads} quads to {target}", **report.as_dict())
    _emit(fmt, report.text(), report.as_dict())


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--store-only",
    is_flag=True,
    help="Leave out the web app's files (accounts, drafts, editorial, approved).",
)
@_FORMAT
@pass_context
def backup(ctx: Context, directory: Path, store_only: bool, fmt: str) -> None:
    """Back up the store into DIRECTORY (new or empty): a gzipped canonical N-Quads dump taken
    from a consistent snapshot, the web app's files (SQLite online backup), and manifest.json
    (quads per graph, SHA-256s, time, version, source). Safe while the web app and an ingest
    run. Keep backups readable by the service account only (the accounts hold password
    hashes)."""
    made = ops.backup(ctx.settings.store, directory, None if store_only else ctx.settings)
    log_event(
        "backup",
        f"backup written to {directory}",
        directory=str(directory),
        quads=made.quads,
        graphs=len(made.graphs),
        sha256=made.sha256,
        source=made.manifest["source"]["location"],
    )
    _emit(fmt, made.text(), made.manifest)


@main.command("verify-backup")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@_FORMAT
def verify_backup(directory: Path, fmt: str) -> None:
    """Check a backup directory against its manifest (file hash, content hash, quads per
    graph) without touching any store."""
    checked = ops.verify_backup(directory)
    _emit(fmt, "verified: " + checked.text(), checked.manifest)


@main.command("restore-backup")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--replace",
    is_flag=True,
    help="Replace the store's content if it is not empty (stop ingests first).",
)
@click.option(
    "--with-state",
    is_flag=True,
    help="Also put back the web app's files (accounts, drafts, editorial, approved) "
    "where the settings name them; stop the web app first.",
)
@_FORMAT
@pass_context
def restore_backup(
    ctx: Context, directory: Path, replace: bool, with_state: bool, fmt: str
) -> None:
    """Verify the backup in DIRECTORY, load it into the store, then verify that the store now
    dumps to exactly the backed-up data. A non-empty store (or, with --with-state, existing
    files) is refused without --replace."""
    report = ops.restore_backup(
        directory, ctx.settings.store, replace=replace, state=ctx.settings if with_state else None
    )
    log_event(
        "restore-backup", f"restored {report.info.quads} quads from {directory}", **report.as_dict()
    )
    _emit(fmt, report.text(), report.as_dict())


def _health_text(report: dict) -> str:
    store = report["store"]
    lines = [f"status: {report['status']}"]
    timing = f" in {store['seconds'] * 1000:.1f} ms" if store["seconds"] is not None else ""
    lines.append(
        f"store: {store['location']} ({store['backend']}), "
        f"{'answers' + timing if store['reachable'] else 'unreachable'}"
    )
    if report["graphs"]:
        g = report["graphs"]
        lines.append(
            f"graphs: {g['total']} ({g['reference']} reference, {g['reports']} "
            f"reports, {g['rulings']} rulings, {g['assessments']} assessments)"
        )
    if report.get("assessments_pending"):
        lines.append(f"assessments pending for: {', '.join(report['assessments_pending'])}")
    if report["store"]["reachable"]:
        lines.append(f"last ingest: {report['last_ingest'] or 'never'}")
    data = report["data"]
    if data and data["latest_year"]:
        lines.append(
            f"data: latest reporting year {data['latest_year']}, "
            f"{data['countries_reporting']} countries reported for it "
            f"({', '.join(data['countries'])})"
        )
    rules = report["rules"]
    lines.append(f"rules: {rules['loaded']} loaded, {len(rules['problems'])} problems")
    lines += [f"problem: {p}" for p in report["problems"]]
    lines += [f"warning: {w}" for w in report["warnings"]]
    return "\n".join(lines)


@main.command()
@_FORMAT
@pass_context
def health(ctx: Context, fmt: str) -> None:
    """Is the store reachable (and how fast), when was the last ingest, which reporting year is
    the latest and how many countries reported for it, do the rules load. Exit 1 when
    unhealthy."""
    report = ops.health_of(ctx.settings.store, timeout=ctx.settings.store_timeout)
    _emit(fmt, _health_text(report), report)
    if not report["ok"]:
        sys.exit(1)
