"""Shared set-up of the account, authorisation and publishing tests (imported by
``test_auth*``, ``test_publish*`` and the browser tests).

* one person per role, with one password, created once per session in an accounts database
  that each app gets a copy of (scrypt makes creating accounts slow on purpose);
* the store of the export tests (``test_exports_support``: Austria, Germany, Slovakia and a CJEU
  ruling, with developments, rulings and status changes in 2023-07-01 – 2024-06-30), on disk;
* apps with accounts, the editorial database and the store in a temporary folder, and helpers to
  log in and to read the page's CSRF token.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from test_exports_support import PERIOD, disk_store

from lawgraph.accounts import AccountStore

__all__ = [
    "PASSWORD",
    "PEOPLE",
    "PERIOD",
    "accounts_template",
    "csrf_token_of",
    "log_in",
    "make_auth_app",
    "people_client",
    "review_store_path",
]

PASSWORD = "correct horse battery staple"
#: role → (username, name, country)
PEOPLE = {
    "official": ("olga", "Olga Official", None),
    "expert": ("erik", "Erik Expert", "DE"),
    "reviewer": ("rita", "Rita Reviewer", "FR"),
    "editor": ("edda", "Edda Editor", None),
    "admin": ("adam", "Adam Admin", None),
}
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="session")
def accounts_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An accounts database with the people of :data:`PEOPLE` (copy it; don't change it)."""
    path = tmp_path_factory.mktemp("accounts") / "accounts.sqlite"
    store = AccountStore(path)
    for role, (username, name, country) in PEOPLE.items():
        store.create(username, PASSWORD, role=role, name=name, country=country)
    return path


@pytest.fixture(scope="session")
def review_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The export tests' store, on disk (read it; don't change it)."""
    return disk_store(tmp_path_factory.mktemp("review") / "store")


def make_auth_app(store: Path, folder: Path, accounts: Path | None = None, **config) -> Flask:
    """An app over ``store`` whose accounts (a copy of ``accounts``, if given) and editorial
    database live in ``folder``."""
    from webapp import create_app

    folder.mkdir(parents=True, exist_ok=True)
    if accounts is not None:
        shutil.copy(accounts, folder / "accounts.sqlite")
    settings = {
        "TESTING": True,
        "LAWGRAPH_STORE": str(store),
        "LAWGRAPH_ACCOUNTS": str(folder / "accounts.sqlite"),
        "LAWGRAPH_EDITORIAL": str(folder / "editorial.sqlite"),
        "LAWGRAPH_DRAFTS": str(folder / "drafts.sqlite"),
        "LAWGRAPH_APPROVED": str(folder / "approved"),
        "LAWGRAPH_QUERY_TIMEOUT": 5.0,
    }
    settings.update(config)
    return create_app(settings)


def csrf_token_of(client: FlaskClient, path: str = "/login") -> str:
    """The CSRF token of the client's session, read from a page's form."""
    page = client.get(path, headers={"Accept": "text/html"})
    found = _TOKEN.search(page.get_data(as_text=True))
    assert found, f"no CSRF token on {path} ({page.status_code})"
    return found.group(1)


def log_in(client: FlaskClient, username: str, password: str = PASSWORD, **form):
    token = csrf_token_of(client, "/login")
    return client.post(
        "/login", data={"username": username, "password": password, "csrf_token": token, **form}
    )


def people_client(app: Flask, role: str | None) -> FlaskClient:
    """A client logged in as the person with ``role`` (None: anonymous, with a session)."""
    client = app.test_client()
    if role is None:
        csrf_token_of(client, "/login")
    else:
        answer = log_in(client, PEOPLE[role][0])
        assert answer.status_code == 303, answer.get_data(as_text=True)[:300]
    return client


def test_people_cover_every_role():
    from lawgraph.accounts import ROLES

    assert set(PEOPLE) == set(ROLES)
