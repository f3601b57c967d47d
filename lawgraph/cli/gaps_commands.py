"""Gap-engine commands: ingest, assess, gaps, diff, coverage, rules."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from lawgraph.cli import Context, main, pass_context
from lawgraph.gaps import assessments, coverage, diff, gaps
from lawgraph.ingest import collect_files, drop_pending, pending_assessments
from lawgraph.logging import logged_assess, logged_ingest
from lawgraph.output import FORMATS, render_records
from lawgraph.rules import load_rules

_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="Output as a readable table, CSV, TSV or JSON.",
)


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Parse, extract and check everything; write nothing.")
@click.option("--force", is_flag=True, help="Re-ingest files whose content has not changed.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@pass_context
def ingest_command(
    ctx: Context, paths: tuple[Path, ...], dry_run: bool, force: bool, quiet: bool
) -> None:
    """Ingest country reports and rulings (files or folders). Each file becomes one named graph,
    replaced atomically; a broken file is rejected with its name and place and changes nothing.
    Assessments are recomputed for the countries and years concerned."""
    total = len(collect_files(paths))

    def progress(files):
        if quiet or total < 5 or not sys.stderr.isatty():
            yield from files
            return
        with click.progressbar(files, length=total, label="ingesting", file=sys.stderr) as bar:
            yield from bar

    store = None if dry_run else ctx.store()
    summary = logged_ingest(store, paths, dry_run=dry_run, force=force, progress=progress)
    for outcome in summary.outcomes:
        if outcome.status == "rejected":
            continue
        detail = ", ".join(f"{v} {k}" for k, v in sorted(outcome.counts.items()))
        click.echo(
            f"{outcome.status:9} {outcome.label or outcome.source}  ({outcome.source}; {detail})"
        )
        for warning in outcome.warnings[:5]:
            click.echo(f"          warning: {warning}")
        if len(outcome.warnings) > 5:
            click.echo(f"          … {len(outcome.warnings) - 5} more warnings")
    click.echo(summary.text())
    if not summary.ok:
        sys.exit(1)


@main.command("assess")
@click.option(
    "--rewrite",
    is_flag=True,
    help="Rewrite every assessment graph, also those whose conclusions have not changed.",
)
@pass_context
def assess_command(ctx: Context, rewrite: bool) -> None:
    """Recompute every assessment from the rules and the evidence in the store (including
    those an interrupted ingest left pending). A country-year whose conclusions have not
    changed keeps its graph (and the time of the run that reached them) unless --rewrite."""
    store = ctx.store()
    pending = pending_assessments(store)
    click.echo(logged_assess(store, rewrite=rewrite).text())
    drop_pending(store, [work.marker for work in pending])


@main.command("gaps")
@click.option("--country", help="EU country code or name, e.g. DE.")
@click.option("--directive", help="e.g. 2000/78, 2000/43/EC, RED.")
@click.option("--year", type=int, help="Reporting year (default: the latest).")
@click.option("--all", "show_all", is_flag=True, help="Every assessment, not only gaps.")
@_FORMAT
@pass_context
def gaps_command(ctx: Context, country, directive, year, show_all, fmt) -> None:
    """Transposition gaps per country and provision, with the deciding reason and evidence."""
    store = ctx.store(read_only=True)
    finder = assessments if show_all else gaps
    rows = [r.record() for r in finder(store, country=country, directive=directive, year=year)]
    columns = ["country", "year", "provision", "status", "confidence", "basis", "rule", "evidence"]
    if fmt == "json":
        columns = [*columns, "contested", "provision_iri"]
    click.echo(render_records(rows, columns, fmt))


@main.command("diff")
@click.option("--country", help="EU country code or name (default: all countries).")
@click.option("--from", "year_from", type=int, required=True, help="Earlier reporting year.")
@click.option("--to", "year_to", type=int, required=True, help="Later reporting year.")
@click.option("--expert-only", is_flag=True, help="Compare only the experts' own assessments.")
@click.option("--evidence", is_flag=True, help="Also list provisions whose evidence changed.")
@_FORMAT
@pass_context
def diff_command(ctx: Context, country, year_from, year_to, expert_only, evidence, fmt) -> None:
    """What changed between two reporting years: new gaps, closed gaps, status changes."""
    result = diff(
        ctx.store(read_only=True),
        year_from,
        year_to,
        country=country,
        basis="expert" if expert_only else None,
        include_evidence=evidence,
    )
    rows = [c.record() for c in result.changes]
    click.echo(
        render_records(
            rows,
            ["country", "provision", "change", "before", "after"]
            + (["evidence_after"] if fmt != "table" else []),
            fmt,
        )
    )


@main.command("coverage")
@click.option("--country", required=True, help="EU country code or name.")
@click.option("--year", type=int, help="Reporting year (default: the country's latest).")
@_FORMAT
@pass_context
def coverage_command(ctx: Context, country, year, fmt) -> None:
    """Grounds × areas of life: covered by national law, required by the directives, beyond."""
    cells = coverage(ctx.store(read_only=True), country, year)
    click.echo(
        render_records(
            [c.record() for c in cells],
            ["ground", "area", "state", "required_by", "covered_by"],
            fmt,
        )
    )


@main.command("rules")
@_FORMAT
def rules_command(fmt: str) -> None:
    """List the gap rules, and any rule file that does not load."""
    ruleset = load_rules()
    rows = [
        {
            "id": r.id,
            "severity": r.severity,
            "status": r.status,
            "authority": r.authority,
            "title": r.title,
            "file": r.path.name,
        }
        for r in ruleset.rules
    ]
    click.echo(
        render_records(rows, ["id", "severity", "status", "authority", "title", "file"], fmt)
    )
    for problem in ruleset.problems:
        click.echo(f"not loaded: {problem}", err=True)
    if ruleset.problems:
        sys.exit(1)
