"""Store commands: init, load, query, dump, restore, validate, stats."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rdflib import Graph, URIRef

from lawgraph.cli import Context, main, pass_context
from lawgraph.errors import InputError
from lawgraph.output import FORMATS, render_records, render_rows
from lawgraph.reference import load_reference, reference_files
from lawgraph.stats import store_stats
from lawgraph.store.base import Rows, query_form
from lawgraph.validation import validate_store


@main.command()
@pass_context
def init(ctx: Context) -> None:
    """Create the store (if needed) and load the bundled reference data into it."""
    store = ctx.store()
    loaded = load_reference(store)
    triples = sum(item.triples for item in loaded)
    click.echo(
        f"Store ready at {store.location}: {len(loaded)} reference files, {triples} triples."
    )


@main.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_context
def load(ctx: Context, files: tuple[Path, ...]) -> None:
    """Load reference data (Turtle): the bundled files, or FILES. Each file replaces its graph;
    a file that does not parse changes nothing."""
    loaded = load_reference(ctx.store(), list(files) or reference_files())
    for item in loaded:
        click.echo(f"{item.graph}  {item.triples} triples  ({item.path.name})")


@main.command()
@click.argument("sparql", required=False)
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Read the query from a file ('-' for standard input).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*FORMATS, "turtle", "nt", "json-ld"]),
    default="table",
    show_default=True,
    help="table, csv, tsv or json (SPARQL results) for SELECT; turtle, nt or json-ld "
    "for CONSTRUCT/DESCRIBE.",
)
@pass_context
def query(ctx: Context, sparql: str | None, query_file: str | None, fmt: str) -> None:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over all graphs."""
    if query_file:
        sparql = sys.stdin.read() if query_file == "-" else Path(query_file).read_text("utf-8")
    if not sparql:
        raise click.UsageError("give a query, or --file")
    form = query_form(sparql)
    result = ctx.store(read_only=True).query(sparql)
    if isinstance(result, Rows):
        click.echo(render_rows(result, fmt if fmt in FORMATS else "table"))
        if fmt == "table":
            click.echo(f"({len(result)} rows)", err=True)
    elif isinstance(result, bool):
        click.echo("true" if result else "false")
    else:
        assert isinstance(result, Graph) and form in ("CONSTRUCT", "DESCRIBE")
        out_format = {"table": "turtle", "csv": "nt", "tsv": "nt", "json": "json-ld"}.get(fmt, fmt)
        click.echo(result.serialize(format=out_format))


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to a file instead of standard output.",
)
@pass_context
def dump(ctx: Context, output: Path | None) -> None:
    """Write the whole store as canonical, sorted N-Quads."""
    store = ctx.store(read_only=True)
    if output:
        tmp = output.with_name(output.name + ".partial")
        with tmp.open("wb") as handle:
            count = store.dump(handle)
        tmp.replace(output)
        click.echo(f"{count} quads written to {output}", err=True)
    else:
        count = store.dump(sys.stdout.buffer)
        click.echo(f"{count} quads", err=True)


@main.command()
@click.argument("dump_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_context
def restore(ctx: Context, dump_file: Path) -> None:
    """Replace the store's content with an N-Quads dump (checked fully before anything changes)."""
    count = ctx.store().restore(dump_file.read_bytes(), source=str(dump_file))
    click.echo(f"{count} quads restored from {dump_file}")


@main.command()
@click.option(
    "--graph",
    "graphs",
    multiple=True,
    metavar="IRI",
    help="Validate only these named graphs (with the reference data). Repeatable.",
)
@pass_context
def validate(ctx: Context, graphs: tuple[str, ...]) -> None:
    """Check the store against the SHACL shapes and report problems in plain language."""
    store = ctx.store(read_only=True)
    report = validate_store(store, [URIRef(g) for g in graphs] or None)
    click.echo(report.text())
    if not report.conforms:
        sys.exit(1)


@main.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@pass_context
def stats(ctx: Context, fmt: str) -> None:
    """Count directives, provisions, countries, reports, rulings, findings, graphs and quads."""
    counts = store_stats(ctx.store(read_only=True))
    if not counts.get("directives"):
        raise InputError(ctx.settings.store, None, "the store is empty: run `lawgraph init` first")
    records = [{"what": k, "count": v} for k, v in counts.items()]
    click.echo(render_records(records, ["what", "count"], fmt))
