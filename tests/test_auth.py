"""Logging in and out, sessions, CSRF, the login rate limit, the public-read switch, the secret
key, account pages and administration (``webapp.auth`` and its views)."""

from __future__ import annotations

import json
import logging
import re
import stat

import pytest
import test_auth_support as support
import test_webapp_support as web
from test_auth_support import PASSWORD, PEOPLE, csrf_token_of, log_in, people_client
from test_webapp_a11y import _Page

from lawgraph.accounts import AccountStore, User
from lawgraph.errors import InputError
from webapp import close_app, create_app
from webapp.auth import can_review, can_write_country, require_role, safe_next

# the shared fixtures, under the names tests ask for
accounts_template = support.accounts_template
fixture_store_path = web.fixture_store_path


@pytest.fixture
def app(fixture_store_path, accounts_template, tmp_path):
    application = support.make_auth_app(fixture_store_path, tmp_path / "app", accounts_template)
    yield application
    close_app(application)


@pytest.fixture
def client(app):
    return app.test_client()


def _users(app) -> AccountStore:
    return app.extensions["lawgraph.accounts"]


# --- logging in and out ------------------------------------------------------------------
def test_login_sets_a_hardened_session_cookie_and_logout_ends_it(client):
    answer = log_in(client, "OLGA", next="/country/DE")
    assert answer.status_code == 303 and answer.headers["Location"] == "/country/DE"
    cookie = answer.headers["Set-Cookie"]
    assert cookie.startswith("lawgraph_session=")
    for flag in ("HttpOnly", "Secure", "SameSite=Lax", "Expires="):
        assert flag in cookie, flag
    page = client.get("/account")
    assert page.status_code == 200 and "Olga Official" in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "private, no-store"
    copied = client.get_cookie("lawgraph_session").value
    token = csrf_token_of(client, "/account")
    assert client.post("/logout", data={"csrf_token": token}).status_code == 303
    gone = client.get("/account")
    assert gone.status_code == 302 and gone.headers["Location"].startswith("/login?next=")
    thief = client.application.test_client()
    thief.set_cookie("lawgraph_session", copied)
    assert thief.get("/account").status_code == 302  # logging out ended the session itself


def test_login_rotates_the_session(client):
    before = csrf_token_of(client, "/login")
    log_in(client, "olga")
    after = csrf_token_of(client, "/account")
    assert before != after


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/country/DE?year=2024", "/country/DE?year=2024"),
        ("/publish", "/publish"),
        ("", "/"),
        (None, "/"),
        ("https://evil.example/", "/"),
        ("//evil.example/x", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("/ok\r\nSet-Cookie: x=1", "/"),
        ("relative/path", "/"),
    ],
)
def test_after_login_only_local_paths(target, expected):
    assert safe_next(target) == expected


def test_wrong_password_is_401_and_logged_without_the_password(client, caplog):
    with caplog.at_level(logging.WARNING, logger="lawgraph.auth"):
        answer = log_in(client, "olga", "wrong password, long enough")
    assert answer.status_code == 401
    assert "Wrong username or password" in answer.get_data(as_text=True)
    events = [r for r in caplog.records if getattr(r, "event", None) == "auth-failure"]
    assert events and events[-1].user == "olga" and events[-1].path == "/login"
    assert all("wrong password, long enough" not in r.getMessage() for r in caplog.records)


def test_unknown_user_gets_the_same_answer(client):
    answer = log_in(client, "nobody")
    assert answer.status_code == 401
    assert "Wrong username or password" in answer.get_data(as_text=True)


def test_deactivated_accounts_cannot_log_in_and_lose_their_sessions(app):
    client = people_client(app, "official")
    _users(app).set_active("olga", False)
    assert client.get("/account").status_code == 302
    answer = log_in(app.test_client(), "olga")
    assert answer.status_code == 401 and "deactivated" in answer.get_data(as_text=True)


# --- the rate limit ----------------------------------------------------------------------
def test_five_failures_then_429_with_retry_after(app):
    client = app.test_client()
    for _ in range(5):
        assert log_in(client, "olga", "not the password at all").status_code == 401
    limited = log_in(client, "olga")  # even the right password waits
    assert limited.status_code == 429
    wait = int(limited.headers["Retry-After"])
    assert 0 < wait <= 601
    assert "Too many failed logins" in limited.get_data(as_text=True)
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "10.1.2.3"
    assert log_in(other, "olga").status_code == 303  # another address is not held up
    throttle = app.extensions["lawgraph.login_throttle"]
    later = throttle.clock() + wait
    throttle.clock = lambda: later
    assert log_in(client, "olga").status_code == 303


def test_the_limit_is_configurable(fixture_store_path, accounts_template, tmp_path):
    app = support.make_auth_app(
        fixture_store_path, tmp_path, accounts_template, LOGIN_MAX_FAILURES=2
    )
    client = app.test_client()
    log_in(client, "olga", "wrong wrong wrong")
    log_in(client, "olga", "wrong wrong wrong")
    assert log_in(client, "olga").status_code == 429
    close_app(app)


# --- CSRF --------------------------------------------------------------------------------
def _post_routes(app):
    for rule in app.url_map.iter_rules():
        for method in sorted((rule.methods or set()) - {"GET", "HEAD", "OPTIONS"}):
            if rule.endpoint != "sparql.endpoint":
                yield method, rule


def _sample_url(rule) -> str:
    from test_auth_matrix import sample_url

    return sample_url(rule)


@pytest.mark.parametrize("token", [None, "forged", "stale"])
def test_every_form_refuses_a_post_without_the_csrf_token(app, token):
    client = people_client(app, "admin")  # allowed everywhere it matters
    stale = csrf_token_of(app.test_client(), "/login")  # another session's token
    sent = {None: {}, "forged": {"csrf_token": "forged"}, "stale": {"csrf_token": stale}}[token]
    checked = 0
    for method, rule in _post_routes(app):
        answer = client.open(
            _sample_url(rule),
            method=method,
            data={
                **sent,
                "username": "mallory",
                "role": "admin",
                "password": PASSWORD,
                "title": "x",
                "summary": "y",
            },
        )
        assert answer.status_code == 400, (method, rule.rule, answer.status_code)
        assert "CSRF" in answer.get_data(as_text=True)
        checked += 1
    assert checked >= 7
    assert _users(app).get("mallory") is None
    assert _users(app).get("adam").role == "admin"


def test_forged_post_is_refused_as_problem_json_for_scripts(app):
    client = people_client(app, "admin")
    answer = client.post(
        "/admin/users", json={"username": "mallory"}, headers={"Accept": "application/json"}
    )
    assert answer.status_code == 400
    assert answer.mimetype == "application/problem+json"
    assert "CSRF" in answer.get_json()["detail"]


def test_the_token_may_come_in_a_header(app):
    client = people_client(app, "admin")
    token = csrf_token_of(client, "/account")
    answer = client.post(
        "/admin/users",
        headers={"X-CSRF-Token": token},
        data={"username": "nina", "role": "official", "password": PASSWORD},
    )
    assert answer.status_code == 303
    assert _users(app).get("nina") is not None


def test_the_sparql_protocol_needs_no_token(client):
    answer = client.post(
        "/sparql",
        data={"query": "ASK { ?s ?p ?o }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert answer.status_code == 200


# --- sessions end when the account changes -----------------------------------------------
@pytest.mark.parametrize(
    "change",
    [
        lambda users: users.set_password("olga", "a brand new passphrase"),
        lambda users: users.set_role("olga", "editor"),
        lambda users: users.set_active("olga", False),
        lambda users: users.remove("olga"),
    ],
    ids=["password", "role", "deactivated", "removed"],
)
def test_sessions_end_when_the_account_changes(app, change):
    client = people_client(app, "official")
    assert client.get("/account").status_code == 200
    change(_users(app))
    assert client.get("/account").status_code == 302


def test_a_session_cookie_from_another_key_is_ignored(app, fixture_store_path, tmp_path):
    client = people_client(app, "official")
    cookie = client.get_cookie("lawgraph_session").value
    other = support.make_auth_app(
        fixture_store_path, tmp_path / "other", app.config["LAWGRAPH"].accounts
    )
    stranger = other.test_client()
    stranger.set_cookie("lawgraph_session", cookie)
    assert stranger.get("/account").status_code == 302
    close_app(other)


# --- public reading ----------------------------------------------------------------------
@pytest.fixture
def closed_app(fixture_store_path, accounts_template, tmp_path):
    application = support.make_auth_app(
        fixture_store_path, tmp_path / "closed", accounts_template, LAWGRAPH_PUBLIC_READ=False
    )
    yield application
    close_app(application)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/country/DE",
        "/report/DE/2024",
        "/search?q=AGG",
        "/feeds",
        "/feeds/country/DE.atom",
        "/sparql",
        "/nothing",
    ],
)
def test_public_read_off_pages_need_an_account(closed_app, url):
    client = closed_app.test_client()
    page = client.get(url, headers={"Accept": "text/html"})
    assert page.status_code == 302
    assert page.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize(
    ("url", "accept"),
    [
        ("/api/v1/countries", None),
        ("/country/DE.json", None),
        ("/?format=json", None),
        ("/sparql?query=ASK%7B%7D", "application/sparql-results+json"),
    ],
)
def test_public_read_off_data_clients_get_401(closed_app, url, accept):
    answer = closed_app.test_client().get(url, headers={"Accept": accept or "application/json"})
    assert answer.status_code == 401
    assert "log in" in answer.get_data(as_text=True)


def test_public_read_off_login_and_static_stay_open(closed_app):
    client = closed_app.test_client()
    assert client.get("/login").status_code == 200
    with client.get("/static/style.css") as style:
        assert style.status_code == 200
    assert client.get("/healthz").status_code != 302
    page = client.get("/login")
    assert "Reading this site needs an account" in page.get_data(as_text=True)


@pytest.mark.parametrize("role", list(PEOPLE))
def test_public_read_off_every_role_reads(closed_app, role):
    client = people_client(closed_app, role)
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/countries").status_code == 200


def test_login_returns_to_the_page_asked_for(closed_app):
    client = closed_app.test_client()
    target = client.get("/country/DE?year=2024").headers["Location"]
    assert target == "/login?next=/country/DE?year%3D2024"
    answer = log_in(client, "olga", next="/country/DE?year=2024")
    assert answer.headers["Location"] == "/country/DE?year=2024"
    assert client.get("/country/DE?year=2024").status_code == 200


# --- cached pages and the account menu ---------------------------------------------------
def test_cached_pages_never_show_one_visitor_to_another(app):
    official = people_client(app, "official")
    anonymous = app.test_client()
    mine = official.get("/").get_data(as_text=True)
    theirs = anonymous.get("/").get_data(as_text=True)
    assert "Olga Official" in mine and "Log out" in mine
    assert "Olga Official" not in theirs and "Log out" not in theirs and ">Log in<" in theirs
    assert "csrf_token" not in theirs
    editor = people_client(app, "editor").get("/").get_data(as_text=True)
    assert "Edda Editor" in editor and "Olga" not in editor


def test_anonymous_answers_do_not_vary_on_cookies(client):
    answer = client.get("/countries")
    assert answer.headers["Vary"] == "Accept"
    assert "Set-Cookie" not in answer.headers


@pytest.mark.parametrize(
    ("role", "links"),
    [
        (None, {"/login"}),
        ("official", {"/publish", "/data", "/account"}),
        ("expert", {"/workflow/", "/data", "/account"}),
        ("editor", {"/publish", "/data", "/account"}),
        ("admin", {"/workflow/", "/publish", "/data", "/admin/users", "/account"}),
    ],
)
def test_the_account_menu_offers_what_the_role_may_use(app, role, links):
    page = people_client(app, role).get("/directives").get_data(as_text=True)
    if "workflow.index" not in app.view_functions:  # the report workflow is not installed
        links = links - {"/workflow/"}
    menu = page.split('aria-label="Account"', 1)[1].split("</nav>", 1)[0]
    found = {href.split("?")[0] for href in re.findall(r'href="([^"]+)"', menu)}
    assert found == links


# --- the secret key ----------------------------------------------------------------------
def test_the_secret_key_is_made_once_and_kept_private(fixture_store_path, tmp_path):
    config = {
        "LAWGRAPH_STORE": str(fixture_store_path),
        "LAWGRAPH_ACCOUNTS": str(tmp_path / "var" / "accounts.sqlite"),
    }
    first = create_app(config)
    key_file = tmp_path / "var" / "secret_key"
    assert key_file.exists() and stat.S_IMODE(key_file.stat().st_mode) == 0o600
    second = create_app(config)
    assert first.secret_key == second.secret_key == key_file.read_text().strip()
    assert len(first.secret_key) == 64
    close_app(first)
    close_app(second)


def test_a_configured_secret_key_is_used_and_must_be_long(fixture_store_path, tmp_path):
    base = {
        "LAWGRAPH_STORE": str(fixture_store_path),
        "LAWGRAPH_ACCOUNTS": str(tmp_path / "accounts.sqlite"),
    }
    app = create_app({**base, "LAWGRAPH_SECRET_KEY": "k" * 40})
    assert app.secret_key == "k" * 40 and not (tmp_path / "secret_key").exists()
    close_app(app)
    with pytest.raises(InputError, match="at least 32 characters"):
        create_app({**base, "LAWGRAPH_SECRET_KEY": "short"})


def test_a_test_app_without_a_key_writes_nothing(fixture_store_path, tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "LAWGRAPH_STORE": str(fixture_store_path),
            "LAWGRAPH_ACCOUNTS": str(tmp_path / "accounts.sqlite"),
        }
    )
    assert len(app.secret_key) == 64 and list(tmp_path.iterdir()) == []
    close_app(app)


# --- policy ------------------------------------------------------------------------------
def _user(role, country=None, username="someone", active=True):
    return User(1, username, "", role, country, active)


@pytest.mark.parametrize(
    ("user", "code", "expected"),
    [
        (_user("expert", "DE"), "DE", True),
        (_user("expert", "DE"), "de", True),
        (_user("expert", "DE"), "DEU", True),
        (_user("expert", "EL"), "GR", True),
        (_user("expert", "DE"), "FR", False),
        (_user("expert", "DE", active=False), "DE", False),
        (_user("expert", None), "DE", False),
        (_user("reviewer", "DE"), "DE", False),
        (_user("admin"), "DE", False),
        (_user("editor"), "DE", False),
        (_user("official"), "DE", False),
        (None, "DE", False),
        (_user("expert", "DE"), "", False),
        (_user("expert", "DE"), "XX", False),
    ],
)
def test_can_write_country(user, code, expected):
    assert can_write_country(user, code) is expected


@pytest.mark.parametrize(
    ("user", "owner", "expected"),
    [
        (_user("reviewer", username="rita"), "erik", True),
        (_user("admin", username="adam"), "erik", True),
        (_user("reviewer", username="rita"), "rita", False),
        (_user("reviewer", username="rita"), "RITA", False),
        (_user("admin", username="adam"), "adam", False),
        (_user("reviewer", username="rita", active=False), "erik", False),
        (_user("expert", "DE", username="erik"), "otto", False),
        (_user("editor", username="edda"), "erik", False),
        (_user("official", username="olga"), "erik", False),
        (None, "erik", False),
        (_user("reviewer", username="rita"), "", False),
    ],
)
def test_can_review(user, owner, expected):
    assert can_review(user, owner) is expected


def test_require_role_knows_the_roles():
    with pytest.raises(ValueError, match="unknown roles"):
        require_role("superuser")
    with pytest.raises(ValueError):
        require_role()


def test_forbidden_is_the_apps_error_page_or_problem_json(app):
    client = people_client(app, "expert")
    page = client.get("/admin/users", headers={"Accept": "text/html"})
    assert page.status_code == 403 and page.mimetype == "text/html"
    text = page.get_data(as_text=True)
    assert "Error 403" in text and "for administrators only" in text and "erik (expert)" in text
    problem = client.get("/admin/users", headers={"Accept": "application/json"})
    assert problem.status_code == 403 and problem.mimetype == "application/problem+json"
    assert problem.get_json()["status"] == 403


def test_refusals_are_logged_as_auth_failures(app, caplog):
    client = people_client(app, "expert")
    with caplog.at_level(logging.WARNING, logger="lawgraph.auth"):
        client.get("/admin/users")
    event = next(r for r in caplog.records if getattr(r, "event", None) == "auth-failure")
    assert event.user == "erik" and event.path == "/admin/users" and "admin" in event.reason


# --- one's own account -------------------------------------------------------------------
def test_changing_ones_password(app):
    client = people_client(app, "official")
    elsewhere = people_client(app, "official")
    token = csrf_token_of(client, "/account")
    wrong = client.post(
        "/account/password",
        data={"csrf_token": token, "current": "nope", "password": "x" * 20, "confirm": "x" * 20},
    )
    assert wrong.status_code == 400 and "current password is wrong" in wrong.get_data(as_text=True)
    differ = client.post(
        "/account/password",
        data={"csrf_token": token, "current": PASSWORD, "password": "x" * 20, "confirm": "y" * 20},
    )
    assert differ.status_code == 400
    short = client.post(
        "/account/password",
        data={"csrf_token": token, "current": PASSWORD, "password": "short", "confirm": "short"},
    )
    assert short.status_code == 400 and "at least 12" in short.get_data(as_text=True)
    done = client.post(
        "/account/password",
        data={
            "csrf_token": token,
            "current": PASSWORD,
            "password": "a brand new passphrase",
            "confirm": "a brand new passphrase",
        },
    )
    assert done.status_code == 303
    assert "password was changed" in client.get("/account").get_data(as_text=True)
    assert elsewhere.get("/account").status_code == 302  # the other session ended
    assert log_in(app.test_client(), "olga", "a brand new passphrase").status_code == 303


# --- administration ----------------------------------------------------------------------
def _admin_post(client, url, **form):
    return client.post(url, data={"csrf_token": csrf_token_of(client, "/account"), **form})


def test_admin_creates_changes_and_removes_accounts(app):
    admin = people_client(app, "admin")
    made = _admin_post(
        admin,
        "/admin/users",
        username="Nina",
        name="Nina N",
        role="expert",
        country="AT",
        password=PASSWORD,
    )
    assert made.status_code == 303 and made.headers["Location"] == "/admin/users/nina"
    assert "Account nina created" in admin.get("/admin/users/nina").get_data(as_text=True)
    nina = people_client(app, None)
    assert log_in(nina, "nina").status_code == 303
    changed = _admin_post(
        admin, "/admin/users/nina", name="Nina Neu", role="reviewer", country="AT", active="on"
    )
    assert changed.status_code == 303
    assert _users(app).get("nina") == User(
        _users(app).get("nina").id, "nina", "Nina Neu", "reviewer", "AT", True
    )
    assert nina.get("/account").status_code == 302  # the role changed: log in again
    assert (
        _admin_post(
            admin,
            "/admin/users/nina/password",
            password="another passphrase",
            confirm="another passphrase",
        ).status_code
        == 303
    )
    assert _users(app).verify("nina", "another passphrase") is not None
    assert _admin_post(admin, "/admin/users/nina/remove").status_code == 303
    assert _users(app).get("nina") is None
    assert admin.get("/admin/users/nina").status_code == 404


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"username": "x", "role": "official", "password": PASSWORD}, "not a username"),
        ({"username": "nina", "role": "expert", "password": PASSWORD}, "needs a country"),
        ({"username": "nina", "role": "boss", "password": PASSWORD}, "unknown role"),
        ({"username": "nina", "role": "official", "password": "short"}, "at least 12"),
        ({"username": "olga", "role": "official", "password": PASSWORD}, "is taken"),
    ],
)
def test_admin_form_errors_say_what_is_wrong(app, form, message):
    admin = people_client(app, "admin")
    answer = _admin_post(admin, "/admin/users", **form)
    assert answer.status_code == 400 and message in answer.get_data(as_text=True)


@pytest.mark.parametrize(
    ("url", "form"),
    [
        ("/admin/users/adam", {"role": "official", "active": "on"}),
        ("/admin/users/adam", {"role": "admin"}),
        ("/admin/users/adam/remove", {}),
    ],
    ids=["demote", "deactivate", "remove"],
)
def test_admins_cannot_lock_themselves_out(app, url, form):
    admin = people_client(app, "admin")
    answer = _admin_post(admin, url, **form)
    assert answer.status_code == 400 and "own account" in answer.get_data(as_text=True)
    assert _users(app).get("adam") == User(
        _users(app).get("adam").id, "adam", "Adam Admin", "admin", None, True
    )


def test_the_account_list_as_json_holds_no_secrets(app):
    admin = people_client(app, "admin")
    data = admin.get("/admin/users?format=json").get_json()
    assert data["count"] == 5
    assert {u["username"] for u in data["users"]} == {p[0] for p in PEOPLE.values()}
    assert "hash" not in json.dumps(data) and "scrypt" not in json.dumps(data)


@pytest.mark.parametrize(
    ("role", "url"),
    [
        (None, "/login"),
        ("official", "/account"),
        ("admin", "/admin/users"),
        ("admin", "/admin/users/erik"),
    ],
)
def test_account_pages_are_accessible(app, role, url):
    page = _Page()
    page.feed(people_client(app, role).get(url).get_data(as_text=True))
    assert page.lang == "en" and page.skip and page.h1 == 1
    assert not page.th_without_scope
    for control in page.controls:
        assert (
            control.get("id") in page.labels_for or control["_wrapped"] or control.get("aria-label")
        ), control


def test_behind_a_trusted_proxy_the_limit_counts_per_client(
    fixture_store_path, accounts_template, tmp_path
):
    app = support.make_auth_app(
        fixture_store_path, tmp_path, accounts_template, TRUSTED_PROXIES=1, LOGIN_MAX_FAILURES=2
    )
    one, two = app.test_client(), app.test_client()
    one.environ_base["HTTP_X_FORWARDED_FOR"] = "198.51.100.7"
    two.environ_base["HTTP_X_FORWARDED_FOR"] = "203.0.113.9"
    log_in(one, "olga", "wrong wrong wrong")
    log_in(one, "olga", "wrong wrong wrong")
    assert log_in(one, "olga").status_code == 429
    assert log_in(two, "olga").status_code == 303  # same proxy, another client
    close_app(app)
