"""Web commands: ``lawgraph serve`` (the web app, development server) and ``lawgraph demo``
(build the store from the bundled corpus, then serve it).

In production run the app under gunicorn against an Oxigraph server::

    LAWGRAPH_STORE=http://127.0.0.1:7878 gunicorn -w 2 -k gthread --threads 4 'webapp:create_app()'
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from lawgraph.cli import Context, main, pass_context
from lawgraph.errors import LawgraphError

_HOST = click.option("--host", default="127.0.0.1", show_default=True,
                     help="Interface to listen on (keep 127.0.0.1 unless behind a proxy).")
_PORT = click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535),
                     help="TCP port.")


def _serve(store: str, host: str, port: int) -> None:
    from webapp import create_app

    app = create_app({"LAWGRAPH_STORE": store})
    click.echo(f"Serving lawgraph on http://{host}:{port}/ (store: {store}); Ctrl+C to stop.")
    click.echo("This is Flask's development server; for production see `lawgraph serve --help`.")
    app.run(host=host, port=port, threaded=True, use_reloader=False, debug=False)


@main.command("serve")
@_HOST
@_PORT
@pass_context
def serve_command(ctx: Context, host: str, port: int) -> None:
    """Serve the web app (Flask's development server). The store is opened read-only and
    reopened when an ingest changes it.

    In production use gunicorn, with the store on an Oxigraph server:

    \b
    LAWGRAPH_STORE=http://127.0.0.1:7878 gunicorn -w 2 -k gthread --threads 4 'webapp:create_app()'
    """
    _serve(ctx.settings.store, host, port)


def _corpus_folders(corpus: str) -> list[Path]:
    root = Path(corpus)
    folders = [root / name for name in ("country_reports", "case_law") if (root / name).is_dir()]
    if not folders:
        raise click.ClickException(
            f"no country_reports/ or case_law/ folder under {root.resolve()}: set LAWGRAPH_CORPUS "
            "to the folder that holds them")
    return folders


def _summary(store) -> str:
    from lawgraph.gaps import GAP_STATUSES
    from lawgraph.stats import store_stats
    from lawgraph.vocab import sparql_prefixes

    counts = store_stats(store)
    rows = store.select(sparql_prefixes() + """
SELECT (COUNT(DISTINCT ?c) AS ?countries) (MIN(STR(?y)) AS ?first) (MAX(STR(?y)) AS ?last)
WHERE { ?r a lg:CountryReport ; lg:country ?c ; lg:reportingYear ?y }""")
    row = rows[0] if rows else {}
    gaps = store.select(sparql_prefixes() + "SELECT (COUNT(?a) AS ?n) WHERE { ?a a lg:Assessment ; "
                        "lg:status ?s FILTER (?s IN (" + ", ".join(
                            f"<https://w3id.org/lawgraph/id/status/{s}>" for s in GAP_STATUSES) + ")) }")
    return (f"{counts['country reports']} country reports ({row.get('countries', 0)} countries, "
            f"{row.get('first', '–')}–{row.get('last', '–')}), {counts['rulings']} rulings, "
            f"{counts['national measures']} national measures, {counts['assessments']} assessments "
            f"({gaps[0]['n'] if gaps else 0} gaps), {counts['quads']} quads.")


def build_demo_store(location: str, corpus: str, *, timeout: float | None = None) -> None:
    """Create or refresh the store: reference data, the bundled corpus, assessments."""
    import lawgraph
    from lawgraph.logging import logged_assess, logged_ingest

    folders = _corpus_folders(corpus)
    store = lawgraph.open_store(location, timeout=timeout)
    try:
        lawgraph.init(store)
        click.echo(f"Reference data loaded into {store.location}.")
        result = logged_ingest(store, folders)
        click.echo(result.text())
        summary = logged_assess(store)
        click.echo(f"Assessments recomputed ({summary.assessments} assessments).")
        click.echo("Store ready: " + _summary(store))
    finally:
        store.close()


@main.command("demo")
@click.option("--store", "store_dir", metavar="DIR",
              help="Store to build [default: the --store/LAWGRAPH_STORE setting, var/store].")
@_HOST
@_PORT
@click.option("--no-serve", is_flag=True, help="Build the store, print the summary, and stop.")
@pass_context
def demo_command(ctx: Context, store_dir: str | None, host: str, port: int, no_serve: bool) -> None:
    """Build the store from the bundled corpus (reference data, country reports, case law,
    assessments), then serve the web app on it. Run again to refresh: unchanged files are
    skipped."""
    location = store_dir or ctx.settings.store
    try:
        build_demo_store(location, ctx.settings.corpus, timeout=ctx.settings.store_timeout)
    except LawgraphError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    if not no_serve:
        _serve(location, host, port)
