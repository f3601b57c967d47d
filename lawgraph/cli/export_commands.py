"""Export commands: the Law Review, bulk data, Atom feeds, and editors' edits of review entries.

lawgraph export review --from 2023-07-01 --to 2024-06-30 --format docx -o review.docx
lawgraph export data --country DE --format csv -o exports/de/
lawgraph export feed --provision "2000/78 Art 5" --base-url https://lawgraph.example -o art5.atom
lawgraph review-entries --from 2023-07-01 --to 2024-06-30 --countries DE
lawgraph edit-entry DE/2023-07-18/policy/… --field summary --text "…" --editor "A. Editor"
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from lawgraph.cli import Context, main, pass_context
from lawgraph.editorial import FIELDS, apply_edits, database_path, history, save_edit
from lawgraph.exports import exporter, exporter_names, find_entry, review_entries
from lawgraph.exports.review import STRANDS
from lawgraph.output import FORMATS, render_records
from lawgraph.refdata import reference_index


class _Date(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"{value!r} is not a date: use YYYY-MM-DD, e.g. 2023-07-01", param, ctx)


def _countries(ctx, param, value: str | None) -> list[str] | None:
    if not value:
        return None
    codes = [c.strip() for c in value.split(",") if c.strip()]
    unknown = [c for c in codes if reference_index().country(c) is None]
    if unknown:
        raise click.BadParameter(
            f"unknown country {', '.join(map(repr, unknown))}: use EU codes such as DE, AT or EL",
            ctx,
            param,
        )
    return codes


def _country(ctx, param, value: str | None) -> str | None:
    codes = _countries(ctx, param, value)
    if codes and len(codes) > 1:
        raise click.BadParameter("give one country", ctx, param)
    return codes[0] if codes else None


def _period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise click.BadParameter(
            f"the period ends ({end.isoformat()}) before it starts ({start.isoformat()})",
            param_hint="'--to'",
        )


_FROM = click.option(
    "--from", "start", type=_Date(), required=True, help="First day of the period."
)
_TO = click.option("--to", "end", type=_Date(), required=True, help="Last day of the period.")
_COUNTRIES = click.option(
    "--countries", callback=_countries, help="Comma-separated EU codes, e.g. DE,AT (default: all)."
)
_STRAND = click.option(
    "--strand", type=click.Choice(list(STRANDS)), default="non-discrimination", show_default=True
)
_EDITORIAL = click.option(
    "--editorial",
    "editorial",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Editorial database [env LAWGRAPH_EDITORIAL; default var/editorial.sqlite].",
)


def _editorial_db(ctx: Context, given: Path | None, *, must_exist: bool) -> Path | None:
    path = database_path(given, ctx.settings)
    if path.exists():
        return path
    if given is not None and must_exist:
        raise click.BadParameter(f"no editorial database at {given}", param_hint="'--editorial'")
    return None


@main.group("export")
def export_group() -> None:
    """Export the Law Review, bulk data or Atom feeds."""


@export_group.command("review")
@_FROM
@_TO
@_COUNTRIES
@_STRAND
@click.option(
    "--format",
    "fmt",
    type=click.Choice(exporter_names("review")),
    help="Output format (default: from the file name's suffix).",
)
@click.option(
    "-o", "--output", required=True, help="Output file ('-' for standard output; md and html)."
)
@_EDITORIAL
@click.option(
    "--no-editorial", is_flag=True, help="Export the source text, without editors' edits."
)
@pass_context
def export_review(ctx, start, end, countries, strand, fmt, output, editorial, no_editorial) -> None:
    """The country-by-country section of the European equality law review for a period:
    developments, rulings and status changes, with editors' edits applied."""
    _period(start, end)
    fmt = fmt or _format_from_suffix(output)
    if output == "-" and fmt not in ("md", "html"):
        raise click.BadParameter(f"{fmt} cannot be written to standard output", param_hint="'-o'")
    review = review_entries(ctx.store(read_only=True), start, end, countries, strand)
    db = None if no_editorial else _editorial_db(ctx, editorial, must_exist=True)
    if db is not None:
        review = apply_edits(review, db)
    writer = exporter(fmt)
    if output == "-":
        writer.write(review, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        with open(output, "wb") as out:
            writer.write(review, out)
    click.echo(f"{output}: {review.statement()}", err=output == "-")


def _format_from_suffix(output: str) -> str:
    suffix = Path(output).suffix.lower().lstrip(".")
    suffix = {"markdown": "md", "htm": "html"}.get(suffix, suffix)
    if suffix not in exporter_names("review"):
        raise click.BadParameter(
            f"cannot tell the format from {output!r}: give --format "
            + "|".join(exporter_names("review")),
            param_hint="'--format'",
        )
    return suffix


@export_group.command("data")
@click.option(
    "--country", callback=_country, help="One country (EU code); default: the whole graph."
)
@click.option("--format", "fmt", type=click.Choice(exporter_names("data")), required=True)
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path),
    help="A file (nq, jsonld) or a directory (ttl, csv).",
)  # fmt: skip
@pass_context
def export_data(ctx, country, fmt, output) -> None:
    """Bulk data: N-Quads (canonical, streamed), Turtle per named graph, JSON-LD, or CSV tables
    (assessments, national measures, rulings), with a statement of what they contain."""
    writer = exporter(fmt, kind="data")
    if writer.target == "file" and output.is_dir():
        raise click.BadParameter(
            f"{output} is a directory; {fmt} writes one file", param_hint="'-o'"
        )
    meta = writer.write(ctx.store(read_only=True), output, country=country)
    click.echo(f"{output}: {meta['statement']}")


@export_group.command("feed")
@click.option("--country", callback=_country, help="A country (EU code).")
@click.option("--provision", help='A directive provision, e.g. "2000/78 Art 5".')
@click.option(
    "--base-url",
    default="https://w3id.org/lawgraph/id",
    show_default=True,
    help="Where the web app serves resources (lgd:X is linked as BASE/X).",
)
@click.option("--limit", type=click.IntRange(1), default=100, show_default=True)
@click.option("-o", "--output", required=True, help="Output file ('-' for standard output).")
@pass_context
def export_feed(ctx, country, provision, base_url, limit, output) -> None:
    """An Atom 1.0 feed of status changes and new case law for a country or a provision."""
    from lawgraph.exports.feeds import country_feed, provision_feed

    if bool(country) == bool(provision):
        raise click.UsageError("give either --country or --provision")
    if not base_url.startswith(("http://", "https://")):
        raise click.BadParameter("must be an http(s) URL", param_hint="'--base-url'")
    store = ctx.store(read_only=True)
    if country:
        data = country_feed(store, country, base_url=base_url, limit=limit)
    else:
        data = provision_feed(store, provision, base_url=base_url, limit=limit)
    if output == "-":
        sys.stdout.buffer.write(data)
    else:
        Path(output).write_bytes(data)
        click.echo(f"{output}: Atom feed written")


@main.command("review-entries")
@_FROM
@_TO
@_COUNTRIES
@_STRAND
@_EDITORIAL
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@pass_context
def review_entries_command(ctx, start, end, countries, strand, editorial, fmt) -> None:
    """List the review's entries with their keys (for edit-entry) and editorial state."""
    _period(start, end)
    review = review_entries(ctx.store(read_only=True), start, end, countries, strand)
    db = _editorial_db(ctx, editorial, must_exist=False)
    if db is not None:
        review = apply_edits(review, db)
    records = [
        e.record() | {"edited": ", ".join(e.edited), "flagged": "yes" if e.notes else ""}
        for e in review.entries()
    ]
    columns = ["key", "date", "title", "edited", "flagged"]
    click.echo(
        render_records(records, columns if fmt == "table" else [*columns, "type", "summary"], fmt)
    )
    click.echo(review.statement(), err=True)


@main.command("edit-entry")
@click.argument("key")
@click.option("--field", type=click.Choice(FIELDS), required=True, help="What to replace.")
@click.option("--text", required=True, help="The new text.")
@click.option("--editor", required=True, help="Who edits (recorded with the edit).")
@click.option("--strand", type=click.Choice(list(STRANDS)), default="non-discrimination")
@_EDITORIAL
@pass_context
def edit_entry(ctx, key, field, text, editor, strand, editorial) -> None:
    """Replace the title or summary of the review entry KEY (see review-entries). The edit is
    kept apart from the graph, survives re-ingest, and is applied at export time."""
    entry = find_entry(ctx.store(read_only=True), key, strand)
    path = database_path(editorial, ctx.settings)
    edit = save_edit(path, key, field, text, editor, original=getattr(entry, field))
    click.echo(f"{path}: {key} {field} version {edit.version} saved by {edit.editor}")


@main.command("edit-history")
@click.argument("key")
@_EDITORIAL
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@pass_context
def edit_history(ctx, key, editorial, fmt) -> None:
    """Every saved version of the edits of the review entry KEY, oldest first."""
    versions = [e.record() for e in history(database_path(editorial, ctx.settings), key)]
    columns = ["field", "version", "editor", "edited_at", "text"]
    click.echo(render_records(versions, columns if fmt == "table" else [*columns, "original"], fmt))
