"""``lawgraph cases``: questions about the case law in the store.

lawgraph cases leading "2000/78 Art 2(2)(b)"     # leading cases on a provision
lawgraph cases line "2000/78 Art 6(1)"           # the line of case law, oldest first
lawgraph cases concept burden-of-proof           # across directives, via the concept map
lawgraph cases cross-country                     # rulings citing rulings from other countries
lawgraph cases uncovered --directive 2000/78     # mandatory articles no ruling interprets
"""

from __future__ import annotations

from collections.abc import Sequence

import click
from rdflib import URIRef

from lawgraph.caselaw.network import (
    CaseLawEntry,
    case_law_line,
    concept_case_law,
    cross_country_citations,
    leading_cases,
    provisions_without_case_law,
)
from lawgraph.cli import Context, main, pass_context
from lawgraph.errors import InputError
from lawgraph.output import render_records
from lawgraph.refdata import reference_index
from lawgraph.reports.blocks import resolve_provision
from lawgraph.sources import Location
from lawgraph.vocab import concept_iri

ENTRY_COLUMNS = ("ruling", "ecli", "date", "country", "provisions", "cited_by", "pagerank")
_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)


@main.group()
def cases() -> None:
    """Case law in the store: leading cases, lines of case law, concepts, coverage."""


def _provision(text: str) -> URIRef:
    return resolve_provision(text, "command line", Location("command line")).iri


def _echo(
    records: Sequence[dict[str, object]], columns: Sequence[str], fmt: str, empty: str
) -> None:
    if not records and fmt == "table":
        click.echo(empty)
        return
    click.echo(render_records(records, columns, fmt))


def _entries(entries: list[CaseLawEntry], fmt: str, empty: str) -> None:
    _echo([e.record() for e in entries], ENTRY_COLUMNS, fmt, empty)


@cases.command()
@click.argument("provision")
@click.option("--limit", default=10, show_default=True, help="How many rulings to show.")
@click.option("--exact", is_flag=True, help="Only the provision itself, not its parts.")
@_FORMAT
@pass_context
def leading(ctx: Context, provision: str, limit: int, exact: bool, fmt: str) -> None:
    """The leading cases on PROVISION (e.g. "2000/78 Art 2(2)(b)"): rulings interpreting it or
    its parts, most cited first."""
    iri = _provision(provision)
    found = leading_cases(ctx.store(read_only=True), iri, include_parts=not exact, limit=limit)
    _entries(found, fmt, f"No ruling in the store interprets {provision}.")


@cases.command()
@click.argument("provision")
@click.option("--exact", is_flag=True, help="Only the provision itself, not its parts.")
@_FORMAT
@pass_context
def line(ctx: Context, provision: str, exact: bool, fmt: str) -> None:
    """The line of case law on PROVISION, oldest ruling first."""
    iri = _provision(provision)
    found = case_law_line(ctx.store(read_only=True), iri, include_parts=not exact)
    _entries(found, fmt, f"No ruling in the store interprets {provision}.")


@cases.command()
@click.argument("name")
@_FORMAT
@pass_context
def concept(ctx: Context, name: str, fmt: str) -> None:
    """All case law on a legal concept across directives, e.g. burden-of-proof."""
    known = {str(iri).rsplit("/", 1)[-1]: iri for iri in reference_index().concepts}
    key = "-".join(name.lower().split())
    if key not in known:
        raise InputError(
            "command line",
            None,
            f"unknown concept {name!r}; the concepts are {', '.join(sorted(known))}",
        )
    found = concept_case_law(ctx.store(read_only=True), concept_iri(key))
    _entries(found, fmt, f"No ruling in the store interprets a provision on {key}.")


@cases.command("cross-country")
@_FORMAT
@pass_context
def cross_country(ctx: Context, fmt: str) -> None:
    """Rulings citing rulings given on references from (or against) another country."""
    rows = cross_country_citations(ctx.store(read_only=True))
    columns = ("citing", "citing_country", "citing_date", "cited", "cited_country", "cited_date")
    _echo(rows, columns, fmt, "No ruling in the store cites a ruling from another country.")


@cases.command()
@click.option("--directive", help="Only this directive, e.g. 2000/78 or RED.")
@_FORMAT
@pass_context
def uncovered(ctx: Context, directive: str | None, fmt: str) -> None:
    """Mandatory articles that no ruling in the store interprets, in whole or in part."""
    iri = None
    if directive:
        info = reference_index().directive(directive)
        if info is None:
            raise InputError("--directive", None, f"unknown directive {directive!r}")
        iri = info.iri
    rows = provisions_without_case_law(ctx.store(read_only=True), iri)
    _echo(
        rows,
        ("provision", "heading", "directive"),
        fmt,
        "Every mandatory article is interpreted by at least one ruling in the store.",
    )
