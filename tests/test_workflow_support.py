"""Shared set-up of the report-workflow tests (``test_workflow*`` and the browser tests).

* people: two experts of Germany, one of Italy, one expert of Germany who later becomes a
  reviewer, a reviewer and an official, created once per session (scrypt is slow on purpose)
  in an accounts database each app gets a copy of;
* the web app's fixture store (``test_webapp_support``: Germany 2023 and 2024, Italy …), built
  once per session and copied for each app, because approving a report writes to it;
* :class:`Person`: a test client logged in as someone, which sends the page's CSRF token with
  every form and reads a section's form back as form data.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from test_webapp_support import build_fixture_store

from lawgraph.accounts import AccountStore

__all__ = [
    "PASSWORD",
    "PEOPLE",
    "Person",
    "accounts_db",
    "make_workflow_app",
    "store_template",
    "workflow_app",
]

PASSWORD = "a long enough passphrase"
#: username → (role, name, country)
PEOPLE = {
    "anna": ("expert", "Anna Berg", "DE"),
    "bert": ("expert", "Bert Brandt", "DE"),
    "vera": ("expert", "Vera Venn", "DE"),
    "ilse": ("expert", "Ilse Italiano", "IT"),
    "rita": ("reviewer", "Rita Reviewer", "FR"),
    "olga": ("official", "Olga Official", None),
}
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="session")
def accounts_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The accounts of :data:`PEOPLE` (copy it; don't change it)."""
    path = tmp_path_factory.mktemp("wf-accounts") / "accounts.sqlite"
    accounts = AccountStore(path)
    for username, (role, name, country) in PEOPLE.items():
        accounts.create(username, PASSWORD, role=role, name=name, country=country)
    return path


@pytest.fixture(scope="session")
def store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The web app's fixture store, closed (copy it; don't change it)."""
    return build_fixture_store(tmp_path_factory.mktemp("wf-store") / "store")


def make_workflow_app(folder: Path, store_template: Path, accounts: Path, **config: Any) -> Flask:
    """An app with its own copy of the store and the accounts, and its drafts database and
    approved reports in ``folder``."""
    from webapp import create_app

    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(store_template, folder / "store")
    shutil.copy(accounts, folder / "accounts.sqlite")
    settings = {
        "TESTING": True,
        "LAWGRAPH_STORE": str(folder / "store"),
        "LAWGRAPH_ACCOUNTS": str(folder / "accounts.sqlite"),
        "LAWGRAPH_EDITORIAL": str(folder / "editorial.sqlite"),
        "LAWGRAPH_DRAFTS": str(folder / "drafts.sqlite"),
        "LAWGRAPH_APPROVED": str(folder / "approved"),
        "LAWGRAPH_QUERY_TIMEOUT": 5.0,
    }
    settings.update(config)
    return create_app(settings)


@pytest.fixture
def workflow_app(tmp_path: Path, store_template: Path, accounts_db: Path) -> Iterator[Flask]:
    from webapp import close_app

    app = make_workflow_app(tmp_path, store_template, accounts_db)
    yield app
    close_app(app)


class Person:
    """A test client logged in as ``username``; forms carry the session's CSRF token."""

    def __init__(self, app: Flask, username: str | None) -> None:
        self.app = app
        self.username = username
        self.client: FlaskClient = app.test_client()
        if username is not None:
            token = self.page_token("/login")
            answer = self.client.post(
                "/login", data={"username": username, "password": PASSWORD, "csrf_token": token}
            )
            assert answer.status_code == 303, answer.get_data(as_text=True)[:300]
        self.token = self.page_token("/login" if username is None else "/account")

    def page_token(self, path: str) -> str:
        found = _TOKEN.search(self.client.get(path).get_data(as_text=True))
        assert found, f"no CSRF token on {path}"
        return found.group(1)

    def get(self, path: str, **kwargs: Any):
        return self.client.get(path, **kwargs)

    def json(self, path: str) -> dict[str, Any]:
        answer = self.client.get(path, headers={"Accept": "application/json"})
        assert answer.status_code == 200, (
            path,
            answer.status_code,
            answer.get_data(as_text=True)[:500],
        )
        return answer.get_json()

    def post(self, path: str, data: dict[str, Any] | None = None, **kwargs: Any):
        return self.client.post(path, data={"csrf_token": self.token, **(data or {})}, **kwargs)

    # --- the workflow ------------------------------------------------------------------------
    def start(self, code: str = "DE", year: int = 2025) -> dict[str, Any]:
        answer = self.post(f"/workflow/{code}/start", {"year": str(year)})
        assert answer.status_code == 303, answer.get_data(as_text=True)[:500]
        return self.json(f"/workflow/{code}/{year}")

    def section(self, code: str, year: int, section_id: str) -> dict[str, Any]:
        return self.json(f"/workflow/{code}/{year}/section/{section_id}")

    def save(
        self,
        code: str,
        year: int,
        section_id: str,
        changes: dict[str, str] | None = None,
        *,
        based_on: dict[str, Any] | None = None,
        **kwargs: Any,
    ):
        """Post the section's form as last read (``based_on``, else read now) with ``changes``."""
        shown = based_on or self.section(code, year, section_id)
        return self.post(
            f"/workflow/{code}/{year}/section/{section_id}",
            {**form_of(shown), **(changes or {})},
            **kwargs,
        )


def form_of(shown: dict[str, Any]) -> dict[str, str]:
    """The form data a section page's form sends, from the page's JSON twin."""
    content = shown["content"]
    form = {"base": str(shown["base"])}
    if content["kind"] == "meta":
        form.update(
            {
                f"meta-{k}": v
                for k, v in content["fields"].items()
                if k not in ("country", "reporting_year")
            }
        )
        form["preamble"] = content.get("preamble", "")
        return form
    form.update(heading=content["heading"], level=str(content["level"]), prose=content["prose"])
    for kind, rows in shown["rows"].items():
        for number, row in enumerate(rows):
            form.update({f"{kind}-{number}-{k}": v for k, v in row["fields"].items()})
    return form


def section_id(overview: dict[str, Any], title: str) -> str:
    """The id of the first section whose title contains ``title``."""
    return next(s["id"] for s in overview["sections"] if title in s["title"])


def test_people_have_the_roles_the_tests_need():
    roles = {role for role, _, _ in PEOPLE.values()}
    assert {"expert", "reviewer", "official"} <= roles
