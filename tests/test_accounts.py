"""Accounts (``lawgraph.accounts``) and the ``lawgraph users`` commands: roles, countries,
password hashing, unique usernames, idempotent migrations, the login throttle."""

from __future__ import annotations

import sqlite3
import stat

import pytest
from click.testing import CliRunner

from lawgraph.accounts import (
    ROLES,
    SCHEMA_VERSION,
    AccountError,
    AccountStore,
    LoginThrottle,
    User,
    check_password,
    normalise_username,
)
from lawgraph.cli import main

PASSWORD = "correct horse battery staple"


@pytest.fixture
def accounts(tmp_path) -> AccountStore:
    return AccountStore(tmp_path / "var" / "accounts.sqlite")


# --- the library -------------------------------------------------------------------------
def test_create_and_verify(accounts):
    user = accounts.create("Anna", PASSWORD, role="expert", country="de", name=" Anna  Berg ")
    assert user == User(user.id, "anna", "Anna Berg", "expert", "DE", True)
    assert accounts.verify("ANNA", PASSWORD) == user
    assert accounts.verify("anna", PASSWORD + "!") is None
    assert accounts.verify("nobody", PASSWORD) is None
    assert accounts.users() == [user]


def test_passwords_are_hashed_with_scrypt_never_kept_in_clear(accounts):
    accounts.create("anna", PASSWORD, role="official")
    accounts.set_password("anna", "another long passphrase")
    raw = accounts.path.read_bytes()
    assert PASSWORD.encode() not in raw and b"another long passphrase" not in raw
    with sqlite3.connect(accounts.path) as db:
        (digest,) = db.execute("SELECT password_hash FROM users").fetchone()
    assert digest.startswith("scrypt:")
    assert stat.S_IMODE(accounts.path.stat().st_mode) == 0o600


def test_same_password_gives_different_hashes(accounts):
    accounts.create("anna", PASSWORD, role="official")
    accounts.create("bert", PASSWORD, role="official")
    with sqlite3.connect(accounts.path) as db:
        digests = [row[0] for row in db.execute("SELECT password_hash FROM users")]
    assert len(set(digests)) == 2  # salted


@pytest.mark.parametrize(
    ("call", "field", "message"),
    [
        (lambda a: a.create("anna", PASSWORD, role="boss"), "role", "unknown role"),
        (lambda a: a.create("anna", PASSWORD, role="expert"), "country", "needs a country"),
        (
            lambda a: a.create("anna", PASSWORD, role="expert", country="XX"),
            "country",
            "unknown country",
        ),
        (lambda a: a.create("anna", "short", role="official"), "password", "at least 12"),
        (lambda a: a.create("anna", "x" * 257, role="official"), "password", "at most 256"),
        (
            lambda a: a.create("annabelle123", "Annabelle123", role="official"),
            "password",
            "not be the username",
        ),
        (lambda a: a.create("a", PASSWORD, role="official"), "username", "not a username"),
        (lambda a: a.create("anna smith", PASSWORD, role="official"), "username", "not a username"),
        (lambda a: a.create("<script>", PASSWORD, role="official"), "username", "not a username"),
        (lambda a: a.set_role("ghost", "admin"), "username", "no account"),
        (lambda a: a.remove("ghost"), "username", "no account"),
    ],
    ids=[
        "unknown-role",
        "expert-without-country",
        "unknown-country",
        "short-password",
        "long-password",
        "password-is-username",
        "short-username",
        "space-in-username",
        "markup-username",
        "set-role-unknown",
        "remove-unknown",
    ],
)
def test_refusals_name_the_field(accounts, call, field, message):
    with pytest.raises(AccountError, match=message) as caught:
        call(accounts)
    assert caught.value.field == field


def test_usernames_are_unique_whatever_the_case(accounts):
    accounts.create("anna", PASSWORD, role="official")
    with pytest.raises(AccountError, match="taken"):
        accounts.create("ANNA", PASSWORD, role="editor")


def test_role_country_state_and_session_stamp(accounts):
    user = accounts.create("anna", PASSWORD, role="expert", country="AT")
    stamp = accounts.session_stamp(user.id)
    assert accounts.set_name("anna", "Anna B.").name == "Anna B."
    assert accounts.session_stamp(user.id) == stamp  # a new name keeps sessions
    assert accounts.set_role("anna", "reviewer").role == "reviewer"
    assert accounts.set_country("anna", "EL").country == "EL"
    assert accounts.set_country("anna", None).country is None
    with pytest.raises(AccountError, match="needs a country"):
        accounts.set_role("anna", "expert")
    assert accounts.set_role("anna", "expert", country="GR").country == "EL"
    assert accounts.set_active("anna", False).active is False
    assert accounts.session_stamp(user.id) == stamp + 5  # every other change ends sessions
    assert accounts.remove("anna").username == "anna"
    assert accounts.get("anna") is None and accounts.session_stamp(user.id) is None


def test_an_update_is_checked_whole_before_anything_is_written(accounts):
    user = accounts.create("anna", PASSWORD, role="official", name="Anna")
    with pytest.raises(AccountError, match="needs a country"):
        accounts.update("anna", name="Anna Berg", role="expert", active=False)
    assert accounts.get("anna") == user
    assert accounts.update("anna", name="Anna") == user  # nothing changed, nothing written
    changed = accounts.update("anna", name="Anna Berg", role="expert", country="AT")
    assert (changed.name, changed.role, changed.country) == ("Anna Berg", "expert", "AT")
    assert accounts.session_stamp(user.id) == 2  # one change, one new stamp


def test_reading_never_creates_the_database(accounts):
    assert accounts.users() == [] and accounts.get("anna") is None
    assert accounts.verify("anna", PASSWORD) is None
    assert not accounts.path.exists()


def test_migrations_are_idempotent_and_upgrade_an_old_database(tmp_path):
    path = tmp_path / "accounts.sqlite"
    with sqlite3.connect(path) as db:  # a database as version 1 of the schema left it
        db.execute("""CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT,
            username TEXT NOT NULL UNIQUE, name TEXT NOT NULL DEFAULT '', role TEXT NOT NULL,
            country TEXT, active INTEGER NOT NULL DEFAULT 1, password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""")
        db.execute("PRAGMA user_version = 1")
    first = AccountStore(path)
    first.create("anna", PASSWORD, role="official")
    again = AccountStore(path)
    assert again.users()[0].username == "anna"
    assert again.session_stamp(again.users()[0].id) == 1
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        columns = [row[1] for row in db.execute("PRAGMA table_info(users)")]
    assert columns.count("auth_version") == 1


def test_not_an_accounts_database(tmp_path):
    path = tmp_path / "accounts.sqlite"
    path.write_text("not sqlite at all " * 100)
    with pytest.raises(AccountError, match="not an accounts database"):
        AccountStore(path).users()


@pytest.mark.parametrize(
    ("given", "expected"),
    [("Anna", "anna"), (" anna.berg@ec.europa.eu ", "anna.berg@ec.europa.eu"), ("a-b_c", "a-b_c")],
)
def test_normalise_username(given, expected):
    assert normalise_username(given) == expected


def test_check_password():
    assert check_password("x" * 12) == "x" * 12


# --- the login throttle ------------------------------------------------------------------
class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_throttle_counts_failures_per_username_and_address(tmp_path):
    clock = Clock()
    throttle = LoginThrottle(tmp_path / "a.sqlite", limit=5, window=600, clock=clock)
    for _ in range(4):
        throttle.failed("anna", "10.0.0.1")
        clock.now += 10
    assert throttle.retry_after("anna", "10.0.0.1") == 0
    throttle.failed("Anna", "10.0.0.1")
    wait = throttle.retry_after("anna", "10.0.0.1")
    assert 550 < wait <= 601  # until the first failure is ten minutes old
    assert throttle.retry_after("anna", "10.0.0.2") == 0  # another address
    assert throttle.retry_after("bert", "10.0.0.1") == 0  # another username
    clock.now += wait
    assert throttle.retry_after("anna", "10.0.0.1") == 0
    throttle.succeeded("anna", "10.0.0.1")


def test_throttle_counts_failures_per_address(tmp_path):
    clock = Clock()
    throttle = LoginThrottle(tmp_path / "a.sqlite", limit=5, address_limit=8, clock=clock)
    for n in range(8):
        throttle.failed(f"user{n}", "10.0.0.9")
    assert throttle.retry_after("someone-else", "10.0.0.9") > 0
    assert throttle.retry_after("someone-else", "10.0.0.8") == 0


def test_success_clears_the_failures(tmp_path):
    throttle = LoginThrottle(tmp_path / "a.sqlite", limit=2)
    throttle.failed("anna", "::1")
    throttle.succeeded("anna", "::1")
    throttle.failed("anna", "::1")
    assert throttle.retry_after("anna", "::1") == 0


# --- the command line --------------------------------------------------------------------
def _cli(db, *args, password: str | None = PASSWORD):
    runner = CliRunner()
    stdin = None if password is None else password + "\n"
    return runner.invoke(main, ["users", *args, "--accounts", str(db)], input=stdin)


CLI_CASES = [
    # (arguments, password on stdin, exit code, text in the output)
    (
        [
            "add",
            "erik",
            "--role",
            "expert",
            "--country",
            "de",
            "--name",
            "Erik E",
            "--password-stdin",
        ],
        PASSWORD,
        0,
        "account erik created (expert for DE)",
    ),
    (["add", "erik", "--role", "official", "--password-stdin"], PASSWORD, 1, "is taken"),
    (["add", "nina", "--role", "expert", "--password-stdin"], PASSWORD, 2, "needs --country"),
    (["add", "nina", "--role", "boss", "--password-stdin"], PASSWORD, 2, "Invalid value"),
    (["add", "nina", "--role", "official", "--password-stdin"], "short", 1, "at least 12"),
    (["add", "nina", "--role", "official", "--password-stdin"], "", 1, "at least 12"),
    (["add", "olga", "--role", "official", "--password-stdin"], PASSWORD, 0, "created (official)"),
    (["list"], None, 0, "erik      Erik E  expert    DE       yes"),
    (["list", "--format", "json"], None, 0, '"username": "olga"'),
    (["set-role", "olga", "editor"], None, 0, "olga is now editor"),
    (["set-role", "olga", "expert"], None, 1, "needs a country"),
    (["set-role", "olga", "reviewer", "--country", "FR"], None, 0, "olga is now reviewer (FR)"),
    (["set-country", "olga", "-"], None, 0, "olga country none"),
    (["set-country", "erik", "XX"], None, 1, "unknown country"),
    (
        ["set-password", "olga", "--password-stdin"],
        "a brand new passphrase",
        0,
        "new password set for olga",
    ),
    (["set-password", "ghost", "--password-stdin"], PASSWORD, 1, "no account 'ghost'"),
    (["remove", "olga", "--yes"], None, 0, "account olga removed"),
    (["remove", "olga", "--yes"], None, 1, "no account"),
    (["remove", "erik"], "n", 1, "Aborted"),
]


def test_cli_users_commands_in_turn(tmp_path):
    db = tmp_path / "accounts.sqlite"
    for args, password, code, text in CLI_CASES:
        result = _cli(db, *args, password=password)
        assert result.exit_code == code, (args, result.output)
        assert text in result.output, (args, result.output)
    store = AccountStore(db)
    assert [u.username for u in store.users()] == ["erik"]
    assert store.verify("erik", PASSWORD) is not None


def test_cli_password_stdin_needs_a_line(tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "users",
            "add",
            "nina",
            "--role",
            "official",
            "--password-stdin",
            "--accounts",
            str(tmp_path / "a.sqlite"),
        ],
        input="",
    )
    assert result.exit_code == 2 and "standard input is empty" in result.output


def test_cli_set_password_changes_the_password(tmp_path):
    db = tmp_path / "accounts.sqlite"
    _cli(db, "add", "olga", "--role", "official", "--password-stdin")
    assert (
        _cli(
            db, "set-password", "olga", "--password-stdin", password="a brand new passphrase"
        ).exit_code
        == 0
    )
    store = AccountStore(db)
    assert store.verify("olga", "a brand new passphrase") is not None
    assert store.verify("olga", PASSWORD) is None


def test_cli_prompts_for_the_password_twice(tmp_path):
    db = tmp_path / "accounts.sqlite"
    runner = CliRunner()
    result = runner.invoke(
        main,
        ["users", "add", "olga", "--role", "official", "--accounts", str(db)],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output  # hidden input is not echoed
    assert AccountStore(db).verify("olga", PASSWORD) is not None


def test_cli_uses_the_accounts_setting(tmp_path, monkeypatch):
    db = tmp_path / "elsewhere.sqlite"
    monkeypatch.setenv("LAWGRAPH_ACCOUNTS", str(db))
    result = CliRunner().invoke(
        main,
        ["users", "add", "olga", "--role", "official", "--password-stdin"],
        input=PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.output
    assert AccountStore(db).get("olga") is not None


def test_every_role_can_be_given():
    assert ROLES == ("official", "expert", "reviewer", "editor", "admin")
