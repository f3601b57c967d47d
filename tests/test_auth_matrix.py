"""The authorisation matrix: every route of the app (``app.url_map``, the report workflow's
included) × anonymous and every role, with the answer each must get.

Answers are read as decisions: **allowed** (anything but the three below: 200, a redirect
elsewhere, 400 for an empty form, 404 for a sample that does not exist, 409 …), **login** (a
redirect to ``/login`` or 401 "You need to log in") and **forbidden** (403). Every request of a
changing method carries the session's CSRF token, so that the role decides, not the token.

The people (``test_auth_support.PEOPLE``): an official, an expert for DE, a reviewer for FR,
an editor and an administrator. The workflow has a DE report for :data:`YEAR` that the expert
started. A route that is not in :data:`MATRIX` (a new one) is checked against the roles its
view declares (``require_role``/``login_required`` set ``auth_roles``): undeclared GET routes
must be readable like any page, and an undeclared changing route fails the test. The whole
table is written to ``tests/artifacts/auth-matrix.md`` for review.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import test_auth_support as support
from test_auth_support import PEOPLE, csrf_token_of, log_in

from lawgraph.accounts import ROLES, AccountStore
from webapp import close_app, create_app

accounts_template = support.accounts_template
review_store_path = support.review_store_path

YEAR = 2025
ARTIFACTS = Path(__file__).parent / "artifacts"
PRINCIPALS = (None, *ROLES)  # None: anonymous

OPEN = "open"  # everyone, even with public_read off
READ = "read"  # everyone with public_read on; any account with it off
ANY = ROLES  # any account
READERS = ("expert", "reviewer", "admin")  # the workflow: DE's expert, reviewers, admins
WRITER = ("expert",)
REVIEWERS = ("reviewer", "admin")

#: (method, endpoint) → OPEN, READ, or the roles allowed (the others: 403; anonymous: login)
MATRIX: dict[tuple[str, str], str | tuple[str, ...]] = {
    ("GET", "static"): OPEN,
    ("GET", "health.healthz"): OPEN,  # monitoring must reach it without an account
    ("GET", "account.login"): OPEN,
    ("POST", "account.login"): OPEN,
    ("POST", "account.logout"): READ,
    ("GET", "account.profile"): ANY,
    ("POST", "account.change_password"): ANY,
    # the pages of the graph, the API, SPARQL and the feeds
    ("GET", "dashboard.index"): READ,
    ("GET", "countries.index"): READ,
    ("GET", "countries.country"): READ,
    ("GET", "provisions.index"): READ,
    ("GET", "provisions.directive"): READ,
    ("GET", "provisions.provision"): READ,
    ("GET", "resources.resource"): READ,
    ("GET", "search.search"): READ,
    ("GET", "sparql.endpoint"): READ,
    ("POST", "sparql.endpoint"): READ,
    ("GET", "api.docs"): READ,
    ("GET", "api.spec"): READ,
    **{
        ("GET", f"api.get_{name}"): READ
        for name in (
            "assessments",
            "countries",
            "countries_code",
            "coverage",
            "diff",
            "directives",
            "gaps",
            "provisions",
            "provisions_celex_path",
            "rulings",
            "rulings_ecli",
        )
    },
    ("GET", "feeds.index"): READ,
    ("GET", "feeds.country"): READ,
    ("GET", "feeds.provision"): READ,
    # bulk data: any account
    ("GET", "data.index"): ANY,
    ("GET", "data.download"): ANY,
    ("GET", "data.table"): ANY,
    # the Law Review: officials, editors, administrators; editing entries: editors
    ("GET", "publish.index"): ("official", "editor", "admin"),
    ("GET", "publish.download"): ("official", "editor", "admin"),
    ("GET", "publish.entry"): ("editor",),
    ("POST", "publish.edit_entry"): ("editor",),
    # accounts: administrators
    ("GET", "admin.users"): ("admin",),
    ("POST", "admin.create_user"): ("admin",),
    ("GET", "admin.user"): ("admin",),
    ("POST", "admin.update_user"): ("admin",),
    ("POST", "admin.set_password"): ("admin",),
    ("POST", "admin.remove_user"): ("admin",),
    # the report workflow (webapp/workflow): experts write their own country's report,
    # reviewers and administrators read every report and review other people's
    ("GET", "workflow.index"): READERS,
    ("POST", "workflow.start"): WRITER,
    ("GET", "workflow.overview"): READERS,
    ("GET", "workflow.section"): READERS,
    ("POST", "workflow.save"): WRITER,
    ("POST", "workflow.add_section"): WRITER,
    ("GET", "workflow.versions"): READERS,
    ("POST", "workflow.restore"): WRITER,
    ("GET", "workflow.markdown"): READERS,
    ("GET", "workflow.check"): READERS,
    ("POST", "workflow.submit"): WRITER,
    ("GET", "workflow.upload"): WRITER,
    ("POST", "workflow.upload"): WRITER,
    ("GET", "workflow.review"): READERS,
    ("POST", "workflow.comment"): REVIEWERS,
    ("POST", "workflow.return_report"): REVIEWERS,
    ("POST", "workflow.approve_report"): REVIEWERS,
    ("GET", "workflow.lookup_view"): ANY,
}

#: sample values of route arguments, by endpoint and then by name
_BY_ENDPOINT = {
    "resources.resource": {"rest": "report/DE/2024"},
    "provisions.provision": {"celex": "32000L0078", "rest": "art_5"},
    "provisions.directive": {"key": "32000L0078"},
    "feeds.provision": {"celex": "32000L0078", "rest": "art_5"},
    "api.get_provisions_celex_path": {"celex": "32000L0043", "path": "8(1)"},
    "api.get_rulings_ecli": {"ecli": "ECLI:EU:C:2023:924"},
    "data.download": {"scope": "DE", "fmt": "nq"},
    "static": {"filename": "style.css"},
}
_BY_NAME = {
    "code": "DE",
    "country": "DE",
    "year": YEAR,
    "username": "tess",
    "key": "AT/2023-11-28/case-law/ecli-eu-c-2023-924",
    "scope": "DE",
    "table": "rulings",
    "section_id": "x",
    "version_id": 1,
    "id": 1,
}


def sample_url(rule) -> str:
    values = {**_BY_NAME, **_BY_ENDPOINT.get(rule.endpoint, {})}
    arguments = {a: values.get(a, "x") for a in rule.arguments}
    return rule.build(arguments, append_unknown=False)[1]


def routes(app) -> list[tuple[str, object]]:
    found = []
    for rule in app.url_map.iter_rules():
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((method, rule))
    return sorted(found, key=lambda mr: (mr[1].rule, mr[0]))


def expected(app, method: str, rule, principal: str | None, public_read: bool) -> str:
    """``allowed``, ``login`` or ``forbidden``."""
    rule_set = MATRIX.get((method, rule.endpoint))
    if rule_set is None:
        rule_set = _declared(app, method, rule)
    if rule_set == OPEN:
        return "allowed"
    if rule_set == READ:
        return "allowed" if principal is not None or public_read else "login"
    if principal is None:
        return "login"
    return "allowed" if principal in rule_set else "forbidden"


def _declared(app, method: str, rule) -> str | tuple[str, ...]:
    roles = getattr(app.view_functions[rule.endpoint], "auth_roles", None)
    if roles:
        return tuple(sorted(roles))
    assert method == "GET", (
        f"{method} {rule.rule} ({rule.endpoint}) declares no roles: guard it with "
        "webapp.auth.require_role or login_required"
    )
    return READ


def decision(response) -> str:
    status = response.status_code
    location = response.headers.get("Location", "")
    if status in (301, 302, 303, 307, 308) and location.startswith("/login"):
        return "login"
    if status == 401 and b"You need to log in" in response.data:
        return "login"
    return "forbidden" if status == 403 else "allowed"


# --- the set-up --------------------------------------------------------------------------
class Matrix:
    """An app with its own store, accounts, drafts; a session cookie and CSRF token per
    principal."""

    def __init__(self, folder: Path, store: Path, accounts: Path, public_read: bool) -> None:
        shutil.copytree(store, folder / "store")
        self.app = support.make_auth_app(
            folder / "store", folder / "app", accounts, LAWGRAPH_PUBLIC_READ=public_read
        )
        AccountStore(folder / "app" / "accounts.sqlite").create(
            "tess", support.PASSWORD, role="official"
        )
        self.sessions: dict[str | None, tuple[str, str]] = {}
        for principal in PRINCIPALS:
            self.log_in(principal)

    def log_in(self, principal: str | None) -> None:
        client = self.app.test_client()
        if principal is not None:
            assert log_in(client, PEOPLE[principal][0]).status_code == 303
        token = csrf_token_of(client, "/login" if principal is None else "/account")
        self.sessions[principal] = (client.get_cookie("lawgraph_session").value, token)

    def client(self, principal: str | None):
        cookie, token = self.sessions[principal]
        client = self.app.test_client()
        client.set_cookie("lawgraph_session", cookie)
        return client, token

    def ask(self, method: str, rule, principal: str | None):
        client, token = self.client(principal)
        data = {"csrf_token": token} if method != "GET" else None
        response = client.open(
            sample_url(rule), method=method, data=data, headers={"Accept": "text/html"}
        )
        response.close()
        if rule.endpoint == "account.logout":
            self.log_in(principal)  # logging out ended the principal's sessions
        return response

    def start_report(self) -> None:
        client, token = self.client("expert")
        answer = client.post("/workflow/DE/start", data={"csrf_token": token, "year": YEAR})
        assert answer.status_code == 303, answer.get_data(as_text=True)[:300]

    def close(self) -> None:
        close_app(self.app)


@pytest.fixture(scope="module")
def matrices(tmp_path_factory, review_store_path, accounts_template):
    made = {}
    for public_read in (True, False):
        folder = tmp_path_factory.mktemp(f"matrix-{'public' if public_read else 'closed'}")
        made[public_read] = Matrix(folder, review_store_path, accounts_template, public_read)
        made[public_read].start_report()
    yield made
    for matrix in made.values():
        matrix.close()


_APP = create_app({"TESTING": True, "LAWGRAPH_STORE": "memory:"})
ROUTES = routes(_APP)
close_app(_APP)


# --- the tests ---------------------------------------------------------------------------
@pytest.mark.parametrize(("method", "rule"), ROUTES, ids=[f"{m} {r.rule}" for m, r in ROUTES])
def test_route_answers_every_role_as_the_matrix_says(matrices, method, rule):
    matrix = matrices[True]
    wrong = []
    for principal in PRINCIPALS:
        want = expected(matrix.app, method, rule, principal, public_read=True)
        answer = matrix.ask(method, rule, principal)
        got = decision(answer)
        if got != want:
            wrong.append(
                f"{principal or 'anonymous'}: expected {want}, got {got} "
                f"({answer.status_code} {answer.headers.get('Location', '')})"
            )
    assert not wrong, f"{method} {sample_url(rule)}: " + "; ".join(wrong)


@pytest.mark.parametrize(("method", "rule"), ROUTES, ids=[f"{m} {r.rule}" for m, r in ROUTES])
def test_with_public_read_off_anonymous_visitors_only_log_in(matrices, method, rule):
    matrix = matrices[False]
    want = expected(matrix.app, method, rule, None, public_read=False)
    answer = matrix.ask(method, rule, None)
    assert decision(answer) == want, (method, sample_url(rule), answer.status_code)
    official = decision(matrix.ask(method, rule, "official"))
    assert official == expected(matrix.app, method, rule, "official", public_read=False)


def test_every_route_is_in_the_matrix_or_declares_its_roles():
    for method, rule in ROUTES:
        if (method, rule.endpoint) not in MATRIX:
            _declared(_APP, method, rule)


def test_the_matrix_names_only_existing_routes():
    existing = {(m, r.endpoint) for m, r in ROUTES}
    assert set(MATRIX) <= existing, sorted(set(MATRIX) - existing)


_MARK = {"allowed": "✓", "forbidden": "403", "login": "login"}


def render_matrix(app) -> str:
    """The matrix as a Markdown table (anonymous twice: public_read on and off)."""
    people = [f"{r} ({PEOPLE[r][2]})" if PEOPLE[r][2] else r for r in ROLES]
    lines = [
        "| method | path | anonymous | anonymous, public_read off | " + " | ".join(people) + " |",
        "|---|---|---|---|" + "---|" * len(ROLES),
    ]
    for method, rule in ROUTES:
        cells = [expected(app, method, rule, None, True), expected(app, method, rule, None, False)]
        cells += [expected(app, method, rule, role, True) for role in ROLES]
        note = "" if (method, rule.endpoint) in MATRIX else " (declared)"
        lines.append(
            f"| {method} | `{rule.rule}`{note} | " + " | ".join(_MARK[c] for c in cells) + " |"
        )
    return "\n".join(lines) + "\n"


def test_write_the_matrix_for_review():
    ARTIFACTS.mkdir(exist_ok=True)
    text = render_matrix(_APP)
    (ARTIFACTS / "auth-matrix.md").write_text(text, encoding="utf-8")
    assert text.count("\n") == len(ROUTES) + 2
