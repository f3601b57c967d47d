"""Account commands (:mod:`lawgraph.accounts`), for the server's operator::

    lawgraph users add anna --role expert --country DE --name "Anna Berg"   # asks the password
    printf '%s\\n' "$PASSWORD" | lawgraph users add anna --role editor --password-stdin
    lawgraph users list
    lawgraph users set-role anna reviewer
    lawgraph users set-country anna AT
    lawgraph users set-password anna
    lawgraph users remove anna --yes

The database is ``--accounts``, else the ``accounts`` setting (``LAWGRAPH_ACCOUNTS``), else
``var/accounts.sqlite``. Passwords are read from the terminal (hidden, asked twice) or, with
``--password-stdin``, from the first line of standard input; they never appear in arguments,
output or logs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from lawgraph.accounts import (
    DEFAULT_PATH,
    ROLES,
    AccountError,
    AccountStore,
    normalise_username,
)
from lawgraph.cli import Context, main, pass_context
from lawgraph.output import FORMATS, render_records

_ACCOUNTS = click.option(
    "--accounts",
    "accounts",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Accounts database [env LAWGRAPH_ACCOUNTS; default var/accounts.sqlite].",
)
_PASSWORD_STDIN = click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from the first line of standard input (for scripts).",
)


def _store(ctx: Context, given: Path | None) -> AccountStore:
    return AccountStore(given or getattr(ctx.settings, "accounts", None) or DEFAULT_PATH)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        if not line:
            raise click.UsageError("--password-stdin: standard input is empty")
        return line.rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def _run(action):
    """Account errors as one line on stderr and exit code 1."""
    try:
        return action()
    except AccountError as exc:
        raise click.ClickException(exc.message) from None


@main.group("users")
def users_group() -> None:
    """Manage accounts of the web app: officials, experts, reviewers, editors, admins."""


@users_group.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--country", help="EU country code (required for experts), e.g. DE.")
@click.option("--name", default="", help="Full name, as shown in the app.")
@_PASSWORD_STDIN
@_ACCOUNTS
@pass_context
def add(ctx, username, role, country, name, password_stdin, accounts) -> None:
    """Create the account USERNAME."""
    store = _store(ctx, accounts)
    if _run(lambda: store.get(normalise_username(username))) is not None:  # before the prompt
        raise click.ClickException(f"the username {username.strip().lower()!r} is taken")
    if role == "expert" and not country:
        raise click.UsageError("an expert needs --country (an EU code such as DE)")
    user = _run(
        lambda: store.create(
            username, _password(password_stdin), role=role, name=name, country=country
        )
    )
    where = f" for {user.country}" if user.country else ""
    click.echo(f"{store.path}: account {user.username} created ({user.role}{where})")


@users_group.command("remove")
@click.argument("username")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@_ACCOUNTS
@pass_context
def remove(ctx, username, yes, accounts) -> None:
    """Remove the account USERNAME (its sessions end at once)."""
    store = _store(ctx, accounts)
    if not yes:
        click.confirm(f"Remove the account {username}?", abort=True)
    user = _run(lambda: store.remove(username))
    click.echo(f"{store.path}: account {user.username} removed")


@users_group.command("list")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@_ACCOUNTS
@pass_context
def list_users(ctx, fmt, accounts) -> None:
    """Every account: username, name, role, country, state."""
    users = _run(lambda: _store(ctx, accounts).users())
    records = [
        u.record() | {"country": u.country or "", "active": "yes" if u.active else "no"}
        for u in users
    ]
    click.echo(render_records(records, ["username", "name", "role", "country", "active"], fmt))


@users_group.command("set-role")
@click.argument("username")
@click.argument("role", type=click.Choice(ROLES))
@click.option("--country", help="EU country code (when the new role is expert).")
@_ACCOUNTS
@pass_context
def set_role(ctx, username, role, country, accounts) -> None:
    """Give USERNAME the role ROLE (their sessions end)."""
    store = _store(ctx, accounts)
    user = _run(lambda: store.set_role(username, role, country=country))
    click.echo(
        f"{store.path}: {user.username} is now {user.role}"
        + (f" ({user.country})" if user.country else "")
    )


@users_group.command("set-country")
@click.argument("username")
@click.argument("country")
@_ACCOUNTS
@pass_context
def set_country(ctx, username, country, accounts) -> None:
    """Set the country of USERNAME (an EU code; '-' for none)."""
    store = _store(ctx, accounts)
    user = _run(lambda: store.set_country(username, None if country == "-" else country))
    click.echo(f"{store.path}: {user.username} country {user.country or 'none'}")


@users_group.command("set-password")
@click.argument("username")
@_PASSWORD_STDIN
@_ACCOUNTS
@pass_context
def set_password(ctx, username, password_stdin, accounts) -> None:
    """Set a new password for USERNAME (their sessions end)."""
    store = _store(ctx, accounts)
    if store.get(username) is None:  # before asking for a password
        raise click.ClickException(f"there is no account {username[:70]!r}")
    user = _run(lambda: store.set_password(username, _password(password_stdin)))
    click.echo(f"{store.path}: new password set for {user.username}")
