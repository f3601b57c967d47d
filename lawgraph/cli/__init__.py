"""The ``lawgraph`` command line.

Every command takes the store from ``--store`` or ``LAWGRAPH_STORE`` (a directory for the
embedded store, a URL for a SPARQL server). Errors are printed as one clear line on stderr with a
non-zero exit code: 1 for a failed operation, 2 for a usage error. Structured logs (ingests,
rejections, assessments, operations) go to stderr when the ``log_format`` or ``log_level``
setting asks for them (:mod:`lawgraph.logging`); otherwise a command logs nothing.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from lawgraph.config import Settings, load_settings
from lawgraph.errors import LawgraphError
from lawgraph.logging import configure_if_requested
from lawgraph.store import GraphStore, open_store

__all__ = ["Context", "main", "pass_context"]


class Context:
    """What every command gets: the settings and, opened on first use, the store."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._store: GraphStore | None = None

    def store(self, *, read_only: bool = False) -> GraphStore:
        if self._store is None:
            self._store = open_store(
                self.settings.store, read_only=read_only, timeout=self.settings.store_timeout
            )
        return self._store

    def close(self) -> None:
        """Close the store; a failure to write at close (disk full) is one clear line too."""
        if self._store is not None:
            store, self._store = self._store, None
            try:
                store.close()
            except LawgraphError as exc:
                click.echo(f"error: {exc}", err=True)
                sys.exit(1)


pass_context = click.make_pass_decorator(Context)


class _Group(click.Group):
    """Turns lawgraph's errors into one readable line and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LawgraphError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    metavar="PATH|URL",
    help="Embedded store directory or SPARQL server URL [env LAWGRAPH_STORE; default var/store].",
)
@click.version_option(package_name="lawgraph")
@click.pass_context
def main(ctx: click.Context, store: str | None) -> None:
    """lawgraph: where national anti-discrimination law falls short of the EU equality
    directives, with the evidence."""
    try:
        settings = load_settings().with_overrides(store=store)
        configure_if_requested(settings, quiet=True)
    except LawgraphError as exc:
        raise click.UsageError(str(exc)) from exc
    context = Context(settings)
    ctx.obj = context
    ctx.call_on_close(context.close)


def _load_commands() -> None:
    """Import every ``lawgraph/cli/*_commands.py``; each registers its commands on ``main``."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        if module.name.endswith("_commands"):
            importlib.import_module(f"{__name__}.{module.name}")


_load_commands()
